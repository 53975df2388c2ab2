package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// showStopReminders asks before stopping: a GET must change nothing, since mail scanners follow
// every link in a message.
func (s *Server) showStopReminders(c echo.Context) error {
	return c.Render(http.StatusOK, "stop_reminders", messagePage{
		Title: "Stop reminders for this survey?",
		Body:  "You will get no more reminders about this survey. Your link keeps working until the survey closes.",
	})
}

// stopReminders records that this person wants no more reminders for this survey.
func (s *Server) stopReminders(c echo.Context) error {
	if err := s.Store.StopReminders(c.Request().Context(), surveyLinkOf(c).access.InvitationID); err != nil {
		return err
	}
	return c.Render(http.StatusOK, "message", messagePage{
		Title: "Reminders stopped",
		Body:  "You will get no more reminders about this survey. You can still answer with your link until it closes.",
	})
}
