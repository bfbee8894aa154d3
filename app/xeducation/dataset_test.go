package xeducation_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/app/testenv"
	"leadwerk/app/xeducation"
)

// The figures of the real file, counted with awk and Python's csv module
// from Leads.csv: lines after the header, the Converted column, and the
// Lead Source column lower-cased, keyed here by the spelling Load keeps.
const (
	wantLeads          = 9240
	wantConverted      = 3561
	wantNotConverted   = 5679
	wantEmptySource    = 36
	wantGoogle         = 2868 + 5 // "Google" and "google"
	wantDoNotEmail     = 734
	wantDoNotCall      = 2
	wantEmptyCity      = 2249 + 1420 // "Select" and empty
	wantEmptyIndustry  = 1942 + 1438 // Specialization "Select" and empty
	wantSourceSpelling = 21          // distinct sources after unifying, "" included
)

var wantSourceCounts = map[string]int{
	"Google":            wantGoogle,
	"Direct Traffic":    2543,
	"Olark Chat":        1755,
	"Organic Search":    1154,
	"Reference":         534,
	"Welingak Website":  142,
	"Referral Sites":    125,
	"Facebook":          55,
	"":                  wantEmptySource,
	"bing":              6,
	"Click2call":        4,
	"Social Media":      2,
	"Live Chat":         2,
	"Press_Release":     2,
	"blog":              1,
	"Pay per Click Ads": 1,
	"WeLearn":           1,
	"welearnblog_Home":  1,
	"youtubechannel":    1,
	"testone":           1,
	"NC_EDM":            1,
}

var wantOriginCounts = map[string]int{
	"Landing Page Submission": 4886,
	"API":                     3580,
	"Lead Add Form":           718,
	"Lead Import":             55,
	"Quick Add Form":          1,
}

func loadDataset(t *testing.T) (app.ImportBatch, string) {
	t.Helper()

	path := filepath.Join(testenv.SharedData(t, "xeducation-leads"), "Leads.csv")
	b, err := xeducation.Load(path)
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}

	return b, path
}

// fileRecord is one line of the file with the values the tests compare,
// read without the code under test.
type fileRecord struct {
	id, source, converted string
}

// readFile reads the file with encoding/csv directly. It folds a source
// by lower-casing it and reads "Select" as empty, the two rules Load must
// apply, with its own code.
func readFile(t *testing.T, path string) []fileRecord {
	t.Helper()

	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	records, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}

	column := map[string]int{}
	for i, name := range records[0] {
		column[name] = i
	}

	var out []fileRecord
	for _, r := range records[1:] {
		source := r[column["Lead Source"]]
		if source == "Select" {
			source = ""
		}
		out = append(out, fileRecord{
			id:        r[column["Prospect ID"]],
			source:    strings.ToLower(source),
			converted: r[column["Converted"]],
		})
	}

	return out
}

// statusCount is the number of converted and new leads of one source.
type statusCount struct{ converted, new int }

func TestDatasetCountsPerSourceAndStatus(t *testing.T) {
	b, path := loadDataset(t)

	want := map[string]statusCount{}
	for _, r := range readFile(t, path) {
		c := want[r.source]
		switch r.converted {
		case "1":
			c.converted++
		case "0":
			c.new++
		default:
			t.Fatalf("lead %s: Converted %q", r.id, r.converted)
		}
		want[r.source] = c
	}

	got := map[string]statusCount{}
	for _, l := range b.Leads {
		key := strings.ToLower(l.Source)
		c := got[key]
		switch l.Status {
		case app.LeadConverted:
			c.converted++
		case app.LeadNew:
			c.new++
		default:
			t.Fatalf("%s: status %q, want converted or new", l.SourceRef, l.Status)
		}
		got[key] = c
	}

	if len(got) != len(want) {
		t.Errorf("loaded %d sources, the file has %d after folding case", len(got), len(want))
	}
	for source, w := range want {
		if got[source] != w {
			t.Errorf("source %q: loaded %+v, file gives %+v", source, got[source], w)
		}
	}
}

func TestDatasetSourceAnchors(t *testing.T) {
	b, _ := loadDataset(t)

	got := map[string]int{}
	for _, l := range b.Leads {
		got[l.Source]++
	}

	if len(got) != wantSourceSpelling {
		t.Errorf("loaded %d source spellings, want %d: %v", len(got), wantSourceSpelling, got)
	}
	for source, want := range wantSourceCounts {
		if got[source] != want {
			t.Errorf("source %q: %d leads, want %d", source, got[source], want)
		}
	}
	if got["google"] != 0 {
		t.Errorf("%d leads keep the spelling google, want them under Google", got["google"])
	}
}

func TestDatasetStatusAnchors(t *testing.T) {
	b, path := loadDataset(t)

	if len(b.Leads) != wantLeads {
		t.Errorf("loaded %d leads, want %d", len(b.Leads), wantLeads)
	}
	if n := len(readFile(t, path)); n != len(b.Leads) {
		t.Errorf("loaded %d leads, encoding/csv reads %d", len(b.Leads), n)
	}

	got := map[app.LeadStatus]int{}
	for _, l := range b.Leads {
		got[l.Status]++
	}
	if got[app.LeadConverted] != wantConverted {
		t.Errorf("%d converted leads, want %d", got[app.LeadConverted], wantConverted)
	}
	if got[app.LeadNew] != wantNotConverted {
		t.Errorf("%d new leads, want %d", got[app.LeadNew], wantNotConverted)
	}
}

func TestDatasetOriginsAndFields(t *testing.T) {
	b, _ := loadDataset(t)

	origins := map[string]int{}
	emptyCity, emptyIndustry, doNotEmail, doNotCall := 0, 0, 0, 0
	refs := map[string]bool{}
	for _, l := range b.Leads {
		origins[l.Origin]++
		if l.City == "" {
			emptyCity++
		}
		if l.Industry == "" {
			emptyIndustry++
		}
		if strings.Contains(l.Notes, "Do Not Email: Yes") {
			doNotEmail++
		}
		if strings.Contains(l.Notes, "Do Not Call: Yes") {
			doNotCall++
		}
		if refs[l.SourceRef] {
			t.Errorf("source ref %s appears twice", l.SourceRef)
		}
		refs[l.SourceRef] = true
		if errs := app.ValidateLead(l, app.Date{}); len(errs) > 0 {
			t.Errorf("%s does not validate: %v", l.SourceRef, errs)
		}
	}

	for origin, want := range wantOriginCounts {
		if origins[origin] != want {
			t.Errorf("origin %q: %d leads, want %d", origin, origins[origin], want)
		}
	}

	counts := []struct {
		name      string
		got, want int
	}{
		{"empty city", emptyCity, wantEmptyCity},
		{"empty industry", emptyIndustry, wantEmptyIndustry},
		{"do not e-mail", doNotEmail, wantDoNotEmail},
		{"do not call", doNotCall, wantDoNotCall},
	}
	for _, c := range counts {
		if c.got != c.want {
			t.Errorf("%s: %d leads, want %d", c.name, c.got, c.want)
		}
	}
}

func TestDatasetFirstLead(t *testing.T) {
	b, _ := loadDataset(t)
	if b.Source != "xeducation" {
		t.Errorf("batch source %q, want xeducation", b.Source)
	}
	if b.Pipeline.Name != "" || len(b.Opportunities) > 0 || len(b.Companies) > 0 {
		t.Errorf("batch has a pipeline, companies or deals: %+v", b.Pipeline)
	}

	want := app.Lead{
		LastName:  "Lead 660737",
		Source:    "Olark Chat",
		Origin:    "API",
		Persona:   "Unemployed",
		Status:    app.LeadNew,
		SourceRef: "xeducation:lead:7927b2df-8bba-4d29-b9a2-b6e0beafe620",
		Notes: "Tags: Interested in other courses\n" +
			"Lead Quality: Low in Relevance\n" +
			"Last Activity: Page Visited on Website\n" +
			"TotalVisits: 0\n" +
			"Total Time Spent on Website: 0\n" +
			"Page Views Per Visit: 0",
	}
	if got := b.Leads[0]; !equalLeads(got, want) {
		t.Errorf("first lead\n got %+v\nwant %+v", got, want)
	}
}

// equalLeads compares the fields Load sets.
func equalLeads(a, b app.Lead) bool {
	return a.FirstName == b.FirstName && a.LastName == b.LastName && a.CompanyName == b.CompanyName &&
		a.City == b.City && a.Country == b.Country && a.Source == b.Source && a.Origin == b.Origin &&
		a.Industry == b.Industry && a.Persona == b.Persona && a.Notes == b.Notes &&
		a.Status == b.Status && a.SourceRef == b.SourceRef && a.Consent == b.Consent
}
