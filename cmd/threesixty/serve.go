package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"

	"threesixty/internal/config"
	"threesixty/internal/mail"
	"threesixty/internal/metrics"
	"threesixty/internal/outbox"
	"threesixty/internal/postgres"
	"threesixty/internal/web"
)

// mailWorkers is how many outbox workers each instance runs; each holds one SMTP connection.
const mailWorkers = 2

func serve(ctx context.Context, args []string) error {
	a, err := open(ctx, flag.NewFlagSet("serve", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	defer a.close()
	cfg, store := a.cfg, a.store
	log := cfg.Logger(os.Stderr)
	senders, err := newSenders(cfg, store)
	if err != nil {
		return err
	}
	composer, err := mail.NewComposer(cfg.BaseURL)
	if err != nil {
		return err
	}

	var m *metrics.Metrics
	if cfg.MetricsAddr != "" {
		m = metrics.New(a.db.DB, store)
	}
	e := web.New(&web.Server{Store: store, Instruments: a.instruments, BaseURL: cfg.BaseURL, Log: log,
		Mailbox: cfg.SMTPURL == "", TrustedProxies: cfg.TrustedProxies, Metrics: m})
	srv := &http.Server{
		Addr:              cfg.ListenAddr,
		Handler:           e,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	log.Info("serving", slog.String("config", cfg.String()))
	warnings, err := store.DurabilityWarnings(ctx)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		log.Warn(w)
	}

	background, stopBackground := context.WithCancel(context.Background())
	defer stopBackground()
	var wg sync.WaitGroup
	for _, sender := range senders {
		w := &outbox.Worker{Store: store, Composer: composer, Sender: sender, Log: log, Metrics: m}
		wg.Go(func() {
			defer sender.Close()
			w.Run(background)
		})
	}
	scheduler := &outbox.Scheduler{Store: store, Log: log, Retention: cfg.Retention}
	wg.Go(func() { scheduler.Run(background) })

	servers := []*http.Server{srv}
	if m != nil {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", m.Handler())
		servers = append(servers, &http.Server{Addr: cfg.MetricsAddr, Handler: mux, ReadHeaderTimeout: 10 * time.Second})
		log.Info("metrics", slog.String("address", "http://"+cfg.MetricsAddr+"/metrics"))
	}
	errc := make(chan error, len(servers))
	for _, s := range servers {
		go func() { errc <- s.ListenAndServe() }()
	}
	select {
	case err = <-errc:
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	// Every listener is shut down and the workers waited for, whatever fails on the way.
	var failed []error
	for _, s := range servers {
		if err := s.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
			failed = append(failed, err)
		}
	}
	// Workers stop between batches; a message claimed at that moment is retried when its lease
	// runs out, by this or another instance.
	stopBackground()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return errors.Join(append(failed, err)...)
}

// newSenders makes one sender per worker: SMTP connections when SMTP_URL is set, else the local
// mailbox of the demo.
func newSenders(cfg *config.Config, store *postgres.Store) ([]mail.Sender, error) {
	senders := make([]mail.Sender, mailWorkers)
	if cfg.SMTPURL == "" {
		for i := range senders {
			senders[i] = &postgres.KeptMail{Store: store}
		}
		return senders, nil
	}
	smtp, err := mail.ParseSMTP(cfg.SMTPURL, cfg.MailFrom, cfg.MailReplyTo)
	if err != nil {
		return nil, err
	}
	for i := range senders {
		if senders[i], err = mail.NewSMTPSender(smtp); err != nil {
			return nil, err
		}
	}
	return senders, nil
}
