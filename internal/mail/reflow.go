package mail

import "strings"

// textWidth is where the plain-text part wraps: short enough for any client, and for quoting.
const textWidth = 72

// reflow lays out a rendered plain-text part, so templates can be written for their reader
// rather than for a column count, and names of any length still wrap well. Lines of a paragraph
// are joined and wrapped at width; blank lines separate paragraphs (several count as one); a
// line holding only an address stays on a line of its own, never broken, so it can be clicked
// or copied whole; a line starting with "- " starts a list item, wrapped with a hanging indent.
func reflow(s string, width int) string {
	var out []string
	var words []string
	first, rest := "", "" // prefixes of the paragraph's first and following lines
	flush := func() {
		out = append(out, wrap(words, width, first, rest)...)
		words, first, rest = nil, "", ""
	}
	blank := func() {
		if len(out) > 0 && out[len(out)-1] != "" {
			out = append(out, "")
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			flush()
			blank()
		case isAddress(t):
			flush()
			out = append(out, t)
		case strings.HasPrefix(t, "- "):
			flush()
			first, rest = "- ", "  "
			words = strings.Fields(t[2:])
		default:
			words = append(words, strings.Fields(t)...)
		}
	}
	flush()
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}

// wrap fills lines of at most width columns with words; a word longer than that gets a line of
// its own rather than being broken.
func wrap(words []string, width int, first, rest string) []string {
	var lines []string
	line := first
	empty := true
	for _, w := range words {
		switch {
		case empty:
			line += w
		case len([]rune(line))+1+len([]rune(w)) > width:
			lines = append(lines, line)
			line = rest + w
		default:
			line += " " + w
		}
		empty = false
	}
	if !empty {
		lines = append(lines, line)
	}
	return lines
}

// isAddress reports whether a line is a link and nothing else.
func isAddress(s string) bool {
	return !strings.ContainsAny(s, " \t") &&
		(strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "mailto:"))
}
