package data

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// richStore returns a store with the demo data and a record in every
// table the demo leaves empty: a deleted stage that deals still refer
// to, competitors, ticked milestones, field changes, an offer with its
// lines and PDF, a converted lead, a lead activity without a deal, and
// settings.
func richStore(t *testing.T) *Store {
	t.Helper()

	ctx := context.Background()
	s := openTestStore(t)
	fixed := time.Date(2026, time.April, 1, 8, 30, 0, 123456789, time.UTC)
	s.now = func() time.Time { return fixed }

	if _, err := s.LoadDemo(ctx, demo.Generate(7, app.Date{Year: 2026, Month: time.March, Day: 31}), nil); err != nil {
		t.Fatal(err)
	}

	if err := s.SaveCloseReasons(ctx, app.CloseReasons{Won: []string{"Price"}, Lost: []string{"Timing", "Zu teuer"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveUserName(ctx, "Anna Schmidt"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn(ctx, "anna"); err != nil {
		t.Fatal(err)
	}

	statements := []string{
		`UPDATE stages SET deleted_at = '2026-03-01 10:00:00+00:00', name = 'Old stage'
			WHERE id = (SELECT MIN(stage_id) FROM opportunities)`,
		`INSERT INTO competitors (opportunity_id, name, strengths, weaknesses, status)
			SELECT MIN(id), 'Rival, "Inc."', 'cheap', 'slow; late', 'active' FROM opportunities`,
		`INSERT INTO opportunity_milestones (opportunity_id, stage_id, milestone, done_at)
			SELECT id, stage_id, 'Budget confirmed', '2026-02-02 09:00:00+00:00' FROM opportunities ORDER BY id LIMIT 3`,
		`INSERT INTO opportunity_field_changes (opportunity_id, field, old_value, new_value, at, changed_by)
			SELECT MIN(id), 'owner', 'Ben', 'Anna', '2026-02-03 09:00:00.5+00:00', 'Anna' FROM opportunities`,
		`INSERT INTO offer_numbers (year, last_sequence) VALUES (2026, 4)`,
		`INSERT INTO offers (opportunity_id, number, issued_on, valid_until, currency, vat_rate_hundredths,
			net_minor, vat_minor, gross_minor, pdf, created_at)
			SELECT MIN(id), '2026-0004', '2026-03-01', '2026-03-31', 'EUR', 1900, 10000, 1900, 11900,
				X'255044460001FF', '2026-03-01 12:00:00+00:00' FROM opportunities`,
		`INSERT INTO offer_lines (offer_id, position, product, quantity_thousandths, unit_price_minor,
			discount_hundredths, net_minor) SELECT MIN(id), 1, 'GTX Pro', 2000, 5000, 0, 10000 FROM offers`,
		`UPDATE leads SET converted_opportunity_id = (SELECT MAX(id) FROM opportunities),
			converted_company_id = (SELECT MAX(id) FROM companies), converted_company_created = 1,
			predicted = 0.125, lead_value_minor = 5000, lead_value_currency = 'EUR',
			handed_over_at = '2026-01-05 08:00:00+00:00', handed_over_by = 'Ben'
			WHERE id = (SELECT MIN(id) FROM leads)`,
		`INSERT INTO contacts (company_id, first_name, last_name, role, buying_role, email, phone, created_at, updated_at,
			source_ref) SELECT MIN(id), 'Jörg', 'Weiß', 'CFO', 'decision_maker', 'jw@example.com', '+49 30 1',
				'2026-01-01 00:00:00+00:00', '2026-01-02 00:00:00+00:00', 'hubspot:contact:501' FROM companies`,
		`UPDATE opportunities SET contact_id = (SELECT MAX(id) FROM contacts) WHERE id = (SELECT MIN(id) FROM opportunities)`,
		`INSERT INTO lead_status_changes (lead_id, from_status, to_status, reason, at)
			SELECT MIN(id), 'new', 'contacted', 'called', '2026-01-03 10:00:00+00:00' FROM leads`,
		`INSERT INTO merges (kind, kept_id, kept_title, removed_count, snapshot, merged_at)
			VALUES ('lead', 1, 'Kept lead', 1, '{"removed": [1, 2]}', '2026-03-03 10:00:00+00:00')`,
		`INSERT INTO audit_log (change_id, entity_kind, entity_id, action, field, old_value, new_value, at, changed_by)
			VALUES (1, 'lead', 1, 'edit', 'city', NULL, 'Köln', '2026-03-04 10:00:00+00:00', 'Anna')`,
		`INSERT INTO trash (kind, entity_id, title, row_count, snapshot, deleted_at, deleted_by)
			VALUES ('lead', 99999, 'Gone lead', 1, '{"rows": []}', '2026-03-05 10:00:00+00:00', 'Anna')`,
		`INSERT INTO trash_people (trash_id, kind, entity_id, email) SELECT MAX(id), 'lead', 99999, 'gone@example.com' FROM trash`,
		`UPDATE opportunities SET next_step = 'Send the offer', close_date = '2026-04-15'
			WHERE id = (SELECT MAX(o.id) FROM opportunities o JOIN stages st ON st.id = o.stage_id
				WHERE st.kind = 'open' AND st.deleted_at IS NULL)`,
		`UPDATE companies SET parent_id = (SELECT MAX(id) FROM companies) WHERE id = (SELECT MIN(id) FROM companies)`,
		`INSERT INTO activities (opportunity_id, lead_id, kind, subject, notes, due, done, created_at)
			SELECT MIN(id), (SELECT MAX(id) FROM leads), 'call', 'Follow up', 'Zeile 1
Zeile 2', '2026-04-02 09:00:00+00:00', 0, '2026-03-30 09:00:00+00:00' FROM opportunities`,
	}
	for _, statement := range statements {
		if s.backend.isPostgres() {
			// PostgreSQL writes a bytea literal with decode, not X'…'.
			statement = strings.ReplaceAll(statement, "X'255044460001FF'", "decode('255044460001FF', 'hex')")
		}
		if err := s.db.Exec(statement).Error; err != nil {
			t.Fatalf("%s: %v", statement, err)
		}
	}

	return s
}

func exportString(t *testing.T, s *Store) string {
	t.Helper()

	var buf bytes.Buffer
	if err := s.ExportJSON(context.Background(), &buf, nil); err != nil {
		t.Fatal(err)
	}

	return buf.String()
}

func TestJSONRoundTripIsIdentical(t *testing.T) {
	source := richStore(t)
	first := exportString(t, source)

	target := openTestStore(t)
	target.now = source.now
	if err := target.ImportJSON(context.Background(), strings.NewReader(first), nil); err != nil {
		t.Fatal(err)
	}

	second := exportString(t, target)
	if first != second {
		firstLines, secondLines := strings.Split(first, "\n"), strings.Split(second, "\n")
		for i := range min(len(firstLines), len(secondLines)) {
			if firstLines[i] != secondLines[i] {
				t.Fatalf("second export differs at line %d:\n%s\nwant\n%s", i+1, secondLines[i], firstLines[i])
			}
		}
		t.Fatalf("second export has %d lines, want %d", len(secondLines), len(firstLines))
	}
}

func TestJSONExportFillsEveryList(t *testing.T) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(exportString(t, richStore(t))), &doc); err != nil {
		t.Fatalf("export is not valid JSON: %v", err)
	}

	for _, table := range exportTables {
		var records []map[string]json.RawMessage
		if err := json.Unmarshal(doc[table.section], &records); err != nil {
			t.Fatalf("section %s: %v", table.section, err)
		}
		if len(records) == 0 {
			t.Errorf("section %s is empty", table.section)
			continue
		}

		for _, child := range table.children {
			if !anyChildren(records, child.section) {
				t.Errorf("no %s record has %s", table.section, child.section)
			}
		}
	}
}

func anyChildren(records []map[string]json.RawMessage, section string) bool {
	for _, r := range records {
		if len(r[section]) > 2 {
			return true
		}
	}

	return false
}

func TestJSONRoundTripKeepsLeadSearch(t *testing.T) {
	source := richStore(t)
	target := openTestStore(t)
	if err := target.ImportJSON(context.Background(), strings.NewReader(exportString(t, source)), nil); err != nil {
		t.Fatal(err)
	}

	lead, err := source.ListLeads(context.Background(), app.LeadQuery{Limit: 1})
	if err != nil || len(lead) != 1 {
		t.Fatalf("ListLeads = %v, %v", lead, err)
	}
	q := app.LeadQuery{Search: lead[0].LastName}
	want, err := source.CountLeads(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	got, err := target.CountLeads(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if got != want || got == 0 {
		t.Errorf("search %q finds %d imported leads, want %d", q.Search, got, want)
	}

	dupes, err := target.FindDuplicates(context.Background(), app.Lead{FirstName: lead[0].FirstName,
		LastName: lead[0].LastName, CompanyName: lead[0].CompanyName, Email: lead[0].Email})
	if err != nil {
		t.Fatal(err)
	}
	if len(dupes) == 0 {
		t.Error("FindDuplicates finds no imported lead, so the folded keys were not computed")
	}
}

func TestJSONImportRejectsFilledDatabase(t *testing.T) {
	source := richStore(t)
	err := source.ImportJSON(context.Background(), strings.NewReader(exportString(t, source)), nil)
	if !errors.Is(err, app.ErrNotEmpty) {
		t.Errorf("ImportJSON into a filled database = %v, want ErrNotEmpty", err)
	}
}

func TestJSONImportRejectsBadDocuments(t *testing.T) {
	cases := map[string]string{
		"other format":  `{"format":"crm","version":1}`,
		"newer version": `{"format":"leadwerk-export","version":2}`,
		"no header":     `{"companies":[]}`,
		"unknown field": `{"format":"leadwerk-export","version":1,"companies":[{"id":1,"name":"A","colour":"red","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}]}`,
		"unknown list":  `{"format":"leadwerk-export","version":1,"invoices":[]}`,
		"dangling ref":  `{"format":"leadwerk-export","version":1,"contacts":[{"id":1,"company_id":99,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}]}`,
		"bad time":      `{"format":"leadwerk-export","version":1,"companies":[{"id":1,"name":"A","created_at":"yesterday","updated_at":"2026-01-01T00:00:00Z"}]}`,
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			s := openTestStore(t)
			err := s.ImportJSON(context.Background(), strings.NewReader(doc), nil)
			if !errors.Is(err, app.ErrInvalid) {
				t.Fatalf("ImportJSON = %v, want ErrInvalid", err)
			}

			pipelines, err := s.Pipelines(context.Background())
			if err != nil || len(pipelines) != 1 {
				t.Errorf("after the failed import the database has %d pipelines (%v), want the default one back",
					len(pipelines), err)
			}
		})
	}
}

func TestJSONImportCancelled(t *testing.T) {
	doc := exportString(t, richStore(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	s := openTestStore(t)
	if err := s.ImportJSON(ctx, strings.NewReader(doc), nil); err == nil {
		t.Fatal("ImportJSON with a cancelled context succeeded")
	}
	if empty, err := s.IsEmpty(context.Background()); err != nil || !empty {
		t.Errorf("IsEmpty after a cancelled import = %v, %v; want true", empty, err)
	}
}

// TestJSONExportCoversEveryColumn fails when a migration adds a table or
// column that the export neither writes nor names as derived or
// skipped, so the full export never silently drops data.
func TestJSONExportCoversEveryColumn(t *testing.T) {
	s := openTestStore(t)
	covered := map[string][]string{}
	var walk func(tables []exportTable)
	walk = func(tables []exportTable) {
		for _, table := range tables {
			if table.parentColumn != "" {
				covered[table.table] = append(covered[table.table], table.parentColumn)
			}
			for _, f := range table.fields {
				covered[table.table] = append(covered[table.table], f.name)
			}
			walk(table.children)
		}
	}
	walk(exportTables)
	for table, columns := range derivedColumns {
		covered[table] = append(covered[table], columns...)
	}

	listTables := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
		AND name NOT LIKE 'leads_fts_%'`
	listColumns := `SELECT name FROM pragma_table_info(?)`
	if s.backend.isPostgres() {
		// leads_search is PostgreSQL's leads_fts, which the export skips.
		listTables = `SELECT table_name FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name <> 'leads_search'`
		listColumns = `SELECT column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = ?`
	}

	var tables []string
	err := s.db.Raw(listTables).Scan(&tables).Error
	if err != nil {
		t.Fatal(err)
	}

	for _, table := range tables {
		if slices.Contains(skippedTables, table) {
			continue
		}
		if covered[table] == nil {
			t.Errorf("table %s is not in the JSON export", table)
			continue
		}

		var columns []string
		if err := s.db.Raw(listColumns, table).Scan(&columns).Error; err != nil {
			t.Fatal(err)
		}
		for _, column := range columns {
			if !slices.Contains(covered[table], column) {
				t.Errorf("column %s.%s is not in the JSON export", table, column)
			}
		}
	}
}
