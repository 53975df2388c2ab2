package threesixty

import "time"

// PasswordLinkPurpose is why an emailed link sets a password.
type PasswordLinkPurpose string

// The purposes of password links.
const (
	// PasswordSetup is the link that sets the first password of an account an admin made.
	PasswordSetup PasswordLinkPurpose = "setup"
	// PasswordReset is the link that sets a new password for someone who forgot theirs.
	PasswordReset PasswordLinkPurpose = "reset"
)

// How long a password link works once it is sent: a reset answers someone waiting for it, a
// set-up link reaches someone who may not read their mail for days.
const (
	ResetLinkLifetime = time.Hour
	SetupLinkLifetime = 7 * 24 * time.Hour
)

// Limits on asking for a reset link: within PasswordRequestWindow, an address (whether or not an
// account has it) gets at most PasswordRequestsPerAddress links, and a client may ask at most
// PasswordRequestsPerClient times. Past them the answer is the same, and nothing is sent.
const (
	PasswordRequestWindow      = time.Hour
	PasswordRequestsPerAddress = 3
	PasswordRequestsPerClient  = 20
)

// PasswordLink is what a password link opens: whose password it sets, and why.
type PasswordLink struct {
	Account *Account
	Purpose PasswordLinkPurpose
}

// PasswordChange is a signed-in account changing its password: the current one, to prove it is
// theirs, and the new one; Client is where the attempt came from, for the limit on guesses.
type PasswordChange struct {
	Current, New string
	Client       string
}

// NewAccount is an account an admin adds: it signs in once its set-up link is used.
type NewAccount struct {
	Name  string
	Email string
	Role  Role
}

// AccountSummary is an account as the admins' list shows it: the account, and how many
// engagements it runs.
type AccountSummary struct {
	Account
	Engagements int
	CreatedAt   time.Time
}
