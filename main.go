// Command leadwerk is a desktop CRM for sales managers: it keeps
// companies, leads and deals in an embedded SQLite database and shows the
// sales pipeline. Without arguments it opens the window. The commands it
// accepts are listed by "leadwerk -h".
//
// It logs starts, stops and errors to leadwerk.log in the Leadwerk folder
// under the user's config folder ([os.UserConfigDir]).
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"time"

	"leadwerk/app"
	"leadwerk/data"
	"leadwerk/ui"
	"leadwerk/ui/cli"
)

func main() {
	os.Exit(run())
}

// run wires the parts together and returns the exit code. It is separate
// from main so that its deferred calls run before os.Exit.
func run() int {
	logger, closeLog := openLog()
	defer closeLog()

	slog.SetDefault(logger)
	logger.Info("leadwerk started", "pid", os.Getpid())

	stopProfile := startCPUProfile(logger)
	defer stopProfile()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	ui.SetDatabaseSetup(ui.DatabaseSetup{CheckServer: data.CheckServer, DefaultPath: data.DefaultPath})

	env := cli.Env{
		Stdout:      os.Stdout,
		Stderr:      os.Stderr,
		Getenv:      os.Getenv,
		Open:        openStore,
		OpenWindow:  openStoreForWindow,
		DefaultPath: data.DefaultPath,
		RunWindow:   func(store app.Store) error { return ui.Run(store, logger) },
		Now:         time.Now,
		Maintenance: data.Maintenance{},
		MigrateTo:   data.MigrateTo,
		ShowOpenError: func(_ context.Context, path string, err error) error {
			return ui.RunOpenError(openProblem(path, err), logger)
		},
	}

	code := cli.Run(ctx, os.Args[1:], env)
	logger.Info("leadwerk stopped", "exit_code", code, "cancelled", ctx.Err() != nil)

	return code
}

// openStore opens the database as an [app.Store]. It returns a nil
// interface on error, never an interface holding a nil *data.Store.
func openStore(path string) (app.Store, error) {
	store, err := data.Open(path)
	if err != nil {
		return nil, err
	}

	return store, nil
}

// openStoreForWindow opens the database as an [app.Store] without SQLite's
// quick check and the daily backup, which the window runs after its first
// frame, so a large file does not delay the window.
func openStoreForWindow(path string) (app.Store, error) {
	store, err := data.OpenDeferred(path)
	if err != nil {
		return nil, err
	}

	return store, nil
}

// openProblem describes why [data.Open] failed on path for the window,
// with the restore of the newest good backup when the file is damaged,
// and the default file in place of a database chosen in Preferences.
func openProblem(path string, err error) ui.OpenProblem {
	problem := ui.OpenProblem{Path: path, Err: err, Open: openStore}

	var saved *cli.SavedDatabaseError
	if errors.As(err, &saved) {
		if fallback, pathErr := data.DefaultPath(); pathErr == nil && fallback != path {
			problem.Fallback = fallback
		}
	}

	var inUse *data.InUseError
	problem.InUse = errors.As(err, &inUse)

	var damaged *data.IntegrityError
	if errors.As(err, &damaged) {
		problem.Damaged = true
		problem.Backup = damaged.NewestBackup
		problem.Restore = func(ctx context.Context) (string, error) {
			return data.RestoreFile(ctx, path, damaged.NewestBackup)
		}
	}

	return problem
}

// openLog returns a logger that appends to leadwerk.log in the app data
// folder, and a function that closes the file. When the file cannot be
// opened, it prints one warning and returns a logger that discards.
func openLog() (*slog.Logger, func()) {
	file, err := createLogFile()
	if err != nil {
		fmt.Fprintf(os.Stderr, "leadwerk: logging is off because the log file failed to open: %v\n", err)
		return slog.New(slog.DiscardHandler), func() {}
	}

	logger := slog.New(slog.NewTextHandler(file, &slog.HandlerOptions{Level: slog.LevelInfo}))

	return logger, func() { _ = file.Close() }
}

func createLogFile() (*os.File, error) {
	configDir, err := os.UserConfigDir()
	if err != nil {
		return nil, err
	}

	dir := filepath.Join(configDir, "Leadwerk")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}

	return os.OpenFile(filepath.Join(dir, "leadwerk.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
}

// cpuProfileEnv names the environment variable with the file that
// receives a CPU profile of the whole run, for profiling start-up.
const cpuProfileEnv = "LEADWERK_CPUPROFILE"

// startCPUProfile starts the CPU profile that cpuProfileEnv names and
// returns the function that stops it. A profile that fails to start is
// logged and skipped.
func startCPUProfile(logger *slog.Logger) func() {
	path := os.Getenv(cpuProfileEnv)
	if path == "" {
		return func() {}
	}

	file, err := os.Create(path)
	if err != nil {
		logger.Error("CPU profile not started", "path", path, "err", err)
		return func() {}
	}

	if err := pprof.StartCPUProfile(file); err != nil {
		logger.Error("CPU profile not started", "path", path, "err", err)
		_ = file.Close()
		return func() {}
	}

	return func() {
		pprof.StopCPUProfile()
		_ = file.Close()
	}
}
