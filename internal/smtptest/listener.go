package smtptest

import (
	"net"
	"sync"
)

// countingListener numbers the connections a server accepts and counts those still open.
type countingListener struct {
	net.Listener
	s *Server
}

func (l *countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.s.mu.Lock()
	l.s.connections++
	l.s.open++
	id := l.s.connections
	l.s.mu.Unlock()
	return &countedConn{Conn: c, s: l.s, id: id}, nil
}

// countedConn is an accepted connection that counts itself closed once.
type countedConn struct {
	net.Conn
	s    *Server
	id   int
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
