package outbox

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"threesixty/internal/mail"
	"threesixty/internal/threesixty"
)

// benchInvitations is how many invitations the drain benchmark queues.
const benchInvitations = 10000

// BenchmarkDrainInvitations drains 10,000 queued invitations to a local SMTP server with the
// workers one instance runs, beside a floor measured in the same run: the same messages, already
// rendered, sent straight over one reused connection with no database work.
func BenchmarkDrainInvitations(b *testing.B) {
	e := newBenchEnv(b)
	// Rounds of as many raters as an engagement may have, and their leaders, make up the total.
	start := time.Now()
	var invitations []threesixty.Invitation
	rounds := 0
	for n := 0; len(invitations) < benchInvitations; rounds++ {
		var many []threesixty.Rater
		for range min(threesixty.MaxRaters, benchInvitations-len(invitations)-1) {
			many = append(many, threesixty.Rater{Name: fmt.Sprintf("Rater %d", n), Email: fmt.Sprintf("rater%d@example.com", n), Group: threesixty.OthersGroups[n%4]})
			n++
		}
		_, issued := e.round(many...)
		invitations = append(invitations, issued...)
	}
	fmt.Printf("queued %d invitations in %d rounds in %s\n", len(invitations), rounds, time.Since(start).Round(time.Millisecond))

	// The floor's messages: the same invitations, rendered once, ahead of time.
	composer, err := mail.NewComposer(base)
	if err != nil {
		b.Fatal(err)
	}
	rendered := make([]*mail.Rendered, len(invitations))
	for i, inv := range invitations {
		m := &threesixty.OutboxMessage{ID: inv.ID, MessageID: fmt.Sprintf("<floor-%d@survey.test>", i), Purpose: threesixty.PurposeInvitation, To: inv.To,
			RoundStatus: threesixty.RoundStatusOpen, ClosesAt: time.Now().Add(time.Hour), LeaderName: "Alex Morgan", Anonymity: threesixty.Anonymity{Threshold: 3}, Group: inv.Group, InvitationStatus: threesixty.InvitationPending}
		token, _ := threesixty.NewToken()
		if rendered[i], err = composer.Compose(m, token); err != nil {
			b.Fatal(err)
		}
	}
	floor := func() float64 {
		sender := e.sender()
		defer sender.Close()
		begin := e.smtp.Received()
		start := time.Now()
		for i := 0; i < len(rendered); i += 50 {
			for _, err := range sender.Send(e.ctx, rendered[i:min(i+50, len(rendered))]) {
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		took := time.Since(start)
		if got := e.smtp.Received() - begin; got != len(rendered) {
			b.Fatalf("the floor delivered %d of %d", got, len(rendered))
		}
		return float64(len(rendered)) / took.Seconds()
	}

	for i := 0; i < b.N; i++ {
		before := floor()
		begin := e.smtp.Received()
		start := time.Now()
		ctx, cancel := context.WithTimeout(e.ctx, 5*time.Minute)
		var wg sync.WaitGroup
		for w := 0; w < 2; w++ {
			worker := e.benchWorker()
			wg.Go(func() {
				if _, err := worker.Drain(ctx); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
		cancel()
		took := time.Since(start)
		if got := e.smtp.Received() - begin; got != len(invitations) {
			b.Fatalf("the outbox delivered %d of %d", got, len(invitations))
		}
		product := float64(len(invitations)) / took.Seconds()
		after := floor()
		f := (before + after) / 2
		ratio := product / f
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(product, "msg/s")
		b.ReportMetric(f, "floor-msg/s")
		b.ReportMetric(ratio, "ratio")
		verdict := "met"
		if ratio < 0.5 {
			verdict = "NOT met"
		}
		fmt.Printf("outbox drain of %d invitations (2 workers, claim, mint links, render, send, record): %.0f msg/s, floor (the same messages over one reused SMTP connection, no database): %.0f msg/s, ratio %.2f (target >= 0.50: %s)\n",
			len(invitations), product, f, ratio, verdict)
	}
}
