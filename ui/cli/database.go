package cli

import (
	"log/slog"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// databaseSource names the choice that selected a run's database.
type databaseSource string

const (
	sourceFlag        databaseSource = "-db"
	sourceEnv         databaseSource = DatabaseEnv
	sourcePreferences databaseSource = "preferences"
	sourceDefault     databaseSource = "default"
)

// chooseDatabase returns the database that a command opens and where it
// was chosen: the -db value dbFlag, else LEADWERK_DB, else the database
// saved in the window's Preferences, else the default file. With fileOnly,
// a saved server URL is passed over for the default file, because the
// command needs a file. A preferences file that cannot be read is logged
// and passed over too.
func chooseDatabase(dbFlag string, env Env, fileOnly bool) (string, databaseSource, error) {
	if dbFlag != "" {
		return dbFlag, sourceFlag, nil
	}

	if value := env.Getenv(DatabaseEnv); value != "" {
		return value, sourceEnv, nil
	}

	if saved := savedDatabase(env, fileOnly); saved != "" {
		return saved, sourcePreferences, nil
	}

	path, err := env.DefaultPath()
	if err != nil {
		return "", sourceDefault, wrap(lang.X("cli.error.default_path",
			"the default database file was not found: {{.Err}}; choose one with -db PATH",
			map[string]any{"Err": err}), err)
	}

	return path, sourceDefault, nil
}

// savedDatabase returns the database saved in Preferences, or "" for
// none, for an unreadable preferences file, and with fileOnly for a
// server URL.
func savedDatabase(env Env, fileOnly bool) string {
	saved, err := env.SavedDatabase()
	if err != nil {
		slog.Warn("saved database unreadable, so the default database opens", "err", err)
		return ""
	}

	server := app.IsServerURL(saved)
	if saved != "" {
		slog.Info("database chosen in Preferences", "server", server, "used", !(fileOnly && server))
	}

	if fileOnly && server {
		return ""
	}

	return saved
}

// SavedDatabaseError is the failure to open the database chosen in the
// window's Preferences. Its message adds to Err how to open another one.
type SavedDatabaseError struct {
	Err error
}

func (e *SavedDatabaseError) Error() string {
	return lang.X("teamdatabase.cli.saved_failed",
		"{{.Err}}\nThis database was chosen under Settings → Preferences → Database. To open another one, "+
			"start Leadwerk with -db PATH or set {{.Env}}, and change the setting there.",
		map[string]any{"Err": e.Err, "Env": DatabaseEnv})
}

func (e *SavedDatabaseError) Unwrap() error {
	return e.Err
}
