package surveys

import (
	"regexp"

	"go.yaml.in/yaml/v3"
)

// maxIDLength bounds ids because they end up in HTML field names, URLs and
// database columns, where a paragraph pasted by mistake has no place.
const maxIDLength = 64

// idPattern keeps ids safe to use unescaped as file names, HTML form field
// names and URL segments, and stable under case-folding.
var idPattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// id returns the id under key and its line. ok is false when it is absent
// or malformed (and so reported), so that callers skip checks that would
// only repeat the problem.
func (c *checker) id(m *mapping, key string) (id string, line int, ok bool) {
	n := m.values[key]
	if n == nil {
		return "", 0, false
	}
	line = m.at(key)
	id = c.phrase(m, key)
	switch {
	case id == "" || n.Kind != yaml.ScalarNode:
		return "", line, false
	case len(id) > maxIDLength:
		c.add(line, "id is %d characters long; the limit is %d", len(id), maxIDLength)
		return id, line, false
	case !idPattern.MatchString(id):
		c.add(line, "%q is not a valid id: use lower-case letters, digits and hyphens, starting with a letter", id)
		return id, line, false
	}
	return id, line, true
}
