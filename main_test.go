package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestLogFileModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}

	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	configDir, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}

	file, err := createLogFile()
	if err != nil {
		t.Fatal(err)
	}
	file.Close()

	dir := filepath.Join(configDir, "Leadwerk")
	for path, want := range map[string]os.FileMode{dir: 0o700, filepath.Join(dir, "leadwerk.log"): 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %o, want %o", path, got, want)
		}
	}
}
