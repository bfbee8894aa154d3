package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BackupSettings choose where the automatic and manual backups of a
// database go and how many automatic ones rotation keeps. They are stored
// in the database, so the window and the backup command share them.
type BackupSettings struct {
	// Folder is the absolute path of the folder that receives the
	// backups. Empty means the folder "backups" beside the database file.
	Folder string
	// KeepDaily is the number of most recent days with a backup whose
	// automatic backups rotation keeps, from [MinKeepDaily] to
	// [MaxKeepDaily].
	KeepDaily int
	// KeepWeekly is the number of older ISO weeks of which rotation keeps
	// the newest automatic backup, from 0 to [MaxKeepWeekly].
	KeepWeekly int
}

// Limits and defaults of [BackupSettings].
const (
	MinKeepDaily      = 1
	MaxKeepDaily      = 60
	MaxKeepWeekly     = 52
	DefaultKeepDaily  = 7
	DefaultKeepWeekly = 4
	// MaxBackupFolderLength is in characters. Windows limits a path to 260
	// characters (MAX_PATH) unless long paths are enabled, and a backup's
	// file name adds about 40 characters plus the database's name.
	MaxBackupFolderLength = 200
)

// The fields that [BackupSettings.Validate] checks.
const (
	FieldBackupFolder PreferenceField = "backup_folder"
	FieldKeepDaily    PreferenceField = "backup_keep_daily"
	FieldKeepWeekly   PreferenceField = "backup_keep_weekly"
)

// DefaultBackupSettings returns the settings of a new database: the
// backups folder beside the database, seven days and four weeks.
func DefaultBackupSettings() BackupSettings {
	return BackupSettings{KeepDaily: DefaultKeepDaily, KeepWeekly: DefaultKeepWeekly}
}

// Validate returns a [*PreferenceError] for the first field that breaks
// its rule, checked in the order of the struct, or nil. It does not touch
// the file system, so a valid folder may still fail [RuleNotWritable].
func (b BackupSettings) Validate() error {
	if err := validateBackupFolder(b.Folder); err != nil {
		return err
	}

	if b.KeepDaily < MinKeepDaily || b.KeepDaily > MaxKeepDaily {
		return &PreferenceError{Field: FieldKeepDaily, Rule: RuleOutOfRange, Value: fmt.Sprint(b.KeepDaily),
			Reason: fmt.Sprintf("is outside %d to %d days", MinKeepDaily, MaxKeepDaily)}
	}

	if b.KeepWeekly < 0 || b.KeepWeekly > MaxKeepWeekly {
		return &PreferenceError{Field: FieldKeepWeekly, Rule: RuleOutOfRange, Value: fmt.Sprint(b.KeepWeekly),
			Reason: fmt.Sprintf("is outside 0 to %d weeks", MaxKeepWeekly)}
	}

	return nil
}

func validateBackupFolder(folder string) error {
	invalid := func(rule PreferenceRule, reason string) error {
		return &PreferenceError{Field: FieldBackupFolder, Rule: rule, Value: folder, Reason: reason}
	}

	switch {
	case folder == "":
		return nil
	case strings.TrimSpace(folder) != folder:
		return invalid(RuleEmpty, "starts or ends with a space")
	case strings.IndexFunc(folder, unicode.IsControl) >= 0:
		return invalid(RuleControlCharacter, "contains a control character")
	case utf8.RuneCountInString(folder) > MaxBackupFolderLength:
		return invalid(RuleTooLong, fmt.Sprintf("is longer than %d characters", MaxBackupFolderLength))
	case !filepath.IsAbs(folder):
		return invalid(RuleNotAbsolute, "is not an absolute path")
	default:
		return nil
	}
}

// Normalized returns b with the folder cleaned, such as "/srv/backups"
// for "/srv/backups/". An empty folder stays empty.
func (b BackupSettings) Normalized() BackupSettings {
	if b.Folder != "" {
		b.Folder = filepath.Clean(b.Folder)
	}

	return b
}
