package data

import (
	"fmt"
	"log/slog"
	"time"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// fileWriter queues the inserts of a file import and writes them batch by
// batch. Updates are written at once, one statement per row. A dry run's
// writer writes nothing.
type fileWriter struct {
	fi     *fileImport
	scorer *scorer

	leads    []leadRow
	contacts []contactRow
	records  []companyRow
	deals    []opportunityRow
	changes  []stageChangeRow
	// rescore holds the updated leads, whose scores finish recomputes.
	rescore []int64
	// created counts the leads inserted so far, and bulk is the schema
	// the bulk path dropped, nil before the switch.
	created int
	bulk    *bulkLeads
	// leadStmt inserts one new lead, prepared at the first flush.
	leadStmt *rawStmt
	// inserting receives the result of the leads that startLeads is
	// inserting, and is nil when it inserts none. spareLeads is the
	// buffer of the batch inserted before, for the next queue.
	inserting  chan error
	spareLeads []leadRow
	// optOuts holds the new leads or contacts whose rows opt out of
	// marketing, which finish marks.
	optOuts []int64
}

func newFileWriter(fi *fileImport) *fileWriter {
	return &fileWriter{fi: fi}
}

// close waits for the leads being inserted, whose error the import has
// already reported if it ends early, and finalizes their statement.
func (w *fileWriter) close() {
	_ = w.waitLeads()
	if w.leadStmt == nil {
		return
	}

	err := w.fi.conn.Raw(func(any) error {
		w.leadStmt.close()
		return nil
	})
	if err != nil {
		slog.Error("file import: finalizing the lead statement failed", "err", err)
	}
	w.leadStmt = nil
}

// insert queues a new record with the id the index gave it.
func (w *fileWriter) insert(id int64, rec mapping.Record) error {
	if !w.fi.write {
		return nil
	}

	fi := w.fi
	ref := fi.plan.SourceRef(fi.plan.Mapping.Kind, rec.SourceID)
	if rec.MarketingOptOut {
		w.optOuts = append(w.optOuts, id)
	}

	created, ok := w.sourceCreated(rec)
	if !ok {
		created = fi.now
	}

	switch fi.plan.Mapping.Kind {
	case mapping.KindLeads:
		rec.Lead.CreatedAt = created
		return w.insertLead(id, ref, rec.Lead)
	case mapping.KindContacts:
		c := rec.Contact
		w.contacts = append(w.contacts, contactRow{ID: id, CompanyID: optionalID(rec.Company.ID),
			FirstName: c.FirstName, LastName: c.LastName, Role: c.Role, Email: c.Email, Phone: c.Phone,
			SourceRef: ref, CreatedAt: created, UpdatedAt: fi.now})
	case mapping.KindCompanies:
		c := rec.Company
		c.ID, c.SourceRef, c.CreatedAt, c.UpdatedAt = id, ref, created, fi.now
		w.records = append(w.records, companyToRow(c))
	default:
		rec.Deal.CreatedAt = created
		return w.insertDeal(id, ref, rec)
	}

	return nil
}

func (w *fileWriter) insertLead(id int64, ref string, l app.Lead) error {
	if w.scorer == nil {
		sc, err := newScorer(w.fi.tx, w.fi.now)
		if err != nil {
			return err
		}
		w.scorer = sc
	}

	l.ID, l.SourceRef = id, ref
	l.Owner = ownerOrSignedIn(w.fi.tx, l.Owner)
	row := leadToRow(l)
	w.scorer.apply(&row, l, nil, 0)
	w.leads = append(w.leads, row)

	return nil
}

func (w *fileWriter) insertDeal(id int64, ref string, rec mapping.Record) error {
	fi := w.fi
	st, err := fi.stageOf(rec)
	if err != nil {
		return err
	}

	o := rec.Deal.Opportunity
	o.ID, o.SourceRef, o.PipelineID, o.StageID = id, ref, fi.pipeline.ID, st.ID
	o.CompanyID, o.ContactID = rec.Company.ID, fi.idx.contactEmails[app.NormalizeEmail(rec.Deal.ContactEmail)]
	o.Probability, o.ProbabilityManual = st.Probability, rec.Deal.HasProbability
	if rec.Deal.HasProbability {
		o.Probability = rec.Deal.Probability
	}
	o.StageEnteredOn = app.DateOf(fi.now)
	o.UpdatedAt = fi.now
	o.Owner = ownerOrSignedIn(fi.tx, o.Owner)

	w.deals = append(w.deals, opportunityToRow(o))
	w.changes = append(w.changes, stageChangeRow{OpportunityID: id, ToStageID: st.ID, At: fi.now,
		AmountMinor: o.Amount.Minor, AmountCurrency: o.Amount.Currency, Probability: o.Probability,
		ChangedBy: app.ChangedByImport})

	return nil
}

// sourceCreated returns the creation time the row gives, and false for
// none or a time after the import, which no record can have.
func (w *fileWriter) sourceCreated(rec mapping.Record) (time.Time, bool) {
	if rec.Created.IsZero() || rec.Created.After(w.fi.now) {
		return time.Time{}, false
	}

	return rec.Created.UTC(), true
}

// markOptOuts sets the marketing opt-out of the new records in optOuts.
func (w *fileWriter) markOptOuts() error {
	table := importTables[w.fi.plan.Mapping.Kind]
	for start := 0; start < len(w.optOuts); start += rescoreBatch {
		ids := w.optOuts[start:min(start+rescoreBatch, len(w.optOuts))]
		err := w.fi.tx.Exec("UPDATE "+table+" SET marketing_opt_out = 1 WHERE id IN ?", ids).Error
		if err != nil {
			return fmt.Errorf("mark the opt-outs of %s: %w", table, err)
		}
	}
	w.optOuts = nil

	return nil
}

// flushBatch writes the queued inserts like flush, but lets the leads be
// inserted while the import reads on.
func (w *fileWriter) flushBatch() error {
	if len(w.records)+len(w.contacts)+len(w.deals)+len(w.changes) > 0 {
		return w.flush()
	}

	return w.startLeads()
}

// flush writes the queued inserts and returns when they are stored.
func (w *fileWriter) flush() error {
	if err := w.flushLeads(); err != nil {
		return err
	}

	for _, batch := range []func() error{
		func() error { return createAll(w.fi, &w.records, "companies") },
		func() error { return createAll(w.fi, &w.contacts, "contacts") },
		func() error { return createAll(w.fi, &w.deals, "deals") },
		func() error { return createAll(w.fi, &w.changes, "stage changes") },
	} {
		if err := batch(); err != nil {
			return err
		}
	}

	return nil
}

// createAll inserts rows insertBatchSize at a time and empties them.
func createAll[T any](fi *fileImport, rows *[]T, what string) error {
	if len(*rows) == 0 {
		return nil
	}

	if err := fi.tx.CreateInBatches(*rows, insertBatchSize).Error; err != nil {
		return fmt.Errorf("insert %s: %w", what, err)
	}
	*rows = (*rows)[:0]

	return nil
}
