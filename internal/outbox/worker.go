package outbox

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"time"

	"threesixty/internal/mail"
	"threesixty/internal/metrics"
	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// Store is the queue, as the postgres store keeps it.
type Store interface {
	// Claim leases up to n due messages; until the lease runs out no other worker gets them.
	// It returns the claim's id, under which the messages' outcomes are recorded.
	Claim(ctx context.Context, n int, lease time.Duration) (string, []threesixty.OutboxMessage, error)
	// MintTokens stores the hash of a fresh token for each invitation and returns the tokens, in
	// order; "" for an invitation withdrawn since the claim (its rater erased), whose message
	// must not go out.
	MintTokens(ctx context.Context, invitationIDs []string) ([]string, error)
	// MintLeaderTokens stores the hash of a fresh leader token for each engagement and returns
	// the tokens, in order; "" for an engagement archived since the claim, whose leader link
	// must not go out.
	MintLeaderTokens(ctx context.Context, engagementIDs []string) ([]string, error)
	// MintPasswordLinks stores the hash of a fresh password link for each set-up or reset
	// message (by its id) and returns the tokens, in order; "" for a message whose account was
	// deactivated since it was queued, which must not go out.
	MintPasswordLinks(ctx context.Context, messageIDs []string) ([]string, error)
	// The outcomes are recorded under the claim (lease) that holds the message; a worker whose
	// lease ran out, and whose messages another worker now holds, records nothing.
	MarkSent(ctx context.Context, lease string, ids []string) error
	Retry(ctx context.Context, lease, id string, at time.Time, reason string) error
	// End records a message that will not be sent: status is bounced, failed or cancelled.
	End(ctx context.Context, lease, id, status, reason string) error
	// SponsorSummaryToSend draws the sponsor summary a claimed message (by its id) carries,
	// from the leader's consent in force now; when the message must no longer go out (the
	// consent withdrawn or decided again, the sponsor changed) it returns why, and no summary.
	// Recording the message as sent records the summary handed out.
	SponsorSummaryToSend(ctx context.Context, id string) (*reports.SponsorSummary, string, error)
}

// Message endings, as the store records them.
const (
	Bounced   = "bounced"
	Failed    = "failed"
	Cancelled = "cancelled"
)

// Worker drains the queue.
type Worker struct {
	Store    Store
	Composer *mail.Composer
	Sender   mail.Sender
	Log      *slog.Logger

	// Batch is how many messages one claim takes; they go out over one connection.
	Batch int
	// Lease is how long a claim holds its messages: longer than sending a batch can take.
	Lease time.Duration
	// Idle is how long Run waits when nothing is due.
	Idle time.Duration
	// Attempts is how many times a message is tried before it fails for good.
	Attempts int
	// Backoff is the wait after the first temporary failure; it doubles with every attempt, up
	// to MaxBackoff, with jitter so that a recovering server is not hit by every retry at once.
	Backoff, MaxBackoff time.Duration
	Now                 func() time.Time
	// Metrics counts the outcomes; nil counts nothing.
	Metrics *metrics.Metrics
}

func (w *Worker) defaults() {
	if w.Batch == 0 {
		w.Batch = 50
	}
	if w.Lease == 0 {
		w.Lease = 2 * time.Minute
	}
	if w.Idle == 0 {
		w.Idle = 2 * time.Second
	}
	if w.Attempts == 0 {
		w.Attempts = 8
	}
	if w.Backoff == 0 {
		w.Backoff = 30 * time.Second
	}
	if w.MaxBackoff == 0 {
		w.MaxBackoff = time.Hour
	}
	if w.Now == nil {
		w.Now = time.Now
	}
	if w.Log == nil {
		w.Log = slog.Default()
	}
}

// Run drains the queue until ctx ends, resting Idle when nothing is due.
func (w *Worker) Run(ctx context.Context) {
	w.defaults()
	for ctx.Err() == nil {
		n, err := w.Step(ctx)
		if err != nil && ctx.Err() == nil {
			w.Log.Error("outbox", slog.Any("err", err))
		}
		if n == 0 || err != nil {
			select {
			case <-ctx.Done():
			case <-time.After(w.Idle):
			}
		}
	}
}

// Drain handles batches until nothing is due, and returns how many messages it handled.
func (w *Worker) Drain(ctx context.Context) (int, error) {
	w.defaults()
	total := 0
	for {
		n, err := w.Step(ctx)
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
}

// Step claims one batch and handles it: cancels what is stale, mints the links, sends the rest
// over one connection and records each outcome. It returns how many messages it claimed.
func (w *Worker) Step(ctx context.Context) (int, error) {
	w.defaults()
	claim, claimed, err := w.Store.Claim(ctx, w.Batch, w.Lease)
	if err != nil || len(claimed) == 0 {
		return 0, err
	}
	now := w.Now()
	var due []*threesixty.OutboxMessage
	var invitations, engagements, passwordMessages []string
	for i := range claimed {
		m := &claimed[i]
		if reason := m.Stale(now); reason != "" {
			if err := w.Store.End(ctx, claim, m.ID, Cancelled, reason); err != nil {
				return len(claimed), err
			}
			w.Metrics.Mail(Cancelled, 1)
			continue
		}
		due = append(due, m)
		if m.Purpose.CarriesLink() {
			invitations = append(invitations, m.InvitationID)
		}
		if m.CarriesLeaderLink() {
			engagements = append(engagements, m.EngagementID)
		}
		if m.Purpose.CarriesPasswordLink() {
			passwordMessages = append(passwordMessages, m.ID)
		}
	}
	// Tokens are stored before sending, so a link works the moment it arrives; a token whose
	// message never goes out is known to nobody and harmless.
	tokens, err := w.Store.MintTokens(ctx, invitations)
	if err != nil {
		return len(claimed), err
	}
	leaderTokens, err := w.Store.MintLeaderTokens(ctx, engagements)
	if err != nil {
		return len(claimed), err
	}
	passwordTokens, err := w.Store.MintPasswordLinks(ctx, passwordMessages)
	if err != nil {
		return len(claimed), err
	}
	var rendered []*mail.Rendered
	var sending []*threesixty.OutboxMessage
	next, nextLeader, nextPassword := 0, 0, 0
	for _, m := range due {
		var minted mail.Tokens
		if m.Purpose.CarriesLink() {
			minted.Survey, next = tokens[next], next+1
			if minted.Survey == "" {
				continue // the erasure that withdrew the invitation cancelled the message too
			}
		}
		if m.CarriesLeaderLink() {
			minted.Leader, nextLeader = leaderTokens[nextLeader], nextLeader+1
			if minted.Leader == "" && m.NeedsLeaderLink() {
				continue // the archive that refused the token cancelled the message too
			}
		}
		if m.Purpose.CarriesPasswordLink() {
			minted.Password, nextPassword = passwordTokens[nextPassword], nextPassword+1
			if minted.Password == "" {
				if err := w.Store.End(ctx, claim, m.ID, Cancelled, "the account is deactivated"); err != nil {
					return len(claimed), err
				}
				w.Metrics.Mail(Cancelled, 1)
				continue
			}
		}
		var r *mail.Rendered
		var err error
		if m.Purpose == threesixty.PurposeSponsorSummary {
			// Drawn now, from the consent in force now: the outbox holds no result.
			var summary *reports.SponsorSummary
			var why string
			if summary, why, err = w.Store.SponsorSummaryToSend(ctx, m.ID); err != nil {
				return len(claimed), err
			}
			if why != "" {
				if err := w.Store.End(ctx, claim, m.ID, Cancelled, why); err != nil {
					return len(claimed), err
				}
				w.Metrics.Mail(Cancelled, 1)
				continue
			}
			r, err = w.Composer.ComposeSponsorSummary(m, *summary, now)
		} else {
			r, err = w.Composer.ComposeWith(m, minted)
		}
		if err != nil {
			w.Log.Error("outbox: cannot render", slog.String("message", m.ID), slog.String("purpose", string(m.Purpose)), slog.Any("err", err))
			if err := w.Store.End(ctx, claim, m.ID, Failed, "cannot render: "+err.Error()); err != nil {
				return len(claimed), err
			}
			w.Metrics.Mail(Failed, 1)
			continue
		}
		rendered = append(rendered, r)
		sending = append(sending, m)
	}
	if len(rendered) == 0 {
		return len(claimed), nil
	}
	// Sending must end well inside the lease, or another worker would claim the batch again
	// while it is still going out.
	sendCtx, cancel := context.WithTimeout(ctx, w.Lease*3/4)
	defer cancel()
	return len(claimed), w.record(ctx, claim, sending, w.Sender.Send(sendCtx, rendered))
}

// record writes each message's outcome: delivered, retried later, bounced or failed. A failure
// to record one outcome does not stop the others from being recorded.
func (w *Worker) record(ctx context.Context, claim string, msgs []*threesixty.OutboxMessage, errs []error) error {
	var sent []string
	var failures []error
	for i, m := range msgs {
		err := errs[i]
		switch {
		case err == nil:
			sent = append(sent, m.ID)
			continue
		case !mail.IsTemporary(err):
			w.Log.Warn("outbox: refused for good", slog.String("message", m.ID), slog.String("purpose", string(m.Purpose)), slog.Any("err", err))
			err = w.Store.End(ctx, claim, m.ID, Bounced, err.Error())
			w.Metrics.Mail(Bounced, 1)
		case m.Attempts >= w.Attempts:
			w.Log.Warn("outbox: out of retries", slog.String("message", m.ID), slog.String("purpose", string(m.Purpose)), slog.Int("attempts", m.Attempts), slog.Any("err", err))
			err = w.Store.End(ctx, claim, m.ID, Failed, err.Error())
			w.Metrics.Mail(Failed, 1)
		default:
			w.Log.Info("outbox: will retry", slog.String("message", m.ID), slog.Int("attempts", m.Attempts), slog.Any("err", err))
			err = w.Store.Retry(ctx, claim, m.ID, w.Now().Add(w.backoff(m.Attempts)), err.Error())
			w.Metrics.Mail("retry", 1)
		}
		if err != nil {
			failures = append(failures, err)
		}
	}
	err := w.Store.MarkSent(ctx, claim, sent)
	if err == nil {
		w.Metrics.Mail("sent", len(sent))
	}
	failures = append(failures, err)
	return errors.Join(failures...)
}

// backoff is Backoff doubled per attempt so far, capped, with up to a fifth taken off at random.
func (w *Worker) backoff(attempts int) time.Duration {
	d := w.Backoff
	for i := 1; i < attempts && d < w.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, w.MaxBackoff)
	return d - time.Duration(rand.Int64N(int64(d)/5+1))
}
