package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"fyne.io/fyne/v2/lang"

	"leadwerk/ui/words"
)

// ExitInUse is the exit code when another Leadwerk has the database open.
const ExitInUse = 3

// Maintenance backs up, checks and restores a database named by its path.
// The backup, check and restore commands call it in place of [Env.Open].
// Backup and check read the file without its lock, so they also run while
// the window has the database open. Restore must work on a database that
// fails to open.
type Maintenance interface {
	// Backup writes a copy of the database to dest, or into the backups
	// folder beside it when dest is empty, and returns the path written.
	Backup(ctx context.Context, dbPath, dest string) (string, error)
	// Check returns the integrity and foreign key problems of the
	// database, none for a sound file.
	Check(ctx context.Context, dbPath string) ([]string, error)
	// Restore replaces the database with the backup src and returns where
	// the replaced data was kept, or "" when there was none.
	Restore(ctx context.Context, dbPath, src string) (string, error)
}

// fileAction runs one file command on the database at dbPath.
type fileAction func(ctx context.Context, env Env, dbPath string) error

// runFileCommand runs args when they name the backup, check or restore
// command, and reports whether they did. Other command lines, and
// mistakes in the global flags, are left to [Run].
func runFileCommand(ctx context.Context, args []string, env Env) (int, bool) {
	global := newFlagSet("leadwerk")
	dbFlag := global.String("db", "", "database file or postgres:// URL")
	if err := global.Parse(args); err != nil || len(global.Args()) == 0 {
		return 0, false
	}
	if *dbFlag == "" && isFlagSet(global, "db") {
		return 0, false
	}

	rest := global.Args()
	run, err := parseFileCommand(rest[0], rest[1:])
	switch {
	case run == nil && err == nil:
		return 0, false
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(env.Stdout, usage())
		return ExitOK, true
	case err != nil:
		printUsageError(env.Stderr, err, rest[0])
		return ExitUsage, true
	}

	// migrate-to copies a file to a server, so a server saved in
	// Preferences cannot be its source.
	fileOnly := rest[0] == "migrate-to"
	if err := runOnPath(ctx, *dbFlag, fileOnly, run, env); err != nil {
		fmt.Fprintf(env.Stderr, "leadwerk: %v\n", err)
		return exitCode(err), true
	}

	return ExitOK, true
}

// parseFileCommand returns the action of a file command, or a nil action
// and nil error when name is no file command.
func parseFileCommand(name string, args []string) (fileAction, error) {
	switch name {
	case "backup":
		return parseBackup(args)
	case "check":
		return parseCheck(args)
	case "restore":
		return parseRestore(args)
	case "migrate-to":
		return parseMigrateTo(args)
	default:
		return nil, nil
	}
}

func parseBackup(args []string) (fileAction, error) {
	fs := newFlagSet("backup")
	output := fs.String("o", "", "output file")
	if err := fs.Parse(args); err != nil {
		return nil, flagError("backup", err)
	}
	if fs.NArg() > 0 {
		return nil, unexpectedArgument("backup", fs.Arg(0))
	}

	return func(ctx context.Context, env Env, dbPath string) error {
		return runBackup(ctx, env, dbPath, *output)
	}, nil
}

func parseCheck(args []string) (fileAction, error) {
	fs := newFlagSet("check")
	if err := fs.Parse(args); err != nil {
		return nil, flagError("check", err)
	}
	if fs.NArg() > 0 {
		return nil, unexpectedArgument("check", fs.Arg(0))
	}

	return runCheck, nil
}

func parseRestore(args []string) (fileAction, error) {
	fs := newFlagSet("restore")
	if err := fs.Parse(args); err != nil {
		return nil, flagError("restore", err)
	}
	if fs.NArg() == 0 {
		return nil, usageError{message: lang.X("backup.cli.restore_missing_file",
			"restore: missing the backup FILE to restore")}
	}
	if fs.NArg() > 1 {
		return nil, unexpectedArgument("restore", fs.Arg(1))
	}

	src := fs.Arg(0)

	return func(ctx context.Context, env Env, dbPath string) error {
		return runRestore(ctx, env, dbPath, src)
	}, nil
}

// runOnPath chooses the database like [openAndRun] and runs run on it,
// without opening the database. fileOnly passes over a server saved in
// Preferences, as [chooseDatabase] does.
func runOnPath(ctx context.Context, dbFlag string, fileOnly bool, run fileAction, env Env) error {
	if env.Maintenance == nil {
		return errors.New(lang.X("backup.cli.unsupported", "this build of Leadwerk cannot back up, check or restore"))
	}

	dbPath, _, err := chooseDatabase(dbFlag, env, fileOnly)
	if err != nil {
		return err
	}

	return run(ctx, env, dbPath)
}

func runBackup(ctx context.Context, env Env, dbPath, output string) error {
	written, err := env.Maintenance.Backup(ctx, dbPath, output)
	if err != nil {
		return wrap(lang.X("backup.cli.backup_failed", "backing up {{.Database}} failed: {{.Err}}",
			map[string]any{"Database": dbPath, "Err": err}), err)
	}

	fmt.Fprintln(env.Stdout, lang.X("backup.cli.backup_written", "Backed up {{.Database}} to {{.Path}}.",
		map[string]any{"Database": dbPath, "Path": written}))

	return nil
}

func runCheck(ctx context.Context, env Env, dbPath string) error {
	problems, err := env.Maintenance.Check(ctx, dbPath)
	if err != nil {
		return wrap(lang.X("backup.cli.check_failed", "checking {{.Database}} failed: {{.Err}}",
			map[string]any{"Database": dbPath, "Err": err}), err)
	}

	if len(problems) == 0 {
		fmt.Fprintln(env.Stdout, lang.X("backup.cli.check_ok",
			"{{.Database}}: the integrity check and the foreign key check found no problem.",
			map[string]any{"Database": dbPath}))
		return nil
	}

	for _, problem := range problems {
		fmt.Fprintln(env.Stdout, problem)
	}

	return errors.New(lang.XN("backup.cli.check_problems",
		"the check found {{.Count}} problems in {{.Database}}; restore a backup with: leadwerk -db {{.Database}} restore FILE",
		len(problems), map[string]any{"Count": len(problems), "Database": shellWord(dbPath)}))
}

func runRestore(ctx context.Context, env Env, dbPath, src string) error {
	kept, err := env.Maintenance.Restore(ctx, dbPath, src)
	if message, ok := words.RestoreSource(err); ok {
		slog.Error("restore rejected the file", "file", src, "err", err)
		return wrap(message, err)
	}
	if err != nil {
		return wrap(lang.X("backup.cli.restore_failed", "restoring {{.File}} failed: {{.Err}}",
			map[string]any{"File": src, "Err": err}), err)
	}

	fmt.Fprintln(env.Stdout, lang.X("backup.cli.restored", "Restored {{.Database}} from {{.File}}.",
		map[string]any{"Database": dbPath, "File": src}))
	if kept != "" {
		fmt.Fprintln(env.Stdout, lang.X("backup.cli.kept", "The replaced data is kept in {{.Path}}.",
			map[string]any{"Path": kept}))
	}

	return nil
}

// openFailed handles the error of [Env.Open]. For the window it hands the
// error to [Env.ShowOpenError] when set. Otherwise it returns err, with
// the restore command added when err names a good backup of a damaged
// database.
func openFailed(ctx context.Context, dbPath string, err error, window bool, env Env) error {
	if window && env.ShowOpenError != nil {
		return env.ShowOpenError(ctx, dbPath, err)
	}

	var damaged interface{ RestoreCandidate() string }
	if !errors.As(err, &damaged) || damaged.RestoreCandidate() == "" {
		return err
	}

	return wrap(lang.X("backup.cli.restore_hint",
		"{{.Err}}\nRestore it with:\n  leadwerk -db {{.Database}} restore {{.Backup}}",
		map[string]any{"Err": err, "Database": shellWord(dbPath), "Backup": shellWord(damaged.RestoreCandidate())}), err)
}

// exitCode returns [ExitInUse] when err reports that another process has the
// database open, and [ExitFailure] otherwise.
func exitCode(err error) int {
	var inUse interface{ InUse() bool }
	if errors.As(err, &inUse) && inUse.InUse() {
		return ExitInUse
	}

	return ExitFailure
}

// shellWord puts path in double quotes when it contains a space, so a
// printed command can be pasted into a shell or cmd.exe. Backslashes stay
// as they are, because Windows paths are full of them.
func shellWord(path string) string {
	if !strings.ContainsAny(path, " \t") {
		return path
	}

	return `"` + path + `"`
}
