package smtptest

import (
	"bytes"
	"net/mail"
)

// Message is one message as the server received it.
type Message struct {
	From string
	To   []string
	Data []byte

	Conn int    // the connection it came over, numbered from 1 in the order accepted
	TLS  bool   // whether that connection spoke TLS when MAIL FROM came
	User string // the user AUTH accepted on that connection; "" without AUTH
}

// Header reads one header of the message.
func (m Message) Header(name string) string {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return ""
	}
	return msg.Header.Get(name)
}

// Body returns the decoded text of the part of the message with the given content type
// ("text/plain" or "text/html").
func (m Message) Body(contentType string) string {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return ""
	}
	return partOf(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body, contentType)
}
