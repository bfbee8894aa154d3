package cli_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/ui/cli"
)

// demoDatabase returns a database file filled by the demo command.
func demoDatabase(t *testing.T) string {
	t.Helper()

	dbPath := filepath.Join(t.TempDir(), "leadwerk.db")
	if code, _, stderr := sqliteRun(t, dbPath, "demo"); code != cli.ExitOK {
		t.Fatalf("demo exit code = %d, stderr:\n%s", code, stderr)
	}

	return dbPath
}

// extractText returns the text of the PDF at path, pages separated by
// form feeds, and skips the test when pdftotext is missing.
func extractText(t *testing.T, path string) string {
	t.Helper()

	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed (Debian package poppler-utils), so the PDF text cannot be checked")
	}

	out, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}

	return string(out)
}

func TestReportWritesPDF(t *testing.T) {
	dbPath := demoDatabase(t)
	pdfPath := filepath.Join(t.TempDir(), "report.pdf")

	code, stdout, stderr := sqliteRun(t, dbPath, "report", "-o", pdfPath, "-company", "Müller & Söhne GmbH",
		"-from", "2025-01-01", "-to", "2025-12-31")
	if code != cli.ExitOK {
		t.Fatalf("exit code = %d, stderr:\n%s", code, stderr)
	}

	if !strings.Contains(stdout, pdfPath) {
		t.Errorf("stdout %q does not name the file", stdout)
	}

	text := extractText(t, pdfPath)
	for _, want := range []string{"Müller & Söhne GmbH", "Pipeline report", "2025-01-01 – 2025-12-31",
		"Open deals by stage", "Page 1 of "} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

func TestReportNamedPipelineTotals(t *testing.T) {
	dbPath := demoDatabase(t)
	pdfPath := filepath.Join(t.TempDir(), "report.pdf")

	code, stdout, stderr := sqliteRun(t, dbPath, "pipeline")
	if code != cli.ExitOK {
		t.Fatalf("pipeline exit code = %d, stderr:\n%s", code, stderr)
	}

	// The pipeline table's second line is the first stage of the first
	// pipeline, whose name leads the line.
	pipeline := strings.Fields(strings.Split(stdout, "\n")[1])[0]
	code, _, stderr = sqliteRun(t, dbPath, "report", "-o", pdfPath, "-pipeline", pipeline)
	if code != cli.ExitOK {
		t.Fatalf("report exit code = %d, stderr:\n%s", code, stderr)
	}

	text := extractText(t, pdfPath)
	if !strings.Contains(text, "Pipeline: "+pipeline) {
		t.Errorf("the report does not name pipeline %q as its filter", pipeline)
	}

	for _, line := range strings.Split(stdout, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 6 || fields[0] != pipeline || fields[2] != "open" {
			continue
		}

		// The stage's open amount, as the pipeline command prints it,
		// must also be in the report's stage table.
		if amount := fields[4]; !strings.Contains(text, amount) {
			t.Errorf("the report lacks the open amount %s of stage %s", amount, fields[1])
		}
	}
}

func TestReportRejectsBadLogo(t *testing.T) {
	dbPath := demoDatabase(t)
	logo := filepath.Join(t.TempDir(), "logo.gif")
	if err := os.WriteFile(logo, []byte("GIF89a\x01\x00\x01\x00"), 0o644); err != nil {
		t.Fatal(err)
	}

	pdfPath := filepath.Join(t.TempDir(), "report.pdf")
	code, _, stderr := sqliteRun(t, dbPath, "report", "-o", pdfPath, "-logo", logo)
	if code != cli.ExitFailure {
		t.Errorf("exit code = %d, want %d", code, cli.ExitFailure)
	}

	if !strings.Contains(stderr, "is not a PNG or JPEG image") {
		t.Errorf("stderr %q does not explain the logo format", stderr)
	}

	if _, err := os.Stat(pdfPath); !os.IsNotExist(err) {
		t.Errorf("a failed report left a file at %s", pdfPath)
	}
}

func TestReportWithPNGLogo(t *testing.T) {
	dbPath := demoDatabase(t)
	var logo bytes.Buffer
	if err := png.Encode(&logo, image.NewGray(image.Rect(0, 0, 30, 10))); err != nil {
		t.Fatal(err)
	}

	logoPath := filepath.Join(t.TempDir(), "logo.png")
	if err := os.WriteFile(logoPath, logo.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	pdfPath := filepath.Join(t.TempDir(), "report.pdf")
	if code, _, stderr := sqliteRun(t, dbPath, "report", "-o", pdfPath, "-logo", logoPath); code != cli.ExitOK {
		t.Fatalf("exit code = %d, stderr:\n%s", code, stderr)
	}

	written, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatal(err)
	}

	if !bytes.Contains(written, []byte("/Subtype /Image")) {
		t.Error("the report contains no image object for the logo")
	}
}

func TestReportUnknownPipeline(t *testing.T) {
	dbPath := demoDatabase(t)
	pdfPath := filepath.Join(t.TempDir(), "report.pdf")

	code, _, stderr := sqliteRun(t, dbPath, "report", "-o", pdfPath, "-pipeline", "Nowhere")
	if code != cli.ExitFailure {
		t.Errorf("exit code = %d, want %d", code, cli.ExitFailure)
	}

	if !strings.Contains(stderr, `pipeline "Nowhere" not found; choose one of`) {
		t.Errorf("stderr %q does not name the missing pipeline", stderr)
	}
}

func TestReportUsageErrors(t *testing.T) {
	cases := map[string]struct {
		args    []string
		message string
	}{
		"no output":      {[]string{"report"}, "report: missing -o FILE"},
		"not a pdf":      {[]string{"report", "-o", "report.png"}, `the file name "report.png" must end in .pdf`},
		"extra argument": {[]string{"report", "-o", "r.pdf", "now"}, `unexpected argument "now"`},
		"from alone":     {[]string{"report", "-o", "r.pdf", "-from", "2025-01-01"}, "give both -from and -to"},
		"bad date": {[]string{"report", "-o", "r.pdf", "-from", "2025-13-01", "-to", "2025-12-31"},
			`-from "2025-13-01" is not a date; write it as YYYY-MM-DD`},
		"reversed": {[]string{"report", "-o", "r.pdf", "-from", "2025-12-31", "-to", "2025-01-01"},
			"-to 2025-01-01 is before -from 2025-12-31"},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			env := cli.Env{
				Stdout: &stdout,
				Stderr: &stderr,
				Getenv: func(string) string { return "" },
				Open: func(string) (app.Store, error) {
					t.Error("a usage error opened the database")
					return nil, os.ErrNotExist
				},
				Now: time.Now,
			}

			if code := cli.Run(context.Background(), c.args, env); code != cli.ExitUsage {
				t.Errorf("exit code = %d, want %d", code, cli.ExitUsage)
			}

			if !strings.Contains(stderr.String(), c.message) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), c.message)
			}
		})
	}
}
