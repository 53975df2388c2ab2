package surveypage

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// TestAPulseShowsItsScaleAroundZero: the pulse's page asks each goal in its own words, its seven
// points read −3 to +3 with their labels, and its help speaks of change, not of how often.
func TestAPulseShowsItsScaleAroundZero(t *testing.T) {
	r, _ := setUp(t)
	in, err := surveys.Pulse("Alex Morgan", []surveys.PulseGoal{{Title: `saying "no" to urgent requests`}})
	if err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(write(t, r, in, http.StatusOK, Page{Access: access(threesixty.GroupPeer, "Alex Morgan")}))
	for _, want := range []string{
		in.Items[0].Others, "not the full survey", "−3 Much less effective", "0 No change",
		"+3 Much more effective", "how much", "0 for no change",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the pulse page lacks %q", want)
		}
	}
	if strings.Contains(page, "how often") {
		t.Error("the pulse page asks how often")
	}
}
