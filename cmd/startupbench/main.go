// Command startupbench measures how long Leadwerk takes to draw its first
// frame compared with a bare Fyne window with one label. It starts each
// program -runs times as a separate process, alternating between them,
// with LEADWERK_EXIT_AFTER_FIRST_FRAME=1, so each prints the time of its
// first frame and quits. It prints every run, the medians and their ratio,
// and exits with status 1 when the ratio is above -budget.
//
// It needs an X display, such as Xvfb; scripts/startup-bench starts one
// and builds both programs.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"leadwerk/ui/firstframe"
)

// runTimeout is how long one start may take before the run fails.
const runTimeout = 2 * time.Minute

func main() {
	leadwerk := flag.String("leadwerk", "", "Leadwerk binary")
	bare := flag.String("bare", "", "binary of cmd/startupbench/bare")
	db := flag.String("db", "", "database file Leadwerk opens, such as one made by leadwerk demo -size large")
	runs := flag.Int("runs", 7, "starts of each program")
	budget := flag.Float64("budget", 1.3, "largest allowed ratio of the Leadwerk median to the bare median")
	flag.Parse()

	if *leadwerk == "" || *bare == "" || *db == "" || *runs < 1 {
		fmt.Fprintln(os.Stderr, "startupbench: -leadwerk, -bare and -db are required, and -runs must be at least 1")
		os.Exit(2)
	}

	if err := run(*leadwerk, *bare, *db, *runs, *budget); err != nil {
		fmt.Fprintln(os.Stderr, "startupbench:", err)
		os.Exit(1)
	}
}

func run(leadwerk, bare, db string, runs int, budget float64) error {
	var bareTimes, leadwerkTimes []time.Duration
	for i := range runs {
		b, err := firstFrame(bare)
		if err != nil {
			return fmt.Errorf("bare window, run %d: %w", i+1, err)
		}

		l, err := firstFrame(leadwerk, "-db", db)
		if err != nil {
			return fmt.Errorf("Leadwerk, run %d: %w", i+1, err)
		}

		fmt.Printf("run %d: bare %v, Leadwerk %v\n", i+1, b.Round(time.Millisecond), l.Round(time.Millisecond))
		bareTimes, leadwerkTimes = append(bareTimes, b), append(leadwerkTimes, l)
	}

	bareMedian, leadwerkMedian := median(bareTimes), median(leadwerkTimes)
	ratio := float64(leadwerkMedian) / float64(bareMedian)
	fmt.Printf("median of %d runs: bare %v, Leadwerk %v, ratio %.2f (budget %.2f)\n",
		runs, bareMedian.Round(time.Millisecond), leadwerkMedian.Round(time.Millisecond), ratio, budget)

	if ratio > budget {
		return fmt.Errorf("Leadwerk's first frame takes %.2f times the bare window's, above the budget of %.2f", ratio, budget)
	}

	return nil
}

// firstFrame starts the program and returns the time from just before
// the start to the first frame it reports. Once the time is read, it
// sends the program SIGTERM, because Leadwerk may still be loading its
// lists, and waits for it to end.
func firstFrame(program string, args ...string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()

	cmd := exec.CommandContext(ctx, program, args...)
	cmd.Env = append(os.Environ(), firstframe.Env+"=1")
	cmd.Stderr = io.Discard
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}

	start := firstframe.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}

	frame, scanErr := scanFirstFrame(bufio.NewScanner(stdout))
	_ = cmd.Process.Signal(syscall.SIGTERM)
	_, _ = io.Copy(io.Discard, stdout)
	_ = cmd.Wait()
	if scanErr != nil {
		return 0, fmt.Errorf("%s: %w", program, scanErr)
	}

	return time.Duration(frame - start), nil
}

// scanFirstFrame reads the program's output up to the first line that
// starts with [firstframe.Prefix] and returns the time on it.
func scanFirstFrame(lines *bufio.Scanner) (int64, error) {
	for lines.Scan() {
		text, ok := strings.CutPrefix(lines.Text(), firstframe.Prefix)
		if !ok {
			continue
		}

		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("invalid first frame time %q: %w", text, err)
		}

		return n, nil
	}

	return 0, errors.New("the program ended without printing a first frame time; is DISPLAY set?")
}

func median(times []time.Duration) time.Duration {
	sorted := slices.Clone(times)
	slices.Sort(sorted)

	return sorted[len(sorted)/2]
}
