package mail

import (
	"bytes"
	"mime"
	"strings"
	"testing"

	"threesixty/internal/smtptest"
)

// TestAnAttachmentArrivesWholeAfterTheText: a message with a PDF goes out as multipart/mixed,
// its text and HTML as before, then the file under its name and type, byte for byte; a message
// without one stays multipart/alternative.
func TestAnAttachmentArrivesWholeAfterTheText(t *testing.T) {
	srv := smtptest.Start(t)
	s := newTestSender(t, "smtp://"+srv.Addr, nil)
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0, 0xff, '\r', '\n', 'x'}, 4000)...)
	with := rendered(1, "dana")
	with.Attachments = []Attachment{{Name: "Sponsor summary, Zoë Morgan.pdf", ContentType: "application/pdf", Data: pdf}}
	wantDelivered(t, send(t, s, with, rendered(2, "ann")))
	got := srv.Messages()
	if len(got) != 2 {
		t.Fatalf("%d messages, want 2", len(got))
	}
	if media, _, _ := mime.ParseMediaType(got[0].Header("Content-Type")); media != "multipart/mixed" {
		t.Errorf("with an attachment: Content-Type %q", got[0].Header("Content-Type"))
	}
	if body := got[0].Body("application/pdf"); body != string(pdf) {
		t.Errorf("the attachment arrived as %d bytes, want the %d sent", len(body), len(pdf))
	}
	if !strings.Contains(string(got[0].Data), "filename") || !strings.Contains(got[0].Body("text/plain"), "The survey, number 1") {
		t.Errorf("the attachment has no file name, or the text is lost:\n%.2000s", got[0].Data)
	}
	if media, _, _ := mime.ParseMediaType(got[1].Header("Content-Type")); media != "multipart/alternative" {
		t.Errorf("without an attachment: Content-Type %q", got[1].Header("Content-Type"))
	}

	bad := rendered(3, "bob")
	bad.Attachments = []Attachment{{Name: "", ContentType: "application/pdf", Data: pdf}}
	wantFailure(t, send(t, s, bad)[0], false)
}
