// Package outbox delivers the messages queued in the database: workers claim them with a lease,
// mint the survey links they carry, render them, send them and record the outcome, retrying
// temporary failures with exponential backoff and jitter. Any number of workers, in any number of
// instances, can drain one queue; a message is claimed by one at a time. A scheduler queues the
// reminders and coach notifications that no request causes.
package outbox
