package threesixty

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// The rules of a password: long enough that guessing is hopeless at the rate sign-in allows, short
// enough that hashing it costs nothing extra. No other rule: any character counts.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 256
)

// The argon2id parameters: OWASP's choice for 19 MiB of memory. The hash string carries them, so
// raising them later leaves existing hashes readable.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// CheckPassword says what is wrong with a new password, or nil.
func CheckPassword(password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case !utf8.ValidString(password):
		return Errorf(EINVALID, "the password is not valid text")
	case n < MinPasswordLength:
		return Errorf(EINVALID, "a password needs at least %d characters", MinPasswordLength)
	case n > MaxPasswordLength:
		return Errorf(EINVALID, "a password may have at most %d characters", MaxPasswordLength)
	}
	return nil
}

// HashPassword returns the argon2id hash of a password in the PHC string form.
func HashPassword(password string) string {
	salt := make([]byte, argonSaltLen)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// decoyHash is what a password is checked against when there is no hash to check it against (no
// such account, or no password set), so that the answer takes as long either way. Made on first
// use, so that commands that never check a password do not pay for it.
var decoyHash = sync.OnceValue(func() string { return HashPassword("a password that no account has") })

// PasswordMatches reports whether password is the one hash was made from. An empty or unreadable
// hash matches nothing, and costs as much time as one that is read.
func PasswordMatches(hash, password string) bool {
	if len(password) > 4*MaxPasswordLength {
		password = password[:4*MaxPasswordLength]
	}
	usable := true
	salt, key, p, ok := parseHash(hash)
	if !ok {
		salt, key, p, _ = parseHash(decoyHash())
		usable = false
	}
	got := argon2.IDKey([]byte(password), salt, p.time, p.memory, p.threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1 && usable
}

type argonParams struct {
	time, memory uint32
	threads      uint8
}

// parseHash reads a PHC argon2id string. Parameters far above the service's own are refused, so
// a planted hash cannot make a sign-in take the machine's memory.
func parseHash(hash string) (salt, key []byte, p argonParams, ok bool) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return nil, nil, p, false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return nil, nil, p, false
	}
	if p.time < 1 || p.time > 10 || p.memory < 8 || p.memory > 256*1024 || p.threads < 1 || p.threads > 8 {
		return nil, nil, p, false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 || len(key) > 64 {
		return nil, nil, p, false
	}
	return salt, key, p, true
}
