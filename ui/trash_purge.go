package ui

import (
	"context"

	"leadwerk/app"
)

// purgeOldTrash deletes the trash items older than [app.TrashRetention]
// in a goroutine and logs how many went. It runs on the UI goroutine once
// the window's event loop runs, so the purge never delays the first
// frame.
func (m *mainWindow) purgeOldTrash() {
	store, ok := m.store.(trashStore)
	if !ok {
		return
	}

	go func() {
		purged, err := store.PurgeTrash(context.Background(), false)
		if err != nil {
			m.errors.logger.Error("old trash items not purged at start", "err", err)
			return
		}

		m.errors.logger.Info("old trash items purged at start", "items", purged,
			"older_than_days", int(app.TrashRetention.Hours()/24))
	}()
}
