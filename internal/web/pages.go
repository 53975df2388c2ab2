package web

import (
	"embed"
	"html/template"
	"io"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

//go:embed templates
var templateFiles embed.FS

// pageSet holds one template per page, each joined with the shared layout.
type pageSet map[string]*template.Template

// parsePages parses every page at start-up, so a broken template stops the service from starting.
func parsePages() pageSet {
	pages := pageSet{}
	files, err := templateFiles.ReadDir("templates")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(f.Name(), ".html")
		if name == "layout" {
			continue
		}
		pages[name] = template.Must(template.New("layout.html").Funcs(skeletonFuncs).ParseFS(templateFiles,
			"templates/layout.html", path.Join("templates", f.Name())))
	}
	return pages
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
}

// PageTitle is what the layout puts in <title>.
func (m messagePage) PageTitle() string { return m.Title }
