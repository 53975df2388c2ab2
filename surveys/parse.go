package surveys

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Parse reads one instrument file. file is the name it is known by (its
// base name without ".yaml" must equal the instrument's id) and the name
// problems are reported under. When the file is invalid the error is
// Problems listing everything wrong with it, and no instrument is returned:
// a half-checked instrument must never reach a rater.
func Parse(file string, data []byte) (*Instrument, error) {
	c := &checker{file: file}
	var in *Instrument
	if root := c.document(data); root != nil {
		in = c.instrument(root, strings.TrimSuffix(path.Base(file), ".yaml"))
	}
	if len(c.problems) > 0 {
		c.problems.sort()
		return nil, c.problems
	}
	sum := sha256.Sum256(data)
	in.Version = hex.EncodeToString(sum[:])
	// A copy, so a caller reusing its buffer cannot change a version.
	in.Source = bytes.Clone(data)
	return in, nil
}

// instrument walks the top-level mapping. name is the file's base name,
// which the id must match so that a file is found by its id and two files
// can never claim the same one.
func (c *checker) instrument(root *yaml.Node, name string) *Instrument {
	m := c.fields(root, root.Line, "the file", "id", "title", "description", "scale", "competencies", "items", "questions")
	if m == nil {
		return nil
	}
	c.require(m, "", "id", "title", "scale", "competencies", "items")
	in := &Instrument{
		Title:       c.phrase(m, "title"),
		Description: c.text(m, "description"),
	}
	if id, line, ok := c.id(m, "id"); ok {
		if id != name {
			c.add(line, "id %q does not match the file name; expected %q", id, name)
		}
		in.ID = id
	}
	if n := m.values["scale"]; n != nil {
		in.Scale = c.scale(n, m.at("scale"))
	}
	competencies, competenciesOK := c.list(m, "competencies")
	if competenciesOK && len(competencies) == 0 {
		c.add(m.at("competencies"), "no competencies")
	}
	in.Competencies = c.competencyList(competencies)
	items, itemsOK := c.list(m, "items")
	if itemsOK && len(items) == 0 {
		c.add(m.at("items"), "no items")
	}
	in.Items = c.itemList(items)
	questions, _ := c.list(m, "questions")
	in.Questions = c.questionList(questions)

	c.crossCheck(competenciesOK)
	return in
}
