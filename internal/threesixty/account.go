package threesixty

import "time"

// Role is what an account may do.
type Role string

// The roles of accounts.
const (
	// RoleCoach runs engagements and sees only their own.
	RoleCoach Role = "coach"
	// RoleAdmin sees every engagement.
	RoleAdmin Role = "admin"
)

// Account is a person who runs engagements: a coach, or an admin.
type Account struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  Role   `json:"role"`
	// Deactivated is when an admin deactivated the account, nil while it is active.
	Deactivated *time.Time `json:"deactivated_at,omitempty"`
	// HasPassword is whether a password is set: an account without one signs in only through
	// the API until its set-up link is used.
	HasPassword bool `json:"has_password"`
}

// How long a signed-in browser stays signed in: at most SessionLifetime from signing in, and
// only while used at least once every SessionIdle.
const (
	SessionLifetime = 7 * 24 * time.Hour
	SessionIdle     = 12 * time.Hour
)

// Sign-in limits: within SignInWindow, an address (whether or not an account has it) takes at
// most SignInFailuresPerAddressAndClient wrong passwords from one client and
// SignInFailuresPerAddress from everywhere, and a client at most SignInFailuresPerClient for any
// addresses, before sign-in is refused there until the window has passed. The tight limit is per
// address and client, so that a stranger's wrong passwords cannot lock a coach out of their own
// browser; a password set anew (a reset link) forgets the failures of its address.
const (
	SignInWindow                      = 15 * time.Minute
	SignInFailuresPerAddressAndClient = 5
	SignInFailuresPerAddress          = 50
	SignInFailuresPerClient           = 30
)

// SignIn is an attempt to sign in: what was typed, and from where.
type SignIn struct {
	Email, Password string
	// Client is the address the attempt came from, as the service sees it.
	Client string
}

// Session is a signed-in browser: the token its cookie holds, shown this once, and whose it is.
type Session struct {
	Token   string
	Account *Account
}

// APIToken is one of an account's API tokens, as listed: never the token itself, which is shown
// once, when it is made.
type APIToken struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}
