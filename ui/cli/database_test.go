package cli

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/ui/internal/dbpref"
	"leadwerk/ui/internal/langpref"
)

func TestChooseDatabaseOrder(t *testing.T) {
	const (
		flag     = "/work/flag.db"
		env      = "/work/env.db"
		server   = "postgres://anna@crm.example.com/leadwerk"
		file     = "/work/saved.db"
		fallback = "/default/leadwerk.db"
	)
	cases := []struct {
		name       string
		flag, env  string
		saved      string
		savedErr   error
		fileOnly   bool
		want       string
		wantSource databaseSource
	}{
		{"flag wins", flag, env, server, nil, false, flag, sourceFlag},
		{"environment wins over saved", "", env, server, nil, false, env, sourceEnv},
		{"saved server", "", "", server, nil, false, server, sourcePreferences},
		{"saved file", "", "", file, nil, false, file, sourcePreferences},
		{"nothing saved", "", "", "", nil, false, fallback, sourceDefault},
		{"unreadable preferences", "", "", server, errors.New("invalid JSON"), false, fallback, sourceDefault},
		{"file only skips server", "", "", server, nil, true, fallback, sourceDefault},
		{"file only keeps file", "", "", file, nil, true, file, sourcePreferences},
		{"file only keeps flag", server, "", "", nil, true, server, sourceFlag},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := Env{
				Getenv: func(name string) string {
					if name == DatabaseEnv {
						return c.env
					}
					return ""
				},
				SavedDatabase: func() (string, error) { return c.saved, c.savedErr },
				DefaultPath:   func() (string, error) { return fallback, nil },
			}

			got, source, err := chooseDatabase(c.flag, e, c.fileOnly)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("database %q, want %q", got, c.want)
			}
			if source != c.wantSource {
				t.Errorf("source %q, want %q", source, c.wantSource)
			}
		})
	}
}

func TestChooseDatabaseNoDefault(t *testing.T) {
	e := Env{
		Getenv:        func(string) string { return "" },
		SavedDatabase: func() (string, error) { return "", nil },
		DefaultPath:   func() (string, error) { return "", errors.New("$HOME is not defined") },
	}

	_, _, err := chooseDatabase("", e, false)

	if err == nil || !strings.Contains(err.Error(), "choose one with -db PATH") {
		t.Errorf("error %v, want the advice to use -db", err)
	}
}

// useSavedDatabase writes database into a Fyne preferences file in a new
// home and config folder, as the window's Preferences dialog saves it,
// until the test ends.
func useSavedDatabase(t *testing.T, database string) {
	t.Helper()

	writePreferencesFile(t, `{"`+dbpref.Key+`":"`+database+`","theme":"dark"}`)
}

// writePreferencesFile writes content as the Fyne preferences file of a
// new home and config folder, which the test uses until it ends.
func writePreferencesFile(t *testing.T, content string) {
	t.Helper()

	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("HOME", dir)
	home, _ := os.UserHomeDir()
	config, _ := os.UserConfigDir()
	path := langpref.File(runtime.GOOS, home, config, langpref.AppID)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// runWithSavedDatabase runs args with the database read from the
// preferences file, as the program does.
func runWithSavedDatabase(h *harness, args ...string) int {
	env := h.env()
	env.SavedDatabase = nil

	return Run(context.Background(), args, env)
}

func TestSavedDatabaseOpensForCommand(t *testing.T) {
	useSavedDatabase(t, "postgres://anna@crm.example.com/leadwerk")
	h := newHarness(salesStore())

	if code := runWithSavedDatabase(h, "pipeline"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	if h.openedPath != "postgres://anna@crm.example.com/leadwerk" {
		t.Errorf("opened %q, want the saved server", h.openedPath)
	}
}

func TestSavedDatabaseOpensWindow(t *testing.T) {
	useSavedDatabase(t, "/work/saved.db")
	h := newHarness(salesStore())

	if code := runWithSavedDatabase(h); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	if h.openedPath != "/work/saved.db" {
		t.Errorf("opened %q, want the saved file", h.openedPath)
	}
	if h.windowCalls != 1 {
		t.Errorf("window opened %d times, want once", h.windowCalls)
	}
}

func TestDatabaseOptionWinsOverSaved(t *testing.T) {
	useSavedDatabase(t, "postgres://anna@crm.example.com/leadwerk")
	h := newHarness(salesStore())
	h.environment[DatabaseEnv] = "/work/env.db"

	if code := runWithSavedDatabase(h, "pipeline"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}
	if h.openedPath != "/work/env.db" {
		t.Errorf("opened %q, want LEADWERK_DB's file", h.openedPath)
	}

	if code := runWithSavedDatabase(h, "-db", "/work/flag.db", "pipeline"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}
	if h.openedPath != "/work/flag.db" {
		t.Errorf("opened %q, want -db's file", h.openedPath)
	}
}

func TestSavedDatabaseFailureNamesSetting(t *testing.T) {
	h := newHarness(salesStore())
	env := h.env()
	env.SavedDatabase = func() (string, error) { return "postgres://anna@crm.example.com/leadwerk", nil }
	env.Open = func(path string) (app.Store, error) {
		return nil, errors.New("connect to database " + path + ": connection refused")
	}

	if code := Run(context.Background(), []string{"pipeline"}, env); code != ExitFailure {
		t.Fatalf("exit code = %d, want %d", code, ExitFailure)
	}

	stderr := h.stderr.String()
	if !strings.Contains(stderr, "connection refused") {
		t.Errorf("stderr %q lacks the cause", stderr)
	}
	if !strings.Contains(stderr, "chosen under Settings → Preferences → Database") {
		t.Errorf("stderr %q does not name the setting", stderr)
	}

	h.stderr.Reset()
	Run(context.Background(), []string{"-db", "postgres://anna@crm.example.com/leadwerk", "pipeline"}, env)
	if strings.Contains(h.stderr.String(), "Preferences") {
		t.Errorf("stderr %q names the setting, but -db chose the database", h.stderr.String())
	}
}

// recordingMaintenance records the database path of a backup.
type recordingMaintenance struct {
	backedUp string
}

func (m *recordingMaintenance) Backup(_ context.Context, dbPath, _ string) (string, error) {
	m.backedUp = dbPath
	return "/backups/copy.db", nil
}

func (m *recordingMaintenance) Check(context.Context, string) ([]string, error) { return nil, nil }

func (m *recordingMaintenance) Restore(context.Context, string, string) (string, error) {
	return "", nil
}

func TestSavedDatabaseForFileCommands(t *testing.T) {
	h := newHarness(salesStore())
	env := h.env()
	env.SavedDatabase = func() (string, error) { return "postgres://anna@crm.example.com/leadwerk", nil }
	maintenance := &recordingMaintenance{}
	env.Maintenance = maintenance
	var source string
	env.MigrateTo = func(_ context.Context, from, _ string, _ app.Progress) (app.MigrationReport, error) {
		source = from
		return app.MigrationReport{}, nil
	}

	if code := Run(context.Background(), []string{"backup"}, env); code != ExitOK {
		t.Fatalf("backup: exit code = %d; stderr: %s", code, h.stderr.String())
	}
	if maintenance.backedUp != "postgres://anna@crm.example.com/leadwerk" {
		t.Errorf("backed up %q, want the saved server", maintenance.backedUp)
	}

	code := Run(context.Background(), []string{"migrate-to", "postgres://anna@crm.example.com/leadwerk"}, env)
	if code != ExitOK {
		t.Fatalf("migrate-to: exit code = %d; stderr: %s", code, h.stderr.String())
	}
	if source != "/default/leadwerk.db" {
		t.Errorf("migrate-to copied %q, want the default file in place of the saved server", source)
	}
}
