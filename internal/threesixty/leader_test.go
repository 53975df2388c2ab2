package threesixty

import (
	"strings"
	"testing"
)

// TestConsentRecordsChangesOnly walks the consent through every decision: each step is the
// entry that would be appended, none when nothing changes.
func TestConsentRecordsChangesOnly(t *testing.T) {
	var state ConsentState
	steps := []struct {
		scope ConsentScope
		want  *SponsorConsent
	}{
		{"", nil}, // withdrawing what was never given
		{ConsentProgressByTheme, &SponsorConsent{Decision: ConsentGiven, Scope: ConsentProgressByTheme}},
		{ConsentGoalsAndProgress, &SponsorConsent{Decision: ConsentGiven, Scope: ConsentGoalsAndProgress}},
		{ConsentGoalsAndProgress, nil},
		{ConsentThemesAndProgress, &SponsorConsent{Decision: ConsentGiven, Scope: ConsentThemesAndProgress}},
		{"", &SponsorConsent{Decision: ConsentWithdrawn, Scope: ConsentThemesAndProgress}},
		{"", nil},
	}
	for i, s := range steps {
		got, err := state.Next(s.scope)
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if (got == nil) != (s.want == nil) || (got != nil && (got.Decision != s.want.Decision || got.Scope != s.want.Scope)) {
			t.Fatalf("step %d (%q): %+v, want %+v", i, s.scope, got, s.want)
		}
		if got != nil {
			state.History = append(state.History, *got)
		}
	}
	if state.Given() != "" || len(state.History) != 4 {
		t.Errorf("after a withdrawal: given %q, history %+v", state.Given(), state.History)
	}
	if _, err := state.Next("everything"); ErrorCode(err) != EINVALID {
		t.Errorf("an unknown scope: %v", err)
	}
}

// TestTheScopesNestNarrowestFirst: each scope shows what the one before it shows and more, and
// only the scopes that say so show the goals' wording or the feedback's themes.
func TestTheScopesNestNarrowestFirst(t *testing.T) {
	want := []struct{ goals, themes bool }{{false, false}, {true, false}, {true, true}}
	if len(ConsentScopes) != len(want) {
		t.Fatalf("scopes %v", ConsentScopes)
	}
	for i, s := range ConsentScopes {
		if !s.Valid() || s.Label() == string(s) || s.Description() == "" {
			t.Errorf("%s: valid %v, label %q, description %q", s, s.Valid(), s.Label(), s.Description())
		}
		if s.ShowsGoals() != want[i].goals || s.ShowsFeedbackThemes() != want[i].themes {
			t.Errorf("%s shows goals %v, themes %v; want %+v", s, s.ShowsGoals(), s.ShowsFeedbackThemes(), want[i])
		}
	}
	if !strings.Contains(ConsentProgressByTheme.Description(), "Not the wording of my goals") {
		t.Errorf("the narrowest scope does not say it keeps the goals' wording back: %q", ConsentProgressByTheme.Description())
	}
	if ConsentScope("everything").Valid() {
		t.Error("an unknown scope is valid")
	}
}

func TestANominationIsCheckedAsARaterAndAgainstWaitingProposals(t *testing.T) {
	rules := RaterRules{Leader: "alex@example.com", Coach: "casey@example.net", Existing: map[string]bool{"pat@example.com": true}}
	proposed := map[string]bool{"nia@example.com": true}
	for _, c := range []struct {
		n     Nomination
		field string
	}{
		{Nomination{Name: "Nia", Email: "NIA+x@example.com", Group: GroupPeer}, "email"},
		{Nomination{Name: "Pat", Email: "pat@example.com", Group: GroupPeer}, "email"},
		{Nomination{Name: "Alex", Email: "alex@example.com", Group: GroupPeer}, "email"},
		{Nomination{Name: "", Email: "sam@example.com", Group: GroupPeer}, "name"},
		{Nomination{Name: "Sam", Email: "sam@example.com", Group: GroupSelf}, "group"},
	} {
		problems := CheckNomination(c.n, rules, proposed)
		if len(problems) != 1 || problems[0].Field != c.field || problems[0].Row != 0 {
			t.Errorf("%+v: %+v, want one problem with %s", c.n, problems, c.field)
		}
	}
	if problems := CheckNomination(Nomination{Name: "Sam", Email: "sam@example.com", Group: GroupOther}, rules, proposed); len(problems) != 0 {
		t.Errorf("a good nomination: %+v", problems)
	}
}
