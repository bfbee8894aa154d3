package data

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadwerk/app/mapping"
	"leadwerk/internal/cputime"
)

// BenchmarkImportFileLeads imports 100,000 generated leads into a fresh
// database with duplicate matching: two passes over the file, the match
// indexes and the inserts. It also reports the CPU time of the process
// per import, which a busy machine changes less than the wall time.
func BenchmarkImportFileLeads(b *testing.B) {
	const rows = 100_000
	path := filepath.Join(b.TempDir(), "leads.csv")
	writeBenchFile(b, path, generatedLeadFile(rows))

	benchImportFile(b, rows, func() (*Store, mapping.Plan) {
		return openTestStore(b), preparePlan(b, path, "")
	}, func(r mapping.Report) bool { return r.New == rows })
}

// BenchmarkReimportUnchanged imports the 100,000 generated leads of
// BenchmarkImportFileLeads again into the database that holds them, so
// every row matches a stored lead with the same values and writes
// nothing.
func BenchmarkReimportUnchanged(b *testing.B) {
	const rows = 100_000
	path := filepath.Join(b.TempDir(), "leads.csv")
	writeBenchFile(b, path, generatedLeadFile(rows))
	s := openTestStore(b)
	plan := preparePlan(b, path, "")
	if report, err := s.ImportFile(context.Background(), plan, nil); err != nil || report.New != rows {
		b.Fatalf("first import: report = %+v, err = %v", report, err)
	}

	benchImportFile(b, rows, func() (*Store, mapping.Plan) { return s, plan },
		func(r mapping.Report) bool { return r.Unchanged == rows })
}

// benchImportFile runs one import per operation into the store that
// setup returns, outside the timer, and fails unless its report is
// wanted. It reports rows a second and the process's CPU time per import.
func benchImportFile(b *testing.B, rows int, setup func() (*Store, mapping.Plan), wanted func(mapping.Report) bool) {
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		s, plan := setup()
		before := cputime.Process(b)
		b.StartTimer()

		report, err := s.ImportFile(context.Background(), plan, nil)
		if err != nil || !wanted(report) {
			b.Fatalf("report = %+v, err = %v", report, err)
		}

		b.StopTimer()
		cpu += cputime.Process(b) - before
		b.StartTimer()
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkImportFloorSQLite3 runs in the sqlite3 shell, that is in C
// SQLite, the SQL that the bulk path of BenchmarkImportFileLeads runs for
// the same 100,000 leads: drop the lead indexes and triggers, insert the
// leads, recreate the indexes, fill leads_fts and commit. The shell copies
// the leads from another database file, so it neither reads a file nor
// parses or binds values, nor folds the search texts, and its time is a
// floor that no import into this schema on this machine gets below.
func BenchmarkImportFloorSQLite3(b *testing.B) {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("the sqlite3 shell is not installed (apt-get install sqlite3); it is the C reference for the import")
	}

	const rows = 100_000
	dir := b.TempDir()
	source := filepath.Join(dir, "source.db")
	filledStore(b, source, rows)

	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		target := filepath.Join(dir, fmt.Sprintf("target%d.db", b.N))
		script := floorScript(b, target, source)
		cmd := exec.Command(shell, target)
		cmd.Stdin = strings.NewReader(script)
		b.StartTimer()

		out, err := cmd.CombinedOutput()
		if err != nil || len(out) > 0 {
			b.Fatalf("sqlite3: %v\n%s", err, out)
		}

		b.StopTimer()
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		removeDatabase(b, target)
		b.StartTimer()
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// filledStore imports n generated leads into a new database at path.
func filledStore(b *testing.B, path string, n int) {
	b.Helper()

	file := filepath.Join(filepath.Dir(path), "leads.csv")
	writeBenchFile(b, file, generatedLeadFile(n))
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()

	if report, err := s.ImportFile(context.Background(), preparePlan(b, file, ""), nil); err != nil || report.New != n {
		b.Fatalf("report = %+v, err = %v", report, err)
	}
}

// floorScript makes an empty Leadwerk database at target and returns the
// shell script of the bulk path, with the lead indexes and triggers read
// from it as dropLeadIndexes reads them.
func floorScript(b *testing.B, target, source string) string {
	b.Helper()

	s, err := Open(target)
	if err != nil {
		b.Fatal(err)
	}
	var schema []schemaObject
	err = s.db.Raw(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'leads' AND sql IS NOT NULL
		AND (type = 'index' OR (type = 'trigger' AND name IN ('leads_fts_insert', 'leads_rules_insert')))
		ORDER BY type, name`).Scan(&schema).Error
	if closeErr := s.Close(); err != nil || closeErr != nil {
		b.Fatal(err, closeErr)
	}

	var script strings.Builder
	fmt.Fprintf(&script, "PRAGMA synchronous = FULL;\nPRAGMA cache_size = %d;\n", -importCacheKiB)
	fmt.Fprintf(&script, "ATTACH '%s' AS source;\nBEGIN IMMEDIATE;\n", source)
	for _, o := range schema {
		fmt.Fprintf(&script, "DROP %s \"%s\";\n", o.Type, o.Name)
	}
	script.WriteString("INSERT INTO leads SELECT * FROM source.leads;\n")
	for _, o := range schema {
		script.WriteString(o.SQL + ";\n")
	}
	fmt.Fprintf(&script, "INSERT INTO leads_fts (leads_fts, rank) VALUES ('hashsize', %d);\n", bulkFTSHashSize)
	// The shell lacks the Go function lw_search_text, so it indexes the
	// texts unfolded, which takes it less time than folding them would.
	fill := strings.ReplaceAll(strings.Replace(fillLeadsFTSSQL, "?", "0", 1), "lw_search_text(", "(")
	script.WriteString(fill + ";\n")
	fmt.Fprintf(&script, "INSERT INTO leads_fts (leads_fts, rank) VALUES ('hashsize', %d);\n", defaultFTSHashSize)
	script.WriteString("COMMIT;\n")

	return script.String()
}

func removeDatabase(b *testing.B, path string) {
	b.Helper()

	for _, suffix := range []string{"", "-wal", "-shm", ".lock"} {
		if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
			b.Fatal(err)
		}
	}
}
