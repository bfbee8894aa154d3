package data

import (
	"fmt"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// rescoreBatch is how many updated leads finish rescores per query.
const rescoreBatch = 500

// columnValues collects the columns an update writes: only mapped fields
// with a value, so a file without a phone column or with an empty phone
// cell keeps the stored phone.
type columnValues struct {
	m   mapping.Mapping
	set map[string]any
}

func newColumnValues(m mapping.Mapping) *columnValues {
	return &columnValues{m: m, set: map[string]any{}}
}

// text sets column to value when one of fields is mapped and value is
// not empty.
func (c *columnValues) text(column, value string, fields ...mapping.Field) {
	if value == "" {
		return
	}

	for _, f := range fields {
		if c.m.Field(f) >= 0 {
			c.set[column] = value
			return
		}
	}
}

// number sets column to value when field is mapped and value is not 0.
func (c *columnValues) number(column string, value int64, field mapping.Field) {
	if value != 0 && c.m.Field(field) >= 0 {
		c.set[column] = value
	}
}

var nameFields = []mapping.Field{mapping.FieldFirstName, mapping.FieldLastName, mapping.FieldFullName}

// sourceValues sets the creation time and the marketing opt-out that the
// row gives. An update sets an opt-out but never clears one, because "no"
// in a file must not undo an objection to marketing stored in Leadwerk.
func (w *fileWriter) sourceValues(v *columnValues, rec mapping.Record) {
	if created, ok := w.sourceCreated(rec); ok && v.m.Field(mapping.FieldCreated) >= 0 {
		v.set["created_at"] = created
	}
	if rec.MarketingOptOut && v.m.Field(mapping.FieldOptOut) >= 0 {
		v.set["marketing_opt_out"] = true
	}
}

// leadValues sets a lead's mapped columns, and its status when the row
// gives another one.
func (w *fileWriter) leadValues(v *columnValues, id int64, l app.Lead) {
	keys := app.KeysOf(l)
	v.text("salutation", l.Salutation, mapping.FieldSalutation)
	if l.FirstName != "" || l.LastName != "" {
		v.text("first_name", l.FirstName, nameFields...)
		v.text("last_name", l.LastName, nameFields...)
		v.text("name_key", keys.Name, nameFields...)
	}
	v.text("company_name", l.CompanyName, mapping.FieldCompany)
	v.text("company_key", keys.Company, mapping.FieldCompany)
	v.text("email", l.Email, mapping.FieldEmail)
	v.text("email_key", keys.Email, mapping.FieldEmail)
	v.text("phone", l.Phone, mapping.FieldPhone, mapping.FieldMobile)
	for column, pair := range map[string]struct {
		value string
		field mapping.Field
	}{
		"role": {l.Role, mapping.FieldRole}, "website": {l.Website, mapping.FieldWebsite},
		"street": {l.Street, mapping.FieldStreet}, "postal_code": {l.PostalCode, mapping.FieldPostalCode},
		"city": {l.City, mapping.FieldCity}, "country": {l.Country, mapping.FieldCountry},
		"source": {l.Source, mapping.FieldSource}, "campaign": {l.Campaign, mapping.FieldCampaign},
		"industry": {l.Industry, mapping.FieldIndustry}, "size_band": {string(l.SizeBand), mapping.FieldEmployees},
		"owner": {l.Owner, mapping.FieldOwner}, "notes": {l.Notes, mapping.FieldNotes},
	} {
		v.text(column, pair.value, pair.field)
	}

	if v.m.Field(mapping.FieldStatus) >= 0 && string(l.Status) != w.fi.idx.status[id] {
		v.set["status"] = string(l.Status)
	}
}

func contactValues(v *columnValues, rec mapping.Record) {
	c := rec.Contact
	if c.FirstName != "" || c.LastName != "" {
		v.text("first_name", c.FirstName, nameFields...)
		v.text("last_name", c.LastName, nameFields...)
	}
	v.text("role", c.Role, mapping.FieldRole)
	v.text("email", c.Email, mapping.FieldEmail)
	v.text("phone", c.Phone, mapping.FieldPhone, mapping.FieldMobile)
	v.number("company_id", rec.Company.ID, mapping.FieldCompany)
	v.number("company_id", rec.Company.ID, mapping.FieldCompanyID)
}

func companyValues(v *columnValues, c app.Company) {
	v.text("name", c.Name, mapping.FieldCompany)
	v.text("name_key", app.NormalizeCompany(c.Name), mapping.FieldCompany)
	v.text("sector", c.Sector, mapping.FieldIndustry)
	v.text("country", c.Country, mapping.FieldCountry)
	v.number("employees", int64(c.Employees), mapping.FieldEmployees)
	v.number("year_founded", int64(c.YearFounded), mapping.FieldFounded)
	if c.Revenue.Minor != 0 {
		v.number("revenue_minor", c.Revenue.Minor, mapping.FieldRevenue)
		v.text("revenue_currency", c.Revenue.Currency, mapping.FieldRevenue)
	}
}

// dealValues sets a deal's mapped columns. A new stage moves the deal and
// takes the stage's probability unless the row gives one. The stage
// change is recorded by [fileUpdater.write].
func (w *fileWriter) dealValues(v *columnValues, id int64, rec mapping.Record) error {
	d := rec.Deal
	v.text("title", d.Title, mapping.FieldTitle)
	v.number("company_id", rec.Company.ID, mapping.FieldCompany)
	v.number("company_id", rec.Company.ID, mapping.FieldCompanyID)
	v.number("contact_id", w.fi.idx.contactEmails[app.NormalizeEmail(d.ContactEmail)], mapping.FieldContactEmail)
	if d.Amount.Minor != 0 {
		v.number("amount_minor", d.Amount.Minor, mapping.FieldAmount)
		v.text("amount_currency", d.Amount.Currency, mapping.FieldAmount)
	}
	if !d.CloseDate.IsZero() {
		v.text("close_date", d.CloseDate.String(), mapping.FieldCloseDate)
	}
	v.text("owner", d.Owner, mapping.FieldOwner)
	v.text("product", d.Product, mapping.FieldProduct)
	v.text("source", d.Source, mapping.FieldSource)
	v.text("next_step", d.NextStep, mapping.FieldNextStep)
	v.text("notes", d.Notes, mapping.FieldNotes)
	if d.HasProbability {
		v.set["probability"], v.set["probability_manual"] = d.Probability, true
	}

	if d.Stage == "" {
		return nil
	}

	st, err := w.fi.stageOf(rec)
	if err != nil || st.ID == w.fi.idx.stage[id] {
		return err
	}

	probability := st.Probability
	if d.HasProbability {
		probability = d.Probability
	}
	v.set["stage_id"], v.set["stage_entered_on"] = st.ID, app.DateOf(w.fi.now).String()
	v.set["probability"] = probability

	return nil
}

// recordMove records the move of deal id to the stage in set, which
// dealValues filled, stamped [app.ChangedByImport].
func (w *fileWriter) recordMove(id int64, set map[string]any, d mapping.Deal) error {
	to, _ := set["stage_id"].(int64)
	probability, _ := set["probability"].(int)
	change := stageChangeRow{OpportunityID: id, FromStageID: optionalID(w.fi.idx.stage[id]), ToStageID: to,
		At: w.fi.now, AmountMinor: d.Amount.Minor, AmountCurrency: d.Amount.Currency, Probability: probability,
		ChangedBy: app.ChangedByImport}
	if err := w.fi.tx.Create(&change).Error; err != nil {
		return fmt.Errorf("record stage change of deal %d: %w", id, err)
	}
	w.fi.idx.stage[id] = to

	return nil
}

// recordStatus records the status change of lead id to status.
func (w *fileWriter) recordStatus(id int64, status string) error {
	change := leadStatusChangeRow{LeadID: id, FromStatus: w.fi.idx.status[id], ToStatus: status, At: w.fi.now}
	if err := w.fi.tx.Create(&change).Error; err != nil {
		return fmt.Errorf("record status change of lead %d: %w", id, err)
	}
	w.fi.idx.status[id] = status

	return nil
}

// finish restores what the bulk path dropped, records the import's
// summary in the audit log and recomputes the scores of the updated
// leads, whose fields the updates changed.
func (w *fileWriter) finish() error {
	if w.bulk != nil {
		if err := w.bulk.restore(w.fi.tx); err != nil {
			return err
		}
	}

	if w.fi.write {
		if err := w.markOptOuts(); err != nil {
			return err
		}
		if err := w.fi.auditImportSummaries(); err != nil {
			return err
		}
	}

	if len(w.rescore) == 0 {
		return nil
	}

	sc, err := newScorer(w.fi.tx, w.fi.now)
	if err != nil {
		return err
	}
	inputs, err := sc.loadInputs(w.fi.tx)
	if err != nil {
		return err
	}

	for start := 0; start < len(w.rescore); start += rescoreBatch {
		var rows []leadRow
		ids := w.rescore[start:min(start+rescoreBatch, len(w.rescore))]
		if err := w.fi.tx.Where("id IN ?", ids).Find(&rows).Error; err != nil {
			return fmt.Errorf("read updated leads: %w", err)
		}

		for _, row := range rows {
			l, err := row.toApp()
			if err != nil {
				return err
			}
			sc.apply(&row, l, inputs.qualifications[row.ID], inputs.recent[row.ID])
			err = w.fi.tx.Exec(`UPDATE leads SET score = ?, score_reasons = ?, temperature = ? WHERE id = ?`,
				row.Score, row.ScoreReasons, row.Temperature, row.ID).Error
			if err != nil {
				return fmt.Errorf("save score of lead %d: %w", row.ID, err)
			}
		}
	}

	return nil
}
