// Package clocale makes the C and POSIX locales read as English before
// Fyne's lang package looks at the environment.
//
// With LANG=C.UTF-8, go-locale (as used by Fyne v2.7.1) reports the
// language "C", and lang's own package initialisation logs "Error parsing
// user locale C". That happens before any function of ours runs, so the
// fix lives in this package's init. Since Go 1.21, packages are initialised
// in import path order among those whose imports are ready. This package
// imports only os and strings, and its path sorts before "log", which lang
// needs. So this init runs before lang's.
package clocale

import (
	"os"
	"strings"
)

func init() {
	applyEnglishForC()
}

// applyEnglishForC sets LANGUAGE=en when the first non-empty of LC_ALL,
// LC_MESSAGES and LANG is the C or POSIX locale with an encoding, such as
// "C.UTF-8". go-locale reads LANGUAGE first and then reports "en".
// LC_ALL and LANG stay as they are, so C libraries keep their character
// set. For a bare "C" or "POSIX", go-locale ignores LANGUAGE and reports
// no locale, which Fyne already treats as English.
func applyEnglishForC() {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		value := os.Getenv(name)
		if value == "" {
			continue
		}

		if isCLocale(value) {
			_ = os.Setenv("LANGUAGE", "en")
		}

		return
	}
}

func isCLocale(value string) bool {
	base, _, _ := strings.Cut(value, ".")

	return base == "C" || base == "POSIX"
}
