// Package langpref reads the language chosen in Leadwerk's Preferences
// dialog from the file where Fyne keeps the app's preferences, so that
// the command line speaks the language the window speaks without
// starting Fyne. [SystemFile] and [ReadString] read the file's other
// per-computer choices, such as the database.
package langpref

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// AppID is the Fyne application ID, the same as in FyneApp.toml. Fyne
// names the preferences folder after it.
const AppID = "eu.leadwerk.app"

// Key is the preference that holds the chosen language.
const Key = "language"

// The values of Key. Any other value, such as the empty one that the
// dialog saves for "Follow the system", follows the system locale.
const (
	English = "en"
	German  = "de"
)

// File returns the preferences file that Fyne v2.7.1 reads for appID on
// the system goos, given the user's home and config folders as
// [os.UserHomeDir] and [os.UserConfigDir] return them. It follows the
// rootConfigDir functions of Fyne's internal/app package:
//
//   - darwin: HOME/Library/Preferences/fyne/APPID/preferences.json
//   - windows: HOME\AppData\Roaming\fyne\APPID\preferences.json
//   - others: CONFIG/fyne/APPID/preferences.json
//
// NOTE: a Fyne upgrade may move the file. The window would then read the
// new place and the command line fall back to the system language.
func File(goos, home, configDir, appID string) string {
	var root string
	switch goos {
	case "darwin":
		root = filepath.Join(home, "Library", "Preferences", "fyne")
	case "windows":
		root = filepath.Join(home, "AppData", "Roaming", "fyne")
	default:
		root = filepath.Join(configDir, "fyne")
	}

	return filepath.Join(root, appID, "preferences.json")
}

// Saved returns the language saved in the preferences file of this
// system, [English] or [German], or "" when the person follows the
// system, never saved a choice or has no preferences file. An unreadable
// or invalid file returns "" with the error.
func Saved() (string, error) {
	path, err := SystemFile()
	if err != nil {
		return "", err
	}

	return Read(path)
}

// SystemFile returns the preferences file of this system's user, as
// [File] finds it for [AppID].
func SystemFile() (string, error) {
	// Each system needs only one of the two folders, so an error of the
	// other does not matter. A missing one leaves the path relative.
	home, _ := os.UserHomeDir()
	configDir, _ := os.UserConfigDir()
	path := File(runtime.GOOS, home, configDir, AppID)
	if !filepath.IsAbs(path) {
		return "", fmt.Errorf("find the preferences file: no home or config folder is set, so %s is relative", path)
	}

	return path, nil
}

// Read returns the language saved in the Fyne preferences file at path,
// as [Saved] does.
func Read(path string) (string, error) {
	chosen, err := ReadString(path, Key)
	if err != nil {
		return "", err
	}

	switch chosen {
	case English, German:
		return chosen, nil
	default:
		return "", nil
	}
}

// ReadString returns the text saved under key in the Fyne preferences
// file at path, or "" when the file, the key or a text value under it is
// missing. An unreadable or invalid file returns "" with the error.
func ReadString(path, key string) (string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read preferences %s: %w", path, err)
	}

	var values map[string]any
	if err := json.Unmarshal(data, &values); err != nil {
		return "", fmt.Errorf("read preferences %s: %w", path, err)
	}

	value, _ := values[key].(string)

	return value, nil
}
