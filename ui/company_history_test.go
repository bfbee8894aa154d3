package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/app/mapping"
	"leadwerk/data"
)

// changeCompany imports a file that gives the company a new sector and
// adds a second company, then merges the second into the first, so the
// company's history has an import update and a merge.
func changeCompany(t *testing.T, store *data.Store, c app.Company) {
	t.Helper()
	ctx := context.Background()

	path := filepath.Join(t.TempDir(), "firmen.csv")
	content := fmt.Sprintf("Account Name,Industry\n%s,Maschinenbau\nNeue Firma GmbH,Handel\n", c.Name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	plan, err := mapping.Prepare(path, mapping.Preset{}, mapping.KindCompanies)
	if err != nil {
		t.Fatal(err)
	}
	report, err := store.ImportFile(ctx, plan, nil)
	if err != nil || report.Updated != 1 || report.New != 1 {
		t.Fatalf("import = %+v, %v; want 1 updated and 1 new", report, err)
	}

	found, err := store.SearchCompanies(ctx, "Neue Firma", 5)
	if err != nil || len(found) != 1 {
		t.Fatalf("search for the new company = %+v, %v", found, err)
	}
	merge := app.MergeRequest{Kind: app.DuplicateCompanies, KeepID: c.ID, RemoveIDs: []int64{found[0].ID}}
	if _, err := store.MergeDuplicates(ctx, merge); err != nil {
		t.Fatal(err)
	}
}

func TestCompanyHistoryFromDealDetail(t *testing.T) {
	d, store, queue := openDealDetail(t)
	company := d.deal.Company
	if company.ID == 0 {
		t.Fatal("the demo deal has no company")
	}
	changeCompany(t, store, company)
	d.show(d.deal.ID)
	queue.waitFor(t, "the reloaded deal", func() bool { return d.deal.Company.Sector == "Maschinenbau" })

	if d.companyButton == nil || d.companyButton.Hidden {
		t.Fatal("the deal detail shows no company history button")
	}
	test.Tap(d.companyButton)
	h := d.companyHistory
	queue.waitFor(t, "the company history", func() bool { return len(h.entries) > 0 })

	want := []string{
		"merged Neue Firma GmbH (#",
		"Import · Sector: ",
		"→ Maschinenbau",
	}
	for _, text := range want {
		if !findLabelContaining(h.content, text) {
			t.Errorf("the history has no line containing %q", text)
		}
	}
	overlay := d.errors.window.Canvas().Overlays().Top()
	if overlay == nil || !findLabel(overlay, company.Name) {
		t.Errorf("the dialog does not show the company's name %q", company.Name)
	}

	if dir := os.Getenv("LEADWERK_SCREENSHOTS"); dir != "" {
		writePNG(t, filepath.Join(dir, "company-history.png"), d.errors.window.Canvas().Capture())
	}
}
