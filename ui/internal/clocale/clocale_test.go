package clocale

import (
	"os"
	"testing"
)

func TestIsCLocale(t *testing.T) {
	cases := map[string]bool{
		"C":           true,
		"C.UTF-8":     true,
		"POSIX":       true,
		"POSIX.UTF-8": true,
		"de_DE.UTF-8": false,
		"en_US":       false,
		"Ca_ES":       false,
	}
	for value, want := range cases {
		if got := isCLocale(value); got != want {
			t.Errorf("isCLocale(%q) = %v, want %v", value, got, want)
		}
	}
}

func TestCLocaleBecomesEnglish(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "C.UTF-8")
	t.Setenv("LANGUAGE", "")

	applyEnglishForC()
	if got := os.Getenv("LANGUAGE"); got != "en" {
		t.Errorf("LANGUAGE = %q, want en", got)
	}
}

func TestGermanLocaleUntouched(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "de_DE.UTF-8")
	t.Setenv("LANGUAGE", "")

	applyEnglishForC()
	if got := os.Getenv("LANGUAGE"); got != "" {
		t.Errorf("LANGUAGE = %q, want it unset", got)
	}
}
