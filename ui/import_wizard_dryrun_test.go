package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app/mapping"
)

func TestDryRunPageListsDuplicateRows(t *testing.T) {
	test.NewTempApp(t)
	p := newWizardDryRunPage(&importWizard{language: "en"})
	report := mapping.Report{Kind: mapping.KindCompanies, Rows: 5, New: 2, Unchanged: 1, Duplicates: 2,
		DuplicateRows: []mapping.DuplicateRow{{Line: 3, OfLine: 2}, {Line: 6, OfLine: 2}}}

	p.show(report)

	if want := "5 rows: 2 new, 0 updated, 1 unchanged, 2 duplicates, 0 rejected"; !strings.HasPrefix(p.counts.Text, want) {
		t.Errorf("counts = %q, want it to start with %q", p.counts.Text, want)
	}
	if rows, _ := p.tableSize(); rows != 3 {
		t.Errorf("table has %d rows, want a header and the 2 duplicates", rows)
	}
	table := p.rejectionTable()
	if want := []string{"6", "", "Duplicate of line 2", ""}; !slices.Equal(table[len(table)-1], want) {
		t.Errorf("last row = %q, want %q", table[len(table)-1], want)
	}
	if p.copy.Disabled() {
		t.Error("Copy is disabled, want it enabled for the duplicate rows")
	}
}
