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

// BenchmarkAggregationAgainstShell runs three reads over 20,000 deals
// through the data layer: the pipeline aggregation, the deal facts
// (deals, stage changes, competitors) behind the other report figures,
// and the sums from which the forecast by month is computed. It runs the same SQL in the sqlite3 command-line shell (C
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
		{"deal_facts", []string{dealFactRowsSQL(nil, ""), stageVisitsSQL(""), competitorNamesSQL("")}, func() error {
			_, err := s.DealFacts(ctx, app.ReportFilter{})
			return err
		}},
		{"forecast", []string{ForecastMonthSumsSQL}, func() error {
			_, err := s.ForecastMonthSums(ctx, app.ReportFilter{})
			return err
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			shell := shellTimePerRun(b, shell, s.path, c.queries)

			ourCPU := loopWithCPUTime(b, func() {
				if err := c.run(); err != nil {
					b.Fatal(err)
				}
			})

			reportAgainstShell(b, shell, ourCPU)
		})
	}
}

// shellTime is how long the sqlite3 shell took: the wall time, and the
// user and system CPU time of its process.
type shellTime struct {
	wall, cpu time.Duration
}

// shellTimePerRun returns how long the sqlite3 shell takes for one run of
// queries on the file at path: the time of a process that runs them
// shellRepeats+1 times less that of a process that runs them once, divided
// by shellRepeats. The shell's fastest of three tries counts.
func shellTimePerRun(b *testing.B, shell, path string, queries []string) shellTime {
	b.Helper()

	once := shellBest(b, shell, path, queries, 1)
	many := shellBest(b, shell, path, queries, shellRepeats+1)

	return shellTime{wall: (many.wall - once.wall) / shellRepeats, cpu: (many.cpu - once.cpu) / shellRepeats}
}

func shellBest(b *testing.B, shell, path string, queries []string, repeats int) shellTime {
	b.Helper()

	var script strings.Builder
	script.WriteString(".output /dev/null\n")
	for range repeats {
		for _, q := range queries {
			fmt.Fprintf(&script, "%s;\n", strings.TrimSpace(q))
		}
	}

	var best shellTime
	for range 3 {
		cmd := exec.Command(shell, "-readonly", path)
		cmd.Stdin = strings.NewReader(script.String())
		start := time.Now()
		out, err := cmd.CombinedOutput()
		elapsed := time.Since(start)
		if err != nil || len(out) > 0 {
			b.Fatalf("sqlite3 shell: %v: %s", err, out)
		}
		if best.wall == 0 || elapsed < best.wall {
			best = shellTime{wall: elapsed, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
		}
	}

	return best
}

// reportAgainstShell reports the shell's wall and CPU time per operation
// and the ratios of ours to them: x-shell for the wall time, x-shell-cpu
// for the CPU time. ourCPU is our CPU time per operation, or 0 where the
// benchmarks cannot read it.
func reportAgainstShell(b *testing.B, shell shellTime, ourCPU time.Duration) {
	b.Helper()

	ours := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.ReportMetric(float64(shell.wall.Nanoseconds()), "shell-ns/op")
	b.ReportMetric(ours/float64(shell.wall.Nanoseconds()), "x-shell")
	if ourCPU > 0 && shell.cpu > 0 {
		b.ReportMetric(float64(shell.cpu.Nanoseconds()), "shell-cpu-ns/op")
		b.ReportMetric(float64(ourCPU)/float64(shell.cpu), "x-shell-cpu")
	}
}
