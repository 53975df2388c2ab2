package web

import (
	"fmt"
	"strings"
)

// settingsChanges says what a settings_changed entry of the audit trail changed, from its
// "before" and "after", one phrase per setting that differs: "threshold from 3 to 4". The
// engagement's page and the admins' audit log say it alike.
func settingsChanges(detail map[string]any) []string {
	before, _ := detail["before"].(map[string]any)
	after, _ := detail["after"].(map[string]any)
	if before == nil || after == nil {
		return nil
	}
	ab, _ := before["anonymity"].(map[string]any)
	aa, _ := after["anonymity"].(map[string]any)
	var changes []string
	for _, s := range []struct {
		what     string
		from, to any
	}{
		{"threshold", ab["threshold"], aa["threshold"]},
		{"superiors identifiable", ab["superior_identifiable"], aa["superior_identifiable"]},
		{"email domains", before["rater_domains"], after["rater_domains"]},
		{"time zone", before["time_zone"], after["time_zone"]},
		{"the leader may propose raters", before["nomination_allowed"], after["nomination_allowed"]},
		{"start", before["starts_on"], after["starts_on"]},
		{"planned end", before["planned_end_on"], after["planned_end_on"]},
	} {
		if f, t := settingWords(s.from), settingWords(s.to); f != t {
			changes = append(changes, fmt.Sprintf("%s from %s to %s", s.what, f, t))
		}
	}
	return changes
}

// settingWords is one setting's value as the pages say it.
func settingWords(v any) string {
	switch v := v.(type) {
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case []any:
		if len(v) == 0 {
			return "none"
		}
		words := make([]string, len(v))
		for i, x := range v {
			words[i] = fmt.Sprint(x)
		}
		return strings.Join(words, ", ")
	case nil:
		return "none"
	case string:
		if v == "" {
			return "UTC"
		}
		return v
	case float64:
		return fmt.Sprintf("%g", v)
	}
	return fmt.Sprint(v)
}
