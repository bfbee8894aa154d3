package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/assets"
	"leadwerk/ui/cli"
)

// useLANG sets LANG to locale, clears the variables that override it and
// reloads the translations, which read the locale, until the test ends.
func useLANG(t *testing.T, locale string) {
	t.Helper()

	// Registered before t.Setenv, so it runs after the variables are
	// restored.
	t.Cleanup(func() {
		if err := assets.AddTranslations(); err != nil {
			t.Error(err)
		}
	})
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(name, "")
	}
	t.Setenv("LANG", locale)
	if err := assets.AddTranslations(); err != nil {
		t.Fatal(err)
	}
}

// detectedDates is the part of "import -json" that reports date columns.
type detectedDates struct {
	Detected struct {
		DateFormat     string   `json:"date_format"`
		AmbiguousDates []string `json:"ambiguous_dates"`
		DateOrder      string   `json:"date_order"`
	} `json:"detected"`
}

const ambiguousDeals = "Deal Name,Company,Amount,Close Date\nD1,Acme,100,01/02/2026\nD2,Acme,200,03/04/2026\n"

func writeDeals(t *testing.T, content string) (file, dbPath string) {
	t.Helper()

	dir := t.TempDir()
	file = filepath.Join(dir, "deals.csv")
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	return file, filepath.Join(dir, "crm.db")
}

func TestImportJSONAmbiguousDatesFollowLANG(t *testing.T) {
	cases := []struct {
		locale, format, order string
	}{
		{"de_DE.UTF-8", "DD/MM/YYYY", "day_first"},
		{"en_US.UTF-8", "MM/DD/YYYY", "month_first"},
	}

	for _, tc := range cases {
		t.Run(tc.locale, func(t *testing.T) {
			useLANG(t, tc.locale)
			file, dbPath := writeDeals(t, ambiguousDeals)

			code, stdout, stderr := sqliteRun(t, dbPath, "import", "-dry-run", "-json", file)
			if code != cli.ExitOK {
				t.Fatalf("exit code %d; stderr: %s", code, stderr)
			}

			var out detectedDates
			if err := json.Unmarshal([]byte(stdout), &out); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, stdout)
			}
			if out.Detected.DateFormat != tc.format {
				t.Errorf("date_format = %q, want %q", out.Detected.DateFormat, tc.format)
			}
			if len(out.Detected.AmbiguousDates) != 1 || out.Detected.AmbiguousDates[0] != "Close Date" {
				t.Errorf("ambiguous_dates = %q, want [Close Date]", out.Detected.AmbiguousDates)
			}
			if out.Detected.DateOrder != tc.order {
				t.Errorf("date_order = %q, want %q", out.Detected.DateOrder, tc.order)
			}
		})
	}
}

func TestImportTextNamesAmbiguousDates(t *testing.T) {
	file, dbPath := writeDeals(t, ambiguousDeals)

	code, stdout, stderr := sqliteRun(t, dbPath, "import", "-dry-run", file)
	if code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}

	if !strings.Contains(stdout, `"Close Date"`) || !strings.Contains(stdout, "MM/DD/YYYY") {
		t.Errorf("output does not name the ambiguous column and the order used:\n%s", stdout)
	}
}

func TestImportJSONUnambiguousDates(t *testing.T) {
	file, dbPath := writeDeals(t, "Deal Name,Company,Amount,Close Date\nD1,Acme,100,12/31/2026\n")

	code, stdout, stderr := sqliteRun(t, dbPath, "import", "-dry-run", "-json", file)
	if code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}

	if strings.Contains(stdout, "ambiguous_dates") || strings.Contains(stdout, "date_order") {
		t.Errorf("output reports an ambiguity for 12/31/2026:\n%s", stdout)
	}
}

func TestImportActivitiesFileMessage(t *testing.T) {
	file, dbPath := writeDeals(t, "Id,WhoId,WhatId,Subject,ActivityDate,Status,AccountId\n"+
		"00T1,003A,006B,Call,2024-01-19,Completed,001C\n")

	code, stdout, stderr := sqliteRun(t, dbPath, "import", "-dry-run", file)

	if code == cli.ExitOK {
		t.Fatalf("import of activities succeeded; stdout: %s", stdout)
	}
	if !strings.Contains(stderr, file) || !strings.Contains(stderr, "activities") {
		t.Errorf("message does not name the file and say it has activities: %s", stderr)
	}
	if strings.Contains(stderr+stdout, `column ""`) {
		t.Errorf("message names an empty column: %s%s", stderr, stdout)
	}
}

func TestImportRowWithoutColumn(t *testing.T) {
	file, dbPath := writeDeals(t, "Last Name,Company,Email\nSchmidt,Acme,a@b.de\n")
	if err := os.WriteFile(file, []byte("ID,Phone\n1,+49 30 1234567\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := sqliteRun(t, dbPath, "import", "-dry-run", "-kind", "contacts", file)
	if code != cli.ExitOK {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}

	if strings.Contains(stdout, `column ""`) {
		t.Errorf("rejection names an empty column:\n%s", stdout)
	}
	if !strings.Contains(stdout, "line 2") {
		t.Errorf("rejection does not name line 2:\n%s", stdout)
	}
}
