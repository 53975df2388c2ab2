// Package results turns a closed round's responses into what may be published: statistics per
// rater group for every item and competency, insights drawn from them, and the comments, all
// under the anonymity promise. It is pure Go with no database or HTTP imports.
//
// A release is built in three steps. Groups are formed first: a rater group below the threshold
// k is merged with another, or left out (groups.go). Then every cell, a group's score on an item
// or a competency, is computed from the raw answers and kept only if enough raters stand behind
// it (cells.go). Last, the audit (audit.go) proves that no linear combination of the published
// sums depends on the answers of fewer than k raters, suppressing cells until that holds.
package results
