package app

import (
	"fmt"
	"net/url"
	"strings"
)

// ServerProblem names the reason a [ServerCheckError] gives for a
// PostgreSQL database that Leadwerk cannot open or use.
type ServerProblem string

// The problems a check of a PostgreSQL database finds, in the order the
// check meets them: the URL, the connection, the login, then the
// database's contents.
const (
	// ServerURLInvalid is a URL that is not a postgres:// URL, or one that
	// the driver cannot parse.
	ServerURLInvalid ServerProblem = "url_invalid"
	// ServerURLPassword is a URL that contains a password.
	ServerURLPassword ServerProblem = "url_password"
	// ServerHostNotFound is a host name that does not resolve.
	ServerHostNotFound ServerProblem = "host_not_found"
	// ServerRefused is a host that refused the connection: no server
	// listens on that port.
	ServerRefused ServerProblem = "refused"
	// ServerUnreachable is a connection that timed out or a network that
	// cannot reach the host.
	ServerUnreachable ServerProblem = "unreachable"
	// ServerTLS is a failed TLS handshake: the server has no TLS, or its
	// certificate was rejected.
	ServerTLS ServerProblem = "tls"
	// ServerNoPassword is a server that requires a password when neither
	// PGPASSWORD, the password file nor the system keyring has one.
	ServerNoPassword ServerProblem = "no_password"
	// ServerWrongPassword is a password that the server rejected.
	ServerWrongPassword ServerProblem = "wrong_password"
	// ServerLoginRejected is a login that the server's pg_hba.conf or the
	// role's settings reject, whatever the password.
	ServerLoginRejected ServerProblem = "login_rejected"
	// ServerDatabaseMissing is a database name that the server does not
	// have.
	ServerDatabaseMissing ServerProblem = "database_missing"
	// ServerPermissionDenied is a privilege the role lacks, such as
	// CONNECT on the database or SELECT on Leadwerk's tables.
	ServerPermissionDenied ServerProblem = "permission_denied"
	// ServerTooOld is a server older than PostgreSQL 15.
	ServerTooOld ServerProblem = "too_old"
	// ServerNoSchema is a role whose search_path names no schema that
	// exists, so Leadwerk has nowhere to create its tables.
	ServerNoSchema ServerProblem = "no_schema"
	// ServerSchemaNotWritable is a schema in which the role may not
	// create the tables that the next start creates or migrates.
	ServerSchemaNotWritable ServerProblem = "schema_not_writable"
	// ServerNoUnaccent is a database without the unaccent extension that
	// the role cannot create, or a server that does not ship it.
	ServerNoUnaccent ServerProblem = "no_unaccent"
	// ServerNotEmpty is a schema that holds tables of another program.
	ServerNotEmpty ServerProblem = "not_empty"
	// ServerNewerSchema is a database that a newer Leadwerk migrated.
	ServerNewerSchema ServerProblem = "newer_schema"
	// ServerFailed is any other failure.
	ServerFailed ServerProblem = "failed"
)

// MinServerVersion is the oldest PostgreSQL major version that Leadwerk
// runs on.
const MinServerVersion = 15

// IsServerURL reports whether name, a database setting, is a postgres://
// or postgresql:// URL of a PostgreSQL database rather than a file path.
func IsServerURL(name string) bool {
	lower := strings.ToLower(name)

	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// KeyringService is the service name of the password entries that
// Leadwerk reads from the system keyring, under the user that
// [KeyringUser] returns.
const KeyringService = "Leadwerk"

// KeyringUser returns the keyring user name of the database URL u:
// user@host:port/dbname, with the port and user left out where the URL
// leaves them out.
func KeyringUser(u *url.URL) string {
	return u.User.Username() + "@" + u.Host + u.Path
}

// ServerCheckError is the reason a PostgreSQL database cannot be
// Leadwerk's database.
type ServerCheckError struct {
	Problem ServerProblem
	// URL is the database URL with any password replaced.
	URL string
	// Detail is the value the problem is about, where there is one: the
	// server version of ServerTooOld, the first table of ServerNotEmpty,
	// the schema version of ServerNewerSchema, or the server's message.
	Detail string
	// Err is the driver's error, nil for a problem found in the data.
	Err error
}

func (e *ServerCheckError) Error() string {
	message := fmt.Sprintf("check database %s: %s", e.URL, e.Problem)
	if e.Detail != "" {
		message += " (" + e.Detail + ")"
	}
	if e.Err != nil {
		message += ": " + e.Err.Error()
	}

	return message
}

func (e *ServerCheckError) Unwrap() error {
	return e.Err
}

// ServerCheck is the result of a successful check of a PostgreSQL database.
type ServerCheck struct {
	// URL is the database URL with any password replaced.
	URL string
	// ServerVersion is the server's version, such as "15.18".
	ServerVersion string
	// User, Database and Schema are the role, the database and the first
	// schema of the role's search_path, where Leadwerk keeps its tables.
	User     string
	Database string
	Schema   string
	// SchemaVersion is the last Leadwerk migration applied to the
	// database, or 0 for an empty schema that the next start sets up.
	SchemaVersion int
	// Leads and Opportunities count the records the database holds.
	Leads         int64
	Opportunities int64
	// CreatesUnaccent is set when the unaccent extension is missing and
	// the role may create it, which the next start then does.
	CreatesUnaccent bool
}
