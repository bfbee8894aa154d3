package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"

	"leadwerk/app"
)

func TestRefreshKeyShowsOthersLeads(t *testing.T) {
	store := openStore(t)
	createLead(t, store, app.Lead{LastName: "Adler"})
	m, queue := openWindow(t, store)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	queue.waitFor(t, "one lead", func() bool { return m.leads.count.Text == "1 lead" })

	// Another person's save reaches the shared database, not this window.
	createLead(t, store, app.Lead{LastName: "Bauer"})
	m.window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})
	queue.waitFor(t, "two leads after F5", func() bool { return m.leads.count.Text == "2 leads" })
}

func TestSignInNamesSystemUser(t *testing.T) {
	store := openStore(t)
	m, queue := openWindow(t, store)
	queue.waitFor(t, "the welcome panel", func() bool { return m.window.Content() != nil && m.tabs != nil })

	queue.waitFor(t, "the sign-in", func() bool { _, ok := store.CurrentUser(); return ok })
	user, _ := store.CurrentUser()
	if user.Login == "" || user.Name == "" {
		t.Errorf("signed-in user = %+v, want a login and a name", user)
	}
}

func TestRefreshKeyReloadsVisibleReports(t *testing.T) {
	m, screen, queue, store := openReportsTab(t)
	before := len(screen.pipelines)

	// Another person adds a pipeline while the Reports tab is open.
	_, err := store.CreatePipeline(context.Background(), app.Pipeline{Name: "Service", Currency: "EUR",
		Stages: []app.Stage{{Name: "Lead", Probability: 10}, {Name: "Won", Probability: 100, Kind: app.StageWon},
			{Name: "Lost", Kind: app.StageLost}}})
	if err != nil {
		t.Fatal(err)
	}
	m.window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF5})

	queue.waitFor(t, "the new pipeline in the reports", func() bool { return len(screen.pipelines) == before+1 })
	waitForReports(t, screen, queue)
}
