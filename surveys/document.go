package surveys

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// document decodes data into a node tree and returns its root, or nil after
// reporting why there is none. Decoding into yaml.Node rather than into
// structs keeps a line number on every value, which the checks need.
func (c *checker) document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if errors.Is(err, io.EOF) || err == nil && len(doc.Content) == 0 {
		c.add(0, "file is empty")
		return nil
	}
	if err != nil {
		c.add(syntaxLine(err, data), "invalid YAML: %s", syntaxMessage(err))
		return nil
	}
	// yaml.v3 silently ignores whatever follows the first document, so an
	// accidental "---" would hide half the instrument.
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		c.add(next.Line, "a second YAML document starts here; an instrument file holds exactly one")
	case !errors.Is(err, io.EOF):
		c.add(syntaxLine(err, data), "invalid YAML: %s", syntaxMessage(err))
	}
	return doc.Content[0]
}

var syntaxPrefix = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// syntaxMessage strips yaml.v3's prefix, which the Problem already implies.
func syntaxMessage(err error) string {
	return syntaxPrefix.ReplaceAllString(err.Error(), "")
}

// syntaxLine finds the 1-based line of a yaml.v3 syntax error, or 0 when
// it has none. It has to work around two quirks of yaml.v3 v3.0.6:
// parser errors (as opposed to scanner errors) count lines from 0, and an
// error on the first line carries no line at all. For the second, the text
// is decoded again one line lower, where the line does show.
func syntaxLine(err error, data []byte) int {
	if line, ok := reportedLine(err); ok {
		// A problem found at the end of the stream is placed on the
		// empty line after the last; the author is looking for the last.
		return min(line, lineCount(data))
	}
	shifted := append([]byte("\n"), data...)
	dec := yaml.NewDecoder(bytes.NewReader(shifted))
	for {
		var n yaml.Node
		again := dec.Decode(&n)
		if again == nil {
			continue
		}
		if line, ok := reportedLine(again); ok && syntaxMessage(again) == syntaxMessage(err) {
			return line - 1
		}
		return 0
	}
}

func reportedLine(err error) (int, bool) {
	m := syntaxPrefix.FindStringSubmatch(err.Error())
	if m == nil || m[1] == "" {
		return 0, false
	}
	line, _ := strconv.Atoi(m[1]) // the pattern admits only digits
	if zeroBased(syntaxMessage(err)) {
		line++
	}
	return line, true
}

// zeroBased reports whether a message comes from yaml.v3's parser, whose
// line numbers start at 0. Its messages are fixed strings in parserc.go;
// the tests pin several, so an upgrade that fixes the count shows.
func zeroBased(msg string) bool {
	for _, p := range []string{
		"did not find expected <stream-start>",
		"did not find expected <document start>",
		"did not find expected node content",
		"did not find expected key",
		"did not find expected '-' indicator",
		"did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"found duplicate %YAML directive",
		"found duplicate %TAG directive",
		"found incompatible YAML document",
		"found undefined tag handle",
	} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

func lineCount(data []byte) int {
	n := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return max(n, 1)
}
