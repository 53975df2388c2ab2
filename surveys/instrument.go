package surveys

// Instrument is one immutable version of a survey definition. Every round
// pins one version, so results are always read against the wording the
// raters saw; treat an Instrument as read-only once loaded.
type Instrument struct {
	ID          string
	Title       string
	Description string

	// Version is the hex SHA-256 of Source, set by the loader. Hashing the
	// bytes rather than numbering by hand means no edit can slip through
	// under an old version.
	Version string

	// Source is the exact file bytes this version was parsed from, kept so
	// a pinned version can be stored and re-read when the file has moved on.
	Source []byte

	Scale        Scale
	Competencies []Competency
	Items        []Item // file order, which is the order raters see them
	Questions    []Question
}

// Competency is one area of leadership that several items measure together;
// reports and development goals are built on competencies, not single items.
type Competency struct {
	ID          string
	Title       string
	Description string
}

// Item is one observable behaviour rated on the scale. It has two phrasings
// because the leader rates themself in the first person ("I explain…") while
// other raters answer about them in the third ("Explains…").
type Item struct {
	ID         string
	Competency string // ID of the Competency it belongs to
	Self       string // first person, for the leader's self-assessment
	Others     string // third person without a name, for every other rater
}

// Question is an open question answered in free text. Like an Item it has
// a phrasing for the leader and one for the other raters.
type Question struct {
	ID     string
	Self   string
	Others string
}

// Item returns the item with the given id. Form fields and stored answers
// refer to items by id, so this is how an answer finds its wording.
func (in *Instrument) Item(id string) (Item, bool) {
	for _, it := range in.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

// Question returns the open question with the given id.
func (in *Instrument) Question(id string) (Question, bool) {
	for _, q := range in.Questions {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

// Competency returns the competency with the given id.
func (in *Instrument) Competency(id string) (Competency, bool) {
	for _, c := range in.Competencies {
		if c.ID == id {
			return c, true
		}
	}
	return Competency{}, false
}

// ItemsOf returns the items of one competency in file order, the unit in
// which reports aggregate scores. The slice is new, so callers may keep or
// change it without touching the instrument.
func (in *Instrument) ItemsOf(competencyID string) []Item {
	var items []Item
	for _, it := range in.Items {
		if it.Competency == competencyID {
			items = append(items, it)
		}
	}
	return items
}
