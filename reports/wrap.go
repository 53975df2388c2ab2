package reports

import (
	"strings"
	"unicode/utf8"
)

// wrap breaks showable text into lines no wider than width, at spaces where it can and inside
// a word only when the word alone is wider than a line.
func wrap(s string, width float64, st style) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, wrapParagraph(para, width, st)...)
	}
	return lines
}

func wrapParagraph(s string, width float64, st style) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	space := textWidth(" ", st.bold, st.size)
	var lines []string
	var line strings.Builder
	lineW := 0.0
	for _, w := range words {
		ww := textWidth(w, st.bold, st.size)
		if line.Len() > 0 && lineW+space+ww <= width {
			line.WriteByte(' ')
			line.WriteString(w)
			lineW += space + ww
			continue
		}
		if line.Len() > 0 {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
		for ww > width {
			head, rest := splitWord(w, width, st)
			lines = append(lines, head)
			w = rest
			ww = textWidth(w, st.bold, st.size)
		}
		line.WriteString(w)
		lineW = ww
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// splitWord cuts off as much of w as fits in width, at least one rune.
func splitWord(w string, width float64, st style) (string, string) {
	used := 0.0
	for i, r := range w {
		rw := textWidth(string(r), st.bold, st.size)
		if used+rw > width && i > 0 {
			return w[:i], w[i:]
		}
		used += rw
	}
	_, size := utf8.DecodeRuneInString(w)
	return w[:size], w[size:]
}

// clip shortens a single line to width, ending it with an ellipsis when anything was cut.
func clip(s string, width float64, st style) string {
	s = showable(s)
	if textWidth(s, st.bold, st.size) <= width {
		return s
	}
	ell := "…"
	limit := width - textWidth(ell, st.bold, st.size)
	used := 0.0
	for i, r := range s {
		used += textWidth(string(r), st.bold, st.size)
		if used > limit {
			return strings.TrimRight(s[:i], " ") + ell
		}
	}
	return s
}
