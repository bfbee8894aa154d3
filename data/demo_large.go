package data

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// datasetTables are the tables [Store.LoadDataset] fills. Their secondary
// indexes are dropped while it inserts and recreated before the commit.
var datasetTables = []string{
	"companies", "contacts", "leads", "qualifications", "opportunities", "stage_changes", "activities",
}

// datasetTriggers are the insert triggers that [Store.LoadDataset] drops
// because it does their work itself: it fills leads_fts in one statement
// and computes each lead's last_activity_at in Go. The other triggers,
// such as the validation rules, stay and run on every row.
var datasetTriggers = []string{"leads_fts_insert", "activities_touch_lead"}

// LoadDataset stores a generated dataset, such as [demo.Large], in an
// empty database in one transaction, with the same scores, search index
// and last activity times that [Store.LoadDemo] gives the same batch.
// It writes multi-row INSERT statements with explicit ids and rebuilds
// the indexes once at the end. Its progress counts every stored row,
// stage changes and activities included.
//
// It wraps [app.ErrNotEmpty] when the database has companies, leads or
// opportunities, and an *[app.ImportRowsError] for a batch with invalid
// rows. A cancelled ctx or any error rolls everything back.
func (s *Store) LoadDataset(ctx context.Context, d demo.Dataset, progress app.Progress) (app.ImportResult, error) {
	if problems := app.ValidateBatch(d.ImportBatch, app.DateOf(s.now())); problems != nil {
		return app.ImportResult{}, fmt.Errorf("load dataset %s: %w", d.Source, &app.ImportRowsError{Problems: problems})
	}

	restoreCache, err := s.raiseImportCache()
	if err != nil {
		return app.ImportResult{}, err
	}
	defer restoreCache()

	start := time.Now()
	var result app.ImportResult
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		l := newDatasetLoader(ctx, tx, d, progress, s.now().UTC())
		if err := l.run(); err != nil {
			return err
		}
		result = l.result

		// A cancel after the last statement must still roll back.
		return ctx.Err()
	})
	if ctxErr := ctx.Err(); ctxErr != nil && err != nil && !errors.Is(err, ctxErr) {
		// SQLite reports a cancelled statement as "interrupted", so the
		// context's error is added to say why.
		err = fmt.Errorf("%w (%v)", ctxErr, err)
	}
	if err != nil {
		return app.ImportResult{}, fmt.Errorf("load dataset %s: %w", d.Source, err)
	}

	result.Duration = time.Since(start)
	slog.Info("dataset loaded", "source", d.Source, "companies", result.Companies, "contacts", len(d.Contacts),
		"leads", result.Leads, "opportunities", result.OpportunitiesCreated, "activities", result.Activities,
		"duration", result.Duration)

	return result, nil
}

// datasetLoader carries the state of one LoadDataset transaction.
type datasetLoader struct {
	im      *importer
	d       demo.Dataset
	insert  *literalInserter
	now     time.Time
	dropped *bulkLeads
	result  app.ImportResult

	// The ids of the stored records by SourceRef.
	leadIDs map[string]int64
}

func newDatasetLoader(ctx context.Context, tx *gorm.DB, d demo.Dataset, progress app.Progress, now time.Time) *datasetLoader {
	activities := len(d.LeadActivities)
	for _, o := range d.Opportunities {
		activities += len(o.Activities) + len(o.History)
	}

	im := newImporter(ctx, tx, d.ImportBatch, progress)
	im.now = now
	im.total = len(d.Companies) + len(d.Contacts) + len(d.Leads) + len(d.Qualifications) +
		len(d.Opportunities) + activities

	l := &datasetLoader{im: im, d: d, now: now}
	l.insert = &literalInserter{ctx: ctx, tx: tx, inserted: func(rows int) error {
		l.im.done += rows
		l.im.report()

		return ctx.Err()
	}}

	return l
}

func (l *datasetLoader) run() error {
	empty, err := isEmpty(l.im.tx)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("database has records: %w", app.ErrNotEmpty)
	}

	l.im.report()
	steps := []func() error{
		l.im.resolvePipeline, l.im.importProfile, l.dropSchema, l.insertCompanies, l.insertContacts,
		l.insertLeads, l.insertQualifications, l.insertOpportunities, l.restoreSchema,
	}
	if isPostgresDB(l.im.tx) {
		// PostgreSQL keeps its indexes and triggers, which fill
		// leads_search row by row, and moves its id sequences past the
		// explicit ids.
		steps = []func() error{
			l.im.resolvePipeline, l.im.importProfile, l.insertCompanies, l.insertContacts,
			l.insertLeads, l.insertQualifications, l.insertOpportunities,
			func() error { return l.im.tx.Exec(syncIdentitiesSQL).Error },
		}
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}

	return nil
}

// dropSchema drops the secondary indexes of datasetTables and the
// datasetTriggers, remembering their SQL for restoreSchema.
func (l *datasetLoader) dropSchema() error {
	afterID, err := maxID(l.im.tx, "leads")
	if err != nil {
		return err
	}

	placeholders := strings.TrimSuffix(strings.Repeat("?, ", len(datasetTables)), ", ")
	b := &bulkLeads{afterID: afterID}
	err = l.im.tx.Raw(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL
		AND ((type = 'index' AND tbl_name IN (`+placeholders+`)) OR (type = 'trigger' AND name IN (?, ?)))
		ORDER BY type, name`, append(anySlice(datasetTables), anySlice(datasetTriggers)...)...).
		Scan(&b.schema).Error
	if err != nil {
		return fmt.Errorf("read the indexes of the dataset tables: %w", err)
	}

	for _, o := range b.schema {
		if err := l.im.tx.Exec(fmt.Sprintf(`DROP %s "%s"`, o.Type, o.Name)).Error; err != nil {
			return fmt.Errorf("drop %s %s: %w", o.Type, o.Name, err)
		}
	}
	l.dropped = b

	return nil
}

// restoreSchema recreates what dropSchema dropped and fills leads_fts.
func (l *datasetLoader) restoreSchema() error {
	return l.dropped.restore(l.im.tx)
}

func anySlice(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}

	return out
}

// maxID returns the largest id of table, 0 when it is empty.
func maxID(tx *gorm.DB, table string) (int64, error) {
	var id int64
	if err := tx.Raw(`SELECT COALESCE(MAX(id), 0) FROM ` + table).Scan(&id).Error; err != nil {
		return 0, fmt.Errorf("read the largest id of %s: %w", table, err)
	}

	return id, nil
}

// stamp sets a zero time to now, as GORM's Create does for created_at
// and updated_at.
func stamp(t *time.Time, now time.Time) {
	if t.IsZero() {
		*t = now
	}
}

// LatestSchemaVersion returns the version of the last migration that
// [Open] applies, such as to key files made by an older schema.
func LatestSchemaVersion() int {
	return migrations[len(migrations)-1].version
}
