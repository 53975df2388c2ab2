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
	e.GET("/robots.txt", robots)

	api := e.Group("/api/v1", s.requireAccount, uuidParam)
	api.POST("/engagements", s.createEngagement)
	api.GET("/engagements", s.listEngagements)
	api.GET("/engagements/:id", s.getEngagement)
	api.PATCH("/engagements/:id", s.updateEngagement)
	api.DELETE("/engagements/:id", s.deleteEngagement)
	api.POST("/engagements/:id/raters", s.addRaters)
	api.GET("/engagements/:id/raters", s.listRaters)
	api.DELETE("/engagements/:id/raters/:rater", s.removeRater)
	api.POST("/engagements/:id/raters/:rater/erase", s.eraseRater)
	api.GET("/engagements/:id/audit-trail", s.getAuditTrail)
	api.GET("/engagements/:id/export", s.exportEngagement)
	api.POST("/engagements/:id/rounds", s.openRound)
	api.GET("/engagements/:id/rounds", s.listRounds)
	api.GET("/rounds/:id", s.getRound)
	api.POST("/rounds/:id/close", s.closeRound)
	api.GET("/rounds/:id/results", s.getResults)
	api.GET("/engagements/:id/comparison", s.getComparison)
	api.GET("/engagements/:id/sponsor-summary.pdf", s.getSponsorSummary)
	api.GET("/rounds/:id/report.pdf", s.getReport)
	api.POST("/rounds/:id/remind", s.remind)
	api.POST("/engagements/:id/goals", s.createGoal)
	api.GET("/engagements/:id/goals", s.listGoals)
	api.GET("/goals/:id", s.getGoal)
	api.PATCH("/goals/:id", s.updateGoal)
	api.DELETE("/goals/:id", s.deleteGoal)
	api.POST("/goals/:id/checkins", s.addCheckIn)
	api.POST("/engagements/:id/sessions", s.createCoachingSession)
	api.GET("/engagements/:id/sessions", s.listCoachingSessions)
	api.GET("/sessions/:id", s.getCoachingSession)
	api.PATCH("/sessions/:id", s.updateCoachingSession)
	api.DELETE("/sessions/:id", s.deleteCoachingSession)
	api.POST("/engagements/:id/leader-link/rotate", s.rotateLeaderLink)
	api.POST("/engagements/:id/archive", s.archiveEngagement)
	api.GET("/engagements/:id/nominations", s.listNominations)
	api.POST("/nominations/:id/approve", s.approveNomination)
	api.POST("/nominations/:id/reject", s.rejectNomination)
	api.POST("/rounds/:id/share", s.shareReport)
	api.GET("/engagements/:id/sponsor-consent", s.getSponsorConsent)

	// A rater's survey link. Every route under it is for a person with a browser, and passes
	// the link's guard, so its handlers only ever see a usable link; a cross-site POST is
	// refused before the link is looked up. What is left of /s (a link cut short at /s/) is a
	// person's too, and gets a page.
	e.Group("/s", pageRequests, surveyHeaders)
	survey := e.Group("/s/:token", pageRequests, surveyHeaders, middleware.BodyLimit("256K"),
		sameOrigin(s.BaseURL), s.guardSurveyLink)
	survey.GET("", s.showSurvey)
	survey.HEAD("", s.showSurvey)
	survey.GET("/", s.showSurvey) // where the decline page's "go back" leads
	survey.GET("/decline", s.askDecline)
	survey.POST("", s.submitSurvey)
	survey.POST("/draft", s.saveDraft)
	survey.POST("/decline", s.decline)
	survey.GET("/stop-reminders", s.showStopReminders)
	survey.HEAD("/stop-reminders", s.showStopReminders)
	survey.POST("/stop-reminders", s.stopReminders)

	// The leader's link: one page, at the link itself, with every form posting back to it. Its
	// guard turns the token into the leader of that one engagement; an unknown, rotated or
	// archived link is the same 404 page, and counts as a guess.
	e.Group("/l", pageRequests, surveyHeaders)
	leader := e.Group("/l/:token", pageRequests, surveyHeaders, middleware.BodyLimit("64K"),
		sameOrigin(s.BaseURL), s.guardLeaderLink)
	leader.GET("", s.showLeaderPage)
	leader.HEAD("", s.showLeaderPage)
	leader.POST("", s.leaderForm)

	// The dashboard of coaches and admins, signed in with a password. Every form carries a
	// CSRF token; every page behind requireSession shows only what the account may see. The
	// middleware goes on each route, not on a group without a prefix, which would catch every
	// unknown path of the service.
	e.GET("/", s.home, pageRequests, surveyHeaders)
	signedOut := []echo.MiddlewareFunc{pageRequests, surveyHeaders, middleware.BodyLimit("64K"), s.checkForms}
	e.GET("/login", s.showSignIn, signedOut...)
	e.POST("/login", s.signIn, signedOut...)
	app := []echo.MiddlewareFunc{pageRequests, surveyHeaders, middleware.BodyLimit("2M"), s.requireSession, s.checkForms, uuidParam}
	e.POST("/logout", s.signOut, app...)
	e.POST("/logout-everywhere", s.signOutEverywhere, app...)
	s.engagementPages(e, app)
	s.roundPages(e, app)
	s.accountPages(e, signedOut, app)
	s.adminPages(e, append(app[:len(app):len(app)], requireAdmin))

	if s.Mailbox {
		e.GET("/mailbox", s.showMailbox, loopbackOnly)
	}
}
