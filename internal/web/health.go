package web

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/postgres"
)

// healthz says the process is up; it touches nothing else, so a slow database never restarts it.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// readyz says the instance can serve: the database answers and its migrations are current.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := s.Store.DB().PingContext(ctx); err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
	}
	pending, err := postgres.Pending(ctx, s.Store.DB())
	if err != nil {
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "migration status unknown"})
	}
	if pending > 0 {
		return c.JSON(http.StatusServiceUnavailable, map[string]any{"status": "migrations pending", "pending": pending})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ready"})
}
