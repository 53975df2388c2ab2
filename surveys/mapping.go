package surveys

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// mapping is a YAML mapping read by fields, with both the key and the
// value node of every known key: a problem with a value as a whole is
// reported on its key's line, since a block value starts a line later.
type mapping struct {
	line   int // where problems with the mapping as a whole are reported
	keys   map[string]*yaml.Node
	values map[string]*yaml.Node
}

// at returns the line of a key, or of the mapping when the key is absent.
func (m *mapping) at(key string) int {
	if k := m.keys[key]; k != nil {
		return k.Line
	}
	return m.line
}

// fields reads a mapping whose keys are all known in advance. Unknown keys
// are problems, not extensions, because a misspelt key ("titel") would
// otherwise vanish silently. It returns nil when n is not a mapping. line
// is where n is reported as a whole and what names it in messages.
func (c *checker) fields(n *yaml.Node, line int, what string, keys ...string) *mapping {
	if n.Kind != yaml.MappingNode {
		c.add(line, "%s must be a mapping, got %s", what, describe(n))
		return nil
	}
	m := &mapping{line: line, keys: make(map[string]*yaml.Node), values: make(map[string]*yaml.Node)}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		switch {
		case k.Kind != yaml.ScalarNode:
			c.add(k.Line, "a key must be plain text, got %s", describe(k))
		case !slices.Contains(keys, k.Value):
			c.add(k.Line, "unknown key %q", k.Value)
		case m.keys[k.Value] != nil:
			// yaml.v3 keeps both when decoding into nodes, and the
			// second would quietly win.
			c.add(k.Line, "duplicate key %q (first on line %d)", k.Value, m.keys[k.Value].Line)
		default:
			m.keys[k.Value], m.values[k.Value] = k, v
		}
	}
	return m
}

// require reports each key missing from a mapping. where names the
// mapping ("item \"x\""), or is empty at the top of the file.
func (c *checker) require(m *mapping, where string, keys ...string) {
	for _, k := range keys {
		if m.keys[k] != nil {
			continue
		}
		if where == "" {
			c.add(m.line, "missing key %q", k)
		} else {
			c.add(m.line, "%s is missing key %q", where, k)
		}
	}
}

// text returns a key's value as trimmed text; trimming drops the newline a
// block scalar ("|" or ">") ends with. An absent key or a null reads as "".
func (c *checker) text(m *mapping, key string) string {
	n := m.values[key]
	if n == nil || n.ShortTag() == "!!null" {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		c.add(m.at(key), "%q must be text, got %s", key, describe(n))
		return ""
	}
	return strings.TrimSpace(n.Value)
}

// phrase returns text that a person will read, which must say something.
// Absent keys are left to require, so each mistake is reported once.
func (c *checker) phrase(m *mapping, key string) string {
	n := m.values[key]
	s := c.text(m, key)
	if s == "" && n != nil && n.Kind == yaml.ScalarNode {
		c.add(m.at(key), "%q is empty", key)
	}
	return s
}

// list returns the elements of a list value. ok is false when the key is
// absent or not a list, so callers can skip checks that would only repeat
// the problem.
func (c *checker) list(m *mapping, key string) (elems []*yaml.Node, ok bool) {
	n := m.values[key]
	if n == nil {
		return nil, false
	}
	if n.Kind != yaml.SequenceNode {
		c.add(m.at(key), "%q must be a list, got %s", key, describe(n))
		return nil, false
	}
	elems = make([]*yaml.Node, len(n.Content))
	for i, e := range n.Content {
		elems[i] = resolve(e)
	}
	return elems, true
}

// integer returns a whole-number value; ok is false when it is absent or
// not a whole number.
func (c *checker) integer(m *mapping, key string) (v int, ok bool) {
	n := m.values[key]
	if n == nil {
		return 0, false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		c.add(m.at(key), "%q must be a whole number, got %s", key, describe(n))
		return 0, false
	}
	return v, true
}
