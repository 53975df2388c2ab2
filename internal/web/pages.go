package web

import (
	"embed"
	"html/template"
	"io"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/web/surveypage"
)

//go:embed templates
var templateFiles embed.FS

// pageSet holds one template per page, each joined with the shared layout. Pages are plain
// html/template; the survey page alone is rendered otherwise (package surveypage).
type pageSet map[string]*template.Template

// parsePages parses every page at start-up, so a broken template stops the service from
// starting, and returns them with the survey page, which shares their layout.
func parsePages() (pageSet, *surveypage.Renderer) {
	pages := pageSet{}
	layout := template.Must(template.ParseFS(templateFiles, "templates/layout.html"))
	addPages(pages, layout, "templates", "")
	// The dashboard's pages, named "app/<file>", share a layout of their own (navigation and
	// messages after actions) and the pieces of form in templates/app/parts.
	addPages(pages, template.Must(template.ParseFS(templateFiles, "templates/app/layout.html", "templates/app/parts/*.html")), "templates/app", "app/")
	survey, err := surveypage.New(layout)
	if err != nil {
		panic(err)
	}
	return pages, survey
}

// addPages parses every page of dir but its layout, each into a copy of layout, named prefix
// and the file's name.
func addPages(pages pageSet, layout *template.Template, dir, prefix string) {
	files, err := templateFiles.ReadDir(dir)
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(f.Name(), ".html")
		if f.IsDir() || name == "layout" {
			continue
		}
		pages[prefix+name] = template.Must(template.Must(layout.Clone()).ParseFS(templateFiles, path.Join(dir, f.Name())))
	}
}

// Render makes the page set Echo's renderer.
func (p pageSet) Render(w io.Writer, name string, data any, c echo.Context) error {
	t, ok := p[name]
	if !ok {
		return echo.NewHTTPError(500, "no page "+name)
	}
	c.Response().Header().Set("Content-Type", "text/html; charset=utf-8")
	return t.ExecuteTemplate(w, "layout", data)
}

// messagePage is a page that only says something: thanks, a closed survey, a broken link.
type messagePage struct {
	Title string
	Body  string
	// Typed is what a rater wrote in a form the service could not take, shown back so that
	// nothing they typed is lost: one entry per open question they answered.
	Typed []typedAnswer
}

// typedAnswer is one open answer shown back: the question as the rater saw it, and their text.
type typedAnswer struct{ Question, Text string }

// PageTitle is what the layout puts in <title>.
func (m messagePage) PageTitle() string { return m.Title }
