package threesixty

import (
	"strings"
	"testing"
)

func TestPasswordHashesMatchOnlyTheirPassword(t *testing.T) {
	hash := HashPassword("correct horse battery")
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("the hash %q is not argon2id in the PHC form with the service's parameters", hash)
	}
	if HashPassword("correct horse battery") == hash {
		t.Error("two hashes of one password are equal: no salt")
	}
	if !PasswordMatches(hash, "correct horse battery") {
		t.Error("the password does not match its own hash")
	}
	for _, wrong := range []string{"", "correct horse batter", "Correct horse battery", strings.Repeat("x", 5000)} {
		if PasswordMatches(hash, wrong) {
			t.Errorf("%.20q matches", wrong)
		}
	}
	// Nothing matches an empty, broken or planted hash; the decoy is never a match either.
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		strings.Replace(hash, "m=19456", "m=4194304", 1), strings.Replace(hash, "t=2", "t=99", 1)} {
		if PasswordMatches(bad, "a password that no account has") || PasswordMatches(bad, "correct horse battery") {
			t.Errorf("the hash %q matches", bad)
		}
	}
}

func TestCheckPasswordSaysWhatIsWrong(t *testing.T) {
	for pw, want := range map[string]string{
		"short":                     "at least 10 characters",
		strings.Repeat("é", 257):    "at most 256 characters",
		"ten chars!":                "",
		"\xff\xfe not valid text!!": "not valid text",
	} {
		err := CheckPassword(pw)
		switch {
		case want == "" && err != nil:
			t.Errorf("%.12q: %v", pw, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%.12q: %v, want it to say %q", pw, err, want)
		}
	}
}
