package results

import "threesixty/internal/threesixty"

// Results is a released round's published content. It is computed once, at release, and frozen
// with Encode; everything in it has passed the audit.
type Results struct {
	Threshold    int                `json:"threshold"`
	Groups       []PublishedGroup   `json:"groups"`
	Competencies []CompetencyResult `json:"competencies"`
	Items        []ItemResult       `json:"items"`
	Insights     Insights           `json:"insights"`
	Comments     []Comment          `json:"comments"`
}

// PublishedGroup is a published group: a rater group, several merged ones, self or all_others.
type PublishedGroup struct {
	Key         string                  `json:"key"`
	Label       string                  `json:"label"`
	Members     []threesixty.RaterGroup `json:"members"`
	Respondents int                     `json:"respondents"`
}

// Score is one published cell: a group's result on an item. N counts raters.
// SD and Distribution (the answers on each scale point, lowest first) are the spread, present
// together or not at all: only where at least SpreadMinimum raters answered on more than one
// point and the audit found that they give nothing away.
type Score struct {
	Group        string   `json:"group"`
	N            int      `json:"n"`
	Mean         float64  `json:"mean"`
	SD           *float64 `json:"sd,omitempty"`
	Distribution []int    `json:"distribution,omitempty"`
}

// CompetencyResult is a competency, how many items it has, and its published scores.
type CompetencyResult struct {
	ID     string            `json:"id"`
	Title  string            `json:"title"`
	Items  int               `json:"items"`
	Scores []CompetencyScore `json:"scores"`
}

// CompetencyScore is a group's score on a competency: the mean of the group's published item
// means for its items, each item weighing the same, published where at least half of the items
// are. Items is how many it covers, and Covers names them when that is not all of them. N is the
// largest n among the item scores it covers: the most raters behind any one of its items, worked
// out from published numbers like the mean. There is no spread at competency
// level: one pooled over items would be a new figure, not one worked out from published ones.
type CompetencyScore struct {
	Group  string   `json:"group"`
	N      int      `json:"n"`
	Mean   float64  `json:"mean"`
	Items  int      `json:"items"`
	Covers []string `json:"covers,omitempty"`
}

// ItemResult is an item, in the others phrasing, with its published scores.
type ItemResult struct {
	ID         string  `json:"id"`
	Competency string  `json:"competency"`
	Text       string  `json:"text"`
	Scores     []Score `json:"scores"`
}

// Insights are drawn from published numbers only, so they can reveal nothing the scores do not.
type Insights struct {
	Highest         []ItemInsight `json:"highest"`
	Lowest          []ItemInsight `json:"lowest"`
	BlindSpots      []ItemInsight `json:"blind_spots"`
	HiddenStrengths []ItemInsight `json:"hidden_strengths"`
	Disagreement    []ItemInsight `json:"disagreement"`
}

// ItemInsight names an item and the published numbers that put it on a list.
type ItemInsight struct {
	Item string   `json:"item"`
	Text string   `json:"text"`
	Mean float64  `json:"mean"`
	Self *float64 `json:"self,omitempty"`
	Gap  *float64 `json:"gap,omitempty"`
	SD   *float64 `json:"sd,omitempty"`
}

// Comment is one open answer, quoted verbatim under the published group its writer belongs to.
type Comment struct {
	Question string `json:"question"`
	Group    string `json:"group"`
	Text     string `json:"text"`
}
