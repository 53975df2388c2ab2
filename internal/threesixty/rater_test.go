package threesixty

import (
	"fmt"
	"strings"
	"testing"
)

func TestCheckRaters(t *testing.T) {
	raters := []Rater{
		{Name: "Ann", Email: "ann@example.com", Group: GroupPeer},
		{Name: " ", Email: "bob@example.com", Group: GroupPeer},
		{Name: "Cy", Email: "cy@", Group: GroupPeer},
		{Name: "Di", Email: "Di <di@example.com>", Group: GroupPeer},
		{Name: "Ed", Email: "ed@example.com", Group: "boss"},
		{Name: "Self", Email: "LEADER@example.com", Group: GroupPeer},
		{Name: "Old", Email: "old@example.com", Group: GroupOther},
		{Name: "Ann again", Email: "ANN+second@example.com", Group: GroupSuperior},
		{Name: "Me", Email: "me@example.com", Group: GroupSelf},
		{Name: "No dot", Email: "x@localhost", Group: GroupPeer},
		{Name: strings.Repeat("n", 201), Email: "long@example.com", Group: GroupPeer},
		{Name: "Leader in disguise", Email: "Leader+peer@Example.com", Group: GroupPeer},
		{Name: "The coach", Email: "casey+rater@coaching.example.net", Group: GroupPeer},
		{Name: "Another coach", Email: "Other.Coach@example.com", Group: GroupDirectReport},
		{Name: "Sponsor as peer", Email: "priya+x@example.com", Group: GroupPeer},
		{Name: "Outsider", Email: "friend@elsewhere.org", Group: GroupPeer},
		{Name: "Leader by relay", Email: "leader%example.com@example.com", Group: GroupPeer},
		{Name: "Tag only", Email: "+leader@example.com", Group: GroupPeer},
		{Name: "Bang path", Email: "example.com!leader@example.com", Group: GroupPeer},
	}
	rules := RaterRules{
		Leader:   "leader@example.com",
		Coach:    "Casey@coaching.example.net",
		Sponsor:  "priya@example.com",
		Accounts: map[string]bool{"other.coach@example.com": true},
		Existing: map[string]bool{"old@example.com": true},
		Domains:  []string{"example.com", "coaching.example.net"},
	}
	want := map[int]string{2: "name", 3: "email", 4: "email", 5: "group", 6: "email", 7: "email", 8: "email", 9: "group",
		10: "email", 11: "name", 12: "email", 13: "email", 14: "email", 15: "email", 16: "email", 17: "email", 18: "email", 19: "email"}
	got := map[int]string{}
	messages := map[int]string{}
	for _, p := range CheckRaters(raters, rules) {
		got[p.Row] += p.Field
		messages[p.Row] += p.Message
	}
	for row, field := range want {
		if got[row] != field {
			t.Errorf("row %d: problems on %q, want %q", row, got[row], field)
		}
	}
	if got[1] != "" {
		t.Errorf("row 1 is fine but reported: %q", got[1])
	}
	for row, says := range map[int]string{12: "leader's address", 13: "coach's address", 14: "account of this service",
		15: "only as a superior", 16: "outside the organisation's email domains", 8: "appears twice"} {
		if !strings.Contains(messages[row], says) {
			t.Errorf("row %d says %q, want it to say %q", row, messages[row], says)
		}
	}
}

func TestTheSponsorMayRateAsASuperior(t *testing.T) {
	raters := []Rater{{Name: "Priya", Email: "Priya@Example.com", Group: GroupSuperior}, {Name: "Ann", Email: "ann@example.com", Group: GroupSuperior}}
	if problems := CheckRaters(raters, RaterRules{Leader: "lee@example.com", Sponsor: "priya@example.com"}); len(problems) > 0 {
		t.Fatal(problems)
	}
	MarkSponsor(raters, "priya@example.com")
	if !raters[0].Sponsor || raters[1].Sponsor {
		t.Errorf("sponsor marks: %v, %v", raters[0].Sponsor, raters[1].Sponsor)
	}
}

func TestEmailKey(t *testing.T) {
	for in, want := range map[string]string{
		"Ann@Example.COM":      "ann@example.com",
		" ann+tag@example.com": "ann@example.com",
		"ann+a+b@example.com":  "ann@example.com",
		"+x@example.com":       "+x@example.com",
		"a.b@example.com":      "a.b@example.com",
		"sponsor@ｃorp.example": "sponsor@corp.example", // fullwidth c, as DNS maps it
		"anna@münchen.de":      "anna@xn--mnchen-3ya.de",
	} {
		if got := EmailKey(in); got != want {
			t.Errorf("EmailKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAnEngagementHasAtMostMaxRaters: a whole directory pasted in as raters is refused with one
// error that says the limit, not one per row.
func TestAnEngagementHasAtMostMaxRaters(t *testing.T) {
	existing := map[string]bool{}
	for i := 0; i < MaxRaters-1; i++ {
		existing[fmt.Sprintf("r%d@example.com", i)] = true
	}
	two := []Rater{{Name: "A", Email: "a@example.com", Group: GroupPeer}, {Name: "B", Email: "b@example.com", Group: GroupPeer}}
	problems := CheckRaters(two, RaterRules{Existing: existing})
	if len(problems) != 1 || problems[0].Field != "raters" || !strings.Contains(problems[0].Message, fmt.Sprint(MaxRaters)) {
		t.Fatalf("%d+2 raters: %+v", MaxRaters-1, problems)
	}
	if problems := CheckRaters(two[:1], RaterRules{Existing: existing}); len(problems) != 0 {
		t.Errorf("the %dth rater refused: %+v", MaxRaters, problems)
	}
}

// TestAddressesThatReadAlikeAreOneOrRefused: a coach could pad a group with the sponsor under an
// address that reads like theirs but compared differently: a fullwidth letter in the domain, an
// address literal, a zero-width space. The first compares equal to the sponsor's; the others
// are no addresses a rater list may hold.
func TestAddressesThatReadAlikeAreOneOrRefused(t *testing.T) {
	for _, bad := range []string{"spo.nsor@[127.0.0.1]", "spo.nsor\u200b@corp.example", "sponsor@corp\u200d.example", "sponsor@corp .example", "sponsor@-corp.example"} {
		if ValidEmail(bad) {
			t.Errorf("ValidEmail(%q) accepted", bad)
		}
	}
	for _, good := range []string{"sponsor@ｃorp.example", "anna@münchen.de", "ann@example.com"} {
		if !ValidEmail(good) {
			t.Errorf("ValidEmail(%q) refused", good)
		}
	}
	problems := CheckRaters([]Rater{{Name: "S", Email: "sponsor@ｃorp.example", Group: GroupPeer}}, RaterRules{Sponsor: "sponsor@corp.example"})
	if len(problems) == 0 {
		t.Error("the sponsor under a fullwidth domain was taken as a peer")
	}
}
