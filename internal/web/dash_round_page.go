package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// roundPage is an open round as its coach follows it: counts per rater group, never who
// answered, with what to do next for each group.
type roundPage struct {
	frame
	Engagement *threesixty.Engagement
	Round      *threesixty.Round
	Heading    string // "Baseline round"
	Name       string // "baseline round", in a sentence
	Deadline   string
	Groups     []groupProgress
	NotAsked   string // the groups nobody was asked in, as a sentence
	Waiting    int    // invitations neither answered nor declined, whom a reminder reaches
	// Answered is true once a rater (not the leader) has answered: raters can no longer join the round.
	Answered  bool
	Reminders string // the schedule in words
	Mail      []string
}

// groupProgress is one rater group's counts, with how many answers it needs to be shown on its
// own and what the coach can do about it.
type groupProgress struct {
	threesixty.GroupProgress
	Label  string
	Needed int  // answers for the group to be shown on its own; 0 when it is shown whatever its size
	Ready  bool // it has them
	Next   string
}

// Bar is the largest count the group's bar shows: what it needs, or everyone invited if more.
func (g groupProgress) Bar() int { return max(g.Needed, g.Invited) }

// roundOf is the round the path names, with its engagement, as the signed-in account sees them.
func (s *Server) roundOf(c echo.Context) (*threesixty.Round, *threesixty.Engagement, error) {
	ctx, actor := c.Request().Context(), actorOf(c)
	r, err := s.Store.Round(ctx, actor, c.Param("id"))
	if err != nil {
		return nil, nil, err
	}
	e, err := s.Store.Engagement(ctx, actor, r.EngagementID)
	if err != nil {
		return nil, nil, err
	}
	return r, e, nil
}

func (s *Server) showRound(c echo.Context) error {
	r, e, err := s.roundOf(c)
	if err != nil {
		return err
	}
	if r.Released() {
		return s.showResults(c, e, r)
	}
	page, err := s.roundPage(c, e, r)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/round", page)
}

func (s *Server) roundPage(c echo.Context, e *threesixty.Engagement, r *threesixty.Round) (*roundPage, error) {
	// A sponsor among the superiors does not count towards the threshold, as the release has it:
	// their answer is known to them.
	raters, err := s.Store.Raters(c.Request().Context(), actorOf(c), e.ID)
	if err != nil {
		return nil, err
	}
	sponsorSuperior := false
	for _, ra := range raters {
		sponsorSuperior = sponsorSuperior || (ra.Sponsor && ra.Group == threesixty.GroupSuperior)
	}
	deadline, _ := threesixty.Deadline(r.ClosesAt, engagementZone(e))
	page := &roundPage{
		frame:      s.frameFor(c, roundTitle(r.Kind)+" · "+e.Leader.Name, "engagements"),
		Engagement: e, Round: r, Heading: roundTitle(r.Kind), Name: lower(roundTitle(r.Kind)), Deadline: deadline,
		Reminders: reminderWords(r.Reminders),
	}
	for _, p := range r.Progress {
		// Raters may be added until a rater answers; the leader's own answer does not count.
		page.Answered = page.Answered || (p.Completed > 0 && p.Group != threesixty.GroupSelf)
		page.Waiting += p.Invited - p.Completed - p.Declined
	}
	var missing []string
	k := r.Anonymity.Threshold
	for _, p := range threesixty.FillProgress(r.Progress) {
		if p.Invited == 0 {
			if p.Group != threesixty.GroupSelf {
				missing = append(missing, p.Group.Label())
			}
			continue
		}
		g := groupProgress{GroupProgress: p, Label: p.Group.Label(), Needed: k}
		left := p.Invited - p.Declined
		switch {
		case p.Group == threesixty.GroupSelf:
			g.Needed, g.Ready = 1, p.Completed > 0
			switch {
			case g.Ready:
				g.Next = "Done."
			case p.Declined > 0:
				g.Next = "The leader declined the self-assessment."
			default:
				g.Next = "Not answered yet: send a reminder."
			}
		case p.Group == threesixty.GroupSuperior && r.Anonymity.SuperiorIdentifiable:
			g.Needed, g.Ready = 0, p.Completed > 0
			g.Next = "Shown on its own whatever its size, as superiors were told."
		case p.Group == threesixty.GroupSuperior && sponsorSuperior && p.Completed == k:
			g.Next = fmt.Sprintf("%d of %d needed, unless the sponsor is one of those who answered: the sponsor's answer does not count towards the %d. One more answer makes it certain.", p.Completed, k, k)
		case p.Completed >= k:
			g.Ready = true
			g.Next = "Enough answers to be shown on its own."
		case left < k:
			g.Next = fmt.Sprintf("Cannot reach %d: too few people are left to ask. At release this group will be merged with another group, or not shown.", k)
			if !page.Answered {
				g.Next += " Adding raters before anyone answers changes that."
			}
		case !page.Answered:
			g.Next = fmt.Sprintf("%d of %d needed: add raters or send a reminder.", p.Completed, k)
		default:
			g.Next = fmt.Sprintf("%d of %d needed: send a reminder.", p.Completed, k)
		}
		page.Groups = append(page.Groups, g)
		if n := p.Bounced + p.Failed; n > 0 {
			page.Mail = append(page.Mail, fmt.Sprintf("%s: %s could not be delivered. Check the addresses on the engagement's page.", g.Label, plural(n, "invitation", "invitations")))
		}
		if p.Delayed > 0 {
			page.Mail = append(page.Mail, fmt.Sprintf("%s: %s refused for now by the receiving server, and will be tried again.", g.Label, plural(p.Delayed, "invitation was", "invitations were")))
		}
	}
	page.NotAsked = threesixty.JoinAnd(missing)
	return page, nil
}

// reminderWords says a round's reminder schedule as a sentence.
func reminderWords(r threesixty.Reminders) string {
	if r.Limit == 0 {
		return "No reminders: the round allows none, sent by hand or by the schedule."
	}
	var when []string
	if r.AfterDays > 0 {
		when = append(when, plural(r.AfterDays, "day", "days")+" after the invitation")
	}
	if r.BeforeCloseDays > 0 {
		when = append(when, plural(r.BeforeCloseDays, "day", "days")+" before the round closes")
	}
	limit := fmt.Sprintf("at most %s to one person, those sent by hand included", plural(r.Limit, "reminder", "reminders"))
	if len(when) == 0 {
		return "No scheduled reminders; you can send one by hand, " + limit + "."
	}
	return "Reminders go to people who have neither answered nor declined, " + strings.Join(when, " and ") + "; " + limit + "."
}

func (s *Server) remindForm(c echo.Context) error {
	id := c.Param("id")
	n, err := s.Store.RemindNow(c.Request().Context(), actorOf(c), id)
	if err != nil {
		return err
	}
	message := fmt.Sprintf("Reminders are on their way to %d people who have neither answered nor declined.", n)
	switch n {
	case 0:
		message = "No reminder sent: everyone has answered or declined, or has had as many reminders as the round allows."
	case 1:
		message = "A reminder is on its way to 1 person who has neither answered nor declined."
	}
	return s.redirectWith(c, "/rounds/"+id, message)
}

// closeRoundPage asks before a round closes, saying what closing does and what cannot be undone.
type closeRoundPage struct {
	frame
	Engagement *threesixty.Engagement
	Round      *threesixty.Round
	Heading    string
	Name       string
	Deadline   string
	Waiting    int
	Threshold  int
	// Short are the groups that would not be shown on their own if the round closed now.
	Short []groupProgress
}

func (s *Server) confirmCloseRound(c echo.Context) error {
	r, e, err := s.roundOf(c)
	if err != nil {
		return err
	}
	if r.Status != threesixty.RoundStatusOpen {
		return s.redirectWith(c, "/rounds/"+r.ID, "This round is closed already; its results are final.")
	}
	rp, err := s.roundPage(c, e, r)
	if err != nil {
		return err
	}
	page := closeRoundPage{frame: rp.frame, Engagement: e, Round: r, Heading: rp.Heading, Name: rp.Name, Deadline: rp.Deadline,
		Waiting: rp.Waiting, Threshold: r.Anonymity.Threshold}
	page.Title = "Close and release? · " + e.Leader.Name
	for _, g := range rp.Groups {
		if !g.Ready && g.Group != threesixty.GroupSelf && g.Needed > 0 {
			page.Short = append(page.Short, g)
		}
	}
	return c.Render(http.StatusOK, "app/round_close", page)
}

func (s *Server) closeRoundForm(c echo.Context) error {
	r, err := s.Store.CloseRound(c.Request().Context(), actorOf(c), c.Param("id"))
	if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
		return s.redirectWith(c, "/rounds/"+c.Param("id"), "This round was closed already; its results are final.")
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, "/rounds/"+r.ID, roundName(r.Kind)+" closed and released: these results are final.")
}
