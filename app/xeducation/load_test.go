package xeducation_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/app/xeducation"
)

// smallHeader is the header of the real file cut to the columns Load
// reads, with the trailing comma every line of the file has.
const smallHeader = "Prospect ID,Lead Number,Lead Origin,Lead Source,Do Not Email,Do Not Call,Converted," +
	"TotalVisits,Total Time Spent on Website,Page Views Per Visit,Last Activity,Country,Specialization," +
	"How did you hear about X Education,What is your current occupation,Tags,Lead Quality,Lead Profile,City,"

// smallFile has four leads: two spellings of Google, a converted lead
// with every note column, and one with "Select" in every drop-down.
var smallFile = smallHeader + "\n" +
	"p1,1001,API,google,No,No,0,2,30,2,Email Opened,India,Select,Select,Unemployed,Ringing,,Select,Select,\n" +
	"p2,1002,Landing Page Submission,Google,Yes,Yes,1,5,674,2.5,SMS Sent,India," +
	`"Banking, Investment And Insurance",Online Search,Working Professional,Will revert after reading the email,` +
	"High in Relevance,Potential Lead,Mumbai,\n" +
	"p3,1003,Lead Add Form,Google,No,No,0,,,,,,,,,,,,,\n" +
	"p4,1004,API,Select,No,No,1,0,0,0,Select,Select,Select,Select,Select,Select,Select,Select,Select,\n"

// writeFile writes content to Leads.csv in a fresh temporary folder and
// returns its path.
func writeFile(t *testing.T, content string) string {
	t.Helper()

	path := filepath.Join(t.TempDir(), "Leads.csv")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	return path
}

func TestLoadSmallFile(t *testing.T) {
	b, err := xeducation.Load(writeFile(t, smallFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Leads) != 4 {
		t.Fatalf("%d leads, want 4", len(b.Leads))
	}

	want := app.Lead{
		LastName:  "Lead 1002",
		City:      "Mumbai",
		Country:   "India",
		Source:    "Google",
		Origin:    "Landing Page Submission",
		Industry:  "Banking, Investment And Insurance",
		Persona:   "Working Professional",
		Status:    app.LeadConverted,
		SourceRef: "xeducation:lead:p2",
		Notes: "Do Not Email: Yes\n" +
			"Do Not Call: Yes\n" +
			"Tags: Will revert after reading the email\n" +
			"Lead Quality: High in Relevance\n" +
			"Lead Profile: Potential Lead\n" +
			"How did you hear about X Education: Online Search\n" +
			"Last Activity: SMS Sent\n" +
			"TotalVisits: 5\n" +
			"Total Time Spent on Website: 674\n" +
			"Page Views Per Visit: 2.5",
	}
	if got := b.Leads[1]; !equalLeads(got, want) {
		t.Errorf("converted lead\n got %+v\nwant %+v", got, want)
	}

	if got := b.Leads[0].Source; got != "Google" {
		t.Errorf("source google loaded as %q, want the more common Google", got)
	}
	if got := b.Leads[2].Notes; got != "" {
		t.Errorf("lead with empty columns has notes %q, want none", got)
	}
}

func TestLoadSelectIsEmpty(t *testing.T) {
	b, err := xeducation.Load(writeFile(t, smallFile))
	if err != nil {
		t.Fatal(err)
	}

	l := b.Leads[3]
	fields := map[string]string{
		"source": l.Source, "country": l.Country, "city": l.City,
		"industry": l.Industry, "persona": l.Persona,
	}
	for name, value := range fields {
		if value != "" {
			t.Errorf("%s = %q, want empty for Select", name, value)
		}
	}

	wantNotes := "TotalVisits: 0\nTotal Time Spent on Website: 0\nPage Views Per Visit: 0"
	if l.Notes != wantNotes {
		t.Errorf("notes %q, want %q", l.Notes, wantNotes)
	}
}

func TestLoadSourceSpellings(t *testing.T) {
	cases := map[string]struct {
		sources []string
		want    []string
	}{
		"most common wins":      {[]string{"google", "Google", "Google"}, []string{"Google", "Google", "Google"}},
		"tie keeps first":       {[]string{"bing", "Bing"}, []string{"bing", "bing"}},
		"spaces collapse":       {[]string{"Direct  Traffic", " direct traffic "}, []string{"Direct Traffic", "Direct Traffic"}},
		"distinct names stay":   {[]string{"Referral Sites", "Reference"}, []string{"Referral Sites", "Reference"}},
		"select and empty fold": {[]string{"Select", ""}, []string{"", ""}},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var body strings.Builder
			body.WriteString("Prospect ID,Lead Number,Lead Origin,Lead Source,Converted,\n")
			for i, s := range c.sources {
				body.WriteString(csvLine("p"+string(rune('a'+i)), "1", "API", s, "0") + "\n")
			}

			b, err := xeducation.Load(writeFile(t, body.String()))
			if err != nil {
				t.Fatal(err)
			}

			for i, l := range b.Leads {
				if l.Source != c.want[i] {
					t.Errorf("lead %d: source %q, want %q", i, l.Source, c.want[i])
				}
			}
		})
	}
}

func TestLoadBOMCRLFAndColumnOrder(t *testing.T) {
	content := "\uFEFFConverted,Lead Source,Prospect ID,Lead Origin,Lead Number\r\n" +
		"1,Olark Chat,p1,API,42\r\n"
	b, err := xeducation.Load(writeFile(t, content))
	if err != nil {
		t.Fatal(err)
	}

	if len(b.Leads) != 1 {
		t.Fatalf("%d leads, want 1", len(b.Leads))
	}
	l := b.Leads[0]
	if l.SourceRef != "xeducation:lead:p1" || l.Source != "Olark Chat" || l.Status != app.LeadConverted ||
		l.LastName != "Lead 42" {
		t.Errorf("lead %+v", l)
	}
}

func TestLoadTrailingCommaOptional(t *testing.T) {
	content := "Prospect ID,Lead Number,Lead Origin,Lead Source,Converted,\n" +
		"p1,1,API,Google,0,\n" +
		"p2,2,API,Google,1\n"
	b, err := xeducation.Load(writeFile(t, content))
	if err != nil {
		t.Fatal(err)
	}

	if len(b.Leads) != 2 {
		t.Errorf("%d leads, want 2", len(b.Leads))
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Leads.csv")
	_, err := xeducation.Load(path)

	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v, want fs.ErrNotExist", err)
	}
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v does not name %s", err, path)
	}
}

// shortHeader has the required columns and the two Yes or No columns.
const shortHeader = "Prospect ID,Lead Number,Lead Origin,Lead Source,Converted,Do Not Email,Do Not Call,"

// badRowCase is a file with one broken line and where the error must
// point.
type badRowCase struct {
	name   string
	header string // replaces shortHeader when set
	body   string
	line   int
	reason string
}

var badRowCases = []badRowCase{
	{name: "converted yes", line: 2, reason: `invalid Converted "yes", want 0 or 1`,
		body: "p1,1,API,Google,yes,No,No,\n"},
	{name: "converted empty", line: 3, reason: `invalid Converted "", want 0 or 1`,
		body: "p1,1,API,Google,1,No,No,\np2,2,API,Google,,No,No,\n"},
	{name: "converted select", line: 2, reason: `invalid Converted "Select", want 0 or 1`,
		body: "p1,1,API,Google,Select,No,No,\n"},
	{name: "empty prospect id", line: 2, reason: "Prospect ID is empty",
		body: ",1,API,Google,0,No,No,\n"},
	{name: "duplicate prospect id", line: 3, reason: `Prospect ID "p1" is already used at line 2`,
		body: "p1,1,API,Google,0,No,No,\np1,2,API,Google,0,No,No,\n"},
	{name: "lead number not digits", line: 2, reason: `invalid Lead Number "66O737", want digits`,
		body: "p1,66O737,API,Google,0,No,No,\n"},
	{name: "lead number empty", line: 2, reason: `invalid Lead Number "", want digits`,
		body: "p1,,API,Google,0,No,No,\n"},
	{name: "do not email maybe", line: 2, reason: `invalid Do Not Email "Maybe", want Yes or No`,
		body: "p1,1,API,Google,0,Maybe,No,\n"},
	{name: "do not call number", line: 2, reason: `invalid Do Not Call "1", want Yes or No`,
		body: "p1,1,API,Google,0,No,1,\n"},
	{name: "value after last column", line: 2, reason: `unexpected value "extra" after the last named column`,
		body: "p1,1,API,Google,0,No,No,extra\n"},
	{name: "too few columns", line: 3, reason: "wrong column count: 6 fields, the header names 7",
		body: "p1,1,API,Google,0,No,No,\np2,2,API,Google,0,No\n"},
	{name: "too many columns", line: 2, reason: "wrong column count: 9 fields, the header names 7",
		body: "p1,1,API,Google,0,No,No,,\n"},
	{name: "missing source column", line: 1, reason: `missing header column "Lead Source"`,
		header: "Prospect ID,Lead Number,Lead Origin,Converted,", body: "p1,1,API,0,\n"},
	{name: "duplicate header column", line: 1, reason: `header column "converted" appears twice`,
		header: shortHeader + "converted,", body: "p1,1,API,Google,0,No,No,1,\n"},
	{name: "unnamed middle column", line: 1, reason: "header column 3 has no name",
		header: "Prospect ID,Lead Number,,Lead Origin,Lead Source,Converted,", body: "p1,1,x,API,Google,0,\n"},
	{name: "malformed quote", line: 2, reason: "malformed CSV",
		body: "p1,1,API,\"Goo\"gle,0,No,No,\n"},
	{name: "line after quoted newline", line: 4, reason: `invalid Converted "2", want 0 or 1`,
		body: "p1,1,API,\"Olark\nChat\",0,No,No,\np2,2,API,Google,2,No,No,\n"},
	{name: "empty file", line: 1, reason: "file is empty", header: "\n"},
}

// content returns the file of a bad-row case.
func (c badRowCase) content() string {
	header := c.header
	if header == "" {
		header = shortHeader
	}
	if !strings.HasSuffix(header, "\n") {
		header += "\n"
	}

	return header + c.body
}

func TestLoadBadRows(t *testing.T) {
	for _, c := range badRowCases {
		t.Run(c.name, func(t *testing.T) {
			_, err := xeducation.Load(writeFile(t, c.content()))
			if err == nil {
				t.Fatal("Load returned no error")
			}

			if !errors.Is(err, app.ErrInvalid) {
				t.Errorf("error %v does not wrap app.ErrInvalid", err)
			}

			var rowErr *xeducation.RowError
			if !errors.As(err, &rowErr) {
				t.Fatalf("error %v is not a *xeducation.RowError", err)
			}
			if rowErr.File != "Leads.csv" {
				t.Errorf("file %q, want Leads.csv", rowErr.File)
			}
			if rowErr.Line != c.line {
				t.Errorf("line %d, want %d", rowErr.Line, c.line)
			}
			if !strings.Contains(err.Error(), c.reason) {
				t.Errorf("error %q does not contain %q", err, c.reason)
			}
		})
	}
}

// FuzzLoadRow appends one raw line to a valid file, so the reader gets
// unexpected quotes, separators, line ends and values.
func FuzzLoadRow(f *testing.F) {
	for _, c := range badRowCases {
		if c.header == "" {
			f.Add(c.body)
		}
	}
	f.Add("p9,9,API,google,1,Yes,no,\r\n")
	f.Add("p9,9,API,Select,0,Select,Select,\n")
	f.Add("\"p9\",\"9\",\"Lead Add Form\",\"Direct, Traffic\",0,,,")

	valid := shortHeader + "\np0,100,API,Google,0,No,No,\n"
	f.Fuzz(func(t *testing.T, line string) {
		b, err := xeducation.Load(writeFile(t, valid+line))
		if err != nil {
			checkLocatedError(t, err)

			return
		}

		spellings := map[string]string{}
		for _, l := range b.Leads {
			checkLead(t, l)

			key := strings.ToLower(l.Source)
			if other, ok := spellings[key]; ok && other != l.Source {
				t.Errorf("source spelled both %q and %q", other, l.Source)
			}
			spellings[key] = l.Source
		}
	})
}

// csvLine joins fields with commas, quoting none. The callers pass
// fields without commas, quotes or line breaks.
func csvLine(fields ...string) string {
	return strings.Join(fields, ",") + ","
}

func checkLocatedError(t *testing.T, err error) {
	t.Helper()

	var rowErr *xeducation.RowError
	if !errors.As(err, &rowErr) || !errors.Is(err, app.ErrInvalid) {
		t.Fatalf("error %v is not a *xeducation.RowError wrapping app.ErrInvalid", err)
	}
	if rowErr.Line < 1 || rowErr.File != "Leads.csv" {
		t.Fatalf("error %v has file %q, line %d", err, rowErr.File, rowErr.Line)
	}
	if !strings.HasPrefix(err.Error(), "Leads.csv line ") {
		t.Fatalf("error %q does not start with its file and line", err)
	}
}

// checkLead checks what holds for every loaded lead.
func checkLead(t *testing.T, l app.Lead) {
	t.Helper()

	if !strings.HasPrefix(l.SourceRef, "xeducation:lead:") || l.SourceRef == "xeducation:lead:" {
		t.Errorf("source ref %q", l.SourceRef)
	}
	if l.Status != app.LeadNew && l.Status != app.LeadConverted {
		t.Errorf("%s: status %q", l.SourceRef, l.Status)
	}
	if errs := app.ValidateLead(l, app.Date{}); len(errs) > 0 {
		t.Errorf("%s does not validate: %v", l.SourceRef, errs)
	}
	for _, value := range []string{l.Source, l.Origin, l.City, l.Country, l.Industry, l.Persona} {
		if value == "Select" {
			t.Errorf("%s keeps the placeholder Select: %+v", l.SourceRef, l)
		}
	}
}
