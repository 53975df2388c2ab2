package threesixty

// ActorKind is what kind of user is asking.
type ActorKind string

// The kinds of actor. A new kind of user is one more case here, in Actor's methods, and in the
// store's one visibility rule (visible_to in the schema).
const (
	// ActorAccount is a coach or an admin, through the API or a signed-in page.
	ActorAccount ActorKind = "account"
	// ActorLeader is an engagement's leader, through their personal link: that one engagement.
	ActorLeader ActorKind = "leader"
	// ActorService is the service itself, doing what time alone causes (closing a round on time).
	ActorService ActorKind = "service"
)

// Actor is who is asking. Every store method that reads or changes an engagement takes one, and
// what the actor may see follows from its kind alone: an admin every engagement, a coach the
// engagements they run, a link the engagement it was issued for. Anything else is not found.
type Actor struct {
	Kind ActorKind
	// Account is the coach or admin, for ActorAccount.
	Account *Account
	// EngagementID is the one engagement a link opens, for link actors.
	EngagementID string
}

// AccountActor is an account acting through the API or a page.
func AccountActor(a *Account) Actor { return Actor{Kind: ActorAccount, Account: a} }

// LeaderActor is the leader of an engagement, through their personal link.
func LeaderActor(engagementID string) Actor {
	return Actor{Kind: ActorLeader, EngagementID: engagementID}
}

// Service is the service itself.
var Service = Actor{Kind: ActorService}

// AccountID is the acting account's id, "" for an actor that is not an account.
func (a Actor) AccountID() string {
	if a.Kind == ActorAccount && a.Account != nil {
		return a.Account.ID
	}
	return ""
}

// Role is the acting account's role, "" for an actor that is not an account.
func (a Actor) Role() Role {
	if a.Kind == ActorAccount && a.Account != nil {
		return a.Account.Role
	}
	return ""
}

// Manages reports whether the actor may change what it can see: settings, raters, rounds. A
// leader sees their engagement but does not run it.
func (a Actor) Manages() bool {
	return (a.Kind == ActorAccount && a.Account != nil) || a.Kind == ActorService
}

// mayNotManage is the error for an actor that sees an engagement but may not change it.
var mayNotManage = Errorf(EFORBIDDEN, "only the engagement's coach can change it")

// CheckManages returns EFORBIDDEN when the actor may not change what it sees.
func (a Actor) CheckManages() error {
	if a.Manages() {
		return nil
	}
	return mayNotManage
}
