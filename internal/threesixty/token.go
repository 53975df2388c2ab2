package threesixty

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// TokenBytes is the randomness in a token: 256 bits.
const TokenBytes = 32

// NewToken returns a fresh token for a survey link or an API account, and the hash that is the
// only thing stored of it.
func NewToken() (token string, hash []byte) {
	b := make([]byte, TokenBytes)
	rand.Read(b) // never fails on supported platforms (crypto/rand panics instead)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is the SHA-256 of a token, which is how a token is looked up. A token is 256 random
// bits, so an unsalted fast hash is enough: there is nothing to guess from it.
func HashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

// WellFormedToken reports whether s could be a token at all, so that junk never reaches the store.
func WellFormedToken(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(TokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}
