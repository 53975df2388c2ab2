package mail

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"threesixty/internal/threesixty"
)

// Rendered is a message ready to send.
type Rendered struct {
	MessageID string // from the outbox, e.g. "<uuid@feedback.example.com>", stable across retries
	To        threesixty.Person
	Subject   string
	Text      string // plain-text part
	HTML      string // HTML part
}

// Composer renders outbox messages from the embedded templates. It is safe for concurrent use.
type Composer struct {
	baseURL   *url.URL
	templates map[threesixty.Purpose]messageTemplates
}

// NewComposer parses the templates; baseURL is where links point (BASE_URL).
func NewComposer(baseURL *url.URL) (*Composer, error) {
	if baseURL == nil || (baseURL.Scheme != "http" && baseURL.Scheme != "https") || baseURL.Host == "" {
		return nil, errors.New("mail: BASE_URL must be an absolute http or https address")
	}
	if baseURL.RawQuery != "" || baseURL.Fragment != "" || baseURL.User != nil {
		// Links are built by appending a path; a query, fragment or password would end up in
		// every message, or in the middle of a link.
		return nil, errors.New("mail: BASE_URL must have no user, query or fragment")
	}
	c := &Composer{baseURL: &url.URL{Scheme: baseURL.Scheme, Host: baseURL.Host, Path: baseURL.Path}}
	var err error
	c.templates, err = parseTemplates(embeddedTemplates(), map[string]any{
		"link":    newLink,
		"address": c.address,
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Compose renders m. token is the survey-link token for purposes that carry a link
// (m.Purpose.CarriesLink()), "" otherwise.
func (c *Composer) Compose(m *threesixty.OutboxMessage, token string) (*Rendered, error) {
	t, ok := c.templates[m.Purpose]
	if !ok {
		return nil, fmt.Errorf("mail: no templates for purpose %q (templates/%[1]s.txt and .html)", m.Purpose)
	}
	if m.Purpose.CarriesLink() && token == "" {
		return nil, fmt.Errorf("mail: a %s carries a survey link and needs its token", m.Purpose)
	}
	v := c.newView(m, token)

	var subject, text, html bytes.Buffer
	if err := t.text.ExecuteTemplate(&subject, "subject", v); err != nil {
		return nil, fmt.Errorf("mail: %s subject: %w", m.Purpose, err)
	}
	if err := t.text.ExecuteTemplate(&text, layoutName, v); err != nil {
		return nil, fmt.Errorf("mail: %s text: %w", m.Purpose, err)
	}
	if err := t.html.ExecuteTemplate(&html, layoutName, v); err != nil {
		return nil, fmt.Errorf("mail: %s HTML: %w", m.Purpose, err)
	}
	return &Rendered{
		MessageID: m.MessageID,
		To:        m.To,
		// One line, whatever the template's layout: a header cannot hold a line break.
		Subject: strings.Join(strings.Fields(subject.String()), " "),
		Text:    reflow(text.String(), textWidth),
		HTML:    strings.TrimSpace(html.String()) + "\n",
	}, nil
}

// address is a link to path segments under BASE_URL, each escaped, for templates that need an
// address the view does not already hold.
func (c *Composer) address(segments ...string) string {
	return c.baseURL.JoinPath(segments...).String()
}
