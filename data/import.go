package data

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// insertBatchSize is how many rows one INSERT statement carries. The
// driver github.com/glebarez/go-sqlite v1.21.2 parses the SQL text on
// every execution, even of a prepared statement, and binds each parameter
// by scanning all arguments, so its binding cost grows with the square of
// the parameters per statement. At about 20 columns, 50 rows a statement
// keep that cost small while saving most of the per-statement work.
const insertBatchSize = 50

// progressEvery is how many records pass between two progress calls while
// existing records are updated one by one.
const progressEvery = 500

// IsEmpty reports whether the database has no companies, leads or
// opportunities. Pipelines and stages do not count, because a fresh
// database already has the default pipeline.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	return isEmpty(s.db.WithContext(ctx))
}

func isEmpty(db *gorm.DB) (bool, error) {
	var used bool
	err := db.Raw(`SELECT EXISTS (SELECT 1 FROM companies) OR EXISTS (SELECT 1 FROM leads)
		OR EXISTS (SELECT 1 FROM opportunities)`).Scan(&used).Error
	if err != nil {
		return false, fmt.Errorf("check whether database is empty: %w", err)
	}

	return !used, nil
}

// Import stores b in one transaction. Companies, leads and opportunities
// whose SourceRef already exists are updated in place with a new version,
// a deal only when one of its columns changes. An opportunity whose
// stage changed gets one new stage change. Stage history and
// activities are stored for new opportunities only. A batch with rows
// that break the rules of [app.ValidateBatch] is rejected before anything
// is written, with an [*app.ImportRowsError] naming each row and field. Any error, and a ctx
// cancelled before the commit, rolls the whole batch back. A batch that
// refers to an unknown stage, company or parent company wraps
// [app.ErrInvalid].
func (s *Store) Import(ctx context.Context, b app.ImportBatch, progress app.Progress) (app.ImportResult, error) {
	return s.runImport(ctx, b, progress, false)
}

// LoadDemo stores b like [Store.Import], but only into an empty database.
// Otherwise it wraps [app.ErrNotEmpty] and changes nothing.
func (s *Store) LoadDemo(ctx context.Context, b app.ImportBatch, progress app.Progress) (app.ImportResult, error) {
	return s.runImport(ctx, b, progress, true)
}

func (s *Store) runImport(ctx context.Context, b app.ImportBatch, progress app.Progress, requireEmpty bool) (app.ImportResult, error) {
	if problems := app.ValidateBatch(b, app.DateOf(s.now())); problems != nil {
		err := &app.ImportRowsError{Problems: problems}
		first := problems[0]
		slog.Warn("import rejected", "source", b.Source, "invalid_rows", len(problems), "first_ref", first.Ref,
			"first_field", first.Field, "first_code", first.Code)

		return app.ImportResult{}, fmt.Errorf("import %s: %w", b.Source, err)
	}

	if err := s.backupBeforeImport(ctx); err != nil {
		return app.ImportResult{}, fmt.Errorf("import %s: %w", b.Source, err)
	}

	start := time.Now()
	var result app.ImportResult
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockImports(tx); err != nil {
			return err
		}

		if requireEmpty {
			empty, err := isEmpty(tx)
			if err != nil {
				return err
			}
			if !empty {
				return fmt.Errorf("database %s has records: %w", s.path, app.ErrNotEmpty)
			}
		}

		im := newImporter(ctx, tx, b, progress)
		if err := im.run(); err != nil {
			return err
		}
		result = im.result

		// A cancel after the last statement must still roll back.
		return ctx.Err()
	})
	if ctxErr := ctx.Err(); ctxErr != nil && err != nil && !errors.Is(err, ctxErr) {
		// SQLite reports a cancelled statement as "interrupted", so the
		// context's error is added to say why.
		err = fmt.Errorf("%w (%v)", ctxErr, err)
	}
	if err != nil {
		return app.ImportResult{}, fmt.Errorf("import %s: %w", b.Source, err)
	}

	result.Duration = time.Since(start)
	slog.Info("import committed", "source", b.Source,
		"companies", result.Companies, "leads", result.Leads,
		"opportunities_created", result.OpportunitiesCreated,
		"opportunities_updated", result.OpportunitiesUpdated,
		"activities", result.Activities, "duration", result.Duration)

	return result, nil
}

// importer carries the state of one Import transaction: the resolved
// pipeline and stages, the ids behind source references, and progress.
type importer struct {
	ctx      context.Context
	tx       *gorm.DB
	batch    app.ImportBatch
	progress app.Progress
	now      time.Time

	result app.ImportResult
	done   int
	total  int

	pipeline  app.Pipeline
	stages    map[string]app.Stage
	companies map[string]int64
	// createdLeads holds the SourceRefs of the leads this batch created.
	createdLeads map[string]bool
}

func newImporter(ctx context.Context, tx *gorm.DB, b app.ImportBatch, progress app.Progress) *importer {
	return &importer{
		ctx: ctx, tx: tx, batch: b, progress: progress, now: time.Now().UTC(),
		total: len(b.Companies) + len(b.Leads) + len(b.Opportunities),
	}
}

func (im *importer) run() error {
	im.report()

	steps := []func() error{
		im.resolvePipeline, im.importProfile, im.importCompanies, im.importLeads,
		im.importQualifications, im.importLeadActivities, im.importOpportunities,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}

	return nil
}

// advance counts n more records as stored, reports progress when a
// multiple of progressEvery is passed or the end is reached, and returns
// the context's error so a cancel stops the import between statements.
func (im *importer) advance(n int) error {
	before := im.done / progressEvery
	im.done += n
	if im.done/progressEvery != before || im.done == im.total {
		im.report()
	}

	return im.ctx.Err()
}

func (im *importer) report() {
	if im.progress != nil {
		im.progress(im.done, im.total)
	}
}

// insertInBatches inserts rows insertBatchSize at a time, filling in
// their ids. When countsAsDone is set, each batch advances the progress.
func insertInBatches[T any](im *importer, rows []T, countsAsDone bool) error {
	for start := 0; start < len(rows); start += insertBatchSize {
		chunk := rows[start:min(start+insertBatchSize, len(rows))]
		if err := im.tx.Create(&chunk).Error; err != nil {
			return err
		}

		if countsAsDone {
			if err := im.advance(len(chunk)); err != nil {
				return err
			}
		}
	}

	return nil
}

// sourceRefIDs returns the id of every row of table that has a source
// reference, keyed by that reference.
func (im *importer) sourceRefIDs(table string) (map[string]int64, error) {
	var rows []struct {
		ID        int64
		SourceRef string
	}
	err := im.tx.Table(table).Select("id, source_ref").Where("source_ref <> ''").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read source references of %s: %w", table, err)
	}

	ids := make(map[string]int64, len(rows))
	for _, r := range rows {
		ids[r.SourceRef] = r.ID
	}

	return ids, nil
}

// checkUnique returns an error when ref, which is not empty, occurs twice
// in one batch.
func checkUnique(seen map[string]bool, kind, ref string) error {
	if ref == "" {
		return nil
	}

	if seen[ref] {
		return fmt.Errorf("%s source reference %q occurs twice in the batch: %w", kind, ref, app.ErrInvalid)
	}
	seen[ref] = true

	return nil
}
