package postgres_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// TestNothingOfAClosedRoundIsLeftInTheTableFiles reads the database as an administrator with
// pageinspect would after close: every raw page of every table that holds drafts, held
// responses or held decline reasons (and their TOAST), dead rows and free space included. Nothing of the closed round's answers or
// drafts may be there, while an open round's still are, which shows the search can find them.
// Before, dead held rows (whose xmin equals their invitation's) and dead drafts (which name
// their invitation) linked every response to a named rater until a vacuum.
func TestNothingOfAClosedRoundIsLeftInTheTableFiles(t *testing.T) {
	f := newFixture(t)
	f.Exec("CREATE EXTENSION IF NOT EXISTS pageinspect")
	raters := people(threesixty.GroupPeer, "peer", 4)
	closing := f.engagement(threesixty.Anonymity{Threshold: 3}, raters...)
	staying := f.engagement(threesixty.Anonymity{Threshold: 3}, raters...)
	closed, closedIssued := f.open(closing, threesixty.RoundKindBaseline)
	_, openIssued := f.open(staying, threesixty.RoundKindBaseline)
	const gone, kept = "marker-of-the-closed-round", "marker-of-the-open-round"
	for i, inv := range closedIssued {
		if i == len(closedIssued)-1 {
			// A draft saved, then replaced by the submission: its dead row is what leaked.
			if ok, err := f.store.SaveDraft(f.ctx, inv.ID, f.answers(2, gone+"-draft")); !ok || err != nil {
				t.Fatal(ok, err)
			}
		}
		f.submit(inv, f.answers(3, gone+strings.Repeat(" long enough to be stored out of line", 80*i)))
	}
	for _, inv := range openIssued[:2] {
		f.submit(inv, f.answers(3, kept))
	}
	if ok, err := f.store.SaveDraft(f.ctx, openIssued[2].ID, f.answers(2, kept)); !ok || err != nil {
		t.Fatal(ok, err)
	}

	var files []string
	f.Select(&files, `SELECT pg_relation_filepath(c.oid) FROM pg_class c
		WHERE c.relname LIKE '%' || replace($1, '-', '') || '%'
		   OR c.oid IN (SELECT reltoastrelid FROM pg_class WHERE relname LIKE '%' || replace($1, '-', '') || '%')`, closed.ID)
	if len(files) < 4 {
		t.Fatalf("the closed round had %d storage files before close, want its own tables and their TOAST", len(files))
	}
	f.close(closed.ID)

	var leftover int
	f.Get(&leftover, "SELECT count(*) FROM pg_class WHERE relname LIKE '%' || replace($1, '-', '') || '%'", closed.ID)
	if leftover != 0 {
		t.Errorf("%d relations of the closed round remain", leftover)
	}
	// Every page of every table that holds drafts or held responses, with its TOAST table.
	var pages [][]byte
	f.Select(&pages, `WITH rel AS (
			SELECT oid FROM pg_class WHERE relkind = 'r' AND relname ~ '^(held_responses|drafts|held_decline_reasons)_[0-9a-f]{32}$'
		), withtoast AS (
			SELECT oid FROM rel
			UNION SELECT c.reltoastrelid FROM pg_class c JOIN rel ON rel.oid = c.oid WHERE c.reltoastrelid <> 0
		)
		SELECT get_raw_page(CAST(w.oid AS regclass)::text, 'main', CAST(p AS int))
		FROM withtoast w, generate_series(0, pg_relation_size(w.oid) / current_setting('block_size')::int - 1) p`)
	var found, foundOpen int
	for _, p := range pages {
		if bytes.Contains(p, []byte(gone)) {
			found++
		}
		if bytes.Contains(p, []byte(kept)) {
			foundOpen++
		}
	}
	if found != 0 {
		t.Errorf("%d raw pages still hold the closed round's answers or drafts", found)
	}
	if foundOpen == 0 {
		t.Fatalf("the open round's answers were not found in %d raw pages: the search does not work", len(pages))
	}
	// The files themselves are gone, or emptied until the next checkpoint unlinks them.
	var dataDir string
	f.Get(&dataDir, "SELECT current_setting('data_directory')")
	if _, err := os.Stat(dataDir); err != nil {
		t.Logf("the data directory is not readable here (%v); the files are not checked", err)
		return
	}
	for _, file := range files {
		info, err := os.Stat(filepath.Join(dataDir, file))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		if err == nil && info.Size() != 0 {
			t.Errorf("%s still holds %d bytes after close", file, info.Size())
		}
	}
}

// TestNothingOfAClosedRoundsDeclineReasonsIsLeftInTheTableFiles is the same look for the reasons
// raters gave for declining: after close, no raw page of any round's table of reasons holds a
// reason of the closed round, while the open round's reason is found, which shows the search
// works. Reasons are a few words from a fixed list, so each round here is given its own.
func TestNothingOfAClosedRoundsDeclineReasonsIsLeftInTheTableFiles(t *testing.T) {
	f := newFixture(t)
	f.Exec("CREATE EXTENSION IF NOT EXISTS pageinspect")
	raters := people(threesixty.GroupPeer, "peer", 4)
	closing := f.engagement(threesixty.Anonymity{Threshold: 3}, raters...)
	staying := f.engagement(threesixty.Anonymity{Threshold: 3}, raters...)
	closed, closedIssued := f.open(closing, threesixty.RoundKindBaseline)
	_, openIssued := f.open(staying, threesixty.RoundKindBaseline)
	const gone, kept = threesixty.DeclineRatherNot, threesixty.DeclineNoTime
	for _, inv := range closedIssued {
		if inv.Group == threesixty.GroupPeer {
			f.decline(inv, gone)
		}
	}
	for _, inv := range openIssued {
		if inv.Group == threesixty.GroupPeer {
			f.decline(inv, kept)
			break
		}
	}
	var files []string
	f.Select(&files, `SELECT pg_relation_filepath(c.oid) FROM pg_class c
		WHERE c.relname = round_table('held_decline_reasons', $1)`, closed.ID)
	if len(files) != 1 {
		t.Fatalf("the closed round had %d tables of reasons before close, want 1", len(files))
	}
	f.close(closed.ID)

	var pages [][]byte
	f.Select(&pages, `WITH rel AS (
			SELECT oid FROM pg_class WHERE relkind = 'r' AND relname ~ '^held_decline_reasons_[0-9a-f]{32}$'
		)
		SELECT get_raw_page(CAST(rel.oid AS regclass)::text, 'main', CAST(p AS int))
		FROM rel, generate_series(0, pg_relation_size(rel.oid) / current_setting('block_size')::int - 1) p`)
	var found, foundOpen int
	for _, p := range pages {
		if bytes.Contains(p, []byte(gone)) {
			found++
		}
		if bytes.Contains(p, []byte(kept)) {
			foundOpen++
		}
	}
	if found != 0 {
		t.Errorf("%d raw pages still hold the closed round's reasons", found)
	}
	if foundOpen == 0 {
		t.Fatalf("the open round's reason was not found in %d raw pages: the search does not work", len(pages))
	}
	var counted int
	f.Get(&counted, "SELECT count FROM decline_reasons WHERE round_id = $1 AND reason = $2", closed.ID, string(gone))
	if counted != len(raters) {
		t.Errorf("the closed round's reasons were counted as %d, want %d", counted, len(raters))
	}
	var dataDir string
	f.Get(&dataDir, "SELECT current_setting('data_directory')")
	if _, err := os.Stat(dataDir); err != nil {
		t.Logf("the data directory is not readable here (%v); the files are not checked", err)
		return
	}
	info, err := os.Stat(filepath.Join(dataDir, files[0]))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	if err == nil && info.Size() != 0 {
		t.Errorf("%s still holds %d bytes after close", files[0], info.Size())
	}
}
