package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// TestTheCoachRecordsCoachingSessionsOnTheEngagementPage: the engagement page counts the
// sessions and their time, lists them with their notes for the coach, records one from its
// form (every problem beside its input), and each session is edited on a page of its own and
// deleted after a question.
func TestTheCoachRecordsCoachingSessionsOnTheEngagementPage(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	b := env.ownerBrowser()
	page := "/engagements/" + id
	expectPage(t, b.get(page), http.StatusOK, "Coaching sessions", "No coaching session recorded yet", "Record a coaching session")

	rec := b.submit(page+"/coaching-sessions", url.Values{"held_on": {"2027-02-30"}, "minutes": {"60"}})
	expectPage(t, rec, http.StatusUnprocessableEntity, "The coaching session was not recorded", `href="#held_on"`, "is not a date")
	rec = b.submit(page+"/coaching-sessions", url.Values{"held_on": {daysAgo(-3)}, "minutes": {"an hour"}, "notes": {"Kept as typed"}})
	expectPage(t, rec, http.StatusUnprocessableEntity, `href="#held_on"`, "in the future", `href="#minutes"`, "from 1 to 480", "Kept as typed")

	b.followed(t, page+"/coaching-sessions", url.Values{"held_on": {daysAgo(8)}, "minutes": {"60"}, "notes": {"Opened with the baseline."}})
	b.followed(t, page+"/coaching-sessions", url.Values{"held_on": {daysAgo(1)}, "minutes": {"90"}})
	body := expectPage(t, b.get(page), http.StatusOK, "2 sessions, 2 hours 30 minutes in all", "Opened with the baseline.", "1 hour 30 minutes")
	list := env.listCoachingSessions(id)
	if len(list) != 2 || !strings.Contains(body, list[0].ID+"/edit") || !strings.Contains(body, list[1].ID+"/delete") {
		t.Fatalf("listed %+v", list)
	}
	first := list[0]

	edit := page + "/coaching-sessions/" + first.ID + "/edit"
	expectPage(t, b.get(edit), http.StatusOK, "Edit the coaching session", `value="`+first.HeldOn+`"`, "Opened with the baseline.")
	rec = b.submit(edit, url.Values{"held_on": {first.HeldOn}, "minutes": {"481"}, "notes": {"Still typed"}})
	expectPage(t, rec, http.StatusUnprocessableEntity, `href="#minutes"`, "Still typed")
	b.followed(t, edit, url.Values{"held_on": {first.HeldOn}, "minutes": {"45"}, "notes": {"Opened with the baseline report."}})
	if got := env.listCoachingSessions(id)[0]; got.Minutes != 45 || got.Notes != "Opened with the baseline report." {
		t.Errorf("edited to %+v", got)
	}

	// A session is found only under its own engagement.
	other := env.engagement(3, false)
	for _, path := range []string{"/engagements/" + other + "/coaching-sessions/" + first.ID + "/edit", "/engagements/" + other + "/coaching-sessions/" + first.ID + "/delete"} {
		expectStatus(t, b.get(path), http.StatusNotFound)
		expectStatus(t, b.submit(path, url.Values{"held_on": {first.HeldOn}, "minutes": {"30"}}), http.StatusNotFound)
	}

	remove := page + "/coaching-sessions/" + first.ID + "/delete"
	expectPage(t, b.get(remove), http.StatusOK, "Delete this coaching session?", "45 minutes", "cannot be undone", "Keep it")
	if len(env.listCoachingSessions(id)) != 2 {
		t.Fatal("asking deleted the session")
	}
	expectPage(t, b.get(location(b.submit(remove, nil))), http.StatusOK, "is deleted", "1 session, 1 hour 30 minutes in all")
	if list := env.listCoachingSessions(id); len(list) != 1 || list[0].ID == first.ID {
		t.Errorf("after the delete: %+v", list)
	}
}

// TestTheEngagementPageSaysItsDates: the dates are set on the new engagement's form and on the
// engagement's page, a day that is not one is named beside its input, and the page says how
// long the engagement runs.
func TestTheEngagementPageSaysItsDates(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	b.get("/engagements/new")
	form := newEngagementForm()
	form.Set("starts_on", "2027-03-01")
	form.Set("planned_end_on", "2027-02-01")
	expectPage(t, b.submit("/engagements", form), http.StatusUnprocessableEntity, `href="#planned_end_on"`, "must be after the start")
	form.Set("planned_end_on", "2027-07-31")
	rec := b.submit("/engagements", form)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("creating: %d %s", rec.Code, rec.Body.String())
	}
	page := location(rec)
	expectPage(t, b.get(page), http.StatusOK, "5 months, 1 March to 31 July 2027", `value="2027-03-01"`, `value="2027-07-31"`)

	expectPage(t, b.submit(page+"/dates", url.Values{"starts_on": {"2027-03-01"}, "planned_end_on": {"31/08/2027"}}),
		http.StatusUnprocessableEntity, "The dates were not saved", `href="#planned_end_on"`, "is not a date")
	b.followed(t, page+"/dates", url.Values{"starts_on": {"2026-11-01"}, "planned_end_on": {"2027-04-10"}})
	expectPage(t, b.get(page), http.StatusOK, "about 5 months, 1 November 2026 to 10 April 2027", "planned end from 2027-07-31 to 2027-04-10")
	b.followed(t, page+"/dates", url.Values{"starts_on": {"2026-11-01"}, "planned_end_on": {""}})
	expectPage(t, b.get(page), http.StatusOK, "Starts 1 November 2026; no planned end yet")
}

func TestEngagementLengthsInWords(t *testing.T) {
	for _, c := range []struct{ start, end, want string }{
		{"2027-03-01", "2027-07-31", "5 months"},
		{"2027-01-31", "2027-02-27", "28 days"},
		{"2027-01-01", "2027-01-31", "1 month"},
		{"2027-03-01", "2027-07-20", "about 5 months"},
		{"2027-03-01", "2027-07-10", "about 4 months"},
		{"2027-03-01", "2029-02-28", "24 months"},
	} {
		start, _ := threesixty.ParseDate(c.start)
		end, _ := threesixty.ParseDate(c.end)
		if got := engagementLength(start, end); got != c.want {
			t.Errorf("%s to %s: %q, want %q", c.start, c.end, got, c.want)
		}
	}
}
