-- The sponsor summary: a narrowest scope of consent, progress_by_theme (the competencies the
-- leader's goals work on and whether each improved, held steady or declined, without the goals'
-- wording), beside the two 00009 made; and the access log records each sponsor summary handed
-- out.

-- +goose Up
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check
    CHECK (action IN ('results_viewed', 'report_downloaded', 'export_downloaded', 'sponsor_summary_downloaded'));
ALTER TABLE sponsor_consents DROP CONSTRAINT sponsor_consents_scope_check;
ALTER TABLE sponsor_consents ADD CONSTRAINT sponsor_consents_scope_check
    CHECK (scope IN ('progress_by_theme', 'goals_and_progress', 'themes_and_progress'));

-- +goose Down
ALTER TABLE access_log DROP CONSTRAINT access_log_action_check;
ALTER TABLE access_log ADD CONSTRAINT access_log_action_check
    CHECK (action IN ('results_viewed', 'report_downloaded', 'export_downloaded'));
-- A leader's consent history is never rewritten: once a leader has used the new scope, the
-- constraint cannot go back, and going down fails here rather than lose what they agreed to.
ALTER TABLE sponsor_consents DROP CONSTRAINT sponsor_consents_scope_check;
ALTER TABLE sponsor_consents ADD CONSTRAINT sponsor_consents_scope_check
    CHECK (scope IN ('goals_and_progress', 'themes_and_progress'));
