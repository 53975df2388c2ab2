package config

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestMaskHidesPasswords(t *testing.T) {
	for _, raw := range []string{
		"postgres://app:s3cret@db:5432/x?sslmode=disable",
		"smtps://mailer:s3cret@smtp.example.com:465",
		"postgres:///x?host=/tmp&password=s3cret",
		"host=/tmp/pg user=postgres dbname=x password=s3cret sslmode=disable",
		"host=/tmp/pg password = 's3cret with \\' quote' dbname=x",
		"PASSWORD=s3cret host=db",
	} {
		if got := Mask(raw); strings.Contains(got, "s3cret") {
			t.Errorf("Mask(%q) = %q, still shows the password", raw, got)
		}
	}
}

func TestFromEnv(t *testing.T) {
	t.Setenv("DATABASE_URL", "postgres://a:b@h/x")
	t.Setenv("LISTEN_ADDR", "127.0.0.1:9999")
	t.Setenv("BASE_URL", "https://feedback.example.com/")
	c, err := FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if c.BaseURL.String() != "https://feedback.example.com" {
		t.Errorf("BaseURL = %s", c.BaseURL)
	}
	if strings.Contains(c.String(), ":b@") {
		t.Errorf("String() shows the database password: %s", c)
	}
	for _, bad := range []struct{ name, value, want string }{
		{"BASE_URL", "ftp://x", "BASE_URL"},
		{"BASE_URL", "/relative", "BASE_URL"},
		{"LISTEN_ADDR", "8080", "LISTEN_ADDR"},
		{"DATABASE_URL", "", "DATABASE_URL"},
		{"LOG_FORMAT", "xml", "LOG_FORMAT"},
		{"METRICS_ADDR", "9090", "METRICS_ADDR"},
		{"RETENTION_DAYS", "0", "RETENTION_DAYS"},
		{"RETENTION_DAYS", "ninety", "RETENTION_DAYS"},
	} {
		t.Run(bad.name+"="+bad.value, func(t *testing.T) {
			t.Setenv(bad.name, bad.value)
			if _, err := FromEnv(); err == nil || !strings.Contains(err.Error(), bad.want) {
				t.Errorf("err = %v, want one naming %s", err, bad.want)
			}
		})
	}
}

func TestTrustedProxies(t *testing.T) {
	t.Setenv("DATABASE_URL", "postgres://a:b@h/x")
	t.Setenv("TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1 ,::1")
	c, err := FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.TrustedProxies) != 3 || c.TrustedProxies[1].String() != "192.0.2.1/32" || c.TrustedProxies[2].String() != "::1/128" {
		t.Errorf("trusted proxies %v", c.TrustedProxies)
	}
	t.Setenv("TRUSTED_PROXIES", "10.0.0.0/8,proxy.local")
	if _, err := FromEnv(); err == nil || !strings.Contains(err.Error(), "proxy.local") {
		t.Errorf("a host name was accepted: %v", err)
	}
}

// TestJSONLogs: with LOG_FORMAT=json every line is one JSON object a collector can read.
func TestJSONLogs(t *testing.T) {
	t.Setenv("DATABASE_URL", "postgres://a:b@h/x")
	t.Setenv("LOG_FORMAT", "json")
	c, err := FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	c.Logger(&b).Info("request", "route", "/s/:token", "status", 200)
	var line map[string]any
	if err := json.Unmarshal([]byte(b.String()), &line); err != nil || line["route"] != "/s/:token" || line["status"] != 200.0 {
		t.Errorf("%q is not the JSON line it should be (%v)", b.String(), err)
	}
}
