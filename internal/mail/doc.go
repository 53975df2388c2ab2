// Package mail renders the service's messages and delivers them over SMTP.
//
// A message is rendered only when it is sent (Composer), from embedded templates named for its
// purpose: templates/<purpose>.txt and templates/<purpose>.html, both wrapped in one shared
// layout. A new purpose is two new template files and nothing else; the addresses it may show
// are in the view, which takes every one of them from package links. The text part is the one
// every client can show, so it is written to read well on its own; the HTML part says the same.
//
// Delivery (SMTPSender) keeps one SMTP connection open across batches and says of every failed
// message whether trying again later may help (DeliveryError), so the outbox can retry the
// temporary failures and give up on the permanent ones.
//
// Nothing here ever names who answered a survey: messages carry counts, dates and links only.
package mail
