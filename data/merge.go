package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"leadwerk/app"
)

// mergeTables names the table of each kind of merged record.
var mergeTables = map[app.DuplicateKind]string{
	app.DuplicateCompanies: "companies",
	app.DuplicateContacts:  "contacts",
	app.DuplicateLeads:     "leads",
}

// mergeColumns maps the merge fields that are not a column of the same
// name to their columns.
var mergeColumns = map[app.DuplicateKind]map[string][]string{
	app.DuplicateCompanies: {"revenue": {"revenue_minor", "revenue_currency"}},
	app.DuplicateContacts:  {"company": {"company_id"}},
}

func columnsOf(kind app.DuplicateKind, field string) []string {
	if columns, ok := mergeColumns[kind][field]; ok {
		return columns
	}

	return []string{field}
}

// mergeSnapshot is what undoing a merge needs, stored as JSON in the
// merges table. Moved lists the links in the order they were moved.
type mergeSnapshot struct {
	Kind       app.DuplicateKind `json:"kind"`
	KeptID     int64             `json:"kept_id"`
	RemovedIDs []int64           `json:"removed_ids"`
	Kept       storedRow         `json:"kept"`
	Removed    []storedRow       `json:"removed"`
	Moved      []movedLink       `json:"moved"`
	Dropped    []droppedRow      `json:"dropped"`
	Created    []createdRow      `json:"created"`
}

// movedLink is one link column of one row that the merge pointed from a
// removed record to the kept one, or to NULL.
type movedLink struct {
	foreignLink
	RowID int64  `json:"row_id"`
	From  int64  `json:"from"`
	To    *int64 `json:"to"`
}

// droppedRow is a row the merge deleted because its link could not move
// without breaking a unique constraint, such as a deal contact of the
// removed contact on a deal the kept contact is on as well.
type droppedRow struct {
	Table string    `json:"table"`
	Row   storedRow `json:"row"`
}

// createdRow is a row that a trigger inserted during the merge.
type createdRow struct {
	Table string `json:"table"`
	ID    int64  `json:"id"`
}

// MergeDuplicates merges the records r.RemoveIDs into r.KeepID in one
// transaction. Every row that references a removed record, found through
// the foreign keys of the schema, is pointed to the kept record. The
// kept record takes the chosen field values, and the removed records are
// deleted. The kept record and every row whose link moved get a new
// version. What undoing needs is stored in the merges table. It wraps
// [app.ErrInvalid] for a bad request and [app.ErrNotFound] when a record
// is missing.
func (s *Store) MergeDuplicates(ctx context.Context, r app.MergeRequest) (int64, error) {
	if err := r.Validate(); err != nil {
		return 0, err
	}

	var mergeID int64
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		m := merger{tx: tx, request: r, table: mergeTables[r.Kind], now: s.now()}
		var err error
		mergeID, err = m.run()

		return err
	})
	if err != nil {
		return 0, fmt.Errorf("merge %s %d with %v: %w", r.Kind, r.KeepID, r.RemoveIDs, err)
	}

	slog.Info("duplicates merged", "merge", mergeID, "kind", r.Kind, "kept", r.KeepID, "removed", r.RemoveIDs)

	return mergeID, nil
}

// merger runs one merge inside its transaction.
type merger struct {
	tx      *gorm.DB
	request app.MergeRequest
	table   string
	now     time.Time
	snap    mergeSnapshot
}

func (m *merger) run() (int64, error) {
	if err := m.readRecords(); err != nil {
		return 0, err
	}

	links, err := foreignLinks(m.tx, m.table)
	if err != nil {
		return 0, err
	}
	links = slices.DeleteFunc(links, isSearchLink)

	highest, err := highestIDs(m.tx, links)
	if err != nil {
		return 0, err
	}

	for _, link := range links {
		if err := m.moveLink(link); err != nil {
			return 0, err
		}
	}

	if err := m.replaceRecords(); err != nil {
		return 0, err
	}

	if m.snap.Created, err = createdSince(m.tx, highest); err != nil {
		return 0, err
	}

	if err := m.audit(); err != nil {
		return 0, err
	}

	return m.record()
}

// readRecords stores the kept and the removed rows in the snapshot.
func (m *merger) readRecords() error {
	r := m.request
	ids := append([]int64{r.KeepID}, r.RemoveIDs...)
	rows, err := readRows(m.tx, m.table, "id IN ?", ids)
	if err != nil {
		return err
	}

	m.snap = mergeSnapshot{Kind: r.Kind, KeptID: r.KeepID, RemovedIDs: r.RemoveIDs}
	for _, row := range rows {
		if row.id() == r.KeepID {
			m.snap.Kept = row
		} else {
			m.snap.Removed = append(m.snap.Removed, row)
		}
	}

	if m.snap.Kept == nil || len(m.snap.Removed) != len(slicesCompact(r.RemoveIDs)) {
		return fmt.Errorf("%s %v: %w", r.Kind, ids, app.ErrNotFound)
	}

	return nil
}

func slicesCompact(ids []int64) []int64 {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)

	return slices.Compact(sorted)
}

// moveLink points link's column from the removed records to the kept one.
// Rows that a unique constraint keeps from moving are deleted when the
// link cascades, or else set to NULL, and the snapshot keeps them.
func (m *merger) moveLink(link foreignLink) error {
	removed := m.request.RemoveIDs
	where := quoteName(link.Column) + " IN ?"
	before, err := readRows(m.tx, link.Table, where, removed)
	if err != nil || len(before) == 0 {
		return err
	}

	if err := m.pointLink(link, before); err != nil {
		return err
	}

	var stuck []int64
	query := "SELECT id FROM " + quoteName(link.Table) + " WHERE " + where
	if err := m.tx.Raw(query, removed).Scan(&stuck).Error; err != nil {
		return fmt.Errorf("read unmoved %s: %w", link.Table, err)
	}

	for _, row := range before {
		if err := m.settle(link, row, slices.Contains(stuck, row.id())); err != nil {
			return err
		}
	}

	return nil
}

// pointLink points link's column of the rows before to the kept record,
// except in each row where that would break a unique or check constraint.
// SQLite does that in one UPDATE OR IGNORE. PostgreSQL has no such
// statement, so there each row moves on its own behind a savepoint.
func (m *merger) pointLink(link foreignLink, before []storedRow) error {
	set := quoteName(link.Table) + " SET " + versionedSet(link.Table, quoteName(link.Column)+" = ?")
	if !isPostgresDB(m.tx) {
		update := "UPDATE OR IGNORE " + set + " WHERE " + quoteName(link.Column) + " IN ?"
		if err := m.tx.Exec(update, m.request.KeepID, m.request.RemoveIDs).Error; err != nil {
			return fmt.Errorf("move %s.%s: %w", link.Table, link.Column, err)
		}

		return nil
	}

	for _, row := range before {
		if err := updateOrIgnore(m.tx, "UPDATE "+set+" WHERE id = ?", m.request.KeepID, row.id()); err != nil {
			return fmt.Errorf("move %s.%s of %d: %w", link.Table, link.Column, row.id(), err)
		}
	}

	return nil
}

// PostgreSQL's SQLSTATE codes of a broken unique and a broken check
// constraint.
const (
	pgUniqueViolation = "23505"
	pgCheckViolation  = "23514"
)

// updateOrIgnore runs the PostgreSQL update query behind a savepoint and
// undoes it, returning nil, when it breaks a unique or check constraint,
// as SQLite's UPDATE OR IGNORE skips such a row.
func updateOrIgnore(tx *gorm.DB, query string, args ...any) error {
	const savepoint = "merge_move"
	if err := tx.SavePoint(savepoint).Error; err != nil {
		return err
	}

	err := tx.Exec(query, args...).Error
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && (pgErr.Code == pgUniqueViolation || pgErr.Code == pgCheckViolation) {
		return tx.RollbackTo(savepoint).Error
	}
	if err != nil {
		return err
	}

	return tx.Exec("RELEASE SAVEPOINT " + savepoint).Error
}

// isSearchLink reports whether link is leads_search.lead_id, the foreign
// key of PostgreSQL's search table. Triggers keep that table in step with
// the leads, as they keep SQLite's leads_fts, so a merge skips it.
func isSearchLink(link foreignLink) bool {
	return link.Table == "leads_search"
}

// settle records how row's link ended: moved to the kept record, or, when
// stuck, dropped or cleared.
func (m *merger) settle(link foreignLink, row storedRow, stuck bool) error {
	from := *row[link.Column].Int
	keep := m.request.KeepID
	if !stuck {
		m.snap.Moved = append(m.snap.Moved, movedLink{foreignLink: link, RowID: row.id(), From: from, To: &keep})
		return nil
	}

	if link.OnDelete == "CASCADE" {
		m.snap.Dropped = append(m.snap.Dropped, droppedRow{Table: link.Table, Row: row})
		err := m.tx.Exec("DELETE FROM "+quoteName(link.Table)+" WHERE id = ?", row.id()).Error
		if err != nil {
			return fmt.Errorf("drop %s %d: %w", link.Table, row.id(), err)
		}

		return nil
	}

	m.snap.Moved = append(m.snap.Moved, movedLink{foreignLink: link, RowID: row.id(), From: from})
	update := "UPDATE " + quoteName(link.Table) + " SET " + versionedSet(link.Table, quoteName(link.Column)+" = NULL") +
		" WHERE id = ?"
	if err := m.tx.Exec(update, row.id()).Error; err != nil {
		return fmt.Errorf("clear %s.%s of %d: %w", link.Table, link.Column, row.id(), err)
	}

	return nil
}

// replaceRecords deletes the removed records and gives the kept one the
// chosen values, its folded keys and, for a lead, its new score.
func (m *merger) replaceRecords() error {
	keep := m.request.KeepID
	if m.table == "companies" {
		// A kept company whose parent was merged into it would be its own parent.
		err := m.tx.Exec(`UPDATE companies SET parent_id = NULL WHERE id = ? AND parent_id = ?`, keep, keep).Error
		if err != nil {
			return fmt.Errorf("clear parent of company %d: %w", keep, err)
		}
	}

	err := m.tx.Exec("DELETE FROM "+quoteName(m.table)+" WHERE id IN ?", m.request.RemoveIDs).Error
	if err != nil {
		return fmt.Errorf("delete merged %s: %w", m.table, err)
	}

	if err := m.applyChoices(); err != nil {
		return err
	}

	return m.refreshKept()
}

// applyChoices copies the chosen fields of the removed records onto the
// kept one, as stored, touches its updated_at and raises its version.
func (m *merger) applyChoices() error {
	sets := map[string]any{"updated_at": m.now, "version": raisedVersion}
	for field, source := range m.request.Choices {
		if source == m.request.KeepID {
			continue
		}

		row := m.removedRow(source)
		for _, c := range columnsOf(m.request.Kind, field) {
			sets[c] = row[c].arg()
		}
	}

	if err := m.tx.Table(m.table).Where("id = ?", m.request.KeepID).Updates(sets).Error; err != nil {
		return fmt.Errorf("write chosen values of %s %d: %w", m.request.Kind, m.request.KeepID, err)
	}

	return nil
}

func (m *merger) removedRow(id int64) storedRow {
	for _, row := range m.snap.Removed {
		if row.id() == id {
			return row
		}
	}

	return nil
}

// refreshKept recomputes what the kept record derives from its fields.
func (m *merger) refreshKept() error {
	keep := m.request.KeepID
	switch m.request.Kind {
	case app.DuplicateCompanies:
		var name string
		if err := m.tx.Raw(`SELECT name FROM companies WHERE id = ?`, keep).Scan(&name).Error; err != nil {
			return fmt.Errorf("read merged company %d: %w", keep, err)
		}

		return m.tx.Exec(`UPDATE companies SET name_key = ? WHERE id = ?`, app.NormalizeCompany(name), keep).Error
	case app.DuplicateLeads:
		return m.refreshLead()
	}

	return nil
}

// refreshLead stores the kept lead's duplicate keys, its newest activity
// time among the merged leads, and its score with the moved activities
// and qualifications.
func (m *merger) refreshLead() error {
	keep := m.request.KeepID
	row, err := takeLead(m.tx, keep)
	if err != nil {
		return err
	}

	l, err := row.toApp()
	if err != nil {
		return err
	}

	keys := app.KeysOf(l)
	err = m.tx.Exec(`UPDATE leads SET email_key = ?, name_key = ?, company_key = ? WHERE id = ?`,
		keys.Email, keys.Name, keys.Company, keep).Error
	if err != nil {
		return fmt.Errorf("store keys of lead %d: %w", keep, err)
	}

	if latest := m.latestActivity(); latest != nil {
		err := m.tx.Exec(`UPDATE leads SET last_activity_at = ? WHERE id = ?`, *latest, keep).Error
		if err != nil {
			return fmt.Errorf("store last activity of lead %d: %w", keep, err)
		}
	}

	_, err = rescoreLead(m.tx, keep, m.now)

	return err
}

// latestActivity returns the newest last_activity_at text of the merged
// leads, or nil when none has one. The texts are UTC timestamps in one
// format, so they order as strings.
func (m *merger) latestActivity() *string {
	var latest *string
	for _, row := range append([]storedRow{m.snap.Kept}, m.snap.Removed...) {
		if t := row["last_activity_at"].Text; t != nil && (latest == nil || *t > *latest) {
			latest = t
		}
	}

	return latest
}

// record inserts the merges row with the snapshot and returns its id.
func (m *merger) record() (int64, error) {
	snapshot, err := json.Marshal(m.snap)
	if err != nil {
		return 0, fmt.Errorf("encode merge snapshot: %w", err)
	}

	row := mergeRow{
		Kind: string(m.request.Kind), KeptID: m.request.KeepID, KeptTitle: m.keptTitle(),
		RemovedCount: len(m.snap.Removed), Snapshot: string(snapshot), MergedAt: m.now,
	}
	if err := m.tx.Create(&row).Error; err != nil {
		return 0, fmt.Errorf("record merge: %w", err)
	}

	return row.ID, nil
}

// keptTitle names the kept record for the "Recent merges" list.
func (m *merger) keptTitle() string {
	var title string
	query := map[string]string{
		"companies": `SELECT name FROM companies WHERE id = ?`,
		"contacts":  `SELECT trim(first_name || ' ' || last_name) FROM contacts WHERE id = ?`,
		"leads":     `SELECT trim(first_name || ' ' || last_name) FROM leads WHERE id = ?`,
	}[m.table]
	if err := m.tx.Raw(query, m.request.KeepID).Scan(&title).Error; err != nil {
		slog.Warn("merge title not read", "kind", m.request.Kind, "id", m.request.KeepID, "err", err)
	}

	return title
}

// highestIDs returns the highest id of each linked table, so rows that
// triggers add during the merge can be told apart.
func highestIDs(tx *gorm.DB, links []foreignLink) (map[string]int64, error) {
	highest := map[string]int64{}
	for _, link := range links {
		if _, ok := highest[link.Table]; ok {
			continue
		}

		var id int64
		err := tx.Raw("SELECT COALESCE(MAX(id), 0) FROM " + quoteName(link.Table)).Scan(&id).Error
		if err != nil {
			return nil, fmt.Errorf("read highest id of %s: %w", link.Table, err)
		}
		highest[link.Table] = id
	}

	return highest, nil
}

func createdSince(tx *gorm.DB, highest map[string]int64) ([]createdRow, error) {
	var created []createdRow
	for _, table := range sortedKeys(highest) {
		var ids []int64
		err := tx.Raw("SELECT id FROM "+quoteName(table)+" WHERE id > ? ORDER BY id", highest[table]).Scan(&ids).Error
		if err != nil {
			return nil, fmt.Errorf("read rows added to %s: %w", table, err)
		}

		for _, id := range ids {
			created = append(created, createdRow{Table: table, ID: id})
		}
	}

	return created, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	return keys
}

// mergeRow is a row of the merges table.
type mergeRow struct {
	ID           int64      `gorm:"column:id;primaryKey"`
	Kind         string     `gorm:"column:kind"`
	KeptID       int64      `gorm:"column:kept_id"`
	KeptTitle    string     `gorm:"column:kept_title"`
	RemovedCount int        `gorm:"column:removed_count"`
	Snapshot     string     `gorm:"column:snapshot"`
	MergedAt     time.Time  `gorm:"column:merged_at"`
	UndoneAt     *time.Time `gorm:"column:undone_at"`
}

func (mergeRow) TableName() string { return "merges" }
