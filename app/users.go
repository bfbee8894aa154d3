package app

import (
	"context"
	"time"
)

// UserRecord is a person who works in the database. In a database that
// several people share, each has one, found by the login name of their
// operating system account.
type UserRecord struct {
	ID int64
	// Login is the operating system login name without a Windows
	// "DOMAIN\" prefix, unique in the database.
	Login string
	// Name is the name that owners, the audit trail and the change
	// history show, as [CleanUserName] accepts it.
	Name      string
	CreatedAt time.Time
	Version   int64
}

// UserService signs a person in and lists the people of the database.
type UserService interface {
	// SignIn makes the user with login the one whose name and id every
	// later change of this store records, creating the user when the
	// database has none with that login. An empty login means the
	// operating system user's. Records whose owner names the user by
	// name and no user by id are given to the user.
	SignIn(ctx context.Context, login string) (UserRecord, error)
	// CurrentUser returns the signed-in user, or false before SignIn.
	CurrentUser() (UserRecord, bool)
	// Users lists every user by name.
	Users(ctx context.Context) ([]UserRecord, error)
}
