// Package results turns a closed round's responses into what may be published: statistics per
// rater group for every item and competency, insights drawn from them, and the comments, all
// under the anonymity promise. It is pure Go with no database or HTTP imports.
//
// A release is built in four steps. Groups are formed first (groups.go), then every cell, a
// group's score on an item, is computed from the raw answers and kept only if enough raters
// stand behind it (cells.go). Then the audit (audit.go) proves that no linear combination of the
// published numbers gives away fewer raters than the rules allow, withdrawing cells until that
// holds. Last, competency scores are worked out from the published item scores alone
// (release.go), so they need no audit and vanish only with most of their items. The rules:
//
//   - The threshold k is at least threesixty.MinThreshold, 3: with 2, a rater who reads the
//     report subtracts their own answers from their group's and has the other's. Compute
//     refuses less.
//   - A reader may know who wrote some responses: the sponsor, invited as a superior, reads
//     what is derived from the release. Input.KnownSuperiors says how many superior responses
//     are such; which ones is recorded nowhere, so everything below holds whichever they are
//     (known.go). Responses a reader knows never count towards k.
//   - Self is published alone, and so is the superior group when it is identifiable. Every
//     other rater group needs k respondents a reader does not know; one below k is merged with
//     another, or left out when nothing is left to merge with. A group that took part in a
//     merge is never published on its own as well.
//   - all_others is the raters of the published groups but self, an identifiable superior
//     group included, and never a group that was left out: a left-out group's responses change
//     nothing that is published, so "not enough responses" looks exactly like "no responses".
//   - A cell (mean and n) needs k raters a reader does not know, except for self and an
//     identifiable superior group.
//   - A spread, the standard deviation and the distribution, which go together, needs at least
//     SpreadMinimum (5) raters, counted as raters and not answers, whose answers sit on more
//     than one scale point; where protected raters are in the cell, the protected raters alone
//     must meet the same bar. Below five, mean and standard deviation pin the answers down, and
//     a spread on one point says what everyone answered.
//   - A group's competency score is the mean of its published item means for the competency,
//     where at least half of the items are published, and says which items it covers.
//   - The audit asks two questions of each competency: no combination of the published sums may
//     involve fewer than k protected raters, and no combination of the published spreads (sums
//     of squares and counts per point over the same answers) may involve fewer than
//     SpreadMinimum of them, or only answers on one point. Self, identifiable superiors and the
//     responses a reader knows count as known. It runs once for every choice of the known
//     responses, from the same start, and keeps only the cells that survive every run: each
//     run's set of sums isolates nothing under its choice, and a subset of a safe set is safe,
//     since its span is smaller.
//   - Insights read published numbers only; disagreement reads only published standard
//     deviations.
//   - Comments are published under their writer's published group, only where k writers a
//     reader does not know stand behind it (self and an identifiable superior group excepted),
//     never under a left-out group or all_others, in an order that owes nothing to the order
//     of responses.
//
// A closing round is released against its engagement's baseline: its raters are mostly the
// baseline's, answering again, and its reader has the baseline's report too. Its groups are
// chosen so that no combination of both releases' group sums isolates fewer than k raters, even
// for a reader who takes some rater groups to have answered the same twice (alignment.go). What
// changed is then worked out from the two releases' published numbers alone (Compare), for the
// groups both published with the same members and the items both asked.
//
// Compute also says, for each response, the published group it was counted in, which is all the
// store keeps of it after close. A release is frozen with Encode, which writes its format
// number beside it, and read with Decode, which reads every format ever written (snapshot.go).
package results
