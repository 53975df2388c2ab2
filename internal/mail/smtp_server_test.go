package mail

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	smtpd "github.com/emersion/go-smtp"
)

// testServer is a real SMTP server on the loopback interface, from go-smtp, that records what
// it receives and answers RCPT TO according to the recipient's local part:
// tempfail@ gets 451, reject@ gets 550, stall@ no answer until release is closed (or 10s),
// anyone else 250.
type testServer struct {
	t    *testing.T
	addr string
	srv  *smtpd.Server

	// login, when set, is the only user and password AUTH PLAIN accepts, and MAIL FROM then
	// needs it.
	login [2]string

	release chan struct{} // closed to answer the stalled RCPT TOs

	mu       sync.Mutex
	accepted int                 // connections accepted
	open     int                 // connections not yet closed
	ids      map[*smtpd.Conn]int // connection number, from 1, by go-smtp connection
	mails    int                 // MAIL FROM commands accepted
	received []received
}

// received is one message the server accepted.
type received struct {
	conn int
	tls  bool
	user string // authenticated as; "" without AUTH
	from string
	to   []string
	data []byte
}

// serverOptions change how a test server is started.
type serverOptions struct {
	addr     string      // default 127.0.0.1:0
	starttls *tls.Config // offer STARTTLS with this
	implicit *tls.Config // TLS from the first byte with this
	login    [2]string
}

func startServer(t *testing.T, o serverOptions) *testServer {
	t.Helper()
	if o.addr == "" {
		o.addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		t.Fatalf("listen on %s: %v", o.addr, err)
	}
	s := &testServer{t: t, addr: ln.Addr().String(), login: o.login, ids: map[*smtpd.Conn]int{},
		release: make(chan struct{})}
	var l net.Listener = &countingListener{Listener: ln, s: s}
	if o.implicit != nil {
		l = tls.NewListener(l, o.implicit)
	}
	s.srv = smtpd.NewServer(s)
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.TLSConfig = o.starttls
	s.srv.ReadTimeout = 10 * time.Second
	s.srv.WriteTimeout = 10 * time.Second
	s.srv.ErrorLog = log.New(io.Discard, "", 0)
	go func() { _ = s.srv.Serve(l) }()
	t.Cleanup(s.stop)
	return s
}

// stop closes the listener and every connection, as a server going down would.
func (s *testServer) stop() {
	if err := s.srv.Close(); err != nil && !errors.Is(err, smtpd.ErrServerClosed) {
		s.t.Errorf("closing the SMTP server: %v", err)
	}
}

func (s *testServer) connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.accepted
}

func (s *testServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.received...)
}

func (s *testServer) mailCommands() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mails
}

// waitClosed waits, at most a few seconds, until no connection is open.
func (s *testServer) waitClosed() {
	s.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.mu.Lock()
		open := s.open
		s.mu.Unlock()
		if open == 0 {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%d connection(s) still open after 5s", open)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// NewSession makes testServer a go-smtp backend.
func (s *testServer) NewSession(c *smtpd.Conn) (smtpd.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.ids[c]
	if !ok {
		id = len(s.ids) + 1
		s.ids[c] = id
	}
	_, isTLS := c.TLSConnectionState()
	return &testSession{s: s, conn: id, tls: isTLS}, nil
}

type testSession struct {
	s    *testServer
	conn int
	tls  bool
	user string
	msg  received
}

func (ss *testSession) AuthMechanisms() []string {
	if ss.s.login[0] == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *testSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.s.login[0] || pass != ss.s.login[1] {
			return smtpd.ErrAuthFailed
		}
		ss.user = user
		return nil
	}), nil
}

func (ss *testSession) Mail(from string, _ *smtpd.MailOptions) error {
	if ss.s.login[0] != "" && ss.user == "" {
		return smtpd.ErrAuthRequired
	}
	ss.s.mu.Lock()
	ss.s.mails++
	ss.s.mu.Unlock()
	ss.msg = received{conn: ss.conn, tls: ss.tls, user: ss.user, from: from}
	return nil
}

func (ss *testSession) Rcpt(to string, _ *smtpd.RcptOptions) error {
	switch {
	case strings.HasPrefix(to, "tempfail@"):
		return &smtpd.SMTPError{Code: 451, EnhancedCode: smtpd.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	case strings.HasPrefix(to, "reject@"):
		return &smtpd.SMTPError{Code: 550, EnhancedCode: smtpd.EnhancedCode{5, 1, 1}, Message: "No such user"}
	case strings.HasPrefix(to, "stall@"):
		select {
		case <-ss.s.release:
		case <-time.After(10 * time.Second):
		}
	}
	ss.msg.to = append(ss.msg.to, to)
	return nil
}

func (ss *testSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.msg.data = b
	ss.s.mu.Lock()
	ss.s.received = append(ss.s.received, ss.msg)
	ss.s.mu.Unlock()
	ss.msg = received{}
	return nil
}

func (ss *testSession) Reset()        { ss.msg = received{} }
func (ss *testSession) Logout() error { return nil }

// countingListener counts the connections a server accepts and how many are still open.
type countingListener struct {
	net.Listener
	s *testServer
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.s.mu.Lock()
	l.s.accepted++
	l.s.open++
	l.s.mu.Unlock()
	return &countedConn{Conn: c, s: l.s}, nil
}

type countedConn struct {
	net.Conn
	s    *testServer
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() {
		c.s.mu.Lock()
		c.s.open--
		c.s.mu.Unlock()
	})
	return c.Conn.Close()
}

// testCertificate makes a self-signed certificate for 127.0.0.1, and a client configuration
// that trusts it and nothing else.
func testCertificate(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}
	client = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
	return server, client
}
