package words

import (
	"errors"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// RestoreSource returns the message on what is wrong with a file that a
// restore rejected and what to do. It returns false for other errors,
// whose text the caller shows as it is.
func RestoreSource(err error) (string, bool) {
	var rejected *app.RestoreSourceError
	if !errors.As(err, &rejected) {
		return "", false
	}

	data := map[string]any{"File": rejected.Path}
	switch rejected.Problem {
	case app.RestoreNotLeadwerk:
		return lang.X("backup.source.not_leadwerk",
			"{{.File}} is not a Leadwerk backup: choose a file that Leadwerk wrote, such as one from the backups folder.",
			data), true
	case app.RestoreDamaged:
		return lang.X("backup.source.damaged",
			"The backup {{.File}} is damaged and cannot be restored: choose another backup.", data), true
	case app.RestoreNewer:
		return lang.X("backup.source.newer",
			"{{.File}} was written by a newer Leadwerk: update Leadwerk, then restore it.", data), true
	default:
		return lang.X("backup.source.missing",
			"{{.File}} cannot be read: check that the file exists and that you may read it.", data), true
	}
}
