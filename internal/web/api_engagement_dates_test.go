package web

import (
	"net/http"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// TestAnEngagementHasAStartAndAPlannedEnd: the dates are taken on create and on change, a
// planned end is left empty when only a start is given, every change is in the audit trail,
// and a start may move back but not past a coaching session already held.
func TestAnEngagementHasAStartAndAPlannedEnd(t *testing.T) {
	env := newEnv(t)
	rec := env.api("POST", "/api/v1/engagements", map[string]any{
		"leader": map[string]string{"name": "Alex Morgan", "email": "alex@example.com"}, "instrument": "leadership-360",
		"starts_on": "2020-03-01",
	})
	expectStatus(t, rec, http.StatusCreated)
	raw := decode[map[string]any](t, rec)
	if raw["starts_on"] != "2020-03-01" || raw["planned_end_on"] != nil {
		t.Errorf("created with a start in the past: starts_on %v, planned_end_on %v", raw["starts_on"], raw["planned_end_on"])
	}
	id := raw["id"].(string)

	rec = env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"planned_end_on": "2020-07-31"})
	expectStatus(t, rec, http.StatusOK)
	if got := decode[threesixty.Engagement](t, rec); got.StartsOn.String() != "2020-03-01" || got.PlannedEndOn.String() != "2020-07-31" {
		t.Errorf("after the change: %v to %v", got.StartsOn, got.PlannedEndOn)
	}
	env.createCoachingSession(id, "2020-04-02", 60, "")
	rec = env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"starts_on": "2020-04-03"})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if got := decode[apiError](t, rec); len(got.Errors) != 1 || got.Errors[0].Field != "starts_on" || !strings.Contains(got.Errors[0].Message, "2020-04-02") {
		t.Errorf("a start after a session: %+v", got)
	}
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"starts_on": "2020-04-02"}), http.StatusOK)
	// Cleared: no planned end, then no start.
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"planned_end_on": ""}), http.StatusOK)
	rec = env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"starts_on": ""})
	expectStatus(t, rec, http.StatusOK)
	if got := decode[map[string]any](t, rec); got["starts_on"] != nil || got["planned_end_on"] != nil {
		t.Errorf("cleared: %v to %v", got["starts_on"], got["planned_end_on"])
	}

	rec = env.api("GET", "/api/v1/engagements/"+id+"/audit-trail", nil)
	expectStatus(t, rec, http.StatusOK)
	var changes []string
	for _, entry := range decode[map[string][]threesixty.AuditEntry](t, rec)["audit_trail"] {
		if entry.Action == threesixty.AuditSettingsChanged {
			before, after := entry.Detail["before"].(map[string]any), entry.Detail["after"].(map[string]any)
			changes = append(changes, strings.Join([]string{str(before["starts_on"]), str(before["planned_end_on"]), str(after["starts_on"]), str(after["planned_end_on"])}, " "))
		}
	}
	want := []string{
		"2020-03-01 - 2020-03-01 2020-07-31",
		"2020-03-01 2020-07-31 2020-04-02 2020-07-31",
		"2020-04-02 2020-07-31 2020-04-02 -",
		"2020-04-02 - - -",
	}
	if strings.Join(changes, "; ") != strings.Join(want, "; ") {
		t.Errorf("the audit trail's date changes:\n got  %v\n want %v", changes, want)
	}
}

func str(v any) string {
	if v == nil {
		return "-"
	}
	return v.(string)
}

// TestEngagementDatesAreRefusedByName: a date that is not one, a planned end without a start,
// before it or more than 24 months after it is refused with 422 naming the field, on create
// and on change.
func TestEngagementDatesAreRefusedByName(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	for _, c := range []struct {
		name, starts, ends, field string
	}{
		{"a day the month lacks", "2027-02-29", "", "starts_on"},
		{"a day written otherwise", "1 March 2027", "", "starts_on"},
		{"a planned end that is no day", "2027-03-01", "2027-13-01", "planned_end_on"},
		{"a planned end without a start", "", "2027-07-31", "planned_end_on"},
		{"a planned end on the start", "2027-03-01", "2027-03-01", "planned_end_on"},
		{"a planned end before the start", "2027-03-01", "2027-02-28", "planned_end_on"},
		{"24 months and a day", "2027-03-01", "2029-03-01", "planned_end_on"},
	} {
		body := map[string]any{
			"leader": map[string]string{"name": "Alex Morgan", "email": "alex@example.com"}, "instrument": "leadership-360",
			"starts_on": c.starts, "planned_end_on": c.ends,
		}
		rec := env.api("POST", "/api/v1/engagements", body)
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s, on create: %d %s", c.name, rec.Code, rec.Body.String())
		} else if got := decode[apiError](t, rec); len(got.Errors) != 1 || got.Errors[0].Field != c.field {
			t.Errorf("%s, on create: %+v, want an error on %s", c.name, got.Errors, c.field)
		}
		rec = env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"starts_on": c.starts, "planned_end_on": c.ends})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("%s, on change: %d %s", c.name, rec.Code, rec.Body.String())
		} else if got := decode[apiError](t, rec); len(got.Errors) != 1 || got.Errors[0].Field != c.field {
			t.Errorf("%s, on change: %+v, want an error on %s", c.name, got.Errors, c.field)
		}
	}
	// The longest span allowed: 24 months to the day before.
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"starts_on": "2027-03-01", "planned_end_on": "2029-02-28"}), http.StatusOK)
	if n := env.count("SELECT count(*) FROM engagements"); n != 1 {
		t.Errorf("%d engagements stored", n)
	}
}
