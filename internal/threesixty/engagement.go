package threesixty

import "time"

// Threshold bounds. The promise says k is never below 2; above 10 a normal team could never be shown.
const (
	DefaultThreshold = 3
	MinThreshold     = 3
	MaxThreshold     = 10
)

// Person is someone the service writes to: a leader or a rater.
type Person struct {
	Name  string `json:"name" db:"name" validate:"required,text,max=200"`
	Email string `json:"email" db:"email" validate:"required,text,email,max=254"`
}

// Sponsor is who pays for the engagement. Sponsors only ever see themes and progress.
type Sponsor struct {
	Name         string `json:"name" db:"name" validate:"required,text,max=200"`
	Email        string `json:"email" db:"email" validate:"required,text,email,max=254"`
	Organisation string `json:"organisation" db:"organisation" validate:"text,max=200"`
}

// Anonymity is the engagement's part of the anonymity promise.
type Anonymity struct {
	// Threshold is k: a rater group is reported only when at least k of its raters answered.
	Threshold int `json:"threshold" db:"threshold" validate:"min=2,max=10"`
	// SuperiorIdentifiable lets the superior group be shown below k; superiors are told so.
	SuperiorIdentifiable bool `json:"superior_identifiable" db:"superior_identifiable"`
}

// Engagement is one leader's coaching engagement.
type Engagement struct {
	ID         string    `json:"id" db:"id"`
	CoachID    string    `json:"-" db:"coach_id"`
	Leader     Person    `json:"leader" db:"leader"`
	Sponsor    *Sponsor  `json:"sponsor" db:"-"`
	Instrument string    `json:"instrument" db:"instrument"`
	Anonymity  Anonymity `json:"anonymity" db:"anonymity"`
	CreatedAt  time.Time `json:"created_at" db:"created_at"`
}
