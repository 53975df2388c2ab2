package threesixty

import (
	"bytes"
	"testing"
)

func TestDraftOpensOnlyWithItsToken(t *testing.T) {
	token, _ := NewToken()
	other, _ := NewToken()
	v := 4
	a := Answers{Ratings: map[string]*int{"x": &v, "y": nil}, Comments: map[string]string{"keep": "Zoë ✓"}}
	sealed, err := SealDraft(token, a)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(sealed, []byte("Zo")) {
		t.Error("the sealed draft shows its text")
	}
	got, err := OpenDraft(token, sealed)
	if err != nil || *got.Ratings["x"] != 4 || got.Ratings["y"] != nil || got.Comments["keep"] != "Zoë ✓" {
		t.Errorf("opened %+v, %v", got, err)
	}
	if _, err := OpenDraft(other, sealed); err == nil {
		t.Error("another token opened the draft")
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := OpenDraft(token, sealed); err == nil {
		t.Error("a tampered draft opened")
	}
	if _, err := OpenDraft(token, []byte{1, 2}); err == nil {
		t.Error("a truncated draft opened")
	}
}

func TestTokens(t *testing.T) {
	a, hashA := NewToken()
	b, _ := NewToken()
	if a == b || len(a) != 43 || !WellFormedToken(a) {
		t.Errorf("tokens %q %q", a, b)
	}
	if !bytes.Equal(hashA, HashToken(a)) || len(hashA) != 32 {
		t.Error("the stored hash is not the SHA-256 of the token")
	}
	for _, bad := range []string{"", "short", a + "x", a[:42] + "!"} {
		if WellFormedToken(bad) {
			t.Errorf("%q accepted as a token", bad)
		}
	}
}
