package data

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

// dealEditColumns are the opportunity columns every edit writes by name,
// so that zero values such as a probability of 0 or an empty note are
// stored too. pipeline_id, source_ref and created_at keep their stored
// values.
var dealEditColumns = []string{
	"title", "company_id", "contact_id", "stage_id", "amount_minor", "amount_currency",
	"probability", "probability_manual", "close_date", "stage_entered_on", "owner", "product", "notes",
	"next_step", "talks_status", "customer_budget_minor", "customer_budget_currency", "expectations",
	"source", "close_reason", "close_competitor", "close_note", "updated_at",
}

// fieldChangeRow mirrors the opportunity_field_changes table of schemaV5.
type fieldChangeRow struct {
	ID            int64     `gorm:"column:id;primaryKey"`
	OpportunityID int64     `gorm:"column:opportunity_id"`
	Field         string    `gorm:"column:field"`
	OldValue      string    `gorm:"column:old_value"`
	NewValue      string    `gorm:"column:new_value"`
	At            time.Time `gorm:"column:at"`
	ChangedBy     string    `gorm:"column:changed_by"`
	UserID        *int64    `gorm:"column:user_id"`
}

func (fieldChangeRow) TableName() string { return "opportunity_field_changes" }

func (r fieldChangeRow) toApp() app.FieldChange {
	return app.FieldChange{
		ID: r.ID, OpportunityID: r.OpportunityID, Field: r.Field,
		Old: r.OldValue, New: r.NewValue, At: r.At.UTC(), By: r.ChangedBy,
	}
}

// dealField is one field of a deal whose changes are recorded, with its
// value as the person reads it.
type dealField struct {
	name  string
	value func(o app.Opportunity) string
}

// dealFields lists the recorded fields that need no lookup, in the order
// of the detail form. Company, contact and stage are recorded by name in
// namedChanges.
var dealFields = []dealField{
	{"title", func(o app.Opportunity) string { return o.Title }},
	{"amount", func(o app.Opportunity) string { return moneyText(o.Amount) }},
	{"close_date", func(o app.Opportunity) string { return o.CloseDate.String() }},
	{"probability", func(o app.Opportunity) string { return fmt.Sprintf("%d %%", o.Probability) }},
	{"probability_set_by_hand", func(o app.Opportunity) string { return yesNo(o.ProbabilityManual) }},
	{"owner", func(o app.Opportunity) string { return o.Owner }},
	{"product", func(o app.Opportunity) string { return o.Product }},
	{"next_step", func(o app.Opportunity) string { return o.NextStep }},
	{"talks_status", func(o app.Opportunity) string { return o.TalksStatus }},
	{"customer_budget", func(o app.Opportunity) string { return moneyText(o.CustomerBudget) }},
	{"expectations", func(o app.Opportunity) string { return o.Expectations }},
	{"source", func(o app.Opportunity) string { return o.Source }},
	{"notes", func(o app.Opportunity) string { return o.Notes }},
	{"close_reason", func(o app.Opportunity) string { return o.CloseReason }},
	{"close_competitor", func(o app.Opportunity) string { return o.CloseCompetitor }},
	{"close_note", func(o app.Opportunity) string { return o.CloseNote }},
}

// moneyText returns m as "1054.00 USD", or "" for an unset amount.
func moneyText(m app.Money) string {
	if m == (app.Money{}) {
		return ""
	}

	return m.String()
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}

	return "no"
}

// dealEdit is one deal and its current stage, loaded inside the
// transaction that changes it.
type dealEdit struct {
	tx    *gorm.DB
	now   time.Time
	deal  app.Opportunity
	stage app.Stage
	// by is the user name that the recorded changes carry, and userID
	// the signed-in user's id or nil.
	by     string
	userID *int64
}

func loadDealEdit(tx *gorm.DB, id int64, now time.Time) (*dealEdit, error) {
	var row opportunityRow
	err := tx.Clauses(forUpdate).Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, fmt.Errorf("opportunity %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("read opportunity %d: %w", id, err)
	}

	deal, err := row.toApp()
	if err != nil {
		return nil, err
	}

	stage, err := dealStageByID(tx, row.StageID)
	if err != nil {
		return nil, fmt.Errorf("read stage of opportunity %d: %w", id, err)
	}

	by, err := currentUserName(tx)
	if err != nil {
		return nil, err
	}

	return &dealEdit{tx: tx, now: now, deal: deal, stage: stage, by: by, userID: currentUserID(tx)}, nil
}

// dealStageByID reads one stage, deleted or not, because a deal that an
// older version left in a deleted stage must stay editable. An unknown id
// wraps [app.ErrNotFound]. A stage that a deal moves to comes from
// targetStage.
func dealStageByID(tx *gorm.DB, id int64) (app.Stage, error) {
	var row stageRow
	err := tx.Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return app.Stage{}, fmt.Errorf("stage %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return app.Stage{}, fmt.Errorf("read stage %d: %w", id, err)
	}

	return row.toApp(), nil
}

// targetStage reads the stage that a deal is to move to. An unknown or
// deleted stage wraps [app.ErrNotFound], because a screen loaded before
// the delete can still offer the stage.
func targetStage(tx *gorm.DB, id int64) (app.Stage, error) {
	var row stageSettingsRow
	err := tx.Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return app.Stage{}, fmt.Errorf("stage %d: %w", id, app.ErrNotFound)
	}
	if err != nil {
		return app.Stage{}, fmt.Errorf("read stage %d: %w", id, err)
	}

	if row.DeletedAt != nil {
		return app.Stage{}, fmt.Errorf("stage %q was deleted: reload the pipeline and choose another stage: %w",
			row.Name, app.ErrNotFound)
	}

	return row.toApp()
}

func (e *dealEdit) today() app.Date {
	return app.DateOf(e.now)
}

// save writes after over the loaded deal and records a field change for
// every field that differs and a stage change when the stage differs. It
// writes nothing and returns false when after equals the loaded deal in
// every recorded field. A change of a form field counts the version up,
// and a change of stage, probability or close fields alone does not, so
// that a stage move does not turn an open form's save into a conflict.
func (e *dealEdit) save(after app.Opportunity) (bool, error) {
	changes, err := e.fieldChanges(after)
	if err != nil || len(changes) == 0 {
		return false, err
	}

	audit, err := beginAudit(e.tx, app.EntityOpportunity, e.deal.ID, e.now)
	if err != nil {
		return false, err
	}

	if err := e.write(after); err != nil {
		return false, err
	}

	if err := e.tx.Create(&changes).Error; err != nil {
		return false, fmt.Errorf("record field changes of opportunity %d: %w", e.deal.ID, err)
	}

	if _, err := audit.finish(dealAuditAction(e.deal, after)); err != nil {
		return false, err
	}

	if after.StageID == e.deal.StageID {
		return true, nil
	}

	move := stageChangeRow{
		OpportunityID: e.deal.ID, FromStageID: optionalID(e.deal.StageID), ToStageID: after.StageID,
		At: e.now, AmountMinor: after.Amount.Minor, AmountCurrency: after.Amount.Currency,
		Probability: after.Probability, ChangedBy: e.by, UserID: e.userID,
	}
	if err := e.tx.Create(&move).Error; err != nil {
		return false, fmt.Errorf("record stage change of opportunity %d: %w", e.deal.ID, err)
	}

	return true, nil
}

// fieldChanges returns one row per recorded field whose value differs
// between the loaded deal and after.
func (e *dealEdit) fieldChanges(after app.Opportunity) ([]fieldChangeRow, error) {
	changes, err := e.namedChanges(after)
	if err != nil {
		return nil, err
	}

	for _, f := range dealFields {
		old, new := f.value(e.deal), f.value(after)
		if old != new {
			changes = append(changes, e.change(f.name, old, new))
		}
	}

	return changes, nil
}

// nameQueries look up the displayed name of a referenced record.
var nameQueries = map[string]string{
	"company": `SELECT name FROM companies WHERE id = ?`,
	"contact": `SELECT trim(first_name || ' ' || last_name) FROM contacts WHERE id = ?`,
	"stage":   `SELECT name FROM stages WHERE id = ?`,
}

// namedChanges records a changed company, contact or stage by the names
// of the old and new record.
func (e *dealEdit) namedChanges(after app.Opportunity) ([]fieldChangeRow, error) {
	refs := []struct {
		field    string
		old, new int64
	}{
		{"company", e.deal.CompanyID, after.CompanyID},
		{"contact", e.deal.ContactID, after.ContactID},
		{"stage", e.deal.StageID, after.StageID},
	}

	var changes []fieldChangeRow
	for _, ref := range refs {
		if ref.old == ref.new {
			continue
		}

		old, err := recordName(e.tx, ref.field, ref.old)
		if err != nil {
			return nil, err
		}

		new, err := recordName(e.tx, ref.field, ref.new)
		if err != nil {
			return nil, err
		}
		changes = append(changes, e.change(ref.field, old, new))
	}

	return changes, nil
}

func (e *dealEdit) change(field, old, new string) fieldChangeRow {
	return fieldChangeRow{
		OpportunityID: e.deal.ID, Field: field, OldValue: old, NewValue: new, At: e.now, ChangedBy: e.by,
		UserID: e.userID,
	}
}

// recordName returns the name of the company, contact or stage with the
// given id, or "" for id 0.
func recordName(tx *gorm.DB, field string, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}

	var name string
	if err := tx.Raw(nameQueries[field], id).Scan(&name).Error; err != nil {
		return "", fmt.Errorf("read name of %s %d: %w", field, id, err)
	}

	return name, nil
}
