package data

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

// shellRepeats is how many times the sqlite3 shell runs a query in one
// process, so that its start and the opening of the file are shared.
const shellRepeats = 20

// BenchmarkAggregationAgainstShell runs two reads over 20,000 deals
// through the data layer: the pipeline aggregation, and the deal facts
// (deals, stage changes, competitors) from which the forecast by month is
// computed. It runs the same SQL in the sqlite3 command-line shell (C
// SQLite) on the same file, which writes the rows to /dev/null. It
// reports the shell's time per operation as shell-ns/op and the ratio of
// ours to it as x-shell.
func BenchmarkAggregationAgainstShell(b *testing.B) {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("the sqlite3 shell is not installed (Debian: apt-get install sqlite3), so there is nothing to compare with")
	}

	ctx := context.Background()
	s := openAnalyticsBenchStore(b)
	// The shell reads the same file, so the WAL is moved into it first.
	if err := s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
		b.Fatal(err)
	}

	cases := []struct {
		name    string
		queries []string
		run     func() error
	}{
		{"pipeline", []string{pipelineSummarySQL}, func() error {
			_, err := s.PipelineSummary(ctx)
			return err
		}},
		{"forecast", []string{dealFactRowsSQL(""), stageVisitsSQL(""), competitorNamesSQL("")}, func() error {
			_, err := s.DealFacts(ctx, app.ReportFilter{})
			return err
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			shellTime := shellTimePerRun(b, shell, s.path, c.queries)

			loopWithCPUTime(b, func() {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			})

			ours := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(float64(shellTime.Nanoseconds()), "shell-ns/op")
			b.ReportMetric(ours/float64(shellTime.Nanoseconds()), "x-shell")
		})
	}
}

// shellTimePerRun returns how long the sqlite3 shell takes for one run of
// queries on the file at path: the time of a process that runs them
// shellRepeats+1 times less that of a process that runs them once, divided
// by shellRepeats. The shell's fastest of three tries counts.
func shellTimePerRun(b *testing.B, shell, path string, queries []string) time.Duration {
	b.Helper()

	once := shellBest(b, shell, path, queries, 1)
	many := shellBest(b, shell, path, queries, shellRepeats+1)

	return (many - once) / shellRepeats
}

func shellBest(b *testing.B, shell, path string, queries []string, repeats int) time.Duration {
	b.Helper()

	var script strings.Builder
	script.WriteString(".output /dev/null\n")
	for range repeats {
		for _, q := range queries {
			fmt.Fprintf(&script, "%s;\n", strings.TrimSpace(q))
		}
	}

	best := time.Duration(0)
	for range 3 {
		cmd := exec.Command(shell, "-readonly", path)
		cmd.Stdin = strings.NewReader(script.String())
		start := time.Now()
		out, err := cmd.CombinedOutput()
		elapsed := time.Since(start)
		if err != nil || len(out) > 0 {
			b.Fatalf("sqlite3 shell: %v: %s", err, out)
		}
		if best == 0 || elapsed < best {
			best = elapsed
		}
	}

	return best
}
