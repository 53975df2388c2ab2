package threesixty

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
}
