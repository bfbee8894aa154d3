package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"leadwerk/app"
)

// installRefresh reloads the screens on F5 and whenever the window comes
// back to the foreground, so that changes that other people saved in a
// shared database show up without a restart.
func (m *mainWindow) installRefresh(a fyne.App) {
	m.window.Canvas().SetOnTypedKey(func(key *fyne.KeyEvent) {
		if key.Name == fyne.KeyF5 {
			m.onDataChangedElsewhere()
		}
	})

	a.Lifecycle().SetOnEnteredForeground(func() {
		m.do(m.onDataChangedElsewhere)
	})
}

// onDataChangedElsewhere reloads every screen from the store. It is the
// one place that F5, the window's return to the foreground and a change
// notification of the database call. It must run on the UI goroutine.
func (m *mainWindow) onDataChangedElsewhere() {
	if m.tabs == nil || m.window.Content() != m.tabs {
		return
	}

	m.leads.reload()
	m.opportunities.reload()
	m.board.reload()
	m.pipeline.reload()
	if m.today != nil {
		m.today.reload()
	}
	// Hidden reports reload when their tab is shown again.
	if m.reports != nil && m.reports.shown && m.reports.Visible() {
		m.reports.reload()
	}
}

// signIn makes the operating system user the user of a store that keeps
// users, so that owners and the change history name them. A failure is
// logged and the window goes on with the saved user name.
func (m *mainWindow) signIn() {
	users, ok := m.store.(app.UserService)
	if !ok {
		return
	}

	if _, err := users.SignIn(context.Background(), ""); err != nil {
		m.errors.logger.Error("sign in failed", "err", err)
	}
}
