package web

import "github.com/labstack/echo/v4"

// accountPages registers the pages of one's own account, and those that set a password from an
// emailed link, for a browser not signed in.
func (s *Server) accountPages(e *echo.Echo, signedOut, app []echo.MiddlewareFunc) {}
