package mail

import (
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"path"
	"regexp"
	"strings"
	texttemplate "text/template"

	"threesixty/internal/threesixty"
)

//go:embed templates
var templateFiles embed.FS

// embeddedTemplates is templates/ itself.
func embeddedTemplates() fs.FS {
	sub, err := fs.Sub(templateFiles, "templates")
	if err != nil {
		panic(err) // only if the embed directive above changed
	}
	return sub
}

// layoutName is the file stem of the layout every message is wrapped in, in both parts.
const layoutName = "layout"

// purposeName is what a template file may be called: a purpose's name, as stored in the outbox.
var purposeName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// messageTemplates are the two parts of one purpose's message, each joined with its layout.
type messageTemplates struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

// parseTemplates parses every purpose found in fsys (the embedded templates/), so that a new
// purpose needs only its two files, and a broken or half-added one stops the service at
// start-up rather than at the first message.
func parseTemplates(fsys fs.FS, funcs map[string]any) (map[threesixty.Purpose]messageTemplates, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	found := map[string]map[string]bool{} // purpose -> extension -> present
	for _, e := range entries {
		ext := path.Ext(e.Name())
		stem := strings.TrimSuffix(e.Name(), ext)
		if e.IsDir() || (ext != ".txt" && ext != ".html") || stem == layoutName {
			continue
		}
		if !purposeName.MatchString(stem) {
			return nil, fmt.Errorf("mail: template %s: a purpose is named with lower-case letters, digits and _", e.Name())
		}
		if found[stem] == nil {
			found[stem] = map[string]bool{}
		}
		found[stem][ext] = true
	}

	set := map[threesixty.Purpose]messageTemplates{}
	for name, exts := range found {
		if !exts[".txt"] || !exts[".html"] {
			return nil, fmt.Errorf("mail: purpose %q needs both templates/%[1]s.txt and templates/%[1]s.html", name)
		}
		var mt messageTemplates
		mt.text, err = texttemplate.New(layoutName+".txt").Funcs(funcs).Option("missingkey=error").
			ParseFS(fsys, layoutName+".txt", name+".txt")
		if err != nil {
			return nil, fmt.Errorf("mail: %w", err)
		}
		mt.html, err = htmltemplate.New(layoutName+".html").Funcs(funcs).Option("missingkey=error").
			ParseFS(fsys, layoutName+".html", name+".html")
		if err != nil {
			return nil, fmt.Errorf("mail: %w", err)
		}
		for _, def := range []string{layoutName, "subject", "body"} {
			file := name
			if def == layoutName {
				file = layoutName
			}
			if mt.text.Lookup(def) == nil {
				return nil, fmt.Errorf("mail: templates/%s.txt: no {{define %q}}", file, def)
			}
			if mt.html.Lookup(def) == nil {
				return nil, fmt.Errorf("mail: templates/%s.html: no {{define %q}}", file, def)
			}
		}
		set[threesixty.Purpose(name)] = mt
	}
	return set, nil
}
