package ui

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	_ "github.com/jackc/pgx/v5/stdlib"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/ui/internal/dbpref"
)

// useDatabaseSetup makes the Preferences dialogs that the test opens use
// setup, and puts the previous one back when the test ends.
func useDatabaseSetup(t *testing.T, setup DatabaseSetup) {
	t.Helper()

	previous := databaseSetup
	databaseSetup = setup
	t.Cleanup(func() { databaseSetup = previous })
}

// fixedDefaultPath returns a DefaultPath function that returns path.
func fixedDefaultPath(path string) func() (string, error) {
	return func() (string, error) { return path, nil }
}

// chooseServer selects the PostgreSQL server choice and types address.
func chooseServer(d *preferencesDialog, address string) {
	d.database.kind.SetSelected(d.database.kind.Options[databaseKindServer])
	d.database.server.SetText(address)
}

func TestDatabaseFieldsShowSaved(t *testing.T) {
	useDatabaseSetup(t, DatabaseSetup{DefaultPath: fixedDefaultPath("/home/anna/.config/Leadwerk/leadwerk.db")})
	a := test.NewTempApp(t)
	a.Preferences().SetString(dbpref.Key, "postgres://anna@crm.example.com/leadwerk")
	window := a.NewWindow("test")
	t.Cleanup(window.Close)

	d := newPreferencesDialog(openStore(t), a, window, newUIQueue().do,
		errorReporter{window: window, logger: discardLogger()}, app.DefaultPreferences(), app.DefaultBackupSettings())

	if !d.database.serverChosen() {
		t.Errorf("choice %q, want PostgreSQL server for a saved URL", d.database.kind.Selected)
	}
	if got := d.database.server.Text; got != "postgres://anna@crm.example.com/leadwerk" {
		t.Errorf("server URL %q, want the saved one", got)
	}
	if d.database.fileRow.Visible() {
		t.Error("the file row shows while the server is chosen")
	}
	if !strings.Contains(d.database.openNow.Text, "in place of the saved setting") {
		t.Errorf("open-now note %q does not say that a file opened in place of the saved server",
			d.database.openNow.Text)
	}
}

func TestDatabaseFieldsDefaultFile(t *testing.T) {
	useDatabaseSetup(t, DatabaseSetup{DefaultPath: fixedDefaultPath("/home/anna/.config/Leadwerk/leadwerk.db")})
	d, _, _ := openPreferencesDialog(t)

	if d.database.serverChosen() {
		t.Error("server chosen without a saved URL, want the file")
	}
	if got := d.database.file.PlaceHolder; got != "/home/anna/.config/Leadwerk/leadwerk.db" {
		t.Errorf("file placeholder %q, want the default file", got)
	}
	if d.database.serverRow.Visible() {
		t.Error("the server row shows while the file is chosen")
	}
}

func TestPreferencesRejectDatabase(t *testing.T) {
	folder := t.TempDir()
	cases := []struct {
		name   string
		server bool
		value  string
		want   string
	}{
		{"password in URL", true, "postgres://anna:geheim@crm.example.com/leadwerk",
			"remove the password from postgres://anna:xxxxx@crm.example.com/leadwerk"},
		{"keyring user", true, "postgres://anna:geheim@crm.example.com:5433/leadwerk",
			"user anna@crm.example.com:5433/leadwerk"},
		{"no URL", true, "", "Server URL: enter the URL"},
		{"path as URL", true, "/home/anna/leadwerk.db", "does not start with postgres://"},
		{"relative file", false, "leadwerk.db", "is not a full path"},
		{"folder as file", false, folder, "is a folder"},
		{"URL as file", false, "postgres://anna@crm.example.com/leadwerk", "Choose PostgreSQL server"},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, _, _ := openPreferencesDialog(t)
			if c.server {
				chooseServer(d, c.value)
			} else {
				d.database.file.SetText(c.value)
			}

			d.onSaveTapped()

			if !strings.Contains(d.problem.Text, c.want) {
				t.Errorf("problem %q does not contain %q", d.problem.Text, c.want)
			}
			if strings.Contains(d.problem.Text, "geheim") {
				t.Errorf("problem %q shows the password", d.problem.Text)
			}
			if got := d.app.Preferences().String(dbpref.Key); got != "" {
				t.Errorf("saved database %q after a rejected value, want none", got)
			}
		})
	}
}

func TestPreferencesSaveDatabase(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sales.db")
	cases := []struct {
		name   string
		server bool
		value  string
	}{
		{"server", true, " postgres://anna@crm.example.com/leadwerk?sslmode=verify-full "},
		{"file", false, file},
		{"default file", false, ""},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, queue, _ := openPreferencesDialog(t)
			d.app.Preferences().SetString(dbpref.Key, "/old/leadwerk.db")
			d.database.saved = "/old/leadwerk.db"
			if c.server {
				chooseServer(d, c.value)
			} else {
				d.database.file.SetText(c.value)
			}
			d.currency.SetText("CHF")

			d.onSaveTapped()
			queue.waitFor(t, "the save", func() bool { return activePreferences.HomeCurrency == "CHF" })

			want := strings.TrimSpace(c.value)
			if got := d.app.Preferences().String(dbpref.Key); got != want {
				t.Errorf("saved database %q, want %q", got, want)
			}
			if d.problem.Text != "" {
				t.Errorf("problem %q after a valid database", d.problem.Text)
			}
			if !findLabelContaining(d.reporter.window.Canvas().Overlays().Top(), "from its next start") {
				t.Error("no notice that the database changes at the next start")
			}
		})
	}
}

func TestPreferencesKeepDatabaseNoNotice(t *testing.T) {
	d, queue, _ := openPreferencesDialog(t)
	d.currency.SetText("CHF")

	d.onSaveTapped()
	queue.waitFor(t, "the save", func() bool { return activePreferences.HomeCurrency == "CHF" })

	if top := d.reporter.window.Canvas().Overlays().Top(); top != nil {
		t.Errorf("an overlay shows after a save that kept the database: %v", top)
	}
}

// blockingChecker is a CheckServer that waits until the test releases it
// or the check's context ends, and records that context's error.
type blockingChecker struct {
	started  chan struct{}
	release  chan struct{}
	ctxError chan error
	check    app.ServerCheck
	err      error
}

func newBlockingChecker(check app.ServerCheck, err error) *blockingChecker {
	return &blockingChecker{started: make(chan struct{}, 1), release: make(chan struct{}),
		ctxError: make(chan error, 1), check: check, err: err}
}

func (c *blockingChecker) checkServer(ctx context.Context, _ string) (app.ServerCheck, error) {
	c.started <- struct{}{}
	select {
	case <-c.release:
		return c.check, c.err
	case <-ctx.Done():
		c.ctxError <- ctx.Err()
		return app.ServerCheck{}, ctx.Err()
	}
}

func TestTestConnectionShowsProgressAndResult(t *testing.T) {
	checker := newBlockingChecker(app.ServerCheck{ServerVersion: "15.18", User: "anna", Database: "leadwerk",
		Schema: "crm", SchemaVersion: 21, Leads: 1234, Opportunities: 56}, nil)
	useDatabaseSetup(t, DatabaseSetup{CheckServer: checker.checkServer})
	d, queue, _ := openPreferencesDialog(t)
	chooseServer(d, "postgres://anna@crm.example.com/leadwerk")

	test.Tap(d.database.test)
	<-checker.started

	if !d.database.progress.Visible() {
		t.Error("no progress bar while the check runs")
	}
	if !d.database.test.Disabled() {
		t.Error("Test connection is enabled while the check runs")
	}
	if got := d.database.result.Text; got != "Connecting to crm.example.com…" {
		t.Errorf("result %q while the check runs", got)
	}

	close(checker.release)
	queue.waitFor(t, "the result", func() bool { return strings.HasPrefix(d.database.result.Text, "Connected") })

	want := "Connected to PostgreSQL 15.18 as anna: database leadwerk, schema crm.\n" +
		"It contains Leadwerk's data: 1,234 leads and 56 opportunities."
	if got := d.database.result.Text; got != want {
		t.Errorf("result %q, want %q", got, want)
	}
	if d.database.progress.Visible() {
		t.Error("the progress bar still shows after the check")
	}
	if d.database.test.Disabled() {
		t.Error("Test connection stays disabled after the check")
	}
}

func TestTestConnectionNamesProblem(t *testing.T) {
	cases := []struct {
		problem app.ServerCheckError
		check   app.ServerCheck
		want    string
	}{
		{app.ServerCheckError{Problem: app.ServerHostNotFound}, app.ServerCheck{},
			"The host crm.example.com was not found."},
		{app.ServerCheckError{Problem: app.ServerRefused}, app.ServerCheck{},
			"refused the connection on port 5433"},
		{app.ServerCheckError{Problem: app.ServerUnreachable}, app.ServerCheck{},
			"crm.example.com did not answer in time"},
		{app.ServerCheckError{Problem: app.ServerWrongPassword}, app.ServerCheck{},
			"rejected the password of anna"},
		{app.ServerCheckError{Problem: app.ServerNoPassword}, app.ServerCheck{},
			"user anna@crm.example.com:5433/leadwerk"},
		{app.ServerCheckError{Problem: app.ServerNoUnaccent, Detail: "leadwerk"},
			app.ServerCheck{User: "anna", Database: "leadwerk"}, "lacks the unaccent extension"},
		{app.ServerCheckError{Problem: app.ServerNotEmpty, Detail: "invoices"},
			app.ServerCheck{Database: "leadwerk"},
			"Database leadwerk is not empty: it contains tables of another program, such as invoices."},
		{app.ServerCheckError{Problem: app.ServerNewerSchema, Detail: "25"}, app.ServerCheck{},
			"A newer Leadwerk set up database leadwerk (schema version 25)"},
		{app.ServerCheckError{Problem: app.ServerTooOld, Detail: "13.4"}, app.ServerCheck{},
			"runs PostgreSQL 13.4, but Leadwerk needs version 15 or newer"},
	}

	for _, c := range cases {
		t.Run(string(c.problem.Problem), func(t *testing.T) {
			problem := c.problem
			check := c.check
			useDatabaseSetup(t, DatabaseSetup{CheckServer: func(context.Context, string) (app.ServerCheck, error) {
				return check, &problem
			}})
			d, queue, _ := openPreferencesDialog(t)
			chooseServer(d, "postgres://anna@crm.example.com:5433/leadwerk")

			test.Tap(d.database.test)
			queue.waitFor(t, "the result", func() bool { return !d.database.progress.Visible() })

			if !strings.Contains(d.database.result.Text, c.want) {
				t.Errorf("result %q does not contain %q", d.database.result.Text, c.want)
			}
			if d.database.result.Importance != widget.DangerImportance {
				t.Errorf("result importance %v, want danger for a problem", d.database.result.Importance)
			}
		})
	}
}

func TestTestConnectionRejectsPasswordFirst(t *testing.T) {
	checker := newBlockingChecker(app.ServerCheck{}, nil)
	useDatabaseSetup(t, DatabaseSetup{CheckServer: checker.checkServer})
	d, _, _ := openPreferencesDialog(t)
	chooseServer(d, "postgres://anna:geheim@crm.example.com/leadwerk")

	test.Tap(d.database.test)

	if !strings.Contains(d.database.result.Text, "remove the password") {
		t.Errorf("result %q, want the password rejected", d.database.result.Text)
	}
	select {
	case <-checker.started:
		t.Error("the check ran on a URL with a password")
	default:
	}
}

func TestTestConnectionStopsOnClose(t *testing.T) {
	checker := newBlockingChecker(app.ServerCheck{}, nil)
	useDatabaseSetup(t, DatabaseSetup{CheckServer: checker.checkServer})
	d, _, _ := openPreferencesDialog(t)
	chooseServer(d, "postgres://anna@crm.example.com/leadwerk")

	test.Tap(d.database.test)
	<-checker.started
	d.dialog.Hide()

	if err := <-checker.ctxError; err != context.Canceled {
		t.Errorf("check context ended with %v, want context.Canceled", err)
	}
}

// TestTestConnectionRefusedServer runs the real check against a port on
// which nothing listens.
func TestTestConnectionRefusedServer(t *testing.T) {
	useDatabaseSetup(t, DatabaseSetup{CheckServer: data.CheckServer})
	t.Setenv("PGPASSWORD", "unused")
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := listener.Addr().(*net.TCPAddr).Port
	_ = listener.Close()
	d, queue, _ := openPreferencesDialog(t)
	chooseServer(d, fmt.Sprintf("postgres://anna@127.0.0.1:%d/leadwerk?sslmode=disable", port))

	test.Tap(d.database.test)
	queue.waitFor(t, "the result", func() bool { return !d.database.progress.Visible() })

	want := fmt.Sprintf("127.0.0.1 refused the connection on port %d", port)
	if !strings.Contains(d.database.result.Text, want) {
		t.Errorf("result %q does not contain %q", d.database.result.Text, want)
	}
}

// TestTestConnectionEmptyServer runs the real check on the server that
// LEADWERK_TEST_POSTGRES names, on a database that it creates.
func TestTestConnectionEmptyServer(t *testing.T) {
	server := os.Getenv("LEADWERK_TEST_POSTGRES")
	if server == "" {
		t.Skip("PostgreSQL only: set LEADWERK_TEST_POSTGRES to the URL of a server whose role may create databases")
	}
	useDatabaseSetup(t, DatabaseSetup{CheckServer: data.CheckServer})
	address := createEmptyServerDatabase(t, server)
	d, queue, _ := openPreferencesDialog(t)
	chooseServer(d, address)

	test.Tap(d.database.test)
	queue.waitFor(t, "the result", func() bool { return !d.database.progress.Visible() })

	if !strings.Contains(d.database.result.Text, "It is empty, so Leadwerk creates its tables") {
		t.Errorf("result %q, want the empty database described", d.database.result.Text)
	}
	if !strings.Contains(d.database.result.Text, "leadwerk migrate-to "+address) {
		t.Errorf("result %q does not offer migrate-to", d.database.result.Text)
	}
}

// createEmptyServerDatabase creates an empty database on the server at
// the URL server, drops it when the test ends and returns its URL.
func createEmptyServerDatabase(t *testing.T, server string) string {
	t.Helper()

	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = admin.Close() })

	name := fmt.Sprintf("lw_ui_check_%d", os.Getpid())
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})

	u, err := url.Parse(server)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name

	return u.String()
}

func TestTestConnectionClearsSaveProblem(t *testing.T) {
	useDatabaseSetup(t, DatabaseSetup{CheckServer: func(context.Context, string) (app.ServerCheck, error) {
		return app.ServerCheck{ServerVersion: "16.4", User: "anna", Database: "leadwerk", Schema: "public"}, nil
	}})
	cases := []struct {
		name string
		// idleDays is typed after Save rejected the URL.
		idleDays string
		want     string
	}{
		{"only the URL was wrong", "30", ""},
		{"another field is wrong", "soon", idleDaysProblem()},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, queue, _ := openPreferencesDialog(t)
			chooseServer(d, "/home/anna/leadwerk.db")
			d.onSaveTapped()
			if !strings.Contains(d.problem.Text, "does not start with postgres://") {
				t.Fatalf("problem %q after Save, want the URL's", d.problem.Text)
			}

			d.idleDays.SetText(c.idleDays)
			d.database.server.SetText("postgres://anna@crm.example.com/leadwerk")
			test.Tap(d.database.test)
			queue.waitFor(t, "the result", func() bool { return strings.HasPrefix(d.database.result.Text, "Connected") })

			if d.problem.Text != c.want {
				t.Errorf("problem %q after the test, want %q", d.problem.Text, c.want)
			}
		})
	}
}
