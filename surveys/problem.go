package surveys

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong in an instrument file, located so that its
// author can go straight to it.
type Problem struct {
	File    string
	Line    int // 1-based; 0 when no one line is to blame, as in an empty file
	Message string
}

// Error formats the problem the way compilers do ("file:line: message") so
// editors and terminals can jump to it.
func (p Problem) Error() string {
	if p.Line <= 0 {
		return fmt.Sprintf("%s: %s", p.File, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
}

// Problems is every problem found while loading, returned as one error so
// that an author fixes all of them in one pass. Use errors.As to get the
// list back from an error.
type Problems []Problem

// Error puts one problem per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// sort orders problems by file and line, the order an author reads them
// in; checks that run after the walk would otherwise come out of order.
func (ps Problems) sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}
