package web

import (
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes is the one route table of the service.
func (s *Server) routes(e *echo.Echo) {
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/static/:file", serveStatic)

	api := e.Group("/api/v1", s.requireCoach, uuidParam)
	api.POST("/engagements", s.createEngagement)
	api.GET("/engagements", s.listEngagements)
	api.GET("/engagements/:id", s.getEngagement)
	api.PATCH("/engagements/:id", s.updateEngagement)
	api.POST("/engagements/:id/raters", s.addRaters)
	api.GET("/engagements/:id/raters", s.listRaters)
	api.POST("/engagements/:id/rounds", s.openRound)
	api.GET("/engagements/:id/rounds", s.listRounds)
	api.GET("/rounds/:id", s.getRound)
	api.POST("/rounds/:id/close", s.closeRound)
	api.GET("/rounds/:id/results", s.getResults)
	api.POST("/rounds/:id/remind", s.remind)

	survey := e.Group("/s", surveyHeaders, middleware.BodyLimit("256K"))
	survey.GET("/:token", s.showSurvey)
	survey.POST("/:token", s.submitSurvey, sameOrigin(s.BaseURL))
	survey.POST("/:token/draft", s.saveDraft, sameOrigin(s.BaseURL))
	survey.POST("/:token/decline", s.decline, sameOrigin(s.BaseURL))
	survey.GET("/:token/stop-reminders", s.showStopReminders)
	survey.POST("/:token/stop-reminders", s.stopReminders, sameOrigin(s.BaseURL))

	if s.Mailbox {
		e.GET("/mailbox", s.showMailbox, loopbackOnly)
	}
}
