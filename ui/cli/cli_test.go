package cli

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leadwerk/app/testenv"
)

func TestRunPipelineJSONShape(t *testing.T) {
	h := newHarness(salesStore())
	if code := h.run("pipeline", "-json"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	want := `{"stages":[` +
		`{"pipeline":"Sales","stage":"Prospecting","status":"open","count":3,` +
		`"amount":{"currency":"USD","minor":150000},"weighted":{"currency":"USD","minor":15000}},` +
		`{"pipeline":"Sales","stage":"Engaging","status":"open","count":2,` +
		`"amount":{"currency":"USD","minor":123456789},"weighted":{"currency":"USD","minor":49382716}},` +
		`{"pipeline":"Sales","stage":"Won","status":"won","count":1,` +
		`"amount":{"currency":"USD","minor":50000},"weighted":{"currency":"USD","minor":50000}},` +
		`{"pipeline":"Sales","stage":"Lost","status":"lost","count":0,` +
		`"amount":{"currency":"USD","minor":0},"weighted":{"currency":"USD","minor":0}}` +
		`]}` + "\n"
	if got := h.stdout.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}

	if !h.store.closed {
		t.Error("store was not closed")
	}
}

func TestRunPipelineJSONEmpty(t *testing.T) {
	h := newHarness(&fakeStore{})
	if code := h.run("pipeline", "-json"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0", code)
	}

	if got := h.stdout.String(); got != `{"stages":[]}`+"\n" {
		t.Errorf("output = %q, want an empty stages array", got)
	}
}

func TestRunPipelineTable(t *testing.T) {
	h := newHarness(salesStore())
	if code := h.run("pipeline"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	want := "" +
		"PIPELINE  STAGE        STATUS  DEALS         AMOUNT     WEIGHTED\n" +
		"Sales     Prospecting  open        3      $1,500.00      $150.00\n" +
		"Sales     Engaging     open        2  $1,234,567.89  $493,827.16\n" +
		"Sales     Won          won         1        $500.00      $500.00\n" +
		"Sales     Lost         lost        0          $0.00        $0.00\n"
	if got := h.stdout.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestRunUsageErrors(t *testing.T) {
	cases := map[string]struct {
		args    []string
		message string
	}{
		"unknown command":     {[]string{"sync"}, `unknown command "sync"`},
		"unknown global flag": {[]string{"-verbose"}, "-verbose"},
		"db without value":    {[]string{"-db"}, "leadwerk: option -db needs a value\n"},
		"import no preset":    {[]string{"import", "dir"}, "missing -preset"},
		"import bad preset":   {[]string{"import", "-preset", "salesforce", "dir"}, `unknown preset "salesforce"`},
		"import no folder":    {[]string{"import", "-preset", "maven-crm"}, "missing the folder"},
		"import two folders":  {[]string{"import", "-preset", "maven-crm", "a", "b"}, "expected one folder"},
		"pipeline extra":      {[]string{"pipeline", "extra"}, `unexpected argument "extra"`},
		"pipeline bad flag":   {[]string{"pipeline", "-csv"}, "-csv"},
		"chart no output":     {[]string{"chart"}, "missing -o FILE"},
		"chart bad extension": {[]string{"chart", "-o", "chart.jpg"}, ".jpg"},
		"chart bad width":     {[]string{"chart", "-o", "c.png", "-width", "wide"}, "-width"},
		"chart tiny":          {[]string{"chart", "-o", "c.png", "-width", "10"}, "10×600 is out of range"},
		"chart huge": {[]string{"chart", "-o", "c.png", "-width", "100000", "-height", "100000"},
			"100000×100000 is out of range; use -width 200 to 8000 and -height 150 to 8000"},
		"chart too tall":  {[]string{"chart", "-o", "c.png", "-height", "8001"}, "1000×8001 is out of range"},
		"db empty":        {[]string{"-db", "", "pipeline"}, "-db needs a file name"},
		"db empty equals": {[]string{"-db=", "pipeline"}, "-db needs a file name"},
		"demo extra":      {[]string{"demo", "now"}, `unexpected argument "now"`},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			h := newHarness(salesStore())
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

func TestRunHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"-help"}, {"chart", "-h"}, {"import", "-h"}} {
		h := newHarness(salesStore())
		if code := h.run(args...); code != ExitOK {
			t.Errorf("%v: exit code = %d, want 0", args, code)
		}

		if !strings.HasPrefix(h.stdout.String(), "Usage:") {
			t.Errorf("%v: stdout does not start with the usage", args)
		}
	}
}

func TestRunDatabasePath(t *testing.T) {
	cases := map[string]struct {
		args []string
		env  string
		want string
	}{
		"flag wins":    {[]string{"-db", "/flag.db", "pipeline"}, "/env.db", "/flag.db"},
		"environment":  {[]string{"pipeline"}, "/env.db", "/env.db"},
		"default path": {[]string{"pipeline"}, "", "/default/leadwerk.db"},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			h := newHarness(salesStore())
			h.environment[DatabaseEnv] = c.env
			if code := h.run(c.args...); code != ExitOK {
				t.Fatalf("exit code = %d, want 0", code)
			}

			if h.openedPath != c.want {
				t.Errorf("opened %q, want %q", h.openedPath, c.want)
			}
		})
	}
}

func TestRunNoCommandOpensWindow(t *testing.T) {
	h := newHarness(salesStore())
	if code := h.run(); code != ExitOK {
		t.Fatalf("exit code = %d, want 0", code)
	}

	if h.windowCalls != 1 {
		t.Errorf("window opened %d times, want 1", h.windowCalls)
	}

	if !h.store.closed {
		t.Error("store was not closed after the window")
	}
}

func TestRunChartWritesPNG(t *testing.T) {
	h := newHarness(salesStore())
	path := filepath.Join(t.TempDir(), "pipeline.png")
	if code := h.run("chart", "-o", path, "-width", "640", "-height", "400"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("chart file: %v", err)
	}

	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("chart file is not a PNG: %v", err)
	}

	if got := img.Bounds().Size(); got != image.Pt(640, 400) {
		t.Errorf("size = %v, want 640×400", got)
	}
}

func TestRunChartSVGOpenStagesOnly(t *testing.T) {
	h := newHarness(salesStore())
	path := filepath.Join(t.TempDir(), "pipeline.svg")
	if code := h.run("chart", "-o", path, "-pipeline", "Sales"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("chart file: %v", err)
	}

	svg := string(data)
	for _, name := range []string{"Prospecting", "Engaging"} {
		if !strings.Contains(svg, ">"+name+"<") {
			t.Errorf("SVG has no stage %s", name)
		}
	}

	if strings.Contains(svg, ">Won<") {
		t.Error("SVG shows the closed stage Won")
	}
}

func TestRunChartUnknownPipeline(t *testing.T) {
	h := newHarness(salesStore())
	path := filepath.Join(t.TempDir(), "pipeline.png")
	if code := h.run("chart", "-o", path, "-pipeline", "Partners"); code != ExitFailure {
		t.Fatalf("exit code = %d, want %d", code, ExitFailure)
	}

	if got := h.stderr.String(); !strings.Contains(got, `pipeline "Partners" not found; choose one of "Sales"`) {
		t.Errorf("stderr = %q", got)
	}

	if _, err := os.Stat(path); err == nil {
		t.Error("chart file was written despite the error")
	}
}

func TestRunDemoRejectsNonEmpty(t *testing.T) {
	h := newHarness(salesStore())
	if code := h.run("-db", "/crm.db", "demo"); code != ExitFailure {
		t.Fatalf("exit code = %d, want %d", code, ExitFailure)
	}

	if got := h.stderr.String(); !strings.Contains(got, "database /crm.db is not empty") {
		t.Errorf("stderr = %q, want it to name the database", got)
	}

	if h.store.demoLoads != 0 {
		t.Errorf("LoadDemo called %d times, want 0", h.store.demoLoads)
	}
}

func TestRunDemoLoadsEmpty(t *testing.T) {
	store := salesStore()
	store.empty = true
	h := newHarness(store)
	if code := h.run("demo"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	if store.demoLoads != 1 {
		t.Errorf("LoadDemo called %d times, want 1", store.demoLoads)
	}

	if !strings.Contains(h.stdout.String(), "deals created:  300") {
		t.Errorf("stdout = %q, want the created deals", h.stdout.String())
	}
}

func TestRunImportMissingFolder(t *testing.T) {
	h := newHarness(salesStore())
	dir := filepath.Join(t.TempDir(), "absent")
	if code := h.run("import", "-preset", "maven-crm", dir); code != ExitFailure {
		t.Fatalf("exit code = %d, want %d", code, ExitFailure)
	}

	if got := h.stderr.String(); !strings.Contains(got, dir) {
		t.Errorf("stderr = %q, want it to name the folder", got)
	}

	if strings.Count(h.stderr.String(), "\n") != 1 {
		t.Errorf("stderr has more than one line: %q", h.stderr.String())
	}
}

func TestRunImportMaven(t *testing.T) {
	dir := testenv.SharedData(t, "maven-crm")
	h := newHarness(salesStore())
	if code := h.run("import", dir, "-preset", "maven-crm"); code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}

	if len(h.store.imported) != 1 {
		t.Fatalf("Import called %d times, want 1", len(h.store.imported))
	}

	batch := h.store.imported[0]
	for _, want := range []string{"Imported maven-crm", "companies:", "deals created:", "deals updated:"} {
		if !strings.Contains(h.stdout.String(), want) {
			t.Errorf("stdout has no %q: %s", want, h.stdout.String())
		}
	}

	if len(batch.Opportunities) == 0 {
		t.Error("batch has no opportunities")
	}

	if !strings.Contains(h.stderr.String(), "importing: 100%") {
		t.Errorf("stderr has no progress: %q", h.stderr.String())
	}
}
