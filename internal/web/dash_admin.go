package web

import "github.com/labstack/echo/v4"

// adminPages registers the pages only admins see: the coaches, and the audit log.
func (s *Server) adminPages(e *echo.Echo, admin []echo.MiddlewareFunc) {}
