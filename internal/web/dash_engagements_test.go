package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// engagementPageRequests are the page routes of dash_engagements.go, for TestEveryPageHidesWhatIsNotYours.
var engagementPageRequests = map[string]pageRequest{
	"GET /engagements":     {},
	"GET /engagements/new": {},
	"POST /engagements": {form: url.Values{"leader_name": {"Lee Other"}, "leader_email": {"lee@example.org"},
		"instrument": {"leadership-360"}, "threshold": {"3"}, "time_zone": {"UTC"}}},
	"GET /engagements/:id":           {names: true},
	"POST /engagements/:id/settings": {names: true, form: url.Values{"threshold": {"5"}, "time_zone": {"UTC"}}},
	"POST /engagements/:id/raters": {names: true, form: url.Values{"rater_name": {"Walk Rater"},
		"rater_email": {"walk@example.com"}, "rater_group": {"peer"}}},
	"POST /engagements/:id/raters/import":        {names: true, form: url.Values{"csv_text": {"name,email,group\nWalk Import,walkimport@example.com,peer\n"}}},
	"GET /engagements/:id/raters/:rater/remove":  {names: true},
	"POST /engagements/:id/raters/:rater/remove": {names: true},
	"GET /engagements/:id/raters/:rater/erase":   {names: true},
	"POST /engagements/:id/raters/:rater/erase":  {names: true},
	// The leader's side (dash_leader.go).
	"GET /engagements/:id/leader-link/rotate":               {names: true},
	"POST /engagements/:id/leader-link/rotate":              {names: true},
	"POST /engagements/:id/nomination":                      {names: true, form: url.Values{"nomination_allowed": {"off"}}},
	"GET /engagements/:id/nominations/:nomination/approve":  {names: true},
	"POST /engagements/:id/nominations/:nomination/approve": {names: true},
	"POST /engagements/:id/nominations/:nomination/reject":  {names: true},
	"GET /engagements/:id/archive":                          {names: true},
	"POST /engagements/:id/archive":                         {names: true},
	// Dates and coaching sessions (dash_timeline.go, dash_coaching_sessions.go).
	"POST /engagements/:id/dates":                                      {names: true, form: url.Values{"starts_on": {"2020-01-01"}}},
	"POST /engagements/:id/coaching-sessions":                          {names: true, form: url.Values{"held_on": {"2020-01-02"}, "minutes": {"60"}, "notes": {"Theirs"}}},
	"GET /engagements/:id/coaching-sessions/:coaching_session/edit":    {names: true},
	"POST /engagements/:id/coaching-sessions/:coaching_session/edit":   {names: true, form: url.Values{"held_on": {"2020-01-02"}, "minutes": {"30"}, "notes": {"Theirs"}}},
	"GET /engagements/:id/coaching-sessions/:coaching_session/delete":  {names: true},
	"POST /engagements/:id/coaching-sessions/:coaching_session/delete": {names: true},
}

// newEngagementForm is a complete, valid new engagement form.
func newEngagementForm() url.Values {
	return url.Values{
		"leader_name": {"Robin Leader"}, "leader_email": {"robin@client.example"},
		"sponsor_name": {"Sasha Sponsor"}, "sponsor_email": {"sasha@client.example"}, "sponsor_organisation": {"Client Ltd"},
		"instrument": {"leadership-360"}, "threshold": {"4"}, "time_zone": {"Europe/Paris"}, "rater_domains": {"Client.example, @other.example"},
	}
}

// engagementFromForm creates an engagement through the form as a signed-in coach and returns
// its id.
func engagementFromForm(t *testing.T, b *pageClient) string {
	t.Helper()
	b.get("/engagements/new")
	rec := b.submit("/engagements", newEngagementForm())
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("creating an engagement: %d %s", rec.Code, rec.Body.String())
	}
	id := strings.TrimPrefix(location(rec), "/engagements/")
	if len(id) != 36 {
		t.Fatalf("redirected to %q, want the engagement's page", location(rec))
	}
	return id
}

// fieldError is the problem shown beside an input: the element with id "<input>-error".
func fieldError(body, input string) string {
	m := regexp.MustCompile(`id="` + regexp.QuoteMeta(input) + `-error">([^<]*)<`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

func expectPage(t *testing.T, rec *httptest.ResponseRecorder, status int, contains ...string) string {
	t.Helper()
	body := html.UnescapeString(rec.Body.String())
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %s", rec.Code, status, body)
	}
	for _, want := range contains {
		if !strings.Contains(body, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
	return body
}

func TestCreatingAnEngagementThroughTheForm(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)

	body := expectPage(t, b.get("/engagements"), http.StatusOK, "No engagements yet", `href="/engagements/new"`)
	if strings.Contains(body, "<table") {
		t.Error("the empty list shows a table")
	}
	expectPage(t, b.get("/engagements/new"), http.StatusOK, "Leadership 360", "at least this many answer", `value="Europe/London"`)

	bad := newEngagementForm()
	bad.Set("leader_email", "robin-at-client")
	bad.Set("threshold", "2")
	rec := b.submit("/engagements", bad)
	body = expectPage(t, rec, http.StatusUnprocessableEntity, "The engagement was not created", `href="#leader_email"`, `href="#threshold"`)
	if got := fieldError(body, "leader_email"); !strings.Contains(got, "is not an email address") {
		t.Errorf("beside the leader's email: %q", got)
	}
	if got := fieldError(body, "threshold"); !strings.Contains(got, "from 3 to 10") {
		t.Errorf("beside the threshold: %q", got)
	}
	for _, kept := range []string{`value="robin-at-client"`, `value="Robin Leader"`, `value="2"`, `value="Client Ltd"`} {
		if !strings.Contains(rec.Body.String(), kept) {
			t.Errorf("what was typed is not kept: %s", kept)
		}
	}
	if !strings.Contains(body, `id="leader_email" name="leader_email" type="email" autocomplete="email" value="robin-at-client" aria-describedby="leader_email-error" aria-invalid="true"`) {
		t.Error("the leader's email input is not marked invalid and described by its problem")
	}
	if n := env.count("SELECT count(*) FROM engagements"); n != 0 {
		t.Fatalf("%d engagements stored from a refused form", n)
	}

	id := engagementFromForm(t, b)
	expectPage(t, b.get("/engagements/"+id), http.StatusOK, "The engagement for Robin Leader is created",
		"Sasha Sponsor", "Client Ltd", "Leadership 360", "No round yet", "client.example, other.example", `value="4"`, "Europe/Paris",
		`href="/engagements/`+id+`/rounds/new"`, `href="/engagements/`+id+`/goals"`, "Created the engagement")
	if strings.Contains(b.get("/engagements/"+id).Body.String(), "is created") {
		t.Error("the flash message shows twice")
	}
	expectPage(t, b.get("/engagements"), http.StatusOK, `href="/engagements/`+id+`"`, "Robin Leader", "No round yet", "Add raters")
}

func (env *testEnv) count(query string, args ...any) int {
	env.t.Helper()
	var n int
	if err := env.DB.QueryRow(query, args...).Scan(&n); err != nil {
		env.t.Fatal(err)
	}
	return n
}

func TestSettingsChangeUntilTheFirstRoundOpens(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)

	b.get("/engagements/" + id)
	rec := b.submit("/engagements/"+id+"/settings", url.Values{"threshold": {"11"}, "time_zone": {"Mars/Olympus"}, "rater_domains": {"client.example"}})
	body := expectPage(t, rec, http.StatusUnprocessableEntity, "The settings were not saved")
	if got := fieldError(body, "threshold"); !strings.Contains(got, "from 3 to 10") {
		t.Errorf("beside the threshold: %q", got)
	}
	if got := fieldError(body, "time_zone"); !strings.Contains(got, "not a time zone") {
		t.Errorf("beside the time zone: %q", got)
	}
	rec = b.submit("/engagements/"+id+"/settings", url.Values{"threshold": {"5"}, "superior_identifiable": {"on"}, "time_zone": {"Asia/Tokyo"}, "rater_domains": {"client.example"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("saving the settings: %d %s", rec.Code, rec.Body.String())
	}
	expectPage(t, b.get(location(rec)), http.StatusOK, "The settings are saved", `value="5"`, "Asia/Tokyo",
		"threshold from 4 to 5", "superiors identifiable from no to yes", "time zone from Europe/Paris to Asia/Tokyo")
	// A round opens: the settings lock, and the page says why instead of offering the form.
	b.submit("/engagements/"+id+"/raters", url.Values{"rater_name": {"Pat Peer"}, "rater_email": {"pat@client.example"}, "rater_group": {"peer"}})
	var coach string
	if err := env.DB.QueryRow("SELECT coach_id FROM engagements WHERE id = $1", id).Scan(&coach); err != nil {
		t.Fatal(err)
	}
	actor := env.actorOf(coach)
	in := env.srv.Instruments["leadership-360"]
	if _, _, err := env.store.OpenRound(context.Background(), actor, id, threesixty.RoundPlan{Kind: threesixty.RoundKindBaseline,
		ClosesAt: env.srv.Now().Add(72 * 3600e9), InstrumentVersion: in.Version, Reminders: threesixty.DefaultReminders}); err != nil {
		t.Fatal(err)
	}
	body = expectPage(t, b.get("/engagements/"+id), http.StatusOK, "The settings are locked", "Baseline open: 0 of 2 answered")
	if strings.Contains(body, `action="/engagements/`+id+`/settings`) {
		t.Error("the locked settings are offered in a form")
	}
	rec = b.submit("/engagements/"+id+"/settings", url.Values{"threshold": {"6"}, "time_zone": {"Asia/Tokyo"}, "rater_domains": {"client.example"}})
	expectPage(t, rec, http.StatusConflict, "The settings were not saved", "locked")
	if n := env.count("SELECT threshold FROM engagements WHERE id = $1", id); n != 5 {
		t.Errorf("threshold %d after the round opened, want 5", n)
	}
	expectPage(t, b.get("/engagements"), http.StatusOK, "Baseline open: 0 of 2 answered, closes")
}

// actorOf is the account with this id, as an actor.
func (env *testEnv) actorOf(accountID string) threesixty.Actor {
	env.t.Helper()
	var a threesixty.Account
	if err := env.DB.QueryRow("SELECT id, email, name, role FROM accounts WHERE id = $1", accountID).Scan(&a.ID, &a.Email, &a.Name, &a.Role); err != nil {
		env.t.Fatal(err)
	}
	return threesixty.AccountActor(&a)
}

func TestAddingARater(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)
	b.get("/engagements/" + id)

	rec := b.submit("/engagements/"+id+"/raters", url.Values{"rater_name": {""}, "rater_email": {"robin@client.example"}, "rater_group": {"peer"}})
	body := expectPage(t, rec, http.StatusUnprocessableEntity, "The rater was not added")
	if got := fieldError(body, "rater_name"); got != "Name is required." {
		t.Errorf("beside the name: %q", got)
	}
	if got := fieldError(body, "rater_email"); !strings.Contains(got, "the leader's address") {
		t.Errorf("beside the email: %q", got)
	}
	rec = b.submit("/engagements/"+id+"/raters", url.Values{"rater_name": {"Dana Report"}, "rater_email": {"dana@elsewhere.example"}, "rater_group": {"direct_report"}})
	body = expectPage(t, rec, http.StatusUnprocessableEntity, `value="Dana Report"`)
	if got := fieldError(body, "rater_email"); !strings.Contains(got, "outside the organisation's email domains") {
		t.Errorf("beside the email: %q", got)
	}
	if !strings.Contains(body, `<option value="direct_report" selected>`) {
		t.Error("the group chosen is not kept")
	}
	if n := env.count("SELECT count(*) FROM raters"); n != 0 {
		t.Fatalf("%d raters stored from refused forms", n)
	}
	rec = b.submit("/engagements/"+id+"/raters", url.Values{"rater_name": {"Dana Report"}, "rater_email": {"dana@client.example"}, "rater_group": {"direct_report"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("adding a rater: %d %s", rec.Code, rec.Body.String())
	}
	expectPage(t, b.get("/engagements/"+id), http.StatusOK, "Dana Report is added as direct report.", "dana@client.example",
		"Add 3 more: fewer than 4 answers", "Added Dana Report (dana@client.example) as direct report")
}

const importWithOneBadRow = "name,email,group\r\nSam Superior,sam@client.example,superior\r\nPat Peer,pat@@client.example,peer\r\nPia Peer,pia@client.example,peer\r\n"

func TestImportingRatersWithOneBadRowThenFixingIt(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)
	b.get("/engagements/" + id)

	rec := b.submit("/engagements/"+id+"/raters/import", url.Values{"csv_text": {importWithOneBadRow}})
	body := expectPage(t, rec, http.StatusUnprocessableEntity, "The raters were not imported", "1 row of the list has problems",
		"Pat Peer, pat@@client.example, peer", `"pat@@client.example" is not an email address`, "(line 3)", "Nothing was added")
	if !strings.Contains(body, ">"+importWithOneBadRow+"</textarea>") {
		t.Errorf("the list is not put back in the text box:\n%s", body)
	}
	if n := env.count("SELECT count(*) FROM raters"); n != 0 {
		t.Fatalf("%d raters added from a list with a bad row", n)
	}

	fixed := strings.Replace(importWithOneBadRow, "pat@@", "pat@", 1)
	rec = b.submit("/engagements/"+id+"/raters/import", url.Values{"csv_text": {fixed}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("importing the fixed list: %d %s", rec.Code, rec.Body.String())
	}
	expectPage(t, b.get("/engagements/"+id), http.StatusOK, "3 raters are added from the CSV.", "Sam Superior", "Pat Peer", "Pia Peer")
	if n := env.count("SELECT count(*) FROM raters"); n != 3 {
		t.Fatalf("%d raters after the fixed import, want 3", n)
	}
}

// upload sends the import form as a browser does with a file chosen: multipart, with the CSRF
// token of the page last shown.
func (b *pageClient) upload(path, filename string, content []byte, text string) *httptest.ResponseRecorder {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField(csrfField, b.csrf)
	part, _ := w.CreateFormFile("csv_file", filename)
	part.Write(content)
	w.WriteField("csv_text", text)
	w.Close()
	return b.send("POST", path, w.FormDataContentType(), buf.String())
}

func TestImportingRatersFromAFile(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)
	b.get("/engagements/" + id)

	rec := b.upload("/engagements/"+id+"/raters/import", "raters.csv", []byte("\ufeff"+importWithOneBadRow), "")
	body := expectPage(t, rec, http.StatusUnprocessableEntity, `"pat@@client.example" is not an email address`)
	if !strings.Contains(body, "Pia Peer,pia@client.example,peer") {
		t.Error("the file's text is not put in the text box to fix")
	}
	rec = b.upload("/engagements/"+id+"/raters/import", "raters.csv", []byte(strings.Replace(importWithOneBadRow, "pat@@", "pat@", 1)), "ignored when a file is chosen")
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("importing a file: %d %s", rec.Code, rec.Body.String())
	}
	if n := env.count("SELECT count(*) FROM raters"); n != 3 {
		t.Fatalf("%d raters after the import, want 3", n)
	}
	// With no file chosen, the pasted text is imported.
	rec = b.upload("/engagements/"+id+"/raters/import", "", nil, "name,email,group\nOlly Other,olly@client.example,other\n")
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("importing the pasted text of a multipart form: %d %s", rec.Code, rec.Body.String())
	}
}

// TestImportsThatAreNotRaterLists: what a careless or hostile file does to the import. Names
// beginning with =, +, - or @ are kept as typed: pages show them as text, and no page writes
// them into a file a spreadsheet opens.
func TestImportsThatAreNotRaterLists(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)
	b.get("/engagements/" + id)
	importing := func(text string) *httptest.ResponseRecorder {
		return b.submit("/engagements/"+id+"/raters/import", url.Values{"csv_text": {text}})
	}

	var many strings.Builder
	many.WriteString("name,email,group\n")
	for i := range 10000 {
		fmt.Fprintf(&many, "Rater %d,rater%d@client.example,peer\n", i, i)
	}
	expectPage(t, importing(many.String()), http.StatusUnprocessableEntity, "The list has 10000 rows: an engagement has at most 150 raters")

	body := expectPage(t, importing("name,email,group\nJos\xe9 Latin,jose@client.example,peer\n"), http.StatusUnprocessableEntity,
		"not UTF-8 text: line 2", "CSV UTF-8")
	if !strings.Contains(body, "Jos\uFFFD Latin") {
		t.Error("the bytes that are not UTF-8 are not marked in the text put back")
	}

	body = expectPage(t, importing("name,email,group\nNul\x00Name,nul@client.example,peer\n"), http.StatusUnprocessableEntity, "without control characters")
	if strings.Contains(body, "\x00") {
		t.Error("a NUL byte reaches the page")
	}

	expectPage(t, importing("naam,email\nA,a@client.example\n"), http.StatusUnprocessableEntity, `unknown column "naam"`, `column "group" is missing`)
	expectPage(t, importing("name,email,group\n"), http.StatusUnprocessableEntity, "no raters below it")
	expectPage(t, importing("   "), http.StatusUnprocessableEntity, "Choose a CSV file")
	if n := env.count("SELECT count(*) FROM raters"); n != 0 {
		t.Fatalf("%d raters added from lists that are not", n)
	}

	formulas := "name,email,group\n\"=HYPERLINK(\"\"http://evil.example\"\")\",f1@client.example,peer\n+1+2,f2@client.example,peer\n-Ann,f3@client.example,peer\n@SUM(A1),f4@client.example,other\n<script>x</script>,f5@client.example,other\n"
	if rec := importing(formulas); rec.Code != http.StatusSeeOther {
		t.Fatalf("importing names that look like formulas: %d %s", rec.Code, rec.Body.String())
	}
	raw := b.get("/engagements/" + id).Body.String()
	for _, shown := range []string{`=HYPERLINK("http://evil.example")`, "+1+2", "-Ann", "@SUM(A1)", "<script>x</script>"} {
		if !strings.Contains(html.UnescapeString(raw), shown) {
			t.Errorf("the page does not show %q", shown)
		}
	}
	if strings.Contains(raw, "<script>x") {
		t.Error("a name is written into the page as markup")
	}
}

// TestAnImportTooLargeGetsAPage: a file over the body limit is answered with a page that says
// so, over a real connection, not a broken one.
func TestAnImportTooLargeGetsAPage(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)
	b.get("/engagements/" + id)
	server := httptest.NewServer(env.e)
	defer server.Close()

	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField(csrfField, b.csrf)
	part, _ := w.CreateFormFile("csv_file", "huge.csv")
	part.Write([]byte("name,email,group\n"))
	part.Write(bytes.Repeat([]byte("Somebody Somewhere,somebody@client.example,peer\n"), 3<<20/48))
	w.Close()
	req, _ := http.NewRequest("POST", server.URL+"/engagements/"+id+"/raters/import", &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	for _, c := range b.cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("uploading 3 MB: %v", err)
	}
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(page), "The CSV file is too large") {
		t.Errorf("uploading 3 MB: %d %s", res.StatusCode, page)
	}
	if n := env.count("SELECT count(*) FROM raters"); n != 0 {
		t.Fatalf("%d raters added from a file too large", n)
	}
}

func TestRemovingAndErasingAskFirst(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)
	b.get("/engagements/" + id)
	b.submit("/engagements/"+id+"/raters/import", url.Values{"csv_text": {strings.Replace(importWithOneBadRow, "pat@@", "pat@", 1)}})
	var sam, pat string
	if err := env.DB.QueryRow("SELECT id FROM raters WHERE name = 'Sam Superior'").Scan(&sam); err != nil {
		t.Fatal(err)
	}
	if err := env.DB.QueryRow("SELECT id FROM raters WHERE name = 'Pat Peer'").Scan(&pat); err != nil {
		t.Fatal(err)
	}
	expectPage(t, b.get("/engagements/"+id), http.StatusOK, `href="/engagements/`+id+`/raters/`+sam+`/remove"`)

	// Removing asks first, and says nothing was sent.
	expectPage(t, b.get("/engagements/"+id+"/raters/"+sam+"/remove"), http.StatusOK, "Remove Sam Superior?", "never invited")
	if n := env.count("SELECT count(*) FROM raters"); n != 3 {
		t.Fatal("asking removed the rater")
	}
	rec := b.submit("/engagements/"+id+"/raters/"+sam+"/remove", nil)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("removing: %d %s", rec.Code, rec.Body.String())
	}
	body := expectPage(t, b.get(location(rec)), http.StatusOK, "Sam Superior is removed from the rater list.", "Removed Sam Superior (sam@client.example), superior, never invited")
	if strings.Contains(body, `/raters/`+sam+`/`) {
		t.Error("the removed rater is still listed")
	}
	expectPage(t, b.get("/engagements/"+id+"/raters/"+sam+"/remove"), http.StatusNotFound)

	// Erasing says what it does and that it cannot be undone, then leaves no name behind.
	expectPage(t, b.get("/engagements/"+id+"/raters/"+pat+"/erase"), http.StatusOK, "Erase Pat Peer?", "cannot be undone", "Answers they already gave stay")
	rec = b.submit("/engagements/"+id+"/raters/"+pat+"/erase", nil)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("erasing: %d %s", rec.Code, rec.Body.String())
	}
	body = expectPage(t, b.get(location(rec)), http.StatusOK, "The rater is erased", "Erased a rater at their request", "Added a rater (Peer), erased since")
	if strings.Contains(body, "Pat Peer") || strings.Contains(body, "pat@client.example") {
		t.Error("the erased rater's name or address is still on the page")
	}
	expectPage(t, b.get("/engagements/"+id+"/raters/"+pat+"/erase"), http.StatusNotFound)

	// Once a round has invited a rater, the page offers erasing only, and the store refuses a
	// removal sent anyway.
	var coach string
	if err := env.DB.QueryRow("SELECT coach_id FROM engagements WHERE id = $1", id).Scan(&coach); err != nil {
		t.Fatal(err)
	}
	in := env.srv.Instruments["leadership-360"]
	if _, _, err := env.store.OpenRound(context.Background(), env.actorOf(coach), id, threesixty.RoundPlan{Kind: threesixty.RoundKindBaseline,
		ClosesAt: env.srv.Now().Add(72 * 3600e9), InstrumentVersion: in.Version, Reminders: threesixty.DefaultReminders}); err != nil {
		t.Fatal(err)
	}
	var pia string
	if err := env.DB.QueryRow("SELECT id FROM raters WHERE name = 'Pia Peer'").Scan(&pia); err != nil {
		t.Fatal(err)
	}
	body = expectPage(t, b.get("/engagements/"+id), http.StatusOK, `/raters/`+pia+`/erase"`)
	if strings.Contains(body, `/raters/`+pia+`/remove"`) {
		t.Error("an invited rater is offered for removal")
	}
	expectPage(t, b.get("/engagements/"+id+"/raters/"+pia+"/remove"), http.StatusOK, "was invited to a round", "Erase Pia Peer instead")
	expectPage(t, b.submit("/engagements/"+id+"/raters/"+pia+"/remove", nil), http.StatusConflict, "Pia Peer was not removed.")
}

func TestEngagementFormsNeedTheCSRFToken(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)
	b.get("/engagements/" + id)
	for path, form := range map[string]url.Values{
		"/engagements":                          newEngagementForm(),
		"/engagements/" + id + "/settings":      {"threshold": {"6"}, "time_zone": {"UTC"}},
		"/engagements/" + id + "/raters":        {"rater_name": {"Pat Peer"}, "rater_email": {"pat@client.example"}, "rater_group": {"peer"}},
		"/engagements/" + id + "/raters/import": {"csv_text": {"name,email,group\nPat Peer,pat@client.example,peer\n"}},
	} {
		form.Set(csrfField, "")
		if rec := b.submit(path, form); rec.Code != http.StatusForbidden {
			t.Errorf("POST %s without the token: %d", path, rec.Code)
		}
	}
	if n := env.count("SELECT count(*) FROM raters"); n != 0 {
		t.Errorf("%d raters added without the token", n)
	}
	if n := env.count("SELECT count(*) FROM engagements"); n != 1 {
		t.Errorf("%d engagements, want 1", n)
	}
	if n := env.count("SELECT threshold FROM engagements"); n != 4 {
		t.Errorf("threshold %d changed without the token", n)
	}
}

func TestAnAdminSeesEveryEngagementWithItsCoach(t *testing.T) {
	env := newEnv(t)
	_, coach := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, coach)
	_, admin := env.coachWithPassword("ada@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	expectPage(t, admin.get("/engagements"), http.StatusOK, "Robin Leader", "Casey Pages", `href="/engagements/`+id+`"`, ">Coach<")
	expectPage(t, admin.get("/engagements/"+id), http.StatusOK, "Casey Pages")
	if body := coach.get("/engagements").Body.String(); strings.Contains(body, ">Coach<") {
		t.Error("a coach's own list names the coach")
	}
}

// Turning nomination on is a change of the settings like any other, and both the engagement's
// trail and the admins' log say what it was.
func TestAllowingNominationsIsSaidInTheTrail(t *testing.T) {
	env := newEnv(t)
	_, admin := env.coachWithPassword("ada@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	engagement := env.engagement(3, false)
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"nomination_allowed": true}), http.StatusOK)
	const said = "the leader may propose raters from no to yes"
	if body := admin.get("/engagements/" + engagement).Body.String(); !strings.Contains(body, said) {
		t.Error("the engagement's trail does not say nomination was allowed")
	}
	if body := admin.get("/admin/audit-log").Body.String(); !strings.Contains(body, "Changed the settings: "+said) {
		t.Error("the audit log does not say nomination was allowed")
	}
}
