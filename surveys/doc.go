// Package surveys defines instruments, the survey definitions that leaders
// and their raters answer, and reads them from YAML files.
//
// An instrument is data, not code, so that a coaching practice can adjust
// wording without a programmer. That makes the loader the only guard against
// a typo reaching a rater: it checks every file completely and reports every
// problem with its file and line at once, so a broken file fails at start-up
// with a list the author can fix in one pass rather than one error per try.
//
// A loaded instrument is immutable and carries a Version, the SHA-256 of its
// exact bytes, so a round can pin the wording its raters actually saw even
// after the file is edited.
//
// The package is pure Go with no database or HTTP imports, so the rules are
// tested quickly and exhaustively.
package surveys
