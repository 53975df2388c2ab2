package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

type ratersInput struct {
	Raters []raterInput `json:"raters" validate:"required"`
}

// raterInput is checked row by row by threesixty.CheckRaters, so all rows' errors come back together.
type raterInput struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Group string `json:"group"`
}

// addRaters takes JSON or CSV (header name,email,group); all rows or none.
func (s *Server) addRaters(c echo.Context) error {
	var raters []threesixty.Rater
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get("Content-Type"))
	switch mt {
	case "text/csv":
		body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxJSONBody+1))
		if err != nil {
			return threesixty.Errorf(threesixty.EMALFORMED, "the request body could not be read")
		}
		if len(body) > maxJSONBody {
			return threesixty.Errorf(threesixty.ETOOLARGE, "the CSV is larger than %d bytes; send it in parts", maxJSONBody)
		}
		if raters, err = readRatersCSV(bytes.NewReader(body)); err != nil {
			return err
		}
	default:
		var in ratersInput
		if err := bindJSON(c, &in); err != nil {
			return err
		}
		for _, r := range in.Raters {
			raters = append(raters, threesixty.Rater{Name: r.Name, Email: r.Email, Group: threesixty.RaterGroup(r.Group)})
		}
	}
	if len(raters) == 0 {
		return threesixty.Invalid("no raters were sent", []threesixty.FieldError{{Field: "raters", Message: "must list at least one rater"}})
	}
	added, _, err := s.Store.AddRaters(c.Request().Context(), actorOf(c), c.Param("id"), raters)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"raters": added})
}

func (s *Server) listRaters(c echo.Context) error {
	raters, err := s.Store.Raters(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"raters": raters})
}

// removeRater takes a rater who was never invited off the engagement.
func (s *Server) removeRater(c echo.Context) error {
	if err := s.Store.RemoveRater(c.Request().Context(), actorOf(c), c.Param("id"), c.Param("rater")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// eraseRater erases a rater who asked to be forgotten. It is a POST, not a DELETE: the rater's
// place in the rounds they were invited to stays, only who they were goes.
func (s *Server) eraseRater(c echo.Context) error {
	if err := s.Store.EraseRater(c.Request().Context(), actorOf(c), c.Param("id"), c.Param("rater")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// readRatersCSV reads a CSV with a header row naming the columns name, email and group, in any
// order. Rows are counted from 1 after the header, as the errors report them.
func readRatersCSV(r io.Reader) ([]threesixty.Rater, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, threesixty.Invalid("the CSV is empty", []threesixty.FieldError{{Field: "header", Message: "expected a header row: name,email,group"}})
	}
	if err != nil {
		return nil, threesixty.Errorf(threesixty.EMALFORMED, "the CSV could not be read: %v", err)
	}
	col := map[string]int{}
	var problems []threesixty.FieldError
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch h {
		case "name", "email", "group":
			if _, dup := col[h]; dup {
				problems = append(problems, threesixty.FieldError{Field: "header", Message: fmt.Sprintf("column %q appears twice", h)})
			}
			col[h] = i
		default:
			problems = append(problems, threesixty.FieldError{Field: "header", Message: fmt.Sprintf("unknown column %q; the columns are name, email and group", h)})
		}
	}
	for _, want := range []string{"name", "email", "group"} {
		if _, ok := col[want]; !ok {
			problems = append(problems, threesixty.FieldError{Field: "header", Message: fmt.Sprintf("column %q is missing", want)})
		}
	}
	if len(problems) > 0 {
		return nil, threesixty.Invalid("the CSV header is not name,email,group", problems)
	}
	var raters []threesixty.Rater
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, threesixty.Invalid("the CSV could not be read", []threesixty.FieldError{{Row: row, Field: "row", Message: err.Error()}})
		}
		if len(rec) != len(header) {
			problems = append(problems, threesixty.FieldError{Row: row, Field: "row", Message: fmt.Sprintf("has %d fields; the header has %d", len(rec), len(header))})
			raters = append(raters, threesixty.Rater{})
			continue
		}
		raters = append(raters, threesixty.Rater{Name: rec[col["name"]], Email: rec[col["email"]], Group: threesixty.RaterGroup(strings.TrimSpace(rec[col["group"]]))})
	}
	if len(problems) > 0 {
		// Report the shape errors together with every other row's errors.
		for _, p := range threesixty.CheckRaters(raters, threesixty.RaterRules{}) {
			if !rowHas(problems, p.Row) {
				problems = append(problems, p)
			}
		}
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Row < problems[j].Row })
		return nil, threesixty.Invalid("the rater list has errors; nothing was added", problems)
	}
	return raters, nil
}

func rowHas(problems []threesixty.FieldError, row int) bool {
	for _, p := range problems {
		if p.Row == row {
			return true
		}
	}
	return false
}
