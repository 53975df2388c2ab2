package main

import (
	mathrand "math/rand/v2"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// demoLeaders lead the demo engagements.
var demoLeaders = []threesixty.Person{
	{Name: "Alex Morgan", Email: "alex.morgan@example.com"},
	{Name: "Jamie Chen", Email: "jamie.chen@example.com"},
}

// demoRaters are the raters of each demo engagement: enough in each group to pass the default
// threshold of 3, except the superiors, who are two, and the one other.
var demoRaters = []threesixty.Rater{
	{Name: "Jordan Lee", Email: "jordan.lee@example.com", Group: threesixty.GroupSuperior},
	{Name: "Sam Okafor", Email: "sam.okafor@example.com", Group: threesixty.GroupSuperior},
	{Name: "Maria García", Email: "maria.garcia@example.com", Group: threesixty.GroupPeer},
	{Name: "Chen Wei", Email: "chen.wei@example.com", Group: threesixty.GroupPeer},
	{Name: "Fatima Khan", Email: "fatima.khan@example.com", Group: threesixty.GroupPeer},
	{Name: "Tom Becker", Email: "tom.becker@example.com", Group: threesixty.GroupPeer},
	{Name: "Aisha Bello", Email: "aisha.bello@example.com", Group: threesixty.GroupDirectReport},
	{Name: "Lukas Novak", Email: "lukas.novak@example.com", Group: threesixty.GroupDirectReport},
	{Name: "Sofia Rossi", Email: "sofia.rossi@example.com", Group: threesixty.GroupDirectReport},
	{Name: "Noah Williams", Email: "noah.williams@example.com", Group: threesixty.GroupDirectReport},
	{Name: "Zoë Martin", Email: "zoe.martin@example.com", Group: threesixty.GroupDirectReport},
	{Name: "Ravi Patel", Email: "ravi.patel@example.com", Group: threesixty.GroupOther},
}

// demoAnswered is how many raters of each group have already answered in the open demo round,
// so the progress counts show something from the start.
var demoAnswered = map[threesixty.RaterGroup]int{threesixty.GroupPeer: 2, threesixty.GroupDirectReport: 3}

// demoProfile is the leader the demo answers describe: a clear communicator who holds on to
// work, and who sees their delegation more kindly than others do.
var demoProfile = map[string]float64{
	"strategic-thinking": 3.8, "communication": 4.3, "collaboration": 3.9, "presence-influence": 3.6,
	"leading-change": 3.4, "delegation-accountability": 2.7, "developing-others": 3.5, "self-awareness-resilience": 3.7,
}

var demoSelfShift = map[string]float64{"delegation-accountability": 1.5, "developing-others": -1.2}

var demoComments = map[string][]string{
	"keep-doing":  {"Explains the why behind every priority.", "Makes time for one-to-ones even in busy weeks.", "Stays calm when plans change.", "Gives clear, specific feedback."},
	"start-doing": {"Let the team own decisions without checking back.", "Share the longer-term plan earlier.", "Hand over the client calls to the leads.", "Ask for input before deciding."},
	"stop-doing":  {"Rewriting our work late at night.", "Jumping into the detail in reviews.", "Saying yes to every new request."},
}

// demoAnswers makes a plausible response of group g: around the profile, a rater's own leniency,
// now and then "not able to rate", and a comment or two.
func demoAnswers(in *surveys.Instrument, g threesixty.RaterGroup, rng *mathrand.Rand) threesixty.Answers {
	a := threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{}}
	leniency := rng.NormFloat64() * 0.4
	for _, item := range in.Items {
		if g != threesixty.GroupSelf && rng.IntN(20) == 0 {
			a.Ratings[item.ID] = nil
			continue
		}
		mean := demoProfile[item.Competency] + leniency
		if g == threesixty.GroupSelf {
			mean += demoSelfShift[item.Competency]
		}
		v := int(mean + rng.NormFloat64()*0.7 + 0.5)
		v = max(in.Scale.Points[0].Value, min(in.Scale.Max(), v))
		a.Ratings[item.ID] = &v
	}
	for _, q := range in.Questions {
		if pool := demoComments[q.ID]; len(pool) > 0 && rng.IntN(3) > 0 {
			a.Comments[q.ID] = pool[rng.IntN(len(pool))]
		}
	}
	return a
}
