package postgres

import (
	"fmt"

	"threesixty/internal/threesixty"
)

// actorArg is the actor as the one parameter every visibility-checked query takes: a literal of
// the SQL composite type actor, (kind,account,role,engagement), empty fields being NULL. The
// visibility rule itself is visible_to, in the schema.
func actorArg(a threesixty.Actor) string {
	return fmt.Sprintf("(%s,%s,%s,%s)", a.Kind, a.AccountID(), a.Role(), a.EngagementID)
}

// accountArg is the acting account for the audit trail: NULL for an actor that is not an account.
func accountArg(a threesixty.Actor) *string {
	if id := a.AccountID(); id != "" {
		return &id
	}
	return nil
}
