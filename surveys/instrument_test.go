package surveys

import (
	"reflect"
	"testing"
)

// lookups is an instrument written out in Go, so the lookups are tested
// apart from the loader.
var lookups = &Instrument{
	ID: "lookups",
	Competencies: []Competency{
		{ID: "listening", Title: "Listening"},
		{ID: "speaking", Title: "Speaking"},
		{ID: "unused", Title: "Unused"},
	},
	Items: []Item{
		{ID: "listening-1", Competency: "listening", Self: "I listen.", Others: "Listens."},
		{ID: "speaking-1", Competency: "speaking", Self: "I speak.", Others: "Speaks."},
		{ID: "listening-2", Competency: "listening", Self: "I ask.", Others: "Asks."},
	},
	Questions: []Question{
		{ID: "keep-doing", Self: "What should I keep doing?", Others: "What should they keep doing?"},
	},
}

func TestInstrumentItem(t *testing.T) {
	cases := []struct {
		id   string
		want Item
		ok   bool
	}{
		{"listening-2", lookups.Items[2], true},
		{"speaking-1", lookups.Items[1], true},
		{"keep-doing", Item{}, false}, // a question, not an item
		{"", Item{}, false},
	}
	for _, tc := range cases {
		got, ok := lookups.Item(tc.id)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Item(%q) = %v, %v; want %v, %v", tc.id, got, ok, tc.want, tc.ok)
		}
	}
}

func TestInstrumentQuestion(t *testing.T) {
	cases := []struct {
		id   string
		want Question
		ok   bool
	}{
		{"keep-doing", lookups.Questions[0], true},
		{"listening-1", Question{}, false}, // an item, not a question
	}
	for _, tc := range cases {
		got, ok := lookups.Question(tc.id)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Question(%q) = %v, %v; want %v, %v", tc.id, got, ok, tc.want, tc.ok)
		}
	}
}

func TestInstrumentCompetency(t *testing.T) {
	cases := []struct {
		id   string
		want Competency
		ok   bool
	}{
		{"speaking", lookups.Competencies[1], true},
		{"listening-1", Competency{}, false},
	}
	for _, tc := range cases {
		got, ok := lookups.Competency(tc.id)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Competency(%q) = %v, %v; want %v, %v", tc.id, got, ok, tc.want, tc.ok)
		}
	}
}

func TestInstrumentItemsOf(t *testing.T) {
	cases := []struct {
		competency string
		want       []string
	}{
		{"listening", []string{"listening-1", "listening-2"}}, // file order
		{"speaking", []string{"speaking-1"}},
		{"unused", nil},
		{"missing", nil},
	}
	for _, tc := range cases {
		var got []string
		for _, it := range lookups.ItemsOf(tc.competency) {
			got = append(got, it.ID)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ItemsOf(%q) = %v, want %v", tc.competency, got, tc.want)
		}
	}

	// The result is the caller's to change.
	items := lookups.ItemsOf("listening")
	items[0].Self = "changed"
	if lookups.Items[0].Self != "I listen." {
		t.Errorf("changing the result of ItemsOf changed the instrument")
	}
}
