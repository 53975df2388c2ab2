package surveypage

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"
)

// A skeleton is the survey page executed once, with marks where a rater's own values go; see
// the package doc for why.

// Marks are private-use characters, which no escaper touches and no instrument text contains.
const (
	markOpen  = "\uE000"
	markSep   = "\uE002"
	markClose = "\uE001"
)

func mark(kind, arg string) string { return markOpen + kind + markSep + arg + markClose }

// skeletonFuncs are the template functions that leave marks.
var skeletonFuncs = template.FuncMap{
	"slot": func(name string) template.HTML { return template.HTML(mark(name, "")) },
	"checked": func(id string, value any) template.HTMLAttr {
		return template.HTMLAttr(mark("checked", fmt.Sprint(id, "=", value)))
	},
	"problemClass": func(id string) string { return mark("problem-class", id) },
	"describedBy":  func(id string) template.HTMLAttr { return template.HTMLAttr(mark("described-by", id)) },
	"problem":      func(id string) template.HTML { return template.HTML(mark("problem", id)) },
	"answer":       func(id string) template.HTML { return template.HTML(mark("answer", id)) },
}

// piece is literal markup, or a mark to fill.
type piece struct {
	text      string
	kind, arg string
}

// skeleton is an executed page cut at its marks.
type skeleton []piece

// betweenTags is layout whitespace between two tags; the page's CSS lays out with flex and grid,
// so dropping it changes nothing a reader sees and makes every page a few kilobytes lighter.
var betweenTags = regexp.MustCompile(`>\s*\n\s*<`)

func parseSkeleton(page string) (skeleton, error) {
	page = betweenTags.ReplaceAllString(page, "><")
	var sk skeleton
	for page != "" {
		before, rest, found := strings.Cut(page, markOpen)
		if before != "" {
			sk = append(sk, piece{text: before})
		}
		if !found {
			break
		}
		inner, after, ok := strings.Cut(rest, markClose)
		kind, arg, ok2 := strings.Cut(inner, markSep)
		if !ok || !ok2 {
			return nil, fmt.Errorf("unterminated mark in the survey page at %q", truncate(rest, 40))
		}
		sk = append(sk, piece{kind: kind, arg: arg})
		page = after
	}
	return sk, nil
}

// fill is one rater's part of the page.
type fill struct {
	leader, closes, group string
	coach                 string
	threshold, answered   int
	values                map[string]string // item id -> "1".."5" or "na"
	comments              map[string]string
	problems              map[string]string // field -> message
	notices               []byte            // rendered "notices" block: saved, problems
}

// render writes the page with every mark filled. Text is escaped as html/template would.
func (sk skeleton) render(w *bytes.Buffer, f *fill) error {
	for _, p := range sk {
		if p.kind == "" {
			w.WriteString(p.text)
			continue
		}
		switch p.kind {
		case "leader":
			template.HTMLEscape(w, []byte(f.leader))
		case "coach":
			template.HTMLEscape(w, []byte(f.coach))
		case "closes":
			template.HTMLEscape(w, []byte(f.closes))
		case "group":
			template.HTMLEscape(w, []byte(f.group))
		case "threshold":
			w.WriteString(strconv.Itoa(f.threshold))
		case "answered":
			w.WriteString(strconv.Itoa(f.answered))
		case "notices":
			w.Write(f.notices)
		case "not-sent":
			if len(f.problems) > 0 {
				w.WriteString("Not sent: ")
			}
		case "checked":
			id, value, _ := strings.Cut(p.arg, "=")
			if f.values[id] == value {
				w.WriteString(" checked")
			}
		case "problem-class":
			if _, ok := f.problems[p.arg]; ok {
				w.WriteString(" has-problem")
			}
		case "described-by":
			if _, ok := f.problems[p.arg]; ok {
				w.WriteString(` aria-describedby="` + p.arg + `-problem" aria-invalid="true"`)
			}
		case "problem":
			if msg, ok := f.problems[p.arg]; ok {
				w.WriteString(`<p class="problem" id="` + p.arg + `-problem">`)
				template.HTMLEscape(w, []byte(msg))
				w.WriteString(`</p>`)
			}
		case "answer":
			template.HTMLEscape(w, []byte(f.comments[p.arg]))
		default:
			return fmt.Errorf("the survey page has an unknown mark %q", p.kind)
		}
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
