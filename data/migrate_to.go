package data

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"

	"leadwerk/app"
)

// MigrateTo copies the SQLite database at sourcePath into the empty
// PostgreSQL database at targetURL and then compares every copied table's
// row count and money totals on both sides. The copy is the JSON export
// of the source read into the target by [Store.ImportJSON], so it runs in
// one transaction on the target and keeps every id but those of users,
// which it matches with the target's users by login name. It wraps
// [app.ErrInvalid] when targetURL is no postgres:// URL or sourcePath is
// one, and [app.ErrNotEmpty] when the target already contains records.
// When the copy differs from the source, it returns the report together
// with an error wrapping [app.ErrMigrationMismatch].
func MigrateTo(ctx context.Context, sourcePath, targetURL string, progress app.Progress) (app.MigrationReport, error) {
	if isPostgresURL(sourcePath) || !isPostgresURL(targetURL) {
		return app.MigrationReport{}, fmt.Errorf("copy from the database file %q to %q: the source must be a SQLite file and the target a postgres:// URL: %w",
			sourcePath, redactURL(targetURL), app.ErrInvalid)
	}

	// Open would create a missing file and copy its empty tables.
	if _, err := os.Stat(sourcePath); errors.Is(err, os.ErrNotExist) {
		return app.MigrationReport{}, fmt.Errorf("the database file %s does not exist; give the file to copy with -db FILE: %w",
			sourcePath, app.ErrNotFound)
	}

	source, err := Open(sourcePath)
	if err != nil {
		return app.MigrationReport{}, err
	}
	defer closeLogged(source)

	target, err := Open(targetURL)
	if err != nil {
		return app.MigrationReport{}, err
	}
	defer closeLogged(target)

	start := time.Now()
	if err := copyByJSON(ctx, source, target, progress); err != nil {
		return app.MigrationReport{}, err
	}
	slog.Info("database copied to PostgreSQL", "source", sourcePath, "target", redactURL(targetURL),
		"duration", time.Since(start))

	report, err := compareTables(ctx, source, target)
	if err != nil {
		return report, err
	}
	if !report.Matches() {
		return report, fmt.Errorf("the copy in %s differs from %s in the tables marked in the report: %w",
			redactURL(targetURL), sourcePath, app.ErrMigrationMismatch)
	}

	return report, nil
}

// copyByJSON streams source's JSON export into target's JSON import
// through a pipe, so neither side holds the whole database in memory.
func copyByJSON(ctx context.Context, source, target *Store, progress app.Progress) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	reader, writer := io.Pipe()
	exported := make(chan error, 1)
	go func() {
		err := source.ExportJSON(ctx, writer, progress)
		writer.CloseWithError(err)
		exported <- err
	}()

	importErr := target.ImportJSON(ctx, reader, nil)
	// An import that stopped early leaves the exporter blocked on the
	// pipe, so the reader side is closed before waiting for it.
	_ = reader.CloseWithError(errors.New("import stopped"))
	cancel()
	exportErr := <-exported

	if exportErr != nil && !errors.Is(exportErr, context.Canceled) && importErr == nil {
		return fmt.Errorf("export the source database: %w", exportErr)
	}
	if importErr != nil {
		return fmt.Errorf("copy into PostgreSQL: %w", importErr)
	}

	return nil
}

// compareTables counts the rows and sums the money columns of every table
// of the JSON export on both stores. In a table that the import matches
// by key, it counts only the target's rows whose key the source has, so a
// user who had signed in to the target before the copy is not counted.
func compareTables(ctx context.Context, source, target *Store) (app.MigrationReport, error) {
	var report app.MigrationReport
	for _, table := range exportedTableSums() {
		row := app.MigrationTable{Table: table.name, MoneyColumns: table.money}

		var err error
		row.SourceRows, row.SourceMoney, err = tableSums(ctx, source, table, nil)
		if err != nil {
			return report, err
		}

		var sourceKeys []string
		if table.key != "" {
			if sourceKeys, err = tableKeys(ctx, source, table); err != nil {
				return report, err
			}
		}

		row.TargetRows, row.TargetMoney, err = tableSums(ctx, target, table, sourceKeys)
		if err != nil {
			return report, err
		}

		report.Tables = append(report.Tables, row)
	}

	return report, nil
}

// tableSum names a table and its money columns, the INTEGER columns of
// minor units.
type tableSum struct {
	name  string
	money []string
	// key is the column by which the JSON import matches the table's
	// records with stored rows (see importKeys), or "".
	key string
}

// importKeys maps each table whose records the JSON import matches with
// stored rows to the column it matches by. A user with the login name of
// a stored user becomes that user, and a setting replaces the stored
// setting of its key.
var importKeys = map[string]string{"users": "login", "settings": "key"}

// exportedTableSums returns each table of the JSON export once, parents
// before their children, with its money columns.
func exportedTableSums() []tableSum {
	var sums []tableSum
	var add func(tables []exportTable)
	add = func(tables []exportTable) {
		for _, t := range tables {
			if !slices.ContainsFunc(sums, func(s tableSum) bool { return s.name == t.table }) {
				sums = append(sums, tableSum{name: t.table, money: moneyColumns(t.fields), key: importKeys[t.table]})
			}
			add(t.children)
		}
	}
	add(exportTables)

	return sums
}

// moneyColumns returns the names of the INTEGER fields of minor units.
func moneyColumns(fields []field) []string {
	var names []string
	for _, f := range fields {
		if f.kind == fieldInt && strings.HasSuffix(f.name, "_minor") {
			names = append(names, f.name)
		}
	}

	return names
}

// tableSums returns the row count of table and the sum of each of its
// money columns in store. A table with a key counts only the rows whose
// key is one of keys, unless keys is nil.
func tableSums(ctx context.Context, store *Store, table tableSum, keys []string) (int64, []int64, error) {
	columns := []string{"COUNT(*)"}
	for _, name := range table.money {
		columns = append(columns, "COALESCE(SUM("+name+"), 0)")
	}

	values := make([]int64, len(columns))
	targets := make([]any, len(columns))
	for i := range values {
		targets[i] = &values[i]
	}

	query := "SELECT " + strings.Join(columns, ", ") + " FROM " + table.name
	var args []any
	if table.key != "" && keys != nil {
		query += " WHERE " + quoteName(table.key) + " IN ?"
		args = append(args, keys)
	}

	if err := store.db.WithContext(ctx).Raw(query, args...).Row().Scan(targets...); err != nil {
		return 0, nil, fmt.Errorf("sum table %s: %w", table.name, err)
	}

	return values[0], values[1:], nil
}

// tableKeys returns the key column of every row of table in store.
func tableKeys(ctx context.Context, store *Store, table tableSum) ([]string, error) {
	keys := []string{}
	if err := store.db.WithContext(ctx).Table(table.name).Pluck(table.key, &keys).Error; err != nil {
		return nil, fmt.Errorf("read the %s of table %s: %w", table.key, table.name, err)
	}

	return keys, nil
}

// closeLogged closes store and logs a failure, for deferred closes whose
// error has nowhere else to go.
func closeLogged(store *Store) {
	if err := store.Close(); err != nil {
		slog.Error("close database", "err", err)
	}
}
