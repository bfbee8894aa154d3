package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// TestOwnerFilterTogglesLeads stores a lead of ben and one of the user
// that the window signs in, and toggles "Mine" and "Everyone's" on the
// Leads tab. It also checks that the Opportunities tab and the Board pass
// the user's id to the store once "Mine" is chosen there.
func TestOwnerFilterTogglesLeads(t *testing.T) {
	store := openStore(t)
	if _, err := store.SignIn(context.Background(), "ben"); err != nil {
		t.Fatal(err)
	}
	createLead(t, store, app.Lead{FirstName: "Bernd", LastName: "Vogel", CompanyName: "Vogel AG"})

	m, queue := openLeadsTab(t, store)
	screen := m.leads
	queue.waitFor(t, "ben's lead", func() bool { return screen.count.Text == "1 lead" })
	me, ok := store.CurrentUser()
	if !ok {
		t.Fatal("the window signed in no user")
	}
	createLead(t, store, app.Lead{FirstName: "Anna", LastName: "Schmidt", CompanyName: "Schmidt GmbH"})

	if got := screen.filters.mine.choice.Selected; got != lang.L("Everyone's") {
		t.Errorf("owner choice starts at %q, want Everyone's", got)
	}

	screen.filters.mine.choice.SetSelected(lang.L("Mine"))
	queue.waitFor(t, "the user's lead alone", func() bool {
		return screen.query.OwnerID == me.ID && screen.count.Text == "1 lead"
	})
	queue.waitFor(t, "the first row", func() bool {
		_, loaded := screen.rows.row(0)
		return loaded
	})
	row, _ := screen.rows.row(0)
	if row.LastName != "Schmidt" {
		t.Errorf("first row = %q, want the user's lead Schmidt", row.LastName)
	}

	screen.filters.mine.choice.SetSelected(lang.L("Everyone's"))
	queue.waitFor(t, "both leads again", func() bool {
		return screen.query.OwnerID == 0 && screen.count.Text == "2 leads"
	})

	m.opportunities.mine.choice.SetSelected(lang.L("Mine"))
	if got := m.opportunities.query.OwnerID; got != me.ID {
		t.Errorf("opportunity query owner id = %d, want %d", got, me.ID)
	}

	m.board.mine.choice.SetSelected(lang.L("Mine"))
	if f, _ := m.board.filter(); f.OwnerID != me.ID {
		t.Errorf("board filter owner id = %d, want %d", f.OwnerID, me.ID)
	}
}
