package mail

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseSMTP(t *testing.T) {
	tests := []struct {
		url      string
		host     string
		port     int
		security Security
		user     string
		password string
		shown    string
	}{
		{"smtps://feedback:s3cret@mail.example.com", "mail.example.com", 465, ImplicitTLS, "feedback", "s3cret",
			"SMTP_URL=smtps://feedback:xxxxx@mail.example.com:465"},
		{"smtps://mail.example.com:2465", "mail.example.com", 2465, ImplicitTLS, "", "",
			"SMTP_URL=smtps://mail.example.com:2465"},
		{"smtp://feedback:s3cret@mail.example.com", "mail.example.com", 587, STARTTLSOpportunistic, "feedback", "s3cret",
			"SMTP_URL=smtp://feedback:xxxxx@mail.example.com:587"},
		{"smtp://127.0.0.1:1025", "127.0.0.1", 1025, STARTTLSOpportunistic, "", "",
			"SMTP_URL=smtp://127.0.0.1:1025"},
		{"smtp://mail.example.com/?starttls=opportunistic", "mail.example.com", 587, STARTTLSOpportunistic, "", "",
			"SMTP_URL=smtp://mail.example.com:587"},
		{"smtp://apikey:p%40ss%3Aw%2Frd%23@mail.example.com:2525?starttls=required", "mail.example.com", 2525,
			STARTTLSRequired, "apikey", "p@ss:w/rd#", "SMTP_URL=smtp://apikey:xxxxx@mail.example.com:2525?starttls=required"},
		{"smtp://user%40example.com@[::1]:25", "::1", 25, STARTTLSOpportunistic, "user@example.com", "",
			"SMTP_URL=smtp://user%40example.com@[::1]:25"},
	}
	for _, tt := range tests {
		cfg, err := ParseSMTP(tt.url, "threesixty <feedback@example.com>", "")
		if err != nil {
			t.Errorf("%s: %v", tt.url, err)
			continue
		}
		if cfg.Host != tt.host || cfg.Port != tt.port || cfg.Security != tt.security ||
			cfg.Username != tt.user || cfg.password != tt.password || cfg.ReplyTo != nil {
			t.Errorf("%s: got %s %d %v %q %q %v", tt.url, cfg.Host, cfg.Port, cfg.Security, cfg.Username, cfg.password, cfg.ReplyTo)
		}
		if cfg.From.Name != "threesixty" || cfg.From.Address != "feedback@example.com" {
			t.Errorf("%s: From %v", tt.url, cfg.From)
		}
		if cfg.Timeout != defaultTimeout {
			t.Errorf("%s: timeout %v", tt.url, cfg.Timeout)
		}
		if want := tt.shown + ` MAIL_FROM="threesixty" <feedback@example.com>`; cfg.String() != want {
			t.Errorf("%s: String() = %s, want %s", tt.url, cfg.String(), want)
		}
		if tt.password != "" {
			for _, shown := range []string{cfg.String(), fmt.Sprint(cfg), fmt.Sprint(*cfg), fmt.Sprintf("%+v", *cfg), fmt.Sprintf("%#v", cfg)} {
				if strings.Contains(shown, tt.password) {
					t.Errorf("%s: the password shows in %s", tt.url, shown)
				}
			}
		}
	}

	cfg, err := ParseSMTP("smtp://mail.example.com", "feedback@example.com", "Coaching office <office@example.com>")
	if err != nil || cfg.ReplyTo == nil || cfg.ReplyTo.Address != "office@example.com" || cfg.From.Name != "" {
		t.Errorf("with a Reply-To: %+v, %v", cfg, err)
	}
}

func TestParseSMTPErrors(t *testing.T) {
	const password = "Sup3rSecret"
	tests := []struct{ url, from, replyTo, want string }{
		{"", "feedback@example.com", "", "SMTP_URL is empty"},
		{"http://u:" + password + "@mail.example.com", "feedback@example.com", "", "SMTP_URL: scheme must be smtp or smtps"},
		{"mail.example.com:587", "feedback@example.com", "", "SMTP_URL: scheme must be smtp or smtps"},
		{"smtp:mail.example.com", "feedback@example.com", "", "SMTP_URL: write it as smtp://host:port"},
		{"smtp://u:" + password + "@:587", "feedback@example.com", "", "SMTP_URL: the host is missing"},
		{"smtp://u:" + password + "@mail.example.com:0", "feedback@example.com", "", "SMTP_URL: the port must be a number from 1 to 65535"},
		{"smtp://u:" + password + "@mail.example.com:70000", "feedback@example.com", "", "SMTP_URL: the port must be a number from 1 to 65535"},
		{"smtp://u:" + password + "@mail.example.com:smtp", "feedback@example.com", "", "SMTP_URL is not a valid URL"},
		// An unescaped "/" in the password moves the host; the message must not quote what follows.
		{"smtp://u:" + password + "/x@mail.example.com", "feedback@example.com", "", "SMTP_URL is not a valid URL"},
		{"smtp://u:" + password + "@mail.example.com?starttls=yes", "feedback@example.com", "", "SMTP_URL: starttls must be required or opportunistic"},
		{"smtp://u:" + password + "@mail.example.com?starttls=required&starttls=required", "feedback@example.com", "", "given more than once"},
		{"smtps://u:" + password + "@mail.example.com?starttls=required", "feedback@example.com", "", "starttls applies to smtp:// only"},
		{"smtp://u:" + password + "@mail.example.com?tls=1", "feedback@example.com", "", "SMTP_URL: unknown parameter"},
		{"smtp://u:" + password + "@mail.example.com/relay", "feedback@example.com", "", "SMTP_URL: a path means nothing here"},
		{"smtp://:" + password + "@mail.example.com", "feedback@example.com", "", "a password is given without a user name"},
		{"smtp://u:" + password + "@mail.example.com", "", "", "MAIL_FROM is required"},
		{"smtp://u:" + password + "@mail.example.com", "   ", "", "MAIL_FROM is required"},
		{"smtp://u:" + password + "@mail.example.com", "feedback", "", `MAIL_FROM: "feedback" is not an email address`},
		{"smtp://u:" + password + "@mail.example.com", "threesixty <feedback@>", "", `MAIL_FROM: "threesixty <feedback@>" is not an email address`},
		{"smtp://u:" + password + "@mail.example.com", "feedback@example.com", "office@", `MAIL_REPLY_TO: "office@" is not an email address`},
	}
	for _, tt := range tests {
		cfg, err := ParseSMTP(tt.url, tt.from, tt.replyTo)
		switch {
		case err == nil:
			t.Errorf("%q %q %q: accepted as %v", tt.url, tt.from, tt.replyTo, cfg)
		case !strings.Contains(err.Error(), tt.want):
			t.Errorf("%q: error %q, want %q", tt.url, err, tt.want)
		case strings.Contains(err.Error(), password):
			t.Errorf("%q: the error shows the password: %v", tt.url, err)
		}
	}
}
