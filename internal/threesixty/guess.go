package threesixty

import "time"

// Guessing links: a client address may make GuessLimit failed link lookups in GuessWindow before
// every link, good or bad, answers 429 to it, so that a guesser over the limit cannot tell a hit
// from a miss. A real rater fails rarely, if ever; the limit is high enough that a whole office
// behind one address does not lock itself out by mistyping, and 256-bit tokens need no lower one.
const (
	GuessLimit  = 100
	GuessWindow = 10 * time.Minute
)
