package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// goalInput is a goal as a coach sets it. Its rules are the domain's (threesixty.Goal.Validate),
// checked whole, so every field's errors come back together.
type goalInput struct {
	Title        string                 `json:"title"`
	Description  string                 `json:"description"`
	Competencies []string               `json:"competencies"`
	KeyResults   []threesixty.KeyResult `json:"key_results"`
}

// createdGoal is the goal as created, with what the coach should know about the engagement's
// goals now.
type createdGoal struct {
	*threesixty.Goal
	Warnings []string `json:"warnings,omitempty"`
}

func (s *Server) createGoal(c echo.Context) error {
	var in goalInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	g, goals, err := s.Store.CreateGoal(c.Request().Context(), actorOf(c), c.Param("id"), &threesixty.Goal{
		Title: in.Title, Description: in.Description, Competencies: in.Competencies, KeyResults: in.KeyResults,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, createdGoal{Goal: g, Warnings: threesixty.GoalWarnings(goals)})
}

func (s *Server) listGoals(c echo.Context) error {
	goals, err := s.Store.Goals(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"goals": goals})
}

func (s *Server) getGoal(c echo.Context) error {
	g, err := s.Store.Goal(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, g)
}

// goalUpdate changes the fields it holds; the others stay as they are.
type goalUpdate struct {
	Title        *string                 `json:"title"`
	Description  *string                 `json:"description"`
	Competencies *[]string               `json:"competencies"`
	KeyResults   *[]threesixty.KeyResult `json:"key_results"`
}

func (s *Server) updateGoal(c echo.Context) error {
	var in goalUpdate
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	change := threesixty.GoalChange{Title: in.Title, Description: in.Description, Competencies: in.Competencies, KeyResults: in.KeyResults}
	if change.Empty() {
		return invalidField("title", "send at least one of title, description, competencies and key_results, the fields that change")
	}
	g, err := s.Store.UpdateGoal(c.Request().Context(), actorOf(c), c.Param("id"), change)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, g)
}

func (s *Server) deleteGoal(c echo.Context) error {
	if err := s.Store.DeleteGoal(c.Request().Context(), actorOf(c), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// checkInInput is a check-in as a coach records it; it is dated when it arrives.
type checkInInput struct {
	Note   string `json:"note"`
	Status string `json:"status"`
}

func (s *Server) addCheckIn(c echo.Context) error {
	var in checkInInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	checkIn, err := s.Store.AddCheckIn(c.Request().Context(), actorOf(c), c.Param("id"), threesixty.CheckIn{
		Note: in.Note, Status: threesixty.CheckInStatus(in.Status),
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, checkIn)
}
