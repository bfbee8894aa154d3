package data

import (
	"encoding/json"
	"fmt"
	"strings"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// fileWriter queues the inserts of a file import and writes them batch by
// batch. Updates are written at once, one statement per row. A dry run's
// writer writes nothing.
type fileWriter struct {
	fi     *fileImport
	scorer *scorer

	leads    []leadInsertJSON
	contacts []contactRow
	records  []companyRow
	deals    []opportunityRow
	changes  []stageChangeRow
	// rescore holds the updated leads, whose scores finish recomputes.
	rescore []int64
}

func newFileWriter(fi *fileImport) *fileWriter {
	return &fileWriter{fi: fi}
}

// insert queues a new record with the id the index gave it.
func (w *fileWriter) insert(id int64, rec mapping.Record) error {
	if !w.fi.write {
		return nil
	}

	fi := w.fi
	ref := fi.plan.SourceRef(fi.plan.Mapping.Kind, rec.SourceID)
	switch fi.plan.Mapping.Kind {
	case mapping.KindLeads:
		return w.insertLead(id, ref, rec.Lead)
	case mapping.KindContacts:
		c := rec.Contact
		w.contacts = append(w.contacts, contactRow{ID: id, CompanyID: optionalID(rec.Company.ID),
			FirstName: c.FirstName, LastName: c.LastName, Role: c.Role, Email: c.Email, Phone: c.Phone,
			CreatedAt: fi.now, UpdatedAt: fi.now})
	case mapping.KindCompanies:
		c := rec.Company
		c.ID, c.SourceRef, c.CreatedAt, c.UpdatedAt = id, ref, fi.now, fi.now
		w.records = append(w.records, companyToRow(c))
	default:
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
	row := leadToRow(l)
	w.scorer.apply(&row, l, nil, 0)
	w.leads = append(w.leads, leadInsertOf(row))

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
	o.CreatedAt, o.UpdatedAt = fi.now, fi.now

	w.deals = append(w.deals, opportunityToRow(o))
	w.changes = append(w.changes, stageChangeRow{OpportunityID: id, ToStageID: st.ID, At: fi.now,
		AmountMinor: o.Amount.Minor, AmountCurrency: o.Amount.Currency, Probability: o.Probability,
		ChangedBy: app.ChangedByImport})

	return nil
}

// flush writes the queued inserts.
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

// leadInsertJSON is one new lead as flushLeads hands it to SQLite in a
// JSON array.
type leadInsertJSON struct {
	ID           int64  `json:"id"`
	Salutation   string `json:"salutation"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	CompanyName  string `json:"company_name"`
	Role         string `json:"role"`
	Email        string `json:"email"`
	Phone        string `json:"phone"`
	Website      string `json:"website"`
	Street       string `json:"street"`
	PostalCode   string `json:"postal_code"`
	City         string `json:"city"`
	Country      string `json:"country"`
	Source       string `json:"source"`
	Campaign     string `json:"campaign"`
	Industry     string `json:"industry"`
	SizeBand     string `json:"size_band"`
	Owner        string `json:"owner"`
	Notes        string `json:"notes"`
	Status       string `json:"status"`
	Score        int    `json:"score"`
	ScoreReasons string `json:"score_reasons"`
	Temperature  string `json:"temperature"`
	EmailKey     string `json:"email_key"`
	NameKey      string `json:"name_key"`
	CompanyKey   string `json:"company_key"`
	SourceRef    string `json:"source_ref"`
}

func leadInsertOf(r leadRow) leadInsertJSON {
	return leadInsertJSON{ID: r.ID, Salutation: r.Salutation, FirstName: r.FirstName, LastName: r.LastName,
		CompanyName: r.CompanyName, Role: r.Role, Email: r.Email, Phone: r.Phone, Website: r.Website,
		Street: r.Street, PostalCode: r.PostalCode, City: r.City, Country: r.Country, Source: r.Source,
		Campaign: r.Campaign, Industry: r.Industry, SizeBand: r.SizeBand, Owner: r.Owner, Notes: r.Notes,
		Status: r.Status, Score: r.Score, ScoreReasons: r.ScoreReasons, Temperature: r.Temperature,
		EmailKey: r.EmailKey, NameKey: r.NameKey, CompanyKey: r.CompanyKey, SourceRef: r.SourceRef}
}

// leadInsertColumns are the columns of leadInsertJSON, in its order.
var leadInsertColumns = []string{
	"id", "salutation", "first_name", "last_name", "company_name", "role", "email", "phone", "website",
	"street", "postal_code", "city", "country", "source", "campaign", "industry", "size_band", "owner", "notes",
	"status", "score", "score_reasons", "temperature", "email_key", "name_key", "company_key", "source_ref",
}

// insertLeadsSQL inserts the leads of one JSON array parameter, with the
// timestamps as two more parameters. One JSON text in place of 27 bound
// values per lead, because the driver binds each value in time
// proportional to the number of values.
var insertLeadsSQL = func() string {
	extracts := make([]string, len(leadInsertColumns))
	for i, c := range leadInsertColumns {
		extracts[i] = "value ->> '$." + c + "'"
	}

	return "INSERT INTO leads (" + strings.Join(leadInsertColumns, ", ") + ", created_at, updated_at) SELECT " +
		strings.Join(extracts, ", ") + ", ?, ? FROM json_each(?)"
}()

// TODO: 100,000 leads take 40 to 80 s on a loaded two-core machine,
// far from 50,000 rows a second (BenchmarkImportFileLeads). Most of the
// time is SQLite rendering and re-parsing each JSON element for every
// column, the B-tree inserts of the leads table's twenty indexes and
// the trigram index of leads_fts.
func (w *fileWriter) flushLeads() error {
	if len(w.leads) == 0 {
		return nil
	}

	text, err := json.Marshal(w.leads)
	if err != nil {
		return fmt.Errorf("encode leads: %w", err)
	}

	if err := w.fi.tx.Exec(insertLeadsSQL, w.fi.now, w.fi.now, string(text)).Error; err != nil {
		return fmt.Errorf("insert leads: %w", err)
	}
	w.leads = w.leads[:0]

	return nil
}
