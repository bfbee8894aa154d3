package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// demoSeed makes "leadwerk demo" produce the same companies and deals on
// every run, apart from dates, which follow today's date.
const demoSeed = 20240601

func parseDemo(args []string) (action, error) {
	fs := newFlagSet("demo")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	if len(positional) > 0 {
		return nil, usagef("demo: unexpected argument %q; this command takes only flags", positional[0])
	}

	return runDemo, nil
}

func runDemo(ctx context.Context, s session) error {
	empty, err := s.store.IsEmpty(ctx)
	if err != nil {
		return fmt.Errorf("check whether the database is empty: %w", err)
	}

	if !empty {
		return errNotEmpty(s.dbPath)
	}

	start := s.env.Now()
	batch := demo.Generate(demoSeed, app.DateOf(start))

	progress := newProgressPrinter(s.env.Stderr, "loading demo data")
	result, err := s.store.LoadDemo(ctx, batch, progress.report)
	if errors.Is(err, app.ErrNotEmpty) {
		return errNotEmpty(s.dbPath)
	}

	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("demo load cancelled; database %s is unchanged", s.dbPath)
	}

	if err != nil {
		return fmt.Errorf("load demo data: %w; the database is unchanged", err)
	}

	elapsed := s.env.Now().Sub(start)
	fmt.Fprintf(s.env.Stdout, "Loaded demo data into %s in %s.\n", s.dbPath, elapsed.Round(time.Millisecond))
	printResult(s.env.Stdout, result)

	return nil
}

func errNotEmpty(dbPath string) error {
	return fmt.Errorf("database %s is not empty, and demo data loads only into an empty one; "+
		"choose a new file with -db PATH", dbPath)
}
