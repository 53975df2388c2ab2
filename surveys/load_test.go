package surveys

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// TestShippedInstrument checks the instrument the product ships beyond what
// the loader enforces: its shape, and the conventions of its wording.
func TestShippedInstrument(t *testing.T) {
	instruments, err := Load()
	if err != nil {
		t.Fatalf("Load:\n%v", err)
	}
	var in *Instrument
	for _, i := range instruments {
		if i.ID == "leadership-360" {
			in = i
		}
	}
	if in == nil {
		t.Fatalf("leadership-360 not among %d instruments", len(instruments))
	}
	if in.Title != "Leadership 360" || in.Description == "" {
		t.Errorf("title %q, description %q", in.Title, in.Description)
	}

	var labels []string
	for _, p := range in.Scale.Points {
		labels = append(labels, p.Label)
	}
	if want := []string{"Never", "Rarely", "Sometimes", "Often", "Always"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("scale labels %v, want %v", labels, want)
	}
	if in.Scale.Max() != 5 || in.Scale.NotAbleToRate != "Not able to rate" {
		t.Errorf("scale max %d, not able to rate %q", in.Scale.Max(), in.Scale.NotAbleToRate)
	}

	if len(in.Competencies) != 8 {
		t.Errorf("%d competencies, want 8", len(in.Competencies))
	}
	for _, c := range in.Competencies {
		if n := len(in.ItemsOf(c.ID)); n < 4 || n > 6 {
			t.Errorf("competency %s has %d items, want 4 to 6", c.ID, n)
		}
		if c.Description == "" {
			t.Errorf("competency %s has no description", c.ID)
		}
	}

	var questions []string
	for _, q := range in.Questions {
		questions = append(questions, q.ID)
	}
	if want := []string{"keep-doing", "start-doing", "stop-doing"}; !reflect.DeepEqual(questions, want) {
		t.Errorf("questions %v, want %v", questions, want)
	}

	// Self phrasings speak as the leader; others phrasings complete "How
	// often does this person…", so they start with a capital and never
	// slip into the first person.
	firstPerson := regexp.MustCompile(`\b(I|my|me|myself)\b`)
	// One behaviour per item: "and" or "or" usually means two, and a rater
	// who sees only one of them cannot answer honestly.
	twoBehaviours := regexp.MustCompile(`\b(and|or)\b`)
	seen := make(map[string]string)
	for _, it := range in.Items {
		if !firstPerson.MatchString(it.Self) {
			t.Errorf("%s: self %q is not in the first person", it.ID, it.Self)
		}
		if firstPerson.MatchString(it.Others) || !regexp.MustCompile(`^[A-Z]`).MatchString(it.Others) {
			t.Errorf("%s: others %q should be third person, starting with a capital", it.ID, it.Others)
		}
		for _, s := range []string{it.Self, it.Others} {
			if twoBehaviours.MatchString(s) {
				t.Errorf("%s: %q may be double-barrelled", it.ID, s)
			}
			if !strings.HasSuffix(s, ".") {
				t.Errorf("%s: %q does not end with a full stop", it.ID, s)
			}
		}
		if other, ok := seen[it.Others]; ok {
			t.Errorf("%s repeats %s", it.ID, other)
		}
		seen[it.Others] = it.ID
	}
}

// valid returns a minimal instrument file for the given id.
func valid(id string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(strings.Replace(minimal, "id: mini", "id: "+id, 1))}
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"zeta.yaml":       valid("zeta"),
		"alpha.yaml":      valid("alpha"),
		"README.md":       {Data: []byte("not an instrument")},
		"notes.yml":       {Data: []byte("not: loaded")},
		"drafts/x.yaml":   {Data: []byte("broken: [")},
		"folder.yaml/a.b": {Data: []byte("a directory named like a file")},
	}
	instruments, err := LoadFS(fsys)
	if err != nil {
		t.Fatalf("LoadFS:\n%v", err)
	}
	var ids []string
	for _, in := range instruments {
		ids = append(ids, in.ID)
	}
	if want := []string{"alpha", "zeta"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids %v, want %v", ids, want)
	}
}

// TestLoadFSProblems checks that problems from every file come back
// together and that no instrument is returned alongside them.
func TestLoadFSProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"good.yaml":   valid("good"),
		"broken.yaml": {Data: []byte("id: broken\ntitle: [\n")},
		"wrong.yaml":  valid("right"),
		"empty.yaml":  {Data: nil},
	}
	instruments, err := LoadFS(fsys)
	if instruments != nil {
		t.Errorf("LoadFS returned %d instruments with problems", len(instruments))
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v is not Problems", err)
	}
	var files []string
	for _, p := range ps {
		files = append(files, p.File)
	}
	if want := []string{"broken.yaml", "empty.yaml", "wrong.yaml"}; !reflect.DeepEqual(files, want) {
		t.Errorf("problems in %v, want %v:\n%v", files, want, ps)
	}
	if want := `wrong.yaml:1: id "right" does not match the file name; expected "wrong"`; !strings.Contains(err.Error(), want) {
		t.Errorf("error\n%v\ndoes not contain %q", err, want)
	}
}

// TestLoadFSNoRoot checks that a root that cannot be listed is an error of
// its own, not a problem in some file.
func TestLoadFSNoRoot(t *testing.T) {
	_, err := LoadFS(os.DirFS(filepath.Join(t.TempDir(), "missing")))
	var ps Problems
	if err == nil || errors.As(err, &ps) {
		t.Errorf("LoadFS of a missing directory: %v", err)
	}
}

// TestLoadFSUnreadable checks that a file that cannot be read is reported
// with the others rather than aborting the load.
func TestLoadFSUnreadable(t *testing.T) {
	fsys := unreadable{fstest.MapFS{
		"bad.yaml":  valid("bad"),
		"lost.yaml": valid("lost"),
	}, "lost.yaml"}
	_, err := LoadFS(fsys)
	var ps Problems
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].File != "lost.yaml" || ps[0].Line != 0 {
		t.Fatalf("LoadFS error %v, want one problem for lost.yaml", err)
	}
}

// unreadable is a file system in which one file fails to open.
type unreadable struct {
	fstest.MapFS
	name string
}

func (u unreadable) Open(name string) (fs.File, error) {
	if name == u.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.Open(name)
}

func (u unreadable) ReadFile(name string) ([]byte, error) {
	if name == u.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.MapFS.ReadFile(name)
}
