package langpref

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFilePerSystem(t *testing.T) {
	cases := []struct {
		goos, home, config string
		want               string
	}{
		{"darwin", "/Users/anna", "/Users/anna/Library/Application Support",
			"/Users/anna/Library/Preferences/fyne/eu.leadwerk.app/preferences.json"},
		{"linux", "/home/anna", "/home/anna/.config",
			"/home/anna/.config/fyne/eu.leadwerk.app/preferences.json"},
		{"freebsd", "/home/anna", "/srv/xdg",
			"/srv/xdg/fyne/eu.leadwerk.app/preferences.json"},
		{"windows", "/Users/anna", "/Users/anna/AppData/Roaming",
			"/Users/anna/AppData/Roaming/fyne/eu.leadwerk.app/preferences.json"},
	}

	for _, c := range cases {
		t.Run(c.goos, func(t *testing.T) {
			got := File(c.goos, filepath.FromSlash(c.home), filepath.FromSlash(c.config), AppID)

			if want := filepath.FromSlash(c.want); got != want {
				t.Errorf("File(%s) = %s, want %s", c.goos, got, want)
			}
		})
	}
}

func TestReadLanguage(t *testing.T) {
	cases := map[string]struct {
		content string
		want    string
		wantErr bool
	}{
		"german":        {`{"language":"de","theme":"dark"}`, German, false},
		"english":       {`{"language":"en"}`, English, false},
		"follow system": {`{"language":""}`, "", false},
		"unknown":       {`{"language":"fr"}`, "", false},
		"not a string":  {`{"language":1}`, "", false},
		"no choice":     {`{"theme":"light"}`, "", false},
		"broken":        {`{"language":`, "", true},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "preferences.json")
			if err := os.WriteFile(path, []byte(c.content), 0o600); err != nil {
				t.Fatal(err)
			}

			got, err := Read(path)
			if (err != nil) != c.wantErr {
				t.Errorf("error %v, want error %v", err, c.wantErr)
			}
			if got != c.want {
				t.Errorf("language %q, want %q", got, c.want)
			}
		})
	}
}

func TestReadMissingFile(t *testing.T) {
	got, err := Read(filepath.Join(t.TempDir(), "preferences.json"))
	if err != nil {
		t.Errorf("missing file: error %v, want none", err)
	}
	if got != "" {
		t.Errorf("missing file: language %q, want none", got)
	}
}
