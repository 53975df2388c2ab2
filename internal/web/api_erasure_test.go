package web

import (
	"net/http"
	"testing"

	"threesixty/internal/threesixty"
)

// TestErasingARaterThroughTheAPI: the coach erases a rater who asked to be forgotten; the rater
// leaves the list, their link answers 404 as one that never existed, the audit trail records an
// erasure that names nobody, and doing it again changes nothing. Another coach gets 404, as for
// everything not theirs; an admin may erase in any engagement.
func TestErasingARaterThroughTheAPI(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	_, tokens := env.openRound(engagement)
	raters := decode[struct{ Raters []threesixty.Rater }](t, env.api("GET", "/api/v1/engagements/"+engagement+"/raters", nil)).Raters
	var sam, pat string
	for _, r := range raters {
		switch r.Email {
		case "sam@example.com":
			sam = r.ID
		case "pat@example.com":
			pat = r.ID
		}
	}
	erase := "/api/v1/engagements/" + engagement + "/raters/" + sam + "/erase"

	_, other := env.account("other@coaching.example.net", "Other Coach", threesixty.RoleCoach)
	expectStatus(t, env.do("POST", erase, "", "", "Authorization", "Bearer "+other), http.StatusNotFound)
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+engagement+"/raters/not-an-id/erase", nil), http.StatusNotFound)
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+engagement+"/raters/"+engagement+"/erase", nil), http.StatusNotFound)
	expectStatus(t, env.do("GET", "/s/"+tokens[threesixty.GroupSuperior][0], "", ""), http.StatusOK)

	expectStatus(t, env.api("POST", erase, nil), http.StatusNoContent)
	expectStatus(t, env.api("POST", erase, nil), http.StatusNoContent)

	expectStatus(t, env.do("GET", "/s/"+tokens[threesixty.GroupSuperior][0], "", ""), http.StatusNotFound)
	after := decode[struct{ Raters []threesixty.Rater }](t, env.api("GET", "/api/v1/engagements/"+engagement+"/raters", nil)).Raters
	if len(after) != len(raters)-1 {
		t.Errorf("%d raters listed after erasure, want %d", len(after), len(raters)-1)
	}
	for _, r := range after {
		if r.ID == sam {
			t.Errorf("the erased rater is still listed: %+v", r)
		}
	}
	trail := decode[struct {
		AuditTrail []threesixty.AuditEntry `json:"audit_trail"`
	}](t, env.api("GET", "/api/v1/engagements/"+engagement+"/audit-trail", nil)).AuditTrail
	erasures := 0
	for _, entry := range trail {
		if entry.Action == threesixty.AuditRaterErased {
			erasures++
			if entry.Rater != nil || len(entry.Detail) != 0 {
				t.Errorf("the erasure's entry names someone: %+v", entry)
			}
		}
	}
	if erasures != 1 {
		t.Errorf("%d erasures in the audit trail, want 1", erasures)
	}

	_, admin := env.account("admin@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	expectStatus(t, env.do("POST", "/api/v1/engagements/"+engagement+"/raters/"+pat+"/erase", "", "", "Authorization", "Bearer "+admin), http.StatusNoContent)
}
