package surveys

import (
	"errors"
	"fmt"

	"go.yaml.in/yaml/v3"
)

// PulseID is the id of every generated goal pulse. Each engagement's pulse is its own version
// (its goals and its leader's name are in the text), stored and pinned like a file's.
const PulseID = "goal-pulse"

// PulseGoal is what the pulse asks about one development goal: its title, as the raters read it.
type PulseGoal struct {
	Title string
}

// The pulse's scale: seven points of change around "No change", kept as 1..7 like every scale.
var pulseScale = []string{
	"Much less effective", "Less effective", "Slightly less effective", "No change",
	"Slightly more effective", "More effective", "Much more effective",
}

const (
	pulseZero     = 4
	pulseQuestion = "progress"
)

// PulseCompetencyID is the id of the competency (and, with "-change", of the one item) that asks
// about the goal at index i (from 0) of the goals the pulse was generated from. Ids follow the
// goals' order, so the same goals always give the same ids.
func PulseCompetencyID(i int) string { return fmt.Sprintf("goal-%d", i+1) }

// Pulse generates the midpoint pulse for a leader's goals: one competency per goal with one item,
// "How much more (or less) effective has <leader> become at <goal>?", on a -3..+3 scale of change
// with "Not able to rate", and one open question. It writes YAML and parses it back with Parse,
// so the instrument has a Source and a Version (the hash of that source) exactly like a shipped
// file, and the same leader and goals always give the same version. Every text is written as a
// quoted YAML string, so a title may hold any character.
func Pulse(leaderName string, goals []PulseGoal) (*Instrument, error) {
	if len(goals) == 0 {
		return nil, errors.New("a goal pulse needs at least one goal")
	}
	competencies := &yaml.Node{Kind: yaml.SequenceNode}
	items := &yaml.Node{Kind: yaml.SequenceNode}
	for i, g := range goals {
		id := PulseCompetencyID(i)
		competencies.Content = append(competencies.Content, mappingNode(
			"id", id,
			"title", g.Title,
		))
		items.Content = append(items.Content, mappingNode(
			"id", id+"-change",
			"competency", id,
			"self", "How much more (or less) effective have I become at "+g.Title+"?",
			"others", "How much more (or less) effective has "+leaderName+" become at "+g.Title+"?",
		))
	}
	points := &yaml.Node{Kind: yaml.SequenceNode}
	for i, label := range pulseScale {
		points.Content = append(points.Content, mappingNode("value", i+1, "label", label))
	}
	scale := mappingNode("points", points, "not_able_to_rate", "Not able to rate", "zero", pulseZero)
	questions := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{mappingNode(
		"id", pulseQuestion,
		"self", "What have I done differently since the coaching began, and what would help me most from here?",
		"others", "What has "+leaderName+" done differently since the coaching began, and what would help most from here?",
	)}}
	doc := mappingNode(
		"id", PulseID,
		"title", "Progress check on "+leaderName+"'s goals",
		"description", "A short check on progress since the coaching began, not the full survey: "+
			"for each goal, how much has changed. Choose \"Not able to rate\" for anything you have not had the chance to see.",
		"scale", scale,
		"competencies", competencies,
		"items", items,
		"questions", questions,
	)
	doc.HeadComment = "Generated from an engagement's development goals when its midpoint pulse opened;\n" +
		"stored and pinned by the hash of these bytes, like an instrument file."
	source, err := yaml.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return Parse(PulseID+".yaml", source)
}

// mappingNode builds a YAML mapping from key, value pairs: a value is a node, a whole number, or
// text, which is always double-quoted so that no character of it can change the document's shape.
func mappingNode(pairs ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(pairs); i += 2 {
		key := &yaml.Node{Kind: yaml.ScalarNode, Value: pairs[i].(string)}
		var value *yaml.Node
		switch v := pairs[i+1].(type) {
		case *yaml.Node:
			value = v
		case int:
			value = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: fmt.Sprint(v)}
		case string:
			value = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: yaml.DoubleQuotedStyle}
		}
		m.Content = append(m.Content, key, value)
	}
	return m
}
