package ui

import (
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// currentUserSource is the part of the store that names the signed-in
// user. A store without it, as in some tests, leaves the choice disabled.
type currentUserSource interface {
	CurrentUser() (app.UserRecord, bool)
}

// ownerFilter is the "Mine / Everyone's" choice of a filter bar. It
// starts at "Everyone's".
type ownerFilter struct {
	users currentUserSource
	// choice is a select, not a radio group, because the lead filter bar
	// has no room for two radio buttons beside the owner entry.
	choice *widget.Select
}

// newOwnerFilter returns the choice for store, calling changed whenever
// the person picks the other option.
func newOwnerFilter(store any, changed func()) *ownerFilter {
	f := &ownerFilter{}
	f.users, _ = store.(currentUserSource)

	f.choice = newFilterSelect([]string{lang.L("Everyone's"), lang.L("Mine")}, func(string) { changed() })
	if f.users == nil {
		f.choice.Disable()
	}

	return f
}

// ownerID returns the id of the signed-in user when "Mine" is chosen,
// and 0, which keeps everyone's records, otherwise or before sign-in.
func (f *ownerFilter) ownerID() int64 {
	if f.users == nil || f.choice.Selected != lang.L("Mine") {
		return 0
	}

	u, ok := f.users.CurrentUser()
	if !ok {
		return 0
	}

	return u.ID
}

// clear chooses "Everyone's" without calling the change function.
func (f *ownerFilter) clear() {
	onChanged := f.choice.OnChanged
	f.choice.OnChanged = nil
	f.choice.SetSelected(lang.L("Everyone's"))
	f.choice.OnChanged = onChanged
}
