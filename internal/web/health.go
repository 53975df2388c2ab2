package web

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// healthz says the process is up; it touches nothing else, so a slow database never restarts it.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyTimeout bounds the readiness check, so a hung database answers "not ready" quickly.
const readyTimeout = 2 * time.Second

// readyz says the instance can serve: the database answers and its migrations are current.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), readyTimeout)
	defer cancel()
	if err := s.Store.Ready(ctx); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": err.Error()})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}
