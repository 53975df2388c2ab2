// Package reports renders the PDF reports of a round (baseline and closing) and the sponsor
// summary: released results in, PDF bytes out. It never touches the database or HTTP, so a report
// is a pure function of the frozen release it is drawn from.
package reports
