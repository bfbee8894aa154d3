package data

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// leadsFile returns a CSV file of n leads whose e-mail addresses start
// with prefix.
func leadsFile(prefix string, n int) []byte {
	var b strings.Builder
	b.WriteString("First Name,Last Name,Company,Email\n")
	for i := range n {
		fmt.Fprintf(&b, "%s%d,Tester,%s Company %d,%s%d@example.com\n", prefix, i, prefix, i, prefix, i)
	}

	return []byte(b.String())
}

// importAtOnce runs an import of each plan and creates extra leads, all
// at the same time, and returns the imports' reports in plan order.
func importAtOnce(t *testing.T, s *Store, plans []mapping.Plan, extra int) []mapping.Report {
	t.Helper()

	var wg sync.WaitGroup
	reports := make([]mapping.Report, len(plans))
	errs := make([]error, len(plans)+extra)
	for i, plan := range plans {
		wg.Go(func() {
			reports[i], errs[i] = s.ImportFile(context.Background(), plan, nil)
		})
	}
	for i := range extra {
		wg.Go(func() {
			_, errs[len(plans)+i] = s.CreateLead(context.Background(),
				person("Extra", fmt.Sprint(i), "Extra GmbH", fmt.Sprintf("extra%d@example.com", i)))
		})
	}
	wg.Wait()

	for i, err := range errs {
		if err != nil {
			t.Errorf("write %d of %d: %v", i+1, len(errs), err)
		}
	}

	return reports
}

// importFileOf returns the file of the import summary in the history of
// lead id, or "" when the history has none.
func importFileOf(t *testing.T, s *Store, id int64) string {
	t.Helper()

	entries, err := s.AuditHistory(context.Background(), app.EntityLead, id, 0)
	if err != nil {
		t.Fatalf("AuditHistory of lead %d: %v", id, err)
	}

	for _, e := range entries {
		if e.Import != nil {
			return e.Import.File
		}
	}

	return ""
}

func TestFileImportsAtOnceKeepEveryLead(t *testing.T) {
	// The clock runs, because the history separates an import's leads
	// from other leads in its id range by their creation time.
	s := openTestStore(t)
	mustCreate(t, s, person("First", "Lead", "First GmbH", "first@example.com"))
	const rows, extra = 300, 10
	plans := []mapping.Plan{
		preparePlan(t, writeFile(t, "a.csv", leadsFile("a", rows)), ""),
		preparePlan(t, writeFile(t, "b.csv", leadsFile("b", rows)), ""),
	}

	reports := importAtOnce(t, s, plans, extra)

	for i, r := range reports {
		if r.New != rows {
			t.Errorf("import %d created %d leads, want %d", i+1, r.New, rows)
		}
	}
	if got, want := countRows(t, s, "leads"), 1+2*rows+extra; got != want {
		t.Errorf("leads after the imports = %d, want %d", got, want)
	}

	// mustCreate fails on an id that one of the imports took already.
	mustCreate(t, s, person("Last", "Lead", "Last GmbH", "last@example.com"))
	again := importFile(t, s, plans[0])
	if again.New != 0 || again.Unchanged != rows {
		t.Errorf("import of a.csv again = %+v, want 0 new and %d unchanged", again, rows)
	}

	wantFiles := map[string]string{
		"a0@example.com": "a.csv", fmt.Sprintf("b%d@example.com", rows-1): "b.csv",
		"extra0@example.com": "", fmt.Sprintf("extra%d@example.com", extra-1): "",
	}
	for email, want := range wantFiles {
		if got := importFileOf(t, s, leadIDByEmail(t, s, email)); got != want {
			t.Errorf("import in the history of %s = %q, want %q", email, got, want)
		}
	}
}

func TestSameFileImportedAtOnceAddsOnce(t *testing.T) {
	s := openLeadStore(t)
	const rows = 200
	path := writeFile(t, "same.csv", leadsFile("same", rows))
	plans := []mapping.Plan{preparePlan(t, path, ""), preparePlan(t, path, "")}

	reports := importAtOnce(t, s, plans, 0)

	if got := countRows(t, s, "leads"); got != rows {
		t.Errorf("leads after importing one file twice at once = %d, want %d", got, rows)
	}
	created := reports[0].New + reports[1].New
	unchanged := reports[0].Unchanged + reports[1].Unchanged
	if created != rows || unchanged != rows {
		t.Errorf("reports = %+v and %+v, want %d new in one and %d unchanged in the other", reports[0], reports[1],
			rows, rows)
	}
}
