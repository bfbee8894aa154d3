package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app"
)

func TestPreferencesSaveBackupSettings(t *testing.T) {
	d, queue, store := openPreferencesDialog(t)
	folder := filepath.Join(t.TempDir(), "Sicherungen")
	d.backup.folder.SetText(folder)
	d.backup.keepDaily.SetText("14")
	d.backup.keepWeekly.SetText("0")
	d.currency.SetText("CHF")

	d.onSaveTapped()
	queue.waitFor(t, "the save", func() bool { return activePreferences.HomeCurrency == "CHF" })

	saved, err := store.BackupSettings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := (app.BackupSettings{Folder: folder, KeepDaily: 14, KeepWeekly: 0}); saved != want {
		t.Errorf("stored %+v, want %+v", saved, want)
	}
}

func TestPreferencesRejectBackupCounts(t *testing.T) {
	cases := []struct {
		daily, weekly string
		want          string
	}{
		{"0", "4", "Keep daily backups"},
		{"61", "4", "from 1 to 60"},
		{"seven", "4", "Keep daily backups"},
		{"7", "-1", "Keep weekly backups"},
		{"7", "53", "from 0 to 52"},
		{"7", "", "Keep weekly backups"},
	}

	for _, c := range cases {
		d, _, store := openPreferencesDialog(t)
		d.backup.keepDaily.SetText(c.daily)
		d.backup.keepWeekly.SetText(c.weekly)

		d.onSaveTapped()

		if !strings.Contains(d.problem.Text, c.want) {
			t.Errorf("days %q, weeks %q: problem %q does not contain %q", c.daily, c.weekly, d.problem.Text, c.want)
		}
		if d.backup.keepDaily.Text != c.daily || d.backup.keepWeekly.Text != c.weekly {
			t.Errorf("days %q, weeks %q: typed values lost", c.daily, c.weekly)
		}

		saved, err := store.BackupSettings(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if saved != app.DefaultBackupSettings() {
			t.Errorf("days %q, weeks %q: stored %+v after a rejected save", c.daily, c.weekly, saved)
		}
	}
}

func TestPreferencesRejectRelativeFolder(t *testing.T) {
	d, _, _ := openPreferencesDialog(t)
	d.backup.folder.SetText("Sicherungen")

	d.onSaveTapped()

	if !strings.Contains(d.problem.Text, "Sicherungen is not a full path") {
		t.Errorf("problem %q does not name the relative folder", d.problem.Text)
	}
}

func TestPreferencesRejectUnwritableFolder(t *testing.T) {
	d, queue, store := openPreferencesDialog(t)
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(file, "backups")
	d.backup.folder.SetText(folder)
	d.currency.SetText("CHF")

	d.onSaveTapped()
	queue.waitFor(t, "the store's answer", func() bool { return d.problem.Text != "" })

	if !strings.Contains(d.problem.Text, "cannot create or write to "+folder) {
		t.Errorf("problem %q does not name the folder", d.problem.Text)
	}
	if d.backup.folder.Text != folder {
		t.Errorf("typed folder lost: %q", d.backup.folder.Text)
	}
	if d.saveButton.Disabled() {
		t.Error("Save is disabled after a rejected folder, want it enabled for the fix")
	}

	saved, err := store.Preferences(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if saved.HomeCurrency != "EUR" {
		t.Errorf("stored currency %q after a rejected folder, want EUR", saved.HomeCurrency)
	}
}

func TestPreferencesShowBackupSettings(t *testing.T) {
	d, _, _ := openPreferencesDialog(t)

	if d.backup.folder.Text != "" {
		t.Errorf("folder %q, want empty for the default", d.backup.folder.Text)
	}
	if d.backup.keepDaily.Text != "7" {
		t.Errorf("days %q, want 7", d.backup.keepDaily.Text)
	}
	if d.backup.keepWeekly.Text != "4" {
		t.Errorf("weeks %q, want 4", d.backup.keepWeekly.Text)
	}
}
