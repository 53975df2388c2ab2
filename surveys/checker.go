package surveys

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// checker walks one file's node tree, collecting problems instead of
// stopping at the first, and remembers where ids appear for the checks
// that need the whole file (duplicates, references).
type checker struct {
	file     string
	problems Problems

	competencyIDs []mention // where each competency is defined
	fieldIDs      []mention // where each item and question id is defined
	references    []mention // each item's competency
}

// mention is one appearance of an id in the file.
type mention struct {
	id   string
	line int
}

func (c *checker) add(line int, format string, args ...any) {
	c.problems = append(c.problems, Problem{File: c.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// resolve follows an alias to its anchor, so that "*name" reads like the
// text it stands for.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// describe names what a node holds, for "must be X, got Y" messages.
func describe(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.ShortTag() == "!!null":
		return "nothing"
	default:
		v := []rune(n.Value)
		if len(v) > maxQuoted {
			return fmt.Sprintf("%q", string(v[:maxQuoted])+"…")
		}
		return fmt.Sprintf("%q", n.Value)
	}
}

// maxQuoted keeps a paragraph pasted under the wrong key from swamping
// the message that quotes it.
const maxQuoted = 40
