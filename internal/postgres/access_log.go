package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// Every hand-out of results is recorded in the access log by the store method that hands them
// out (Results, Report, Export), whoever asks and through whatever door: the API, a page, the
// leader's link or the command line. Nothing about raters is recorded.

// recordAccess records that actor was handed results of an engagement; roundID is "" for an
// export, which holds every round.
func (s *Store) recordAccess(ctx context.Context, actor threesixty.Actor, engagementID, roundID string, action threesixty.AccessAction) error {
	var round *string
	if roundID != "" {
		round = &roundID
	}
	_, err := s.q.RecordAccess.ExecContext(ctx, engagementID, round, actor.Kind, accountArg(actor), action)
	return storeError(err)
}

// Export gathers what an engagement's export is drawn from, as the actor may see it, and records
// one export in the access log. ENOTFOUND for an engagement the actor may not see.
func (s *Store) Export(ctx context.Context, actor threesixty.Actor, engagementID string) (*reports.Export, error) {
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	x := &reports.Export{Engagement: e, Results: map[string]*results.Results{}, Reports: map[string]*reports.Baseline{}, ClosingReports: map[string]*reports.Closing{}}
	if x.Goals, err = s.Goals(ctx, actor, e.ID); err != nil {
		return nil, err
	}
	if x.Rounds, err = s.Rounds(ctx, actor, e.ID); err != nil {
		return nil, err
	}
	for _, r := range x.Rounds {
		if !r.Released() {
			continue
		}
		switch r.Kind {
		case threesixty.RoundKindClosing:
			_, cl, err := s.closingReport(ctx, actor, r.ID)
			if err != nil {
				return nil, err
			}
			x.Results[r.ID], x.ClosingReports[r.ID] = cl.Results, cl
			continue
		case threesixty.RoundKindMidpoint:
			_, res, err := s.results(ctx, actor, r.ID)
			if err != nil {
				return nil, err
			}
			x.Results[r.ID] = res
			continue
		}
		_, b, err := s.report(ctx, actor, r.ID)
		if err != nil {
			return nil, err
		}
		x.Results[r.ID], x.Reports[r.ID] = b.Results, b
	}
	if err := s.recordAccess(ctx, actor, e.ID, "", threesixty.AccessExportDownloaded); err != nil {
		return nil, err
	}
	return x, nil
}

// auditLogRow is one entry of the audit log as audit-log reads it.
type auditLogRow struct {
	Source       string               `db:"source"`
	ID           int64                `db:"id"`
	At           time.Time            `db:"at"`
	ActorKind    threesixty.ActorKind `db:"actor_kind"`
	Action       string               `db:"action"`
	Detail       []byte               `db:"detail"`
	EngagementID string               `db:"engagement_id"`
	Leader       string               `db:"leader_name"`
	RoundID      string               `db:"round_id"`
	RoundKind    threesixty.RoundKind `db:"round_kind"`
	AccountID    string               `db:"account_id"`
	AccountEmail string               `db:"account_email"`
	AccountName  string               `db:"account_name"`
	AccountRole  threesixty.Role      `db:"account_role"`
}

// AuditLog returns a page of the admins' audit log, newest first: results handed out and
// engagements' settings changed, of one engagement or, with engagementID "", of all. before is
// the Next of the page before, "" for the newest. Only an admin may: ENOTFOUND for anyone else;
// EMALFORMED for a cursor that is not one.
func (s *Store) AuditLog(ctx context.Context, actor threesixty.Actor, engagementID, before string, limit int) (*threesixty.AuditLogPage, error) {
	if actor.Role() != threesixty.RoleAdmin {
		return nil, threesixty.Errorf(threesixty.ENOTFOUND, "there is no such page")
	}
	var at *time.Time
	var source string
	var id int64
	if before != "" {
		t, src, n, ok := parseCursor(before)
		if !ok {
			return nil, threesixty.Errorf(threesixty.EMALFORMED, "the page asked for is not one of the audit log's")
		}
		at, source, id = &t, src, n
	}
	var engagement *string
	if engagementID != "" {
		engagement = &engagementID
	}
	var rows []auditLogRow
	if err := s.q.AuditLog.SelectContext(ctx, &rows, at, engagement, limit+1, source, id); err != nil {
		return nil, storeError(err)
	}
	page := &threesixty.AuditLogPage{}
	for i, r := range rows {
		if i == limit {
			page.Next = page.Entries[limit-1].Cursor
			break
		}
		entry := threesixty.AuditLogEntry{
			Cursor: cursor(r.At, r.Source, r.ID), At: r.At, ActorKind: r.ActorKind,
			EngagementID: r.EngagementID, Leader: r.Leader, RoundID: r.RoundID, RoundKind: r.RoundKind,
		}
		if r.AccountID != "" {
			entry.By = &threesixty.Account{ID: r.AccountID, Email: r.AccountEmail, Name: r.AccountName, Role: r.AccountRole}
		}
		if r.Source == "s" {
			if err := json.Unmarshal(r.Detail, &entry.Settings); err != nil {
				return nil, err
			}
		} else {
			entry.Access = threesixty.AccessAction(r.Action)
		}
		page.Entries = append(page.Entries, entry)
	}
	return page, nil
}

// cursor places an entry of the audit log: its time in microseconds (the database's precision),
// its source (v for a view, s for a settings change) and its id there.
func cursor(at time.Time, source string, id int64) string {
	return fmt.Sprintf("%d.%s.%d", at.UnixMicro(), source, id)
}

func parseCursor(c string) (time.Time, string, int64, bool) {
	parts := strings.Split(c, ".")
	if len(parts) != 3 || (parts[1] != "v" && parts[1] != "s") {
		return time.Time{}, "", 0, false
	}
	micros, err1 := strconv.ParseInt(parts[0], 10, 64)
	id, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil {
		return time.Time{}, "", 0, false
	}
	return time.UnixMicro(micros), parts[1], id, true
}
