package cli

import (
	"os"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func TestRunVersionPrintsWithoutDatabase(t *testing.T) {
	h := newHarness(&fakeStore{})
	if code := h.run("-db", "sales.db", "version"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	want := "Leadwerk " + Version + ", built with " + runtime.Version() + " for " + runtime.GOOS + "/" + runtime.GOARCH + "\n"
	if got := h.stdout.String(); got != want {
		t.Errorf("output = %q, want %q", got, want)
	}

	if h.opens != 0 {
		t.Errorf("version opened the database %d times, want 0", h.opens)
	}
}

func TestRunVersionRejectsArguments(t *testing.T) {
	h := newHarness(&fakeStore{})
	if code := h.run("version", "extra"); code != ExitUsage {
		t.Errorf("exit code = %d, want %d", code, ExitUsage)
	}

	if h.stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", h.stdout.String())
	}
}

func TestVersionGerman(t *testing.T) {
	useLocale(t, "de_DE.UTF-8")

	h := newHarness(&fakeStore{})
	h.run("version")
	if got := h.stdout.String(); !strings.Contains(got, "erstellt mit") {
		t.Errorf("output = %q, want the German text", got)
	}
}

func TestVersionMatchesFyneApp(t *testing.T) {
	data, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}

	match := regexp.MustCompile(`(?m)^Version\s*=\s*"([^"]*)"`).FindSubmatch(data)
	if match == nil {
		t.Fatalf("FyneApp.toml has no Version line:\n%s", data)
	}

	if got := string(match[1]); got != Version {
		t.Errorf("FyneApp.toml has Version %q, but cli.Version is %q; change both together", got, Version)
	}
}

func TestVersionIsSemVer(t *testing.T) {
	// fyne package turns Version and Build into the Windows file version
	// MAJOR.MINOR.PATCH.BUILD, which takes numbers only.
	if !regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$`).MatchString(Version) {
		t.Errorf("Version %q is not MAJOR.MINOR.PATCH with numbers only", Version)
	}
}
