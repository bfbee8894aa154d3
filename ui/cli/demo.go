package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/app/demo"
)

func parseDemo(args []string) (action, error) {
	fs := newFlagSet("demo")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	if len(positional) > 0 {
		return nil, unexpectedArgument("demo", positional[0])
	}

	return runDemo, nil
}

func runDemo(ctx context.Context, s session) error {
	empty, err := s.store.IsEmpty(ctx)
	if err != nil {
		return wrap(lang.X("cli.demo.check_failed", "checking whether the database is empty failed: {{.Err}}",
			map[string]any{"Err": err}), err)
	}

	if !empty {
		return errNotEmpty(s.dbPath)
	}

	start := s.env.Now()
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(start))

	language := language()
	progress := newProgressPrinter(s.env.Stderr, lang.X("cli.demo.progress", "loading demo data"), language)
	result, err := s.store.LoadDemo(ctx, batch, progress.report)
	if errors.Is(err, app.ErrNotEmpty) {
		return errNotEmpty(s.dbPath)
	}

	if err != nil && ctx.Err() != nil {
		return wrap(lang.X("cli.demo.cancelled", "loading demo data was cancelled; database {{.Path}} is unchanged",
			map[string]any{"Path": s.dbPath}), err)
	}

	if err != nil {
		return wrap(lang.X("cli.demo.failed", "loading demo data failed: {{.Err}}; database {{.Path}} is unchanged",
			map[string]any{"Err": err, "Path": s.dbPath}), err)
	}

	elapsed := s.env.Now().Sub(start)
	fmt.Fprintln(s.env.Stdout, lang.X("cli.demo.done", "Loaded demo data into {{.Path}} in {{.Duration}}.",
		map[string]any{"Path": s.dbPath, "Duration": elapsed.Round(time.Millisecond)}))
	printResult(s.env.Stdout, result, language)

	return nil
}

func errNotEmpty(dbPath string) error {
	return errors.New(lang.X("cli.demo.not_empty",
		"database {{.Path}} is not empty, and demo data loads only into an empty one; choose a new file with -db PATH",
		map[string]any{"Path": dbPath}))
}
