package web

import (
	"net/http"
	"testing"

	"threesixty/internal/threesixty"
)

// TestOnlyAnAdminDeletesAnEngagement: the coach who runs an engagement is told they may not
// delete it (403), another coach does not see it (404), and an admin deletes it (204), after
// which it is not found by anyone.
func TestOnlyAnAdminDeletesAnEngagement(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	env.openRound(engagement)
	path := "/api/v1/engagements/" + engagement

	expectStatus(t, env.api("DELETE", path, nil), http.StatusForbidden)
	_, other := env.account("other@coaching.example.net", "Other Coach", threesixty.RoleCoach)
	expectStatus(t, env.do("DELETE", path, "", "", "Authorization", "Bearer "+other), http.StatusNotFound)
	expectStatus(t, env.api("GET", path, nil), http.StatusOK)

	_, admin := env.account("admin@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	expectStatus(t, env.do("DELETE", path, "", "", "Authorization", "Bearer "+admin), http.StatusNoContent)
	expectStatus(t, env.api("GET", path, nil), http.StatusNotFound)
	expectStatus(t, env.do("DELETE", path, "", "", "Authorization", "Bearer "+admin), http.StatusNotFound)
}
