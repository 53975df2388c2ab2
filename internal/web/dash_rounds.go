package web

import "github.com/labstack/echo/v4"

// roundPages registers the pages of rounds: opening one, its progress, closing it, its results
// and report; and of goals.
func (s *Server) roundPages(e *echo.Echo, app []echo.MiddlewareFunc) {}
