package threesixty

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
)

// A draft is a rater's unfinished answers, kept so they can resume. It has to be stored beside
// the invitation to be found again, so it is sealed with a key derived from the rater's token:
// the database holds only the token's hash, so nobody reading it can read a draft, and a draft
// can never be lined up with a response.

// SealDraft encrypts answers for the holder of token.
func SealDraft(token string, a Answers) ([]byte, error) {
	plain, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	aead, err := draftCipher(token)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize())
	rand.Read(nonce)
	return aead.Seal(nonce, nonce, plain, nil), nil
}

// OpenDraft decrypts a draft sealed for token.
func OpenDraft(token string, sealed []byte) (Answers, error) {
	var a Answers
	aead, err := draftCipher(token)
	if err != nil {
		return a, err
	}
	if len(sealed) < aead.NonceSize() {
		return a, errors.New("draft too short")
	}
	plain, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], nil)
	if err != nil {
		return a, err
	}
	err = json.Unmarshal(plain, &a)
	return a, err
}

// draftCipher derives the key with HMAC so it shares nothing with the stored SHA-256 of the token.
func draftCipher(token string) (cipher.AEAD, error) {
	mac := hmac.New(sha256.New, []byte(token))
	mac.Write([]byte("threesixty draft key"))
	block, err := aes.NewCipher(mac.Sum(nil))
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}
