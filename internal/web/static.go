package web

import (
	"embed"
	"mime"
	"net/http"
	"path"

	"github.com/labstack/echo/v4"
)

//go:embed static
var staticFiles embed.FS

// serveStatic serves the survey's stylesheet and script from the binary, so pages need nothing
// from any other origin.
func serveStatic(c echo.Context) error {
	name := path.Base(c.Param("file"))
	b, err := staticFiles.ReadFile("static/" + name)
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=3600")
	c.Response().Header().Set("X-Content-Type-Options", "nosniff")
	return c.Blob(http.StatusOK, mime.TypeByExtension(path.Ext(name)), b)
}
