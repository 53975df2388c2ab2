package reports

import (
	"bytes"
	_ "embed"
	"errors"
	"reflect"
	"sync"
	"unsafe"

	"github.com/jung-kurt/gofpdf"
)

// DejaVu Sans covers Latin, Greek and Cyrillic with their diacritics; its licence is in
// fonts/LICENSE and travels with the binary as the licence asks.
var (
	//go:embed fonts/DejaVuSans.ttf
	regularTTF []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	boldTTF []byte
)

const fontFamily = "dejavu"

// sharedFonts holds the two fonts as gofpdf parsed them, once per process.
//
// gofpdf has no public way to reuse a parsed font: AddUTF8FontFromBytes parses the whole TTF
// (several milliseconds for the two, against a fifth of one shared; BenchmarkFontSetup prints
// both) into unexported state on every document. Its parse result is mostly
// read-only afterwards, so each document gets a copy of the parsed definition with fresh copies
// of the parts gofpdf changes: the set of used runes (filled while drawing), the font-file
// reader (its position moves at Output, when GenerateCutFont re-reads the file to subset it and
// replaces every map it works with), and the font bytes themselves (GenerateCutFont pads the
// tables it copies by appending to slices of those bytes, which writes into them). The width
// table is only read and stays shared. This leans on unexported fields of gofpdf v1.16.2, an
// archived module that will not change; where the fields are not as expected, documents fall
// back to parsing the font themselves, and TestFontsAreShared says so.
var sharedFonts = sync.OnceValues(parseFonts)

type parsedFont struct {
	key string
	def reflect.Value // a gofpdf fontDefType, never written
	ttf []byte
}

func parseFonts() ([]parsedFont, error) {
	proto := gofpdf.New("P", "mm", "A4", "")
	proto.AliasNbPages(pageCountAlias)
	styles := []struct {
		style string
		ttf   []byte
	}{{"", regularTTF}, {"B", boldTTF}}
	for _, s := range styles {
		proto.AddUTF8FontFromBytes(fontFamily, s.style, bytes.Clone(s.ttf))
	}
	if err := proto.Error(); err != nil {
		return nil, err
	}
	fonts, ok := field(reflect.ValueOf(proto).Elem(), "fonts")
	if !ok || fonts.Kind() != reflect.Map || fonts.Len() != len(styles) {
		return nil, errors.New("gofpdf keeps its fonts differently than expected")
	}
	var parsed []parsedFont
	for _, s := range styles {
		key := reflect.ValueOf(fontFamily + s.style)
		def := fonts.MapIndex(key)
		if !def.IsValid() {
			return nil, errors.New("gofpdf keeps its fonts under other keys than expected")
		}
		p := parsedFont{key: key.String(), def: reflect.New(def.Type()).Elem(), ttf: s.ttf}
		p.def.Set(def)
		if _, err := p.copyDef(); err != nil {
			return nil, err
		}
		parsed = append(parsed, p)
	}
	return parsed, nil
}

// copyDef returns a definition for one document: shared where gofpdf only reads, fresh where it
// writes.
func (p parsedFont) copyDef() (reflect.Value, error) {
	def := reflect.New(p.def.Type()).Elem()
	def.Set(p.def)
	file, ok1 := field(def, "utf8File")
	runes, ok2 := field(def, "usedRunes")
	if !ok1 || !ok2 || file.Kind() != reflect.Pointer || file.IsNil() || runes.Kind() != reflect.Map {
		return reflect.Value{}, errors.New("gofpdf's font definition is not as expected")
	}
	fileCopy := reflect.New(file.Type().Elem())
	fileCopy.Elem().Set(file.Elem())
	reader, ok := field(fileCopy.Elem(), "fileReader")
	if !ok || reader.Kind() != reflect.Pointer {
		return reflect.Value{}, errors.New("gofpdf's font file is not as expected")
	}
	readerCopy := reflect.New(reader.Type().Elem())
	array, ok := field(readerCopy.Elem(), "array")
	if !ok || array.Type() != reflect.TypeFor[[]byte]() {
		return reflect.Value{}, errors.New("gofpdf's font reader is not as expected")
	}
	array.Set(reflect.ValueOf(bytes.Clone(p.ttf)))
	reader.Set(readerCopy)
	file.Set(fileCopy)
	runesCopy := reflect.MakeMapWithSize(runes.Type(), runes.Len()+128)
	for it := runes.MapRange(); it.Next(); {
		runesCopy.SetMapIndex(it.Key(), it.Value())
	}
	runes.Set(runesCopy)
	return def, nil
}

// field returns a struct's field, unexported or not, as a settable value.
func field(v reflect.Value, name string) (reflect.Value, bool) {
	f := v.FieldByName(name)
	if !f.IsValid() || !f.CanAddr() {
		return reflect.Value{}, false
	}
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem(), true
}

// addFonts gives a new document the report's two fonts, from the shared parse when it worked.
func addFonts(pdf *gofpdf.Fpdf) {
	parsed, err := sharedFonts()
	if err == nil {
		if fonts, ok := field(reflect.ValueOf(pdf).Elem(), "fonts"); ok {
			for _, p := range parsed {
				// copyDef worked on this very definition in parseFonts, so it cannot fail here.
				def, _ := p.copyDef()
				fonts.SetMapIndex(reflect.ValueOf(p.key), def)
			}
			return
		}
	}
	pdf.AddUTF8FontFromBytes(fontFamily, "", bytes.Clone(regularTTF))
	pdf.AddUTF8FontFromBytes(fontFamily, "B", bytes.Clone(boldTTF))
}
