package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// serverValues returns the parts of the database URL raw that the check
// messages name: Host, Port, User, Database, KeyringUser and URL without
// a password. Values that the check read from the server replace those
// of the URL, and parts the URL leaves out get PostgreSQL's defaults.
func serverValues(raw string, check app.ServerCheck) map[string]any {
	values := map[string]any{"Host": "localhost", "Port": "5432", "User": "", "Database": "",
		"KeyringUser": "", "URL": raw, "Min": app.MinServerVersion}

	if u, err := url.Parse(raw); err == nil {
		values["URL"] = u.Redacted()
		values["KeyringUser"] = app.KeyringUser(u)
		values["User"] = u.User.Username()
		values["Database"] = strings.TrimPrefix(u.Path, "/")
		if host := u.Hostname(); host != "" {
			values["Host"] = host
		}
		if port := u.Port(); port != "" {
			values["Port"] = port
		}
	}

	if check.User != "" {
		values["User"] = check.User
	}
	if check.Database != "" {
		values["Database"] = check.Database
	}

	return values
}

// urlHost returns the host of the database URL raw, for the progress
// message.
func urlHost(raw string) string {
	host, _ := serverValues(raw, app.ServerCheck{})["Host"].(string)

	return host
}

// serverCheckText describes what a successful check of raw found.
func serverCheckText(check app.ServerCheck, raw string) string {
	values := serverValues(raw, check)
	values["Version"] = check.ServerVersion
	values["Schema"] = check.Schema
	language := currentLanguage()
	values["Leads"] = app.FormatCount(int(check.Leads), language)
	values["Opportunities"] = app.FormatCount(int(check.Opportunities), language)

	connected := lang.X("teamdatabase.ok.connected",
		"Connected to PostgreSQL {{.Version}} as {{.User}}: database {{.Database}}, schema {{.Schema}}.", values)

	var state string
	switch {
	case check.SchemaVersion > 0:
		state = lang.X("teamdatabase.ok.leadwerk",
			"It contains Leadwerk's data: {{.Leads}} leads and {{.Opportunities}} opportunities.", values)
	case check.CreatesUnaccent:
		state = lang.X("teamdatabase.ok.empty_unaccent",
			"It is empty, so Leadwerk creates its tables and the unaccent extension at the next start. "+
				"To copy the records of this computer's file there first, run: leadwerk migrate-to {{.URL}}", values)
	default:
		state = lang.X("teamdatabase.ok.empty",
			"It is empty, so Leadwerk creates its tables at the next start. "+
				"To copy the records of this computer's file there first, run: leadwerk migrate-to {{.URL}}", values)
	}

	return connected + "\n" + state
}

// serverProblemText returns the person's message for problem, found by
// the check of raw: what failed, on which value, and what to do.
func serverProblemText(problem *app.ServerCheckError, raw string, check app.ServerCheck) string {
	values := serverValues(raw, check)
	values["Detail"] = problem.Detail
	values["Err"] = problem

	if problem.Problem == app.ServerURLInvalid {
		return serverURLProblem(problem.Err)
	}

	if text, ok := connectionProblemText(problem.Problem, values); ok {
		return text
	}

	return databaseProblemText(problem.Problem, values)
}

// connectionProblemText returns the message of a problem that stops the
// connection or the login, and false for any other problem.
func connectionProblemText(problem app.ServerProblem, values map[string]any) (string, bool) {
	switch problem {
	case app.ServerURLPassword:
		return serverPasswordText(values), true
	case app.ServerHostNotFound:
		return lang.X("teamdatabase.problem.host_not_found",
			"The host {{.Host}} was not found. Check its name in the URL, and that this computer is on "+
				"the network or VPN that knows it.", values), true
	case app.ServerRefused:
		return lang.X("teamdatabase.problem.refused",
			"{{.Host}} refused the connection on port {{.Port}}, so no PostgreSQL server listens there. "+
				"Check the port in the URL and that the server runs.", values), true
	case app.ServerUnreachable:
		return lang.X("teamdatabase.problem.unreachable",
			"{{.Host}} did not answer in time. Check that this computer can reach it on port {{.Port}}: "+
				"the network, a VPN or a firewall may be in the way.", values), true
	case app.ServerTLS:
		return lang.X("teamdatabase.problem.tls",
			"The encrypted connection to {{.Host}} failed: the server offers no TLS, or its certificate is "+
				"not trusted for this host name. Check the sslmode in the URL with the server's administrator.",
			values), true
	case app.ServerNoPassword:
		return lang.X("teamdatabase.problem.no_password",
			"The server asks for the password of {{.User}}, and Leadwerk found none. Set PGPASSWORD, add a "+
				"line to ~/.pgpass, or store it in the system keyring under service Leadwerk and user "+
				"{{.KeyringUser}}.", values), true
	case app.ServerWrongPassword:
		return lang.X("teamdatabase.problem.wrong_password",
			"The server rejected the password of {{.User}}. Correct it where Leadwerk reads it: PGPASSWORD, "+
				"~/.pgpass, or the system keyring entry of service Leadwerk and user {{.KeyringUser}}.", values), true
	case app.ServerLoginRejected:
		return lang.X("teamdatabase.problem.login_rejected",
			"The server does not let {{.User}} log in to {{.Database}} from this computer ({{.Detail}}). "+
				"Ask the server's administrator to allow it in pg_hba.conf, or to give the role LOGIN.", values), true
	case app.ServerDatabaseMissing:
		return lang.X("teamdatabase.problem.database_missing",
			"The server has no database {{.Database}}. Check the name in the URL, or ask the administrator "+
				"to create it.", values), true
	}

	return "", false
}

// databaseProblemText returns the message of a problem of a database
// that Leadwerk connected to.
func databaseProblemText(problem app.ServerProblem, values map[string]any) string {
	switch problem {
	case app.ServerPermissionDenied:
		return lang.X("teamdatabase.problem.permission_denied",
			"The role {{.User}} lacks a right in database {{.Database}} ({{.Detail}}). Ask the administrator "+
				"to grant it CONNECT on the database and USAGE and CREATE on its schema.", values)
	case app.ServerTooOld:
		return lang.X("teamdatabase.problem.too_old",
			"The server runs PostgreSQL {{.Detail}}, but Leadwerk needs version {{.Min}} or newer.", values)
	case app.ServerNoSchema:
		return lang.X("teamdatabase.problem.no_schema",
			"The search_path of {{.User}} names no schema that exists, so Leadwerk has nowhere to create its "+
				"tables. Ask the administrator to create a schema and set the role's search_path to it.", values)
	case app.ServerSchemaNotWritable:
		return lang.X("teamdatabase.problem.schema_not_writable",
			"{{.User}} may not create tables in schema {{.Detail}}. Ask the administrator to run: "+
				"GRANT USAGE, CREATE ON SCHEMA {{.Detail}} TO {{.User}};", values)
	case app.ServerNoUnaccent:
		return lang.X("teamdatabase.problem.no_unaccent",
			"Database {{.Database}} lacks the unaccent extension, which the lead search needs, and {{.User}} "+
				"may not create it. Ask the administrator to run CREATE EXTENSION unaccent; in that database "+
				"(Debian ships it in postgresql-contrib).", values)
	case app.ServerNotEmpty:
		return lang.X("teamdatabase.problem.not_empty",
			"Database {{.Database}} is not empty: it contains tables of another program, such as {{.Detail}}. "+
				"Choose an empty database or one that Leadwerk set up.", values)
	case app.ServerNewerSchema:
		return lang.X("teamdatabase.problem.newer_schema",
			"A newer Leadwerk set up database {{.Database}} (schema version {{.Detail}}). Update Leadwerk on "+
				"this computer first.", values)
	default:
		return lang.X("teamdatabase.problem.failed", "The check of {{.URL}} failed: {{.Err}}", values)
	}
}

// serverURLMissingProblem returns the message for an empty server URL.
func serverURLMissingProblem() string {
	return lang.X("teamdatabase.problem.url_missing",
		"Server URL: enter the URL of the database, such as postgres://anna@crm.example.com/leadwerk.")
}

// serverURLSchemeProblem returns the message for a server URL that is
// no postgres:// URL.
func serverURLSchemeProblem(value string) string {
	return lang.X("teamdatabase.problem.url_scheme",
		"Server URL: {{.Value}} does not start with postgres://. Write it as postgres://user@host:5432/database, "+
			"such as postgres://anna@crm.example.com/leadwerk?sslmode=verify-full.", map[string]any{"Value": value})
}

// serverURLProblem returns the message for a server URL that cannot be
// read. cause is the driver's error, or nil where the error would show a
// password, as url.Parse's does.
func serverURLProblem(cause error) string {
	if cause == nil {
		return lang.X("teamdatabase.problem.url_unreadable",
			"Server URL: it cannot be read as a URL. Write it as postgres://user@host:5432/database, "+
				"such as postgres://anna@crm.example.com/leadwerk?sslmode=verify-full.")
	}

	return lang.X("teamdatabase.problem.url_invalid",
		"Server URL: the database driver rejected it ({{.Err}}). Write it as postgres://user@host:5432/database, "+
			"such as postgres://anna@crm.example.com/leadwerk?sslmode=verify-full.", map[string]any{"Err": cause})
}

// serverPasswordProblem returns the message for a server URL with a
// password, which it does not show.
func serverPasswordProblem(u *url.URL) string {
	return serverPasswordText(serverValues(u.Redacted(), app.ServerCheck{}))
}

func serverPasswordText(values map[string]any) string {
	return lang.X("teamdatabase.problem.url_password",
		"Server URL: remove the password from {{.URL}}, because Leadwerk stores the URL in its settings. "+
			"Put the password into PGPASSWORD, ~/.pgpass, or the system keyring under service Leadwerk "+
			"and user {{.KeyringUser}}.", values)
}
