package results

import (
	"fmt"
	"testing"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// benchResponses is 15 respondents on the shipped instrument, one answer in twenty "not able to
// rate", as the release benchmark of the store uses.
func benchResponses(b *testing.B) (*surveys.Instrument, []threesixty.Response) {
	list, err := surveys.Load()
	if err != nil {
		b.Fatal(err)
	}
	in := list[0]
	groups := []threesixty.RaterGroup{"self", "superior", "superior", "peer", "peer", "peer", "peer", "direct_report", "direct_report", "direct_report", "direct_report", "direct_report", "direct_report", "other", "other"}
	var responses []threesixty.Response
	for r, g := range groups {
		a := threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{"keep-doing": fmt.Sprint("comment ", r)}}
		for i, item := range in.Items {
			if (i+r)%20 == 0 {
				a.Ratings[item.ID] = nil
				continue
			}
			v := 1 + (i*7+r*3)%5
			a.Ratings[item.ID] = &v
		}
		responses = append(responses, threesixty.Response{Group: g, Answers: a})
	}
	return in, responses
}

// BenchmarkComputeRelease is the pure computation of a release: groups, cells, audit, insights.
func BenchmarkComputeRelease(b *testing.B) {
	in, responses := benchResponses(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := Compute(Input{Instrument: in, Threshold: 3, Responses: responses}); err != nil {
			b.Fatal(err)
		}
	}
}
