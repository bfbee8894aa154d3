package ui

import (
	"errors"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
)

// savedServerProblem returns the problem of a saved server out of reach,
// with fallback as the file to open instead.
func savedServerProblem(fallback string) OpenProblem {
	return OpenProblem{
		Path: "postgres://anna@crm.example.com/leadwerk",
		Err:  errors.New("connect to database postgres://anna@crm.example.com/leadwerk: connection refused"),
		Open: func(path string) (app.Store, error) {
			s, err := data.Open(path)
			if err != nil {
				return nil, err
			}
			return s, nil
		},
		Fallback: fallback,
	}
}

func TestOpenErrorOpensFallbackFile(t *testing.T) {
	a := test.NewTempApp(t)
	queue := newUIQueue()
	problem := savedServerProblem(filepath.Join(t.TempDir(), "leadwerk.db"))

	w := newOpenErrorWindow(a, problem, queue.do, discardLogger())
	w.window.Show()
	t.Cleanup(func() {
		if w.store != nil {
			_ = w.store.Close()
		}
	})

	if !findLabelContaining(w.window.Content(), "connection refused") {
		t.Error("window does not show why the server failed")
	}
	open := findButton(w.window.Content(), "Open the file on this computer")
	if open == nil {
		t.Fatal("no button to open the file on this computer")
	}

	test.Tap(open)
	queue.waitFor(t, "the file", func() bool { return w.store != nil })

	if got := openDatabaseName(w.store); got != problem.Fallback {
		t.Errorf("opened %q, want the fallback %q", got, problem.Fallback)
	}
	for _, win := range a.Driver().AllWindows() {
		if win == w.window {
			t.Error("the error window is still open after the file opened")
		}
	}
}

func TestOpenErrorFallbackFails(t *testing.T) {
	a := test.NewTempApp(t)
	queue := newUIQueue()
	problem := savedServerProblem(t.TempDir())

	w := newOpenErrorWindow(a, problem, queue.do, discardLogger())
	test.Tap(w.fallback)
	queue.waitFor(t, "the failure", func() bool { return !w.progress.Visible() })

	if !findLabelContaining(w.window.Content(), problem.Fallback+" did not open either") {
		t.Errorf("message %q does not say that the fallback failed", w.message.Text)
	}
	if w.fallback.Disabled() {
		t.Error("the fallback button stays disabled after the failure")
	}
	if w.store != nil {
		t.Error("a store is open after the failure")
	}
}

func TestOpenErrorNoFallback(t *testing.T) {
	a := test.NewTempApp(t)

	w := newOpenErrorWindow(a, savedServerProblem(""), newUIQueue().do, discardLogger())

	if findButton(w.window.Content(), "Open the file on this computer") != nil {
		t.Error("window offers a file without a fallback")
	}
}
