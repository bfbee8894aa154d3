// Package dbpref reads the database chosen in Leadwerk's Preferences
// dialog from the file where Fyne keeps the app's preferences, so that
// the command line opens that database before any window or Fyne app
// exists.
package dbpref

import (
	"leadwerk/ui/internal/langpref"
)

// Key is the preference that holds the chosen database: a database file's
// path, a postgres:// URL without a password, or "" for the default file.
const Key = "database"

// Saved returns the database saved in the preferences file of this
// system, or "" when the person keeps the default file, never saved a
// choice or has no preferences file. An unreadable or invalid file
// returns "" with the error.
func Saved() (string, error) {
	path, err := langpref.SystemFile()
	if err != nil {
		return "", err
	}

	return Read(path)
}

// Read returns the database saved in the Fyne preferences file at path,
// as [Saved] does.
func Read(path string) (string, error) {
	return langpref.ReadString(path, Key)
}
