package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestPrivacyScreenshots writes the privacy dialog after a search, its
// erase confirmation and its retention tab as PNG files into the folder
// named by LEADWERK_SCREENSHOTS. Without that variable it skips.
func TestPrivacyScreenshots(t *testing.T) {
	dir := os.Getenv("LEADWERK_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LEADWERK_SCREENSHOTS=DIR to write the screenshots")
	}

	d, queue, _ := openPrivacyDialog(t)
	test.Type(d.email, privacyTestEmail)
	test.Tap(d.findButton)
	queue.waitFor(t, "the search", func() bool { return d.found != nil })
	writePNG(t, filepath.Join(dir, "privacy.png"), d.window.Canvas().Capture())

	test.Tap(d.eraseButton)
	writePNG(t, filepath.Join(dir, "privacy-erase.png"), d.window.Canvas().Capture())
	d.eraseConfirm.Hide()
}
