package surveys

import (
	"cmp"
	"embed"
	"errors"
	"io/fs"
	"slices"
	"strings"
)

// Files holds the instrument files shipped with the binary, so a deployment
// cannot run with instruments that differ from the ones it was tested with.
//
//go:embed *.yaml
var Files embed.FS

// Load reads the instruments shipped with the binary.
func Load() ([]*Instrument, error) {
	return LoadFS(Files)
}

// LoadFS reads every *.yaml file at the root of fsys and returns the
// instruments sorted by ID. If any file is invalid it returns no
// instruments and a Problems error holding the problems of all files
// together, because a service should not start with half its instruments.
// A file that cannot be read is one of those problems; only a root that
// cannot be listed is returned as a plain error.
func LoadFS(fsys fs.FS) ([]*Instrument, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var (
		instruments []*Instrument
		problems    Problems
	)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		in, err := loadFile(fsys, e.Name())
		var ps Problems
		switch {
		case errors.As(err, &ps):
			problems = append(problems, ps...)
		case err != nil:
			// An unreadable file is reported beside the others rather
			// than on its own, so the author still sees the whole list.
			problems = append(problems, Problem{File: e.Name(), Message: err.Error()})
		default:
			instruments = append(instruments, in)
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	slices.SortFunc(instruments, func(a, b *Instrument) int { return cmp.Compare(a.ID, b.ID) })
	return instruments, nil
}

func loadFile(fsys fs.FS, name string) (*Instrument, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}
