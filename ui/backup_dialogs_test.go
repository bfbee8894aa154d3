package ui

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
	"leadwerk/data"
)

// backupDialogsOn returns the backup dialogs of a window on a store with
// one lead.
func backupDialogsOn(t *testing.T) (*backupDialogs, *data.Store, *uiQueue) {
	t.Helper()

	store := openStore(t)
	if _, err := store.CreateLead(context.Background(), app.Lead{FirstName: "Eva", LastName: "Roth",
		Status: app.LeadNew}); err != nil {
		t.Fatal(err)
	}
	m, queue := openWindow(t, store)
	items := m.backupMenuItems()
	if len(items) != 3 {
		t.Fatalf("backup menu items = %d, want a separator and two items", len(items))
	}

	d := &backupDialogs{window: m.window, store: store, do: queue.do, errors: m.errors, reload: m.start}

	return d, store, queue
}

func leadTotal(t *testing.T, store *data.Store) int {
	t.Helper()

	n, err := store.CountLeads(context.Background(), app.LeadQuery{})
	if err != nil {
		t.Fatal(err)
	}

	return n
}

func TestBackUpNowShowsPath(t *testing.T) {
	d, store, queue := backupDialogsOn(t)

	d.onBackUpNowTapped()
	canvas := d.window.Canvas()
	queue.waitFor(t, "the backup", func() bool {
		top := canvas.Overlays().Top()
		return top != nil && findLabelContaining(top, "The database was copied to")
	})

	if !findLabelContaining(canvas.Overlays().Top(), store.BackupDir()) {
		t.Error("the dialog does not show the backup's path")
	}
}

func TestRestoreDialogRestoresBackup(t *testing.T) {
	d, store, queue := backupDialogsOn(t)
	backup, err := store.Backup(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateLead(context.Background(), app.Lead{FirstName: "Tom", LastName: "Hahn",
		Status: app.LeadNew}); err != nil {
		t.Fatal(err)
	}

	d.confirmRestore(backup)
	canvas := d.window.Canvas()
	confirm := canvas.Overlays().Top()
	if confirm == nil {
		t.Fatal("no confirmation dialog")
	}
	for _, want := range []string{store.Path(), backup, "A copy of the current data is kept"} {
		if !findLabelContaining(confirm, want) {
			t.Errorf("confirmation has no %q", want)
		}
	}

	restore := findButton(confirm, "Restore")
	if restore == nil {
		t.Fatal("no Restore button")
	}
	test.Tap(restore)
	queue.waitFor(t, "the restore", func() bool {
		top := canvas.Overlays().Top()
		return top != nil && findLabelContaining(top, "The replaced data is kept in")
	})

	if n := leadTotal(t, store); n != 1 {
		t.Errorf("leads after restore = %d, want the backup's 1", n)
	}
}

func TestRestoreDialogCancel(t *testing.T) {
	d, store, _ := backupDialogsOn(t)
	backup, err := store.Backup(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateLead(context.Background(), app.Lead{FirstName: "Tom", LastName: "Hahn",
		Status: app.LeadNew}); err != nil {
		t.Fatal(err)
	}

	d.confirmRestore(backup)
	test.Tap(findButton(d.window.Canvas().Overlays().Top(), "Cancel"))

	if n := leadTotal(t, store); n != 2 {
		t.Errorf("leads after a cancelled restore = %d, want 2", n)
	}
}

// damagedProblem closes a store with a backup, damages its file and
// returns the problem that data.Open reports, wired as main wires it.
func damagedProblem(t *testing.T) OpenProblem {
	t.Helper()

	path := filepath.Join(t.TempDir(), "leadwerk.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.CreateLead(context.Background(), app.Lead{FirstName: "Eva", LastName: "Roth",
		Status: app.LeadNew}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Backup(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	bigStore(t, store)
	store.Close()
	overwriteHalf(t, path)

	_, err = data.Open(path)
	damaged, ok := err.(*data.IntegrityError)
	if !ok {
		t.Fatalf("Open of a damaged file: %v, want an IntegrityError", err)
	}

	return OpenProblem{
		Path: path, Err: err, Damaged: true, Backup: damaged.NewestBackup,
		Restore: func(ctx context.Context) (string, error) {
			return data.RestoreFile(ctx, path, damaged.NewestBackup)
		},
		Open: func(path string) (app.Store, error) {
			s, err := data.Open(path)
			if err != nil {
				return nil, err
			}
			return s, nil
		},
	}
}

func TestOpenErrorOffersRestore(t *testing.T) {
	problem := damagedProblem(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	queue := newUIQueue()

	w := newOpenErrorWindow(a, problem, queue.do, discardLogger())
	w.window.Show()
	t.Cleanup(func() {
		if w.store != nil {
			_ = w.store.Close()
		}
	})

	content := w.window.Content()
	for _, want := range []string{problem.Path + " is damaged", problem.Backup} {
		if !findLabelContaining(content, want) {
			t.Errorf("window has no %q", want)
		}
	}
	restore := findButton(content, "Restore newest backup")
	if restore == nil {
		t.Fatal("no restore button")
	}

	test.Tap(restore)
	queue.waitFor(t, "the restore", func() bool { return w.store != nil })

	n, err := w.store.CountLeads(context.Background(), app.LeadQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("leads after the restore = %d, want the backup's 1", n)
	}
	mainOpen := false
	for _, win := range a.Driver().AllWindows() {
		if win == w.window {
			t.Error("the error window is still open after the restore")
		}
		if win.Title() == "Leadwerk" {
			mainOpen = true
		}
	}
	if !mainOpen {
		t.Error("no main window after the restore")
	}
}

func TestOpenErrorInUse(t *testing.T) {
	a := test.NewTempApp(t)
	problem := OpenProblem{Path: "/data/leadwerk.db", InUse: true}

	w := newOpenErrorWindow(a, problem, newUIQueue().do, discardLogger())

	if !findLabelContaining(w.window.Content(), "/data/leadwerk.db is open in another Leadwerk window") {
		t.Error("window does not say the database is open elsewhere")
	}
	if findButton(w.window.Content(), "Restore newest backup") != nil {
		t.Error("window offers a restore for a database in use")
	}
}

// bigStore adds 200 leads with long notes, so damage in the file's
// middle hits data.
func bigStore(t *testing.T, store *data.Store) {
	t.Helper()

	for i := range 200 {
		lead := app.Lead{FirstName: "Lead", LastName: strconv.Itoa(i), Status: app.LeadNew,
			Notes: strings.Repeat("notes ", 100)}
		if _, err := store.CreateLead(context.Background(), lead); err != nil {
			t.Fatal(err)
		}
	}
}

// overwriteHalf overwrites the second half of the file at path.
func overwriteHalf(t *testing.T, path string) {
	t.Helper()

	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(content) / 2; i < len(content); i++ {
		content[i] = 0xA5
	}
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreDialogNamesWrongFile checks that restoring a file of another
// kind shows what is wrong with the file and keeps the data.
func TestRestoreDialogNamesWrongFile(t *testing.T) {
	d, store, queue := backupDialogsOn(t)
	text := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(text, []byte("not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	d.restore(text)
	canvas := d.window.Canvas()
	queue.waitFor(t, "the restore's message", func() bool {
		top := canvas.Overlays().Top()
		return top != nil && findLabelContaining(top, text+" is not a Leadwerk backup")
	})

	if n := leadTotal(t, store); n != 1 {
		t.Errorf("leads after the rejected restore = %d, want 1", n)
	}
}
