package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
)

// fileBatchSize is how many rows of a file an import queues before it
// writes them, and so how often it checks for a cancel and reports
// progress.
const fileBatchSize = 1000

// errDryRun rolls back the transaction of a dry run.
var errDryRun = errors.New("dry run")

// DryRunFile reads the file of p as [Store.ImportFile] does and returns
// the same report, but writes nothing: stages the pipeline lacks are
// listed, not created.
func (s *Store) DryRunFile(ctx context.Context, p mapping.Plan, progress app.Progress) (mapping.Report, error) {
	return s.runFile(ctx, p, progress, false)
}

// ImportFile stores the rows of the file of p in one transaction. A row
// matches a stored record by its source reference, then by e-mail, then
// by name and company, as [fileImport.match] describes. A matched record
// gets the row's non-empty cells unless it already has them, and a new
// version when that changes it. Other rows are inserted. On PostgreSQL
// one import runs at a time and the others wait for it. Any error, and a
// ctx cancelled before the commit, rolls everything back.
func (s *Store) ImportFile(ctx context.Context, p mapping.Plan, progress app.Progress) (mapping.Report, error) {
	return s.runFile(ctx, p, progress, true)
}

func (s *Store) runFile(ctx context.Context, p mapping.Plan, progress app.Progress, write bool) (mapping.Report, error) {
	start := time.Now()
	if write {
		if err := s.backupBeforeImport(ctx); err != nil {
			return mapping.Report{}, fmt.Errorf("import %s: %w", p.Path, err)
		}
	}

	if write && !s.backend.isPostgres() {
		restoreCache, err := s.raiseImportCache()
		if err != nil {
			return mapping.Report{}, fmt.Errorf("import %s: %w", p.Path, err)
		}
		defer restoreCache()
	}

	conn, db, err := s.importConn(ctx)
	if err != nil {
		return mapping.Report{}, fmt.Errorf("import %s: %w", p.Path, err)
	}
	defer conn.Close()

	var report mapping.Report
	err = db.Transaction(func(tx *gorm.DB) error {
		if write {
			if err := lockImports(tx); err != nil {
				return err
			}
		}

		fi := &fileImport{ctx: ctx, tx: tx, conn: conn, plan: p, write: write, progress: progress, now: s.now()}
		defer fi.close()
		if err := fi.run(); err != nil {
			return err
		}
		report = fi.report

		if !write {
			return errDryRun
		}

		// The new records name their owner by text; this gives them the
		// owner's id, so they show under "Mine".
		if err := linkOwners(tx); err != nil {
			return err
		}

		// A cancel after the last statement must still roll back.
		return ctx.Err()
	})
	if ctxErr := ctx.Err(); ctxErr != nil && err != nil && !errors.Is(err, ctxErr) {
		err = fmt.Errorf("%w (%v)", ctxErr, err)
	}
	if err != nil && !errors.Is(err, errDryRun) {
		return mapping.Report{}, fmt.Errorf("import %s: %w", p.Path, err)
	}

	slog.Info("file import", "path", p.Path, "kind", p.Mapping.Kind, "dry_run", !write, "rows", report.Rows,
		"new", report.New, "updated", report.Updated, "unchanged", report.Unchanged, "duplicates", report.Duplicates,
		"rejected", len(report.Rejected), "duration", time.Since(start))

	return report, nil
}

// fileImport is the state of one file import: the match indexes, loaded
// once, and the rows waiting to be written.
type fileImport struct {
	ctx context.Context
	tx  *gorm.DB
	// conn is the connection of tx, for statements prepared once.
	conn     *sql.Conn
	plan     mapping.Plan
	write    bool
	progress app.Progress
	now      time.Time

	report    mapping.Report
	converter *mapping.Converter
	// rejected holds the lines of the rows the first pass rejected.
	rejected map[int]bool
	// shared holds the e-mails that rows with different names share.
	shared map[string]bool

	pipeline app.Pipeline
	// stages maps the file's stage names to stages of the pipeline.
	stages map[string]app.Stage
	// newStages maps each unknown stage name to the first probability a
	// row gives it, or -1.
	newStages map[string]int

	idx    matchIndex
	writer *fileWriter
	// updates compares and writes the rows that match stored records.
	updates *fileUpdater
}

// importConn takes the store's connection for an import and returns it
// with a session that begins its transactions on it, so the import can
// prepare statements on the connection of its transaction.
func (s *Store) importConn(ctx context.Context) (*sql.Conn, *gorm.DB, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, nil, fmt.Errorf("open the database connection: %w", err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("open the database connection: %w", err)
	}

	db := s.db.Session(&gorm.Session{Context: ctx})
	db.Statement.ConnPool = conn

	return conn, db, nil
}

// close frees the statements the import prepared.
func (fi *fileImport) close() {
	if fi.updates != nil {
		fi.updates.close()
	}
	if fi.writer != nil {
		fi.writer.close()
	}
}

func (fi *fileImport) run() error {
	fi.report.Kind = fi.plan.Mapping.Kind
	if err := fi.loadPipeline(); err != nil {
		return err
	}

	fi.converter = mapping.NewConverter(fi.plan, fi.pipeline.Currency)
	if err := fi.scan(); err != nil {
		return err
	}

	if err := fi.resolveStages(); err != nil {
		return err
	}

	if err := fi.loadIndex(); err != nil {
		return err
	}

	fi.writer = newFileWriter(fi)
	fi.updates = newFileUpdater(fi)

	return fi.store()
}

// eachRow reads the file from the start and calls fn with every row that
// converts, and reject with every row that does not.
func (fi *fileImport) eachRow(fn func(mapping.Record) error, reject func(mapping.Rejection)) error {
	reader, _, err := tabular.Open(fi.plan.Path, &fi.plan.Dialect)
	if err != nil {
		return err
	}
	defer reader.Close()

	for {
		row, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			r, ok := mapping.RejectRead(row, err)
			if !ok {
				return fmt.Errorf("read %s: %w", fi.plan.Path, err)
			}
			reject(r)
			continue
		}

		rec, rejection := fi.converter.Convert(row)
		if rejection != nil {
			reject(*rejection)
			continue
		}

		if err := fn(rec); err != nil {
			return err
		}
	}
}

// scan is the first pass: it counts and rejects rows, finds e-mails that
// people with different names share and collects the stage names.
func (fi *fileImport) scan() error {
	fi.rejected = map[int]bool{}
	fi.shared = map[string]bool{}
	fi.stages = map[string]app.Stage{}
	emailNames := map[string]string{}

	return fi.eachRow(func(rec mapping.Record) error {
		fi.report.Rows++
		if fi.plan.Mapping.Kind == mapping.KindOpportunities {
			return fi.scanStage(rec)
		}

		email, name := personKeys(rec)
		if email == "" {
			return nil
		}
		if seen, ok := emailNames[email]; !ok {
			emailNames[email] = name
		} else if seen != name && !fi.shared[email] {
			fi.shared[email] = true
			fi.report.SharedEmails = append(fi.report.SharedEmails, email)
		}

		return nil
	}, func(r mapping.Rejection) {
		fi.report.Rows++
		fi.reject(r)
	})
}

func (fi *fileImport) reject(r mapping.Rejection) {
	fi.rejected[r.Line] = true
	fi.report.Rejected = append(fi.report.Rejected, r)
}

// personKeys returns the folded e-mail and name of a lead or contact row.
func personKeys(rec mapping.Record) (string, string) {
	if rec.Lead.FirstName != "" || rec.Lead.LastName != "" || rec.Lead.Email != "" {
		return app.NormalizeEmail(rec.Lead.Email), app.NormalizeName(rec.Lead.FirstName + " " + rec.Lead.LastName)
	}

	return app.NormalizeEmail(rec.Contact.Email), app.NormalizeName(rec.Contact.FirstName + " " + rec.Contact.LastName)
}

// store is the second pass: it matches every row that the first pass
// accepted and queues its insert or update.
func (fi *fileImport) store() error {
	total := fi.report.Rows
	done := 0
	fi.reportProgress(done, total)

	err := fi.eachRow(func(rec mapping.Record) error {
		if fi.rejected[rec.Line] {
			return nil
		}

		if err := fi.storeRecord(rec); err != nil {
			return fmt.Errorf("line %d: %w", rec.Line, err)
		}

		done++
		if done%fileBatchSize != 0 {
			return nil
		}
		if err := fi.writer.flushBatch(); err != nil {
			return err
		}
		fi.reportProgress(done, total)

		return fi.ctx.Err()
	}, func(mapping.Rejection) {})
	if err != nil {
		return err
	}

	if err := fi.writer.flush(); err != nil {
		return err
	}
	if err := fi.updates.apply(); err != nil {
		return err
	}
	if err := fi.writer.finish(); err != nil {
		return err
	}
	fi.reportProgress(total, total)

	return fi.ctx.Err()
}

// reportProgress passes progress on, counting rows of the second pass.
func (fi *fileImport) reportProgress(done, total int) {
	if fi.progress != nil {
		fi.progress(done, total)
	}
}

// storeRecord matches one row and queues its write.
func (fi *fileImport) storeRecord(rec mapping.Record) error {
	if fi.plan.Mapping.Kind == mapping.KindContacts || fi.plan.Mapping.Kind == mapping.KindOpportunities {
		id, err := fi.companyOf(rec)
		if err != nil {
			return err
		}
		rec.Company.ID = id
	}

	m := fi.match(rec)
	if line, ok := fi.idx.touched[m.id]; ok && m.id != 0 {
		fi.report.Duplicates++
		fi.report.DuplicateRows = append(fi.report.DuplicateRows, mapping.DuplicateRow{Line: rec.Line, OfLine: line})
		return nil
	}
	if m.id != 0 {
		fi.idx.touched[m.id] = rec.Line
		return fi.updates.queue(m.id, rec)
	}

	id, err := fi.idx.ids.next()
	if err != nil {
		return err
	}
	fi.idx.add(m.keys, id)
	fi.idx.touched[id] = rec.Line
	fi.report.New++

	return fi.writer.insert(id, rec)
}
