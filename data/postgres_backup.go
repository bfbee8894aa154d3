package data

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"leadwerk/app"
)

// pgDumpProgram is the PostgreSQL client that writes a backup. Its major
// version must be at least the server's, so install the client package of
// the server's version, such as postgresql-client-15 on Debian 12.
const pgDumpProgram = "pg_dump"

// postgresBackupExt is the extension of a backup in pg_dump's custom
// format, which pg_restore reads.
const postgresBackupExt = ".dump"

// PostgresBackupDir returns the folder that receives the backups of
// PostgreSQL databases when no file is named: backups in the folder of
// [DefaultPath].
func PostgresBackupDir() (string, error) {
	path, err := DefaultPath()
	if err != nil {
		return "", err
	}

	return BackupDir(path), nil
}

// dumpPostgres writes a backup of the PostgreSQL database that name, a
// postgres:// URL, selects to dest with pg_dump in its custom format and
// returns dest. An empty dest writes a new file into PostgresBackupDir,
// named after the database like the backups of a file. dest is created
// with mode 0600 and never overwritten. A keyring password reaches
// pg_dump in its environment, never on its command line. pg_dump reads
// one snapshot, so the copy is consistent while others keep writing.
//
// A backup is restored with pg_restore, for example into an empty
// database: pg_restore --no-owner -d postgres://user@host/dbname FILE.
func dumpPostgres(ctx context.Context, name, dest string) (string, error) {
	config, err := postgresConfig(name)
	if err != nil {
		return "", err
	}

	if dest == "" {
		dest, err = newPostgresBackupPath(name, utcNow())
		if err != nil {
			return "", err
		}
	}

	file, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("file %s already exists; choose another name", dest)
	}
	if err != nil {
		return "", fmt.Errorf("create %s: %w", dest, pathErrorCause(err))
	}

	start := time.Now()
	if err := runPgDump(ctx, name, config.Password, file); err != nil {
		_ = file.Close()
		_ = os.Remove(dest)
		return "", fmt.Errorf("back up database %s: %w", redactURL(name), err)
	}

	if err := file.Close(); err != nil {
		_ = os.Remove(dest)
		return "", fmt.Errorf("back up database %s: %w", redactURL(name), err)
	}
	slog.Info("database backed up", "path", dest, "kind", kindManual, "duration", time.Since(start))

	return dest, nil
}

// runPgDump runs pg_dump on the database name and writes its output to
// out. Its error contains what pg_dump printed.
func runPgDump(ctx context.Context, name, password string, out *os.File) error {
	program, err := exec.LookPath(pgDumpProgram)
	if err != nil {
		return fmt.Errorf("%s not found: install the PostgreSQL client of the server's version: %w",
			pgDumpProgram, err)
	}

	var stderr strings.Builder
	cmd := exec.CommandContext(ctx, program, "--format=custom", "--no-owner", "--dbname="+name)
	cmd.Stdout = out
	cmd.Stderr = &stderr
	cmd.Env = os.Environ()
	if password != "" {
		cmd.Env = append(cmd.Env, "PGPASSWORD="+password)
	}

	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s failed: %w: %s", pgDumpProgram, err, strings.TrimSpace(stderr.String()))
	}

	return nil
}

// newPostgresBackupPath returns a free backup path in PostgresBackupDir
// for the database of name, creating the folder with mode 0700.
func newPostgresBackupPath(name string, now time.Time) (string, error) {
	dir, err := PostgresBackupDir()
	if err != nil {
		return "", err
	}

	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create backup folder %s: %w", dir, pathErrorCause(err))
	}

	base := postgresDatabaseName(name)
	for {
		dest := filepath.Join(dir, base+"-"+now.UTC().Format(backupTimeLayout)+"-"+kindManual+postgresBackupExt)
		if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
			return dest, nil
		}
		now = now.Add(time.Millisecond)
	}
}

// postgresDatabaseName returns the database name of the URL name, or
// "postgres" when it names none, as libpq then defaults to the user name.
func postgresDatabaseName(name string) string {
	u, err := url.Parse(name)
	if err != nil || strings.Trim(u.Path, "/") == "" {
		return "postgres"
	}

	return path.Base(u.Path)
}

// errPostgresRestore is the error of a restore or an integrity check of
// a PostgreSQL database, which the server's own tools do instead.
var errPostgresRestore = fmt.Errorf("restore and check work on SQLite files only; "+
	"restore a PostgreSQL backup with pg_restore and check the server with its own tools: %w", app.ErrInvalid)
