package web

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// Names are shown on pages as text, escaped, never as markup, so a name that begins with =, +,
// - or @ (which a spreadsheet would run as a formula) is harmless here, and is kept as the
// coach typed it: people are named "-Ann" or "@home" rarely, but a name is theirs. No page of
// the dashboard writes raters into a file a spreadsheet opens.

// raterFields maps the store's field names of one rater to the inputs of the add-a-rater form.
var raterFields = map[string]typedField{
	"name":  {"rater_name", "Name"},
	"email": {"rater_email", "Email address"},
	"group": {"rater_group", "Rater group"},
}

func (s *Server) addRaterForm(c echo.Context) error {
	page, err := s.engagementView(c)
	if err != nil {
		return err
	}
	form := typedForm{Values: map[string]string{}}
	for _, name := range []string{"rater_name", "rater_email", "rater_group"} {
		form.Values[name] = strings.TrimSpace(c.FormValue(name))
	}
	rater := threesixty.Rater{Name: form.Values["rater_name"], Email: form.Values["rater_email"], Group: threesixty.RaterGroup(form.Values["rater_group"])}
	added, _, err := s.Store.AddRaters(c.Request().Context(), actorOf(c), page.Engagement.ID, []threesixty.Rater{rater})
	if err != nil {
		if err := form.refuse(err, raterFields); err != nil {
			return err
		}
		page.Add = form
		return s.renderRefused(c, page, statusOfForm(err))
	}
	message := added[0].Name + " is added as " + strings.ToLower(groupChoiceLabel(added[0].Group)) + "."
	if page.JoinsOpenRound {
		message += " Their invitation to the open round is on its way, and the leader is told."
	}
	return s.redirectWith(c, "/engagements/"+page.Engagement.ID+"#raters", message)
}

// importForm is the CSV import as shown again after it was refused: the text, to fix and send
// again, and the rows with their problems.
type importForm struct {
	typedForm
	Text string
	Rows []importRow
	// More counts the rows with problems beyond those shown.
	More int
}

// importRow is a row of the CSV with its problems: its number as the errors count rows (from 1,
// after the header), the line of the text it starts on, and what it holds.
type importRow struct {
	Row, Line int
	Holds     string
	Problems  []string
}

// importRowsShown bounds the rows with problems a page lists: a file of the wrong kind can have
// thousands, and the first ones say what is wrong.
const importRowsShown = 50

// maxImportText bounds the CSV read from an upload; the body limit stops bigger requests first.
const maxImportText = 2 << 20

func (s *Server) importRatersForm(c echo.Context) error {
	page, err := s.engagementView(c)
	if err != nil {
		return err
	}
	text, err := importText(c)
	if err != nil {
		return err
	}
	form := &page.Import
	form.Text = strings.ToValidUTF8(text, "\uFFFD")
	raters, err := s.readImport(text, len(page.Raters))
	if err == nil {
		var added []threesixty.Rater
		added, _, err = s.Store.AddRaters(c.Request().Context(), actorOf(c), page.Engagement.ID, raters)
		if err == nil {
			message := plural(len(added), "rater is", "raters are") + " added from the CSV."
			if page.JoinsOpenRound {
				message += " Their invitations to the open round are on their way, and the leader is told."
			}
			return s.redirectWith(c, "/engagements/"+page.Engagement.ID+"#raters", message)
		}
	}
	var te *threesixty.Error
	if !errors.As(err, &te) || (te.Code != threesixty.EINVALID && te.Code != threesixty.ECONFLICT && te.Code != threesixty.EMALFORMED) {
		return err
	}
	if len(te.Fields) == 0 {
		form.Problem = te.Message
	}
	records, lines := csvRecords(form.Text)
	byRow := map[int]int{} // row -> index in form.Rows
	for _, fe := range te.Fields {
		if fe.Row == 0 {
			form.Summary = append(form.Summary, typedProblem{Message: fe.Message})
			continue
		}
		i, seen := byRow[fe.Row]
		if !seen {
			if len(form.Rows) == importRowsShown {
				form.More++
				byRow[fe.Row] = -1
				continue
			}
			row := importRow{Row: fe.Row}
			if fe.Row < len(records) {
				row.Line, row.Holds = lines[fe.Row], strings.Join(records[fe.Row], ", ")
			}
			form.Rows = append(form.Rows, row)
			i = len(form.Rows) - 1
			byRow[fe.Row] = i
		}
		if i >= 0 {
			form.Rows[i].Problems = append(form.Rows[i].Problems, strings.TrimSpace(importFieldWord(fe.Field)+" "+fe.Message))
		}
	}
	if n := len(byRow); n > 0 {
		form.Summary = append(form.Summary, typedProblem{ID: "import-rows", Message: fmt.Sprintf("%s of the list %s problems, shown with the list.", plural(n, "row", "rows"), map[bool]string{true: "has", false: "have"}[n == 1])})
	}
	form.Errors = map[string][]string{"csv_text": {"Nothing was added. Fix the list here and import it again."}}
	return s.renderRefused(c, page, statusOfForm(err))
}

func importFieldWord(field string) string {
	switch field {
	case "name":
		return "Name:"
	case "email":
		return "Email:"
	case "group":
		return "Group:"
	}
	return ""
}

// importText is the CSV sent: the file chosen, or else the text pasted.
func importText(c echo.Context) (string, error) {
	fh, err := c.FormFile("csv_file")
	if err != nil || fh.Size == 0 {
		if toError(err).Code == threesixty.ETOOLARGE {
			return "", err
		}
		return c.FormValue("csv_text"), nil
	}
	f, err := fh.Open()
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxImportText+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxImportText {
		return "", echo.ErrStatusRequestEntityTooLarge
	}
	return string(b), nil
}

// readImport reads the raters of a CSV as the API does (readRatersCSV), after checking that it
// is text at all, and refuses a list longer than an engagement of existing raters may take
// before the store is asked.
func (s *Server) readImport(text string, existing int) ([]threesixty.Rater, error) {
	if strings.TrimSpace(text) == "" {
		return nil, threesixty.Errorf(threesixty.EINVALID, "Choose a CSV file, or paste the list, with a header row: name,email,group.")
	}
	if at := invalidUTF8([]byte(text)); at >= 0 {
		line, _ := position([]byte(text), int64(at))
		return nil, threesixty.Errorf(threesixty.EINVALID, "The file is not UTF-8 text: line %d holds a character in another encoding, shown below as \uFFFD. "+
			"In your spreadsheet, save the list as \u201cCSV UTF-8\u201d and import that file, or fix the characters below and import again.", line)
	}
	raters, err := readRatersCSV(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	if len(raters) == 0 {
		return nil, threesixty.Errorf(threesixty.EINVALID, "The list has a header row but no raters below it.")
	}
	if total := existing + len(raters); total > threesixty.MaxRaters {
		return nil, threesixty.Errorf(threesixty.EINVALID, "The list has %d rows: an engagement has at most %d raters, and this one has %d already. Nothing was added.",
			len(raters), threesixty.MaxRaters, existing)
	}
	return raters, nil
}

// csvRecords reads text as CSV leniently, to show each row of it beside its problems: the
// records, the header first, and the line each starts on.
func csvRecords(text string) ([][]string, []int) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord, cr.LazyQuotes, cr.TrimLeadingSpace = -1, true, true
	var records [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			break
		}
		line, _ := cr.FieldPos(0)
		records, lines = append(records, rec), append(lines, line)
	}
	return records, lines
}

// importTooLarge answers an import over the body limit with a page that says so, after reading
// what is left of the upload (up to a bound): a browser still sending when the connection
// closes shows a broken connection, not the answer.
func (s *Server) importTooLarge(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		body := c.Request().Body
		err := next(c)
		if err == nil || toError(err).Code != threesixty.ETOOLARGE {
			return err
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(body, 16<<20))
		return c.Render(http.StatusRequestEntityTooLarge, "message", messagePage{
			Title: "The CSV file is too large",
			Body: fmt.Sprintf("A rater list can be at most 2 MB, and an engagement has at most %d raters, which fit in a few kilobytes: this is likely not the file you meant. "+
				"Nothing was added. Go back, check the file and import it again.", threesixty.MaxRaters),
		})
	}
}

// raterConfirmPage asks before a rater is removed or erased.
type raterConfirmPage struct {
	frame
	Engagement *threesixty.Engagement
	Rater      raterLine
	// Erase: the page asks to erase; otherwise to remove.
	Erase   bool
	Problem string
}

// raterToConfirm finds the rater of the path among the engagement's, through the store:
// ENOTFOUND for a rater the engagement does not have (or has erased).
func (s *Server) raterToConfirm(c echo.Context, erase bool) (*raterConfirmPage, error) {
	view, err := s.engagementView(c)
	if err != nil {
		return nil, err
	}
	for _, r := range view.Raters {
		if r.ID == c.Param("rater") {
			title := "Remove " + r.Name + "?"
			if erase {
				title = "Erase " + r.Name + "?"
			}
			return &raterConfirmPage{frame: s.frameFor(c, title, "engagements"), Engagement: view.Engagement, Rater: r, Erase: erase}, nil
		}
	}
	return nil, threesixty.Errorf(threesixty.ENOTFOUND, "The engagement has no such rater.")
}

func (s *Server) confirmRemoveRater(c echo.Context) error { return s.confirmRater(c, false) }
func (s *Server) confirmEraseRater(c echo.Context) error  { return s.confirmRater(c, true) }

func (s *Server) confirmRater(c echo.Context, erase bool) error {
	page, err := s.raterToConfirm(c, erase)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/rater_confirm", page)
}

func (s *Server) removeRaterForm(c echo.Context) error {
	page, err := s.raterToConfirm(c, false)
	if err != nil {
		return err
	}
	if err := s.Store.RemoveRater(c.Request().Context(), actorOf(c), page.Engagement.ID, page.Rater.ID); err != nil {
		if threesixty.ErrorCode(err) != threesixty.ECONFLICT {
			return err
		}
		page.Problem = page.Rater.Name + " was not removed."
		page.Rater.Removable = false
		return c.Render(http.StatusConflict, "app/rater_confirm", page)
	}
	return s.redirectWith(c, "/engagements/"+page.Engagement.ID+"#raters", page.Rater.Name+" is removed from the rater list.")
}

func (s *Server) eraseRaterForm(c echo.Context) error {
	page, err := s.raterToConfirm(c, true)
	if err != nil {
		return err
	}
	if err := s.Store.EraseRater(c.Request().Context(), actorOf(c), page.Engagement.ID, page.Rater.ID); err != nil {
		return err
	}
	return s.redirectWith(c, "/engagements/"+page.Engagement.ID+"#raters", "The rater is erased: their name and address are gone from the engagement, and any link they had not used no longer works.")
}
