package threesixty

import "time"

// Guessing links. Only lookups that miss count: a link that opens something always works, for
// whoever holds it, because people share addresses (an office, a VPN) and one person's mistyped
// or scanned links must not lock a colleague out of a survey half filled in. Answering a hit
// reveals nothing: a token has 256 random bits, so nobody finds one by guessing.
//
// A client address may miss GuessLimit times in GuessWindow; after that its misses answer 429
// instead of 404. GuessCeiling bounds the misses of every client together in the same window,
// so that a guesser spread over many addresses is slowed down too; over it, every miss answers
// 429, and hits still work.
const (
	GuessLimit   = 100
	GuessCeiling = 2000
	GuessWindow  = 10 * time.Minute
)

// Misses is what a failed link lookup counts: the client's misses and everyone's, in the
// current window.
type Misses struct {
	Client int
	All    int
}

// Limited reports whether a miss is refused with 429 rather than answered with 404.
func (m Misses) Limited() bool { return m.Client > GuessLimit || m.All > GuessCeiling }
