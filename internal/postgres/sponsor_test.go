package postgres_test

import (
	"testing"

	"threesixty/internal/threesixty"
)

// TestTheSponsorsAnswersCountAsKnown: the sponsor may rate as a superior, and reads what is
// derived from the release, so a release treats one superior response as known whenever the
// sponsor answered: with three superiors, the sponsor among them, the superiors are not shown on
// their own at k=3, since the other two would be the sponsor's subtraction away. Had the sponsor
// not answered, the three are three unknowns.
func TestTheSponsorsAnswersCountAsKnown(t *testing.T) {
	for _, sponsorAnswers := range []bool{true, false} {
		f := newFixture(t)
		sponsor := threesixty.Rater{Name: "Priya", Email: "Priya+360@example.com", Group: threesixty.GroupSuperior}
		superiors := append(people(threesixty.GroupSuperior, "boss", 2), sponsor)
		if !sponsorAnswers {
			superiors = append(superiors, people(threesixty.GroupSuperior, "chief", 1)...)
		}
		e := f.engagement(threesixty.Anonymity{Threshold: 3}, append(superiors, people(threesixty.GroupPeer, "peer", 4)...)...)
		raters, err := f.store.Raters(f.ctx, f.coach, e)
		if err != nil {
			t.Fatal(err)
		}
		marked := 0
		for _, r := range raters {
			if r.Sponsor {
				marked++
				if r.Email != sponsor.Email {
					t.Errorf("%s is marked as the sponsor", r.Email)
				}
			}
		}
		if marked != 1 {
			t.Fatalf("%d raters marked as the sponsor, want 1", marked)
		}
		round, issued := f.open(e, threesixty.RoundKindBaseline)
		for i, inv := range issued {
			if inv.To.Email == sponsor.Email && !sponsorAnswers {
				continue
			}
			f.submit(inv, f.answers(1+i%5, ""))
		}
		f.close(round.ID)
		_, res, err := f.store.Results(f.ctx, f.coach, round.ID)
		if err != nil {
			t.Fatal(err)
		}
		alone := false
		for _, g := range res.Groups {
			if g.Key == string(threesixty.GroupSuperior) {
				alone = true
			}
		}
		if alone == sponsorAnswers {
			t.Errorf("sponsor answered %v: superiors shown on their own %v; groups %+v", sponsorAnswers, alone, res.Groups)
		}
	}
}
