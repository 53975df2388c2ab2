package surveys

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// competencyList reads the competencies and records where each id is
// defined, for the duplicate and reference checks.
func (c *checker) competencyList(elems []*yaml.Node) []Competency {
	var out []Competency
	for i, n := range elems {
		m := c.fields(n, n.Line, fmt.Sprintf("competency %d", i+1), "id", "title", "description")
		if m == nil {
			continue
		}
		id, line, ok := c.id(m, "id")
		c.require(m, name("competency", i, id), "id", "title")
		if ok {
			c.competencyIDs = append(c.competencyIDs, mention{id, line})
		}
		out = append(out, Competency{
			ID:          id,
			Title:       c.phrase(m, "title"),
			Description: c.text(m, "description"),
		})
	}
	return out
}

// itemList reads the rated items and records their ids and competencies.
func (c *checker) itemList(elems []*yaml.Node) []Item {
	var out []Item
	for i, n := range elems {
		m := c.fields(n, n.Line, fmt.Sprintf("item %d", i+1), "id", "competency", "self", "others")
		if m == nil {
			continue
		}
		id, line, ok := c.id(m, "id")
		c.require(m, name("item", i, id), "id", "competency", "self", "others")
		if ok {
			c.fieldIDs = append(c.fieldIDs, mention{id, line})
		}
		competency, line, ok := c.id(m, "competency")
		if ok {
			c.references = append(c.references, mention{competency, line})
		}
		out = append(out, Item{
			ID:         id,
			Competency: competency,
			Self:       c.phrase(m, "self"),
			Others:     c.phrase(m, "others"),
		})
	}
	return out
}

// questionList reads the open questions and records their ids.
func (c *checker) questionList(elems []*yaml.Node) []Question {
	var out []Question
	for i, n := range elems {
		m := c.fields(n, n.Line, fmt.Sprintf("question %d", i+1), "id", "self", "others")
		if m == nil {
			continue
		}
		id, line, ok := c.id(m, "id")
		c.require(m, name("question", i, id), "id", "self", "others")
		if ok {
			c.fieldIDs = append(c.fieldIDs, mention{id, line})
		}
		out = append(out, Question{
			ID:     id,
			Self:   c.phrase(m, "self"),
			Others: c.phrase(m, "others"),
		})
	}
	return out
}

// name identifies a list element in messages: by its id when it has a
// usable one, else by its 1-based position.
func name(kind string, i int, id string) string {
	if id != "" {
		return fmt.Sprintf("%s %q", kind, id)
	}
	return fmt.Sprintf("%s %d", kind, i+1)
}
