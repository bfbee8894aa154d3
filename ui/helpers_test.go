package ui

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/app/maven"
	"leadwerk/data"
)

func TestMain(m *testing.M) {
	// Tests assert English texts and number formats whatever the machine's
	// locale is. go-locale reads LANGUAGE first.
	_ = os.Setenv("LANGUAGE", "en")
	if err := loadTranslations(); err != nil {
		panic(err)
	}

	os.Exit(m.Run())
}

// uiQueue replaces fyne.Do in tests. Goroutines queue functions and the
// test goroutine runs them while it waits, so widgets are only touched
// from one goroutine.
type uiQueue struct {
	functions chan func()
}

func newUIQueue() *uiQueue {
	return &uiQueue{functions: make(chan func(), 4096)}
}

func (q *uiQueue) do(f func()) {
	q.functions <- f
}

// waitFor runs queued functions until done returns true, failing the test
// after a deadline.
func (q *uiQueue) waitFor(t *testing.T, what string, done func() bool) {
	t.Helper()

	deadline := time.Now().Add(60 * time.Second)
	for !done() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}

		select {
		case f := <-q.functions:
			f()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

func discardLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// openStore opens a fresh SQLite database in the test's temporary folder.
func openStore(t *testing.T) *data.Store {
	t.Helper()

	store, err := data.Open(filepath.Join(t.TempDir(), "leadwerk.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = store.Close() })

	return store
}

var (
	mavenOnce  sync.Once
	mavenBatch app.ImportBatch
	mavenErr   error
)

// importMaven stores the Maven CRM dataset of dir in store. The dataset is
// read once per test binary.
func importMaven(t *testing.T, store app.Store, dir string) {
	t.Helper()

	mavenOnce.Do(func() { mavenBatch, mavenErr = maven.Load(dir) })
	if mavenErr != nil {
		t.Fatalf("load maven data: %v", mavenErr)
	}

	if _, err := store.Import(context.Background(), mavenBatch, nil); err != nil {
		t.Fatalf("import maven data: %v", err)
	}
}

// openWindow builds the main window on store in a headless test app with
// Fyne's default theme, at the default window size, and starts it.
func openWindow(t *testing.T, store app.Store) (*mainWindow, *uiQueue) {
	t.Helper()

	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())

	queue := newUIQueue()
	sources := batchSources{loadFolder: maven.Load, demo: demo.Generate}
	m := newMainWindow(a, store, sources, queue.do, discardLogger())
	m.window.Resize(fyne.NewSize(1280, 800))
	m.window.Show()
	t.Cleanup(m.window.Close)
	m.start()

	return m, queue
}

// findLabel reports whether a label with exactly text is drawn below root.
func findLabel(root fyne.CanvasObject, text string) bool {
	switch o := root.(type) {
	case *widget.Label:
		if o.Text == text {
			return true
		}
	case *listRow:
		return slices.Contains(o.texts, text)
	case *fyne.Container:
		for _, child := range o.Objects {
			if findLabel(child, text) {
				return true
			}
		}
		return false
	}

	if w, ok := root.(fyne.Widget); ok {
		for _, child := range test.WidgetRenderer(w).Objects() {
			if findLabel(child, text) {
				return true
			}
		}
	}

	return false
}

// findLabelContaining reports whether a label below root contains text.
func findLabelContaining(root fyne.CanvasObject, text string) bool {
	found := false
	walkLabels(root, func(l *widget.Label) {
		found = found || strings.Contains(l.Text, text)
	})

	return found
}

func walkLabels(root fyne.CanvasObject, visit func(*widget.Label)) {
	switch o := root.(type) {
	case *widget.Label:
		visit(o)
		return
	case *fyne.Container:
		for _, child := range o.Objects {
			walkLabels(child, visit)
		}
		return
	}

	if w, ok := root.(fyne.Widget); ok {
		for _, child := range test.WidgetRenderer(w).Objects() {
			walkLabels(child, visit)
		}
	}
}
