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

// datasetLoader is the part of the store that loads a generated dataset
// of any size with the bulk path, which data.Store implements.
type datasetLoader interface {
	LoadDataset(ctx context.Context, d demo.Dataset, progress app.Progress) (app.ImportResult, error)
}

func parseDemo(args []string) (action, error) {
	fs := newFlagSet("demo")
	size := fs.String("size", "small", "small or large")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	if len(positional) > 0 {
		return nil, unexpectedArgument("demo", positional[0])
	}

	switch *size {
	case "small":
		return runDemo, nil
	case "large":
		return runLargeDemo, nil
	default:
		return nil, usageError{lang.X("demo.size_invalid", "demo: -size {{.Size}} is invalid; use small or large",
			map[string]any{"Size": *size})}
	}
}

// runLargeDemo loads [demo.Large] with the store's bulk path and prints
// how long generating and storing took.
func runLargeDemo(ctx context.Context, s session) error {
	loader, ok := s.store.(datasetLoader)
	if !ok {
		return errors.New(lang.X("demo.large_unsupported",
			"this store cannot load the large demo dataset; use demo without -size", nil))
	}

	return loadDemo(ctx, s, func(today app.Date, progress app.Progress) (app.ImportResult, error) {
		d := demo.GenerateSize(demo.DefaultSeed, today, demo.Large)

		return loader.LoadDataset(ctx, d, progress)
	})
}

func runDemo(ctx context.Context, s session) error {
	return loadDemo(ctx, s, func(today app.Date, progress app.Progress) (app.ImportResult, error) {
		return s.store.LoadDemo(ctx, demo.Generate(demo.DefaultSeed, today), progress)
	})
}

// loadDemo checks that the database is empty, then runs load, which
// generates and stores the data, with a progress printer, and prints the
// result and the time both took.
func loadDemo(ctx context.Context, s session, load func(today app.Date, progress app.Progress) (app.ImportResult, error)) error {
	empty, err := s.store.IsEmpty(ctx)
	if err != nil {
		return wrap(lang.X("cli.demo.check_failed", "checking whether the database is empty failed: {{.Err}}",
			map[string]any{"Err": err}), err)
	}

	if !empty {
		return errNotEmpty(s.dbPath)
	}

	start := s.env.Now()
	language := language()
	progress := newProgressPrinter(s.env.Stderr, lang.X("cli.demo.progress", "loading demo data"), language)
	result, err := load(app.DateOf(start), progress.report)
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
