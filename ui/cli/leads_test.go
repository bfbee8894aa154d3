package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/app/testenv"
)

// leadStore returns a store with three leads in the order a worklist
// would rank them: a qualified person, an imported lead with a
// temperature set by hand, and a converted company without a person.
func leadStore() *fakeStore {
	return &fakeStore{leads: []app.Lead{
		{
			ID: 7, FirstName: "Anna", LastName: "Becker", CompanyName: "Müller GmbH", Email: "anna@mueller.de",
			City: "Köln", Source: app.SourceTradeFair, Status: app.LeadQualified, Score: 35, Temperature: app.Warm,
			ScoreReasons: []app.ScoreReason{
				{Points: 25, Code: app.ReasonBudgetConfirmed},
				{Points: 20, Code: app.ReasonDecisionMaker},
				{Points: -10, Code: app.ReasonNoTimeframe},
			},
		},
		{
			ID: 12, LastName: "Lead 660737", City: "Mumbai", Source: "Olark Chat", Origin: "API",
			Status: app.LeadNew, Score: 10, Temperature: app.Hot, TemperatureManual: true,
			ScoreReasons: []app.ScoreReason{{Points: 10, Code: app.ReasonEngagement, Detail: "5"}},
		},
		{
			ID: 3, CompanyName: "Nordwind AG", Email: "info@nordwind.example", Source: app.SourceWebsite,
			Status: app.LeadConverted, Score: 0, Temperature: app.Cold,
		},
	}}
}

func TestRunLeadsJSONShape(t *testing.T) {
	h := newHarness(leadStore())
	if code := h.run("leads", "-json"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	want := `[` +
		`{"id":7,"name":"Anna Becker","company":"Müller GmbH","email":"anna@mueller.de","source":"trade fair",` +
		`"origin":"","status":"qualified","score":35,"temperature":"warm","temperature_manual":false,` +
		`"score_explanation":"+25 budget confirmed, +20 decision maker, −10 no timeframe",` +
		`"predicted":null,"predicted_reasons":[]},` +
		`{"id":12,"name":"Lead 660737","company":"","email":"","source":"Olark Chat",` +
		`"origin":"API","status":"new","score":10,"temperature":"hot","temperature_manual":true,` +
		`"score_explanation":"+10 5 recent activities","predicted":null,"predicted_reasons":[]},` +
		`{"id":3,"name":"Nordwind AG","company":"Nordwind AG","email":"info@nordwind.example","source":"website",` +
		`"origin":"","status":"converted","score":0,"temperature":"cold","temperature_manual":false,` +
		`"score_explanation":"no profile match, qualification or recent activity yet",` +
		`"predicted":null,"predicted_reasons":[]}` +
		`]` + "\n"
	if got := h.stdout.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}

	if len(h.store.leadQueries) != 1 {
		t.Fatalf("ListLeads called %d times, want 1", len(h.store.leadQueries))
	}
	q := h.store.leadQueries[0]
	if q.Sort != app.SortLeadsByWorklist {
		t.Errorf("sort %q, want %q", q.Sort, app.SortLeadsByWorklist)
	}
	if q.OpenOnly {
		t.Error("query keeps open leads only, want every status")
	}
	if q.Limit != 0 || q.Offset != 0 {
		t.Errorf("query pages with offset %d, limit %d, want all leads", q.Offset, q.Limit)
	}
	if !h.store.closed {
		t.Error("store was not closed")
	}
}

func TestRunLeadsJSONEmpty(t *testing.T) {
	h := newHarness(&fakeStore{})
	if code := h.run("leads", "-json"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0", code)
	}

	if got := h.stdout.String(); got != "[]\n" {
		t.Errorf("output = %q, want an empty array", got)
	}
}

func TestRunLeadsFilters(t *testing.T) {
	cases := map[string]struct {
		args     []string
		wantIDs  []int64
		statuses []app.LeadStatus
		sources  []string
		search   string
	}{
		"no filter":        {nil, []int64{7, 12, 3}, nil, nil, ""},
		"status":           {[]string{"-status", "converted"}, []int64{3}, []app.LeadStatus{app.LeadConverted}, nil, ""},
		"status any case":  {[]string{"-status", "Qualified"}, []int64{7}, []app.LeadStatus{app.LeadQualified}, nil, ""},
		"status handed":    {[]string{"-status=handed_over"}, nil, []app.LeadStatus{app.LeadHandedOver}, nil, ""},
		"source as stored": {[]string{"-source", "Olark Chat"}, []int64{12}, nil, []string{"Olark Chat"}, ""},
		"source empty":     {[]string{"-source", ""}, nil, nil, []string{""}, ""},
		"search":           {[]string{"-q", "müller"}, []int64{7}, nil, nil, "müller"},
		"search and status": {[]string{"-q", "lead", "-status", "new", "-source", "Olark Chat"},
			[]int64{12}, []app.LeadStatus{app.LeadNew}, []string{"Olark Chat"}, "lead"},
		"no match": {[]string{"-q", "anna", "-status", "new"}, nil, []app.LeadStatus{app.LeadNew}, nil, "anna"},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			h := newHarness(leadStore())
			if code := h.run(append([]string{"leads", "-json"}, c.args...)...); code != ExitOK {
				t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
			}

			q := h.store.leadQueries[0]
			if !slices.Equal(q.Statuses, c.statuses) {
				t.Errorf("statuses %v, want %v", q.Statuses, c.statuses)
			}
			if !slices.Equal(q.Sources, c.sources) {
				t.Errorf("sources %q, want %q", q.Sources, c.sources)
			}
			if q.Search != c.search {
				t.Errorf("search %q, want %q", q.Search, c.search)
			}

			if got := decodeLeadIDs(t, h.stdout.String()); !slices.Equal(got, c.wantIDs) {
				t.Errorf("ids %v, want %v", got, c.wantIDs)
			}
		})
	}
}

// decodeLeadIDs returns the ids of a "leads -json" output in order.
func decodeLeadIDs(t *testing.T, out string) []int64 {
	t.Helper()

	var leads []struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &leads); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, out)
	}

	var ids []int64
	for _, l := range leads {
		ids = append(ids, l.ID)
	}

	return ids
}

func TestRunLeadsUsageErrors(t *testing.T) {
	valid := "use one of new, contacted, nurturing, qualified, handed_over, converted, disqualified"
	cases := map[string]struct {
		args    []string
		message string
	}{
		"unknown status":  {[]string{"leads", "-status", "won"}, `leads: invalid -status "won"; ` + valid},
		"empty status":    {[]string{"leads", "-status", ""}, `leads: invalid -status ""; ` + valid},
		"translated":      {[]string{"leads", "-status", "Neu"}, `invalid -status "Neu"`},
		"status no value": {[]string{"leads", "-status"}, "leads: option -status needs a value"},
		"extra argument":  {[]string{"leads", "anna"}, `leads: unexpected argument "anna"`},
		"unknown flag":    {[]string{"leads", "-limit", "5"}, "leads: unknown option -limit"},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			h := newHarness(leadStore())
			if code := h.run(c.args...); code != ExitUsage {
				t.Errorf("exit code = %d, want %d", code, ExitUsage)
			}

			stderr := h.stderr.String()
			if !strings.Contains(stderr, c.message) {
				t.Errorf("stderr %q does not contain %q", stderr, c.message)
			}
			if !strings.Contains(stderr, `"leadwerk help`) || strings.Contains(stderr, "Usage:") {
				t.Errorf("stderr %q does not name the help in one line", stderr)
			}
			if h.opens != 0 {
				t.Error("database was opened despite the usage error")
			}
		})
	}
}

func TestRunLeadsTable(t *testing.T) {
	store := leadStore()
	store.predictions = map[int64]app.LeadPrediction{7: {Probability: 0.814}}
	h := newHarness(store)
	if code := h.run("leads"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	want := "" +
		"ID  NAME         COMPANY      E-MAIL                 SOURCE      STATUS     SCORE  LEARNED  TEMPERATURE        SCORE EXPLANATION\n" +
		" 7  Anna Becker  Müller GmbH  anna@mueller.de        trade fair  Qualified     35     81 %  warm               +25 budget confirmed, +20 decision maker, −10 no timeframe\n" +
		"12  Lead 660737                                      Olark Chat  New           10        –  hot (set by hand)  +10 5 recent activities\n" +
		" 3  Nordwind AG  Nordwind AG  info@nordwind.example  website     Converted      0        –  cold               no profile match, qualification or recent activity yet\n"
	if got := h.stdout.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestRunLeadsJSONPredicted(t *testing.T) {
	store := leadStore()
	store.predictions = map[int64]app.LeadPrediction{7: {
		Probability: 0.75,
		Reasons:     []app.LeadWeight{{Attribute: app.AttrSource, Value: "trade fair", Weight: 1.25, Leads: 1200}},
	}}
	h := newHarness(store)
	if code := h.run("leads", "-json", "-q", "anna"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	want := `"predicted":0.75,"predicted_reasons":[{"attribute":"source","value":"trade fair","weight":1.25,` +
		`"text":"Source is trade fair: raises the chance (+1.2, 1,200 leads)"}]}]` + "\n"
	if got := h.stdout.String(); !strings.HasSuffix(got, want) {
		t.Errorf("output:\n%s\nwant it to end in:\n%s", got, want)
	}
}

func TestRunLeadsGerman(t *testing.T) {
	useLocale(t, "de_DE.UTF-8")

	h := newHarness(leadStore())
	if code := h.run("leads", "-status", "qualified"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	table := h.stdout.String()
	for _, want := range []string{"QUELLE", "TEMPERATUR", "Messe", "Qualifiziert", "+25 Budget bestätigt"} {
		if !strings.Contains(table, want) {
			t.Errorf("table has no %q:\n%s", want, table)
		}
	}

	h = newHarness(leadStore())
	if code := h.run("leads", "-json", "-status", "converted"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	out := h.stdout.String()
	for _, want := range []string{`"status":"converted"`, `"source":"website"`, `"temperature":"cold"`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON has no %s: %s", want, out)
		}
	}
	if strings.Contains(out, "Umgewandelt") || strings.Contains(out, "kalt") {
		t.Errorf("JSON values are translated: %s", out)
	}
}

func TestRunImportXEducation(t *testing.T) {
	path := filepath.Join(testenv.SharedData(t, "xeducation-leads"), "Leads.csv")
	h := newHarness(salesStore())
	if code := h.run("import", "-preset", "xeducation-leads", path); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	if len(h.store.imported) != 1 {
		t.Fatalf("Import called %d times, want 1", len(h.store.imported))
	}
	if n := len(h.store.imported[0].Leads); n != 9240 {
		t.Errorf("batch has %d leads, want 9240", n)
	}

	for _, want := range []string{"Imported xeducation-leads from " + path, "  leads created:  9,240\n"} {
		if !strings.Contains(h.stdout.String(), want) {
			t.Errorf("stdout has no %q: %s", want, h.stdout.String())
		}
	}
	if !strings.Contains(h.stderr.String(), "importing: 100% (9,240 of 9,240)") {
		t.Errorf("stderr has no progress: %q", h.stderr.String())
	}
}

func TestRunImportXEducationBadRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Leads.csv")
	content := "Prospect ID,Lead Number,Lead Origin,Lead Source,Converted,\np1,1,API,Google,yes,\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	h := newHarness(salesStore())
	if code := h.run("import", "-preset", "xeducation-leads", path); code != ExitFailure {
		t.Fatalf("exit code = %d, want %d", code, ExitFailure)
	}

	want := "leadwerk: reading the xeducation-leads file " + path +
		` failed: Leads.csv line 2: invalid Converted "yes", want 0 or 1: invalid value` + "\n"
	if got := h.stderr.String(); got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
	if len(h.store.imported) != 0 {
		t.Error("Import was called despite the bad row")
	}
}

func TestRunImportXEducationCancelled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Leads.csv")
	content := "Prospect ID,Lead Number,Lead Origin,Lead Source,Converted,\np1,1,API,Google,1,\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h := newHarness(salesStore())
	if code := Run(ctx, []string{"-db", "/crm.db", "import", "-preset", "xeducation-leads", path}, h.env()); code != ExitFailure {
		t.Fatalf("exit code = %d, want %d", code, ExitFailure)
	}

	want := "the import of " + path + " was cancelled; database /crm.db is unchanged"
	if got := h.stderr.String(); !strings.Contains(got, want) {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}

func TestRunImportPresetUsageErrors(t *testing.T) {
	cases := map[string]struct {
		args    []string
		message string
	}{
		"no preset":       {[]string{"import", "Leads.csv"}, "the supported presets are maven-crm, xeducation-leads"},
		"unknown preset":  {[]string{"import", "-preset", "kaggle", "Leads.csv"}, `unknown preset "kaggle"; the supported presets are`},
		"no file":         {[]string{"import", "-preset", "xeducation-leads"}, "import: missing the file to import"},
		"two files":       {[]string{"import", "-preset", "xeducation-leads", "a.csv", "b.csv"}, "expected one file, got 2"},
		"maven no folder": {[]string{"import", "-preset", "maven-crm"}, "import: missing the folder to import"},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			h := newHarness(salesStore())
			if code := h.run(c.args...); code != ExitUsage {
				t.Errorf("exit code = %d, want %d", code, ExitUsage)
			}
			if got := h.stderr.String(); !strings.Contains(got, c.message) {
				t.Errorf("stderr %q does not contain %q", got, c.message)
			}
		})
	}
}
