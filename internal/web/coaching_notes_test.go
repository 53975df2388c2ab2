package web

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// TestCoachingSessionNotesStayWithTheCoach: a coaching session's notes are the coach's alone.
// With a released baseline shared with the leader, goals and a check-in, the notes (as written,
// and as changed) are on none of the leader's page, the results, the report, the export, the
// audit trail, the admins' audit log or any message sent; an admin reading the sessions gets
// their days and minutes without the notes. The coach reads them back.
func TestCoachingSessionNotesStayWithTheCoach(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	round, tokens := env.openRound(id)
	env.answerAll(tokens, "4")
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/share", nil), http.StatusOK)
	goal := env.createGoal(id, "Delegate decisions")
	expectStatus(t, env.api("POST", "/api/v1/goals/"+goal.ID+"/checkins", map[string]any{"note": "Handed over the budget", "status": "on_track"}), http.StatusCreated)

	const written, changed = "Zanzibar worries about the merger", "Quixotic plan for the board"
	s := env.createCoachingSession(id, daysAgo(2), 75, written)
	rec := env.api("PATCH", "/api/v1/sessions/"+s.ID, map[string]any{"notes": changed + ", and " + written})
	expectStatus(t, rec, http.StatusOK)
	env.createCoachingSession(id, daysAgo(1), 50, "Quixotic second thoughts")
	secrets := []string{"Zanzibar", "Quixotic"}
	if got := decode[coachingSessionJSON](t, env.api("GET", "/api/v1/sessions/"+s.ID, nil)); !strings.Contains(got.Notes, "Zanzibar") {
		t.Fatalf("the coach reads %+v", got)
	}

	places := map[string]string{}
	places["the leader's page"] = env.leaderPage(env.leaderLink(id))
	rec = env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil)
	expectStatus(t, rec, http.StatusOK)
	places["the results"] = rec.Body.String()
	rec = env.api("GET", "/api/v1/rounds/"+round.ID+"/report.pdf", nil)
	expectStatus(t, rec, http.StatusOK)
	places["the report"], _ = pdfText(t, rec.Body.Bytes())
	if !strings.Contains(places["the report"], "Delegate decisions") {
		t.Fatal("the report does not show the goals: it is not the report this test means to read")
	}
	rec = env.api("GET", "/api/v1/engagements/"+id+"/export", nil)
	expectStatus(t, rec, http.StatusOK)
	places["the export"] = zipText(t, rec.Body.Bytes())
	rec = env.api("GET", "/api/v1/engagements/"+id+"/audit-trail", nil)
	expectStatus(t, rec, http.StatusOK)
	places["the audit trail"] = rec.Body.String()
	if !strings.Contains(places["the audit trail"], "coaching_session_changed") {
		t.Fatal("the audit trail does not tell of the sessions: it is not the trail this test means to read")
	}
	for _, m := range env.drainMail() {
		places["a message to "+m.Recipient] = m.Subject + m.Text + m.HTML
	}

	admin, adminBrowser := env.coachWithPassword("admin@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"starts_on": daysAgo(30)}), http.StatusOK)
	for _, path := range []string{"/admin/audit-log", "/admin/audit-log?engagement=" + id, "/engagements/" + id} {
		rec := adminBrowser.get(path)
		expectStatus(t, rec, http.StatusOK)
		places["the admin's "+path] = rec.Body.String()
	}
	list, err := env.store.CoachingSessions(t.Context(), admin, id)
	if err != nil || len(list) != 2 || list[0].Minutes != 75 || list[0].HeldOn.String() != daysAgo(2) {
		t.Fatalf("the admin's list: %+v, %v", list, err)
	}
	for _, s := range list {
		places["the admin's list"] += s.Notes
	}
	leaderList, err := env.store.CoachingSessions(t.Context(), threesixty.LeaderActor(id), id)
	if err != nil || len(leaderList) != 2 {
		t.Fatalf("the leader's list: %+v, %v", leaderList, err)
	}
	for _, s := range leaderList {
		places["the leader's list"] += s.Notes
	}

	for place, text := range places {
		for _, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s holds the coach's notes (%q)", place, secret)
			}
		}
	}
}

// zipText is every file of a zip, PDFs as pdftotext reads them, as one text.
func zipText(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f.Name, ".pdf") {
			text, _ := pdfText(t, content)
			content = []byte(text)
		}
		all.Write(content)
	}
	return all.String()
}
