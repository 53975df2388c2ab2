package mail

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"sync"

	"threesixty/internal/links"
	"threesixty/internal/threesixty"
)

// Rendered is a message ready to send.
type Rendered struct {
	MessageID string // from the outbox, e.g. "<uuid@feedback.example.com>", stable across retries
	To        threesixty.Person
	Subject   string
	Text      string // plain-text part
	HTML      string // HTML part
	// SenderName, when set, is who the message is sent for ("Dana Coach", shown as "Dana Coach
	// via threesixty"), and ReplyTo who a reply reaches: the coach, for messages to raters and
	// the leader, who should recognise the sender and have someone to ask.
	SenderName string
	ReplyTo    *threesixty.Person
	// Unsubscribe is the address that stops the recipient's reminders, for the List-Unsubscribe
	// header (RFC 2369) with one-click POST (RFC 8058); "" for messages without one.
	Unsubscribe string
	// Attachments are files sent with the message, after its text and HTML parts; none for
	// most messages.
	Attachments []Attachment
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string // the file name a mail client offers to save it as
	ContentType string // "application/pdf"
	Data        []byte
}

// Composer renders outbox messages from the embedded templates. It is safe for concurrent use.
type Composer struct {
	links     *links.Links
	templates map[threesixty.Purpose]messageTemplates

	// placeholders stand for what differs between the messages of one render (see shared):
	// random per Composer, so that no text a coach or leader types can hold one, and be filled
	// with a recipient's token.
	placeholders placeholders

	mu    sync.Mutex
	cache map[string]sharedParts
}

// NewComposer parses the templates; baseURL is where links point (BASE_URL, see links.New).
func NewComposer(baseURL *url.URL) (*Composer, error) {
	l, err := links.New(baseURL)
	if err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	c := &Composer{links: l, cache: map[string]sharedParts{}, placeholders: newPlaceholders()}
	if c.templates, err = parseTemplates(embeddedTemplates(), map[string]any{"link": newLink, "list": threesixty.JoinAnd}); err != nil {
		return nil, err
	}
	return c, nil
}

// Tokens are the tokens of the links a message carries, minted as it is sent.
type Tokens struct {
	// Survey is the survey link's, for purposes that carry one (m.Purpose.CarriesLink()).
	Survey string
	// Leader is the leader link's, for messages that carry one (m.CarriesLeaderLink()); the
	// leader's invitation goes without it when none could be minted.
	Leader string
	// Password is the password link's, for purposes that carry one
	// (m.Purpose.CarriesPasswordLink()).
	Password string
}

// Compose renders m. token is the token of the one link the message carries: a survey link
// (m.Purpose.CarriesLink()) or a password link (m.Purpose.CarriesPasswordLink()); "" otherwise.
func (c *Composer) Compose(m *threesixty.OutboxMessage, token string) (*Rendered, error) {
	if m.Purpose.CarriesPasswordLink() {
		return c.ComposeWith(m, Tokens{Password: token})
	}
	return c.ComposeWith(m, Tokens{Survey: token})
}

// ComposeWith renders m with the tokens of every link it carries.
func (c *Composer) ComposeWith(m *threesixty.OutboxMessage, tokens Tokens) (*Rendered, error) {
	token := tokens.Survey
	if m.Purpose.CarriesPasswordLink() {
		token = tokens.Password
	}
	t, ok := c.templates[m.Purpose]
	if !ok {
		return nil, fmt.Errorf("mail: no templates for purpose %q (templates/%[1]s.txt and .html)", m.Purpose)
	}
	if (m.Purpose.CarriesLink() || m.Purpose.CarriesPasswordLink()) && token == "" {
		return nil, fmt.Errorf("mail: a %s carries a link and needs its token", m.Purpose)
	}
	if m.NeedsLeaderLink() && tokens.Leader == "" {
		return nil, fmt.Errorf("mail: a %s carries the leader's link and needs its token", m.Purpose)
	}
	v := c.newView(m, token)
	if tokens.Leader != "" && m.CarriesLeaderLink() {
		v.LeaderURL = c.links.Leader(tokens.Leader)
	}
	return c.render(m, t, v, token, tokens)
}

// render fills the templates t of m's purpose with v, and the recipient's name and tokens.
func (c *Composer) render(m *threesixty.OutboxMessage, t messageTemplates, v view, token string, tokens Tokens) (*Rendered, error) {
	shared, err := c.shared(m.Purpose, t, v)
	if err != nil {
		return nil, err
	}
	fill := func(s, name string) string {
		if token != "" {
			s = strings.ReplaceAll(s, c.placeholders.token, token)
		}
		if tokens.Leader != "" {
			s = strings.ReplaceAll(s, c.placeholders.leaderToken, tokens.Leader)
		}
		return strings.ReplaceAll(s, c.placeholders.name, name)
	}
	r := &Rendered{
		MessageID: m.MessageID,
		To:        m.To,
		Subject:   fill(shared.subject, m.To.Name),
		Text:      reflow(fill(shared.text, m.To.Name), textWidth),
		HTML:      fill(shared.html, template.HTMLEscapeString(m.To.Name)),
	}
	if fromCoach(m) {
		r.SenderName = m.CoachName
		r.ReplyTo = &threesixty.Person{Name: m.CoachName, Email: m.CoachEmail}
	}
	if token != "" && (m.Purpose == threesixty.PurposeInvitation || m.Purpose == threesixty.PurposeReminder) {
		r.Unsubscribe = c.links.StopReminders(token)
	}
	return r, nil
}

// Messages of one purpose about one round differ only in their recipient's name and link, so
// the templates run once for all of them, with placeholders in those two places, and each
// message fills in its own. A round of a hundred raters renders once instead of a hundred
// times; the plain text is laid out after filling, so every name wraps as it should.
//
// Filling replaces every occurrence in the whole message, names and titles the coach typed
// included, so a placeholder must be something nobody can type: each is a fresh token, known
// only to its Composer, never sent (every one is filled in before a message leaves).
type placeholders struct {
	name, token, leaderToken string
}

func newPlaceholders() placeholders {
	name, _ := threesixty.NewToken()
	token, _ := threesixty.NewToken() // as long as a token and URL-safe, so the layout is the same
	leader, _ := threesixty.NewToken()
	return placeholders{name: "\uE000" + name + "\uE001", token: token, leaderToken: leader}
}

// sharedParts is a message's parts with placeholders for its recipient.
type sharedParts struct{ subject, text, html string }

// maxShared bounds the cache; past it the cache starts again, which costs only renders.
const maxShared = 1024

func (c *Composer) shared(purpose threesixty.Purpose, t messageTemplates, v view) (sharedParts, error) {
	p := c.placeholders
	v.To = threesixty.Person{Name: p.name}
	switch {
	case v.PasswordURL != "":
		v.Token = p.token
		v.PasswordURL = c.links.SetPassword(p.token)
	case v.Token != "":
		v.Token = p.token
		v.SurveyURL = c.links.Survey(p.token)
		v.StopURL = c.links.StopReminders(p.token)
		v.DeclineURL = c.links.Decline(p.token)
	}
	if v.LeaderURL != "" {
		v.LeaderURL = c.links.Leader(p.leaderToken)
	}
	key := fmt.Sprintf("%s|%+v", purpose, v)
	c.mu.Lock()
	parts, ok := c.cache[key]
	c.mu.Unlock()
	if ok {
		return parts, nil
	}
	var subject, text, html bytes.Buffer
	if err := t.text.ExecuteTemplate(&subject, "subject", v); err != nil {
		return parts, fmt.Errorf("mail: %s subject: %w", purpose, err)
	}
	if err := t.text.ExecuteTemplate(&text, layoutName, v); err != nil {
		return parts, fmt.Errorf("mail: %s text: %w", purpose, err)
	}
	if err := t.html.ExecuteTemplate(&html, layoutName, v); err != nil {
		return parts, fmt.Errorf("mail: %s HTML: %w", purpose, err)
	}
	parts = sharedParts{
		// One line, whatever the template's layout: a header cannot hold a line break.
		subject: strings.Join(strings.Fields(subject.String()), " "),
		text:    text.String(),
		html:    strings.TrimSpace(html.String()) + "\n",
	}
	c.mu.Lock()
	if len(c.cache) >= maxShared {
		c.cache = map[string]sharedParts{}
	}
	c.cache[key] = parts
	c.mu.Unlock()
	return parts, nil
}
