package threesixty

// Account is an account that runs engagements. Admins see every engagement.
type Account struct {
	ID      string `json:"id" db:"id"`
	Email   string `json:"email" db:"email"`
	Name    string `json:"name" db:"name"`
	IsAdmin bool   `json:"is_admin" db:"is_admin"`
}
