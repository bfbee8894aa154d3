// Package testenv finds the real CRM exports that tests read. They live
// in a folder named shared/data beside the repository and are never
// committed; a test that needs one skips with a message when it is absent.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedDataEnv names the environment variable that overrides where the
// shared data folder is.
const SharedDataEnv = "LEADWERK_SHARED_DATA"

// SharedData returns the path of one dataset folder, such as "maven-crm",
// or skips the test when the folder cannot be found.
func SharedData(t testing.TB, name string) string {
	t.Helper()

	root := os.Getenv(SharedDataEnv)
	if root == "" {
		root = defaultRoot()
	}

	dir := filepath.Join(root, name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("dataset %s not found at %s: put the shared data folder beside the repository or set %s", name, dir, SharedDataEnv)
	}

	return dir
}

// defaultRoot returns ../shared/data relative to the module root, found by
// walking up from the working directory to the folder holding go.mod.
func defaultRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}

	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "data")
		}

		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
