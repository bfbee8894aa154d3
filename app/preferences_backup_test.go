package app

import (
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// absoluteFolder returns an absolute path on the running system, such as
// /srv/backups or C:\srv\backups.
func absoluteFolder(parts ...string) string {
	root := string(filepath.Separator)
	if runtime.GOOS == "windows" {
		root = `C:\`
	}

	return filepath.Join(append([]string{root}, parts...)...)
}

func TestBackupSettingsValidate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*BackupSettings)
		field PreferenceField
		rule  PreferenceRule
	}{
		{"relative folder", func(b *BackupSettings) { b.Folder = "backups" }, FieldBackupFolder, RuleNotAbsolute},
		{"home shorthand", func(b *BackupSettings) { b.Folder = "~/backups" }, FieldBackupFolder, RuleNotAbsolute},
		{"padded folder", func(b *BackupSettings) { b.Folder = " " + absoluteFolder("b") }, FieldBackupFolder, RuleEmpty},
		{"newline in folder", func(b *BackupSettings) { b.Folder = absoluteFolder("a\nb") }, FieldBackupFolder,
			RuleControlCharacter},
		{"long folder", func(b *BackupSettings) { b.Folder = absoluteFolder(strings.Repeat("x", MaxBackupFolderLength)) },
			FieldBackupFolder, RuleTooLong},
		{"zero days", func(b *BackupSettings) { b.KeepDaily = 0 }, FieldKeepDaily, RuleOutOfRange},
		{"61 days", func(b *BackupSettings) { b.KeepDaily = MaxKeepDaily + 1 }, FieldKeepDaily, RuleOutOfRange},
		{"negative weeks", func(b *BackupSettings) { b.KeepWeekly = -1 }, FieldKeepWeekly, RuleOutOfRange},
		{"53 weeks", func(b *BackupSettings) { b.KeepWeekly = MaxKeepWeekly + 1 }, FieldKeepWeekly, RuleOutOfRange},
	}

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := DefaultBackupSettings()
			c.edit(&b)

			err := b.Validate()
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v does not wrap ErrInvalid", err)
			}

			var perr *PreferenceError
			if !errors.As(err, &perr) {
				t.Fatalf("error %v is no *PreferenceError", err)
			}

			if perr.Field != c.field {
				t.Errorf("field %s, want %s", perr.Field, c.field)
			}

			if perr.Rule != c.rule {
				t.Errorf("rule %d, want %d", perr.Rule, c.rule)
			}
		})
	}
}

func TestBackupSettingsAcceptLimits(t *testing.T) {
	cases := []BackupSettings{
		DefaultBackupSettings(),
		{Folder: "", KeepDaily: MinKeepDaily, KeepWeekly: 0},
		{Folder: absoluteFolder("srv", "Sicherungen"), KeepDaily: MaxKeepDaily, KeepWeekly: MaxKeepWeekly},
		{Folder: absoluteFolder(strings.Repeat("x", MaxBackupFolderLength-4)), KeepDaily: 7, KeepWeekly: 4},
	}

	for _, b := range cases {
		if err := b.Validate(); err != nil {
			t.Errorf("%+v rejected: %v", b, err)
		}
	}
}

func TestDefaultBackupSettingsKeepsWeekAndMonth(t *testing.T) {
	b := DefaultBackupSettings()

	if b.Folder != "" {
		t.Errorf("default folder %q, want empty for the folder beside the database", b.Folder)
	}

	if b.KeepDaily != 7 {
		t.Errorf("default days %d, want 7", b.KeepDaily)
	}

	if b.KeepWeekly != 4 {
		t.Errorf("default weeks %d, want 4", b.KeepWeekly)
	}
}

func TestBackupSettingsNormalizedCleansFolder(t *testing.T) {
	b := BackupSettings{Folder: absoluteFolder("srv", "backups") + string(filepath.Separator), KeepDaily: 7}

	if got, want := b.Normalized().Folder, absoluteFolder("srv", "backups"); got != want {
		t.Errorf("normalized folder %q, want %q", got, want)
	}

	if got := (BackupSettings{}).Normalized().Folder; got != "" {
		t.Errorf("normalized empty folder %q, want empty", got)
	}
}
