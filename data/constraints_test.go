package data

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/app/maven"
	"leadwerk/app/testenv"
)

func TestRuleTriggersRejectInvalidRows(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	var dealID, companyID, pipelineID, stageID int64
	s.db.Raw(`SELECT id, pipeline_id, stage_id FROM opportunities ORDER BY id LIMIT 1`).
		Row().Scan(&dealID, &pipelineID, &stageID)
	s.db.Raw(`SELECT id FROM companies ORDER BY id LIMIT 1`).Scan(&companyID)
	if dealID == 0 || companyID == 0 {
		t.Fatal("the sample batch stored no deal or company")
	}

	cases := []struct {
		name    string
		query   string
		args    []any
		message string
	}{
		{"negative amount", `UPDATE opportunities SET amount_minor = -1 WHERE id = ?`, []any{dealID},
			"amount of a deal"},
		{"amount above 1 trillion", `UPDATE opportunities SET amount_minor = 1000000000001 WHERE id = ?`,
			[]any{dealID}, "amount of a deal"},
		{"negative budget", `UPDATE opportunities SET customer_budget_minor = -5 WHERE id = ?`, []any{dealID},
			"customer budget"},
		{"probability 101", `UPDATE opportunities SET probability = 101 WHERE id = ?`, []any{dealID},
			"probability of a deal"},
		{"close date 30 February", `UPDATE opportunities SET close_date = '2026-02-30' WHERE id = ?`,
			[]any{dealID}, "close date"},
		{"close date in another form", `UPDATE opportunities SET close_date = '30.06.2026' WHERE id = ?`,
			[]any{dealID}, "close date"},
		{"blank title", `UPDATE opportunities SET title = '  ' WHERE id = ?`, []any{dealID}, "title of a deal"},
		{"blank company name", `UPDATE companies SET name = '' WHERE id = ?`, []any{companyID}, "name of a company"},
		{"negative revenue", `UPDATE companies SET revenue_minor = -1 WHERE id = ?`, []any{companyID},
			"revenue of a company"},
		{"lead without any name", `INSERT INTO leads (created_at, updated_at) VALUES (?, ?)`,
			[]any{time.Now().UTC(), time.Now().UTC()}, "neither a name nor a company"},
		{"blank stage name", `UPDATE stages SET name = ' ' WHERE id = ?`, []any{stageID}, "name of a stage"},
		{"blank pipeline name", `UPDATE pipelines SET name = '' WHERE id = ?`, []any{pipelineID},
			"name of a sales process"},
		{"stage change amount negative", `UPDATE stage_changes SET amount_minor = -1 WHERE opportunity_id = ?`,
			[]any{dealID}, "amount of a stage change"},
	}

	for _, c := range cases {
		err := s.db.Exec(c.query, c.args...).Error
		if !errors.Is(err, app.ErrInvalid) {
			t.Errorf("%s: error = %v, want one wrapping app.ErrInvalid", c.name, err)
			continue
		}
		if !strings.Contains(err.Error(), c.message) || strings.Contains(err.Error(), ruleMarker) {
			t.Errorf("%s: message %q does not contain %q without the marker", c.name, err, c.message)
		}
	}
}

func TestRuleTriggersAcceptValidEdges(t *testing.T) {
	s := openTestStore(t)
	mustImport(t, s, sampleBatch())

	updates := []string{
		`UPDATE opportunities SET amount_minor = 1000000000000, probability = 0, close_date = '2024-02-29'`,
		`UPDATE opportunities SET probability = 100, close_date = ''`,
		`UPDATE leads SET first_name = '', last_name = '', company_name = 'Berg GmbH'`,
	}
	for _, query := range updates {
		if err := s.db.Exec(query).Error; err != nil {
			t.Errorf("%s: %v", query, err)
		}
	}
}

func TestRuleErrorFromGormCreate(t *testing.T) {
	s := openTestStore(t)

	row := companyRow{Name: " ", CreatedAt: time.Now().UTC(), UpdatedAt: time.Now().UTC()}
	err := s.db.Create(&row).Error
	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("Create of a nameless company: error = %v, want one wrapping app.ErrInvalid", err)
	}
}

func TestConstraintErrorKeepsOtherErrors(t *testing.T) {
	other := errors.New("database is locked (5)")
	if got := constraintError(other); got != other {
		t.Errorf("constraintError(%v) = %v, want it unchanged", other, got)
	}

	got := constraintError(errors.New(ruleMarker + "the title of a deal is empty: enter a title (1811)"))
	if got.Error() != "the title of a deal is empty: enter a title: invalid value" {
		t.Errorf("message = %q", got)
	}
}

func TestDemoDataPassesRules(t *testing.T) {
	s := openTestStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.Date{Year: 2026, Month: time.March, Day: 31})
	if _, err := s.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatalf("LoadDemo with the rule triggers: %v", err)
	}

	assertRowsPassRules(t, s, "opportunities", "stage_changes", "companies", "leads", "pipelines", "stages")
}

func TestMavenDataPassesRules(t *testing.T) {
	dir := testenv.SharedData(t, "maven-crm")
	batch, err := maven.Load(dir)
	if err != nil {
		t.Fatalf("maven.Load: %v", err)
	}

	s := openTestStore(t)
	if _, err := s.Import(context.Background(), batch, nil); err != nil {
		t.Fatalf("Import with the rule triggers: %v", err)
	}

	assertRowsPassRules(t, s, "opportunities", "stage_changes", "companies", "pipelines", "stages")
}

// assertRowsPassRules rewrites every rule column of every row with its
// own value, which fires the update triggers on all stored rows. Each
// table of filled must have rows, or its rules were not tried.
func assertRowsPassRules(t *testing.T, s *Store, filled ...string) {
	t.Helper()

	for _, table := range v16Rules {
		var sets []string
		for _, r := range table.rules {
			for _, column := range strings.Split(r.columns, ", ") {
				sets = append(sets, column+" = "+column)
			}
		}

		var rows int64
		s.db.Raw(`SELECT COUNT(*) FROM ` + table.table).Scan(&rows)
		if rows == 0 && slices.Contains(filled, table.table) {
			t.Errorf("table %s is empty, so its rules were not tried", table.table)
		}

		if err := s.db.Exec(`UPDATE ` + table.table + ` SET ` + strings.Join(sets, ", ")).Error; err != nil {
			t.Errorf("stored %s break a rule: %v", table.table, err)
		}
	}
}
