package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/text/encoding/charmap"

	"leadwerk/app"
	"leadwerk/app/mapping"
	"leadwerk/data"
)

// germanLeadsCSV is a lead list as German Excel saves it: semicolons,
// Windows-1252, CRLF, decimal commas and day-first dates. Line 4 has an
// invalid e-mail address.
const germanLeadsCSV = "Vorname;Nachname;Firma;E-Mail;Umsatz;Datum\r\n" +
	"Jürgen;Weber;Weber GmbH;jw@weber.example;1.234,56;31.12.2026\r\n" +
	"Anna;Schmidt;Müller & Söhne;anna@mueller.example;2.000,00;01.02.2026\r\n" +
	"Ödön;Öztürk;Öztürk KG;kein-mail;5,00;28.02.2026\r\n"

// writeGermanLeads writes germanLeadsCSV in Windows-1252 to a new file.
func writeGermanLeads(t *testing.T) string {
	t.Helper()

	encoded, err := charmap.Windows1252.NewEncoder().String(germanLeadsCSV)
	if err != nil {
		t.Fatal(err)
	}

	return writeWizardFile(t, "leads.csv", encoded)
}

func writeWizardFile(t *testing.T, name, content string) string {
	t.Helper()

	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	return path
}

// wizardFixture is an import wizard over a real SQLite file in a test
// window, with the number of times it asked to reload the lists.
type wizardFixture struct {
	wizard   *importWizard
	store    *data.Store
	queue    *uiQueue
	window   fyne.Window
	reloads  int
	importer wizardStore
}

func openImportWizard(t *testing.T, wrap func(*data.Store) wizardStore) *wizardFixture {
	t.Helper()

	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := a.NewWindow("Leadwerk")
	window.Resize(fyne.NewSize(1280, 800))
	window.Show()
	t.Cleanup(window.Close)

	f := &wizardFixture{store: openStore(t), queue: newUIQueue(), window: window}
	f.importer = f.store
	if wrap != nil {
		f.importer = wrap(f.store)
	}

	errs := errorReporter{window: window, logger: discardLogger()}
	f.wizard = newImportWizard(window, f.importer, f.queue.do, errs, "en", func() { f.reloads++ })
	f.wizard.show()

	return f
}

// openFile reads path in the wizard and waits for the settings step.
func (f *wizardFixture) openFile(t *testing.T, path string) {
	t.Helper()

	f.wizard.openFile(path)
	f.waitIdle(t, "the settings step")
	if f.wizard.step != stepSettings {
		t.Fatalf("step = %d after reading %s, want the settings step; file status %q", f.wizard.step, path,
			f.wizard.file.status.Text)
	}
}

// waitIdle runs queued UI work until no job of the wizard runs.
func (f *wizardFixture) waitIdle(t *testing.T, what string) {
	t.Helper()

	f.queue.waitFor(t, what, func() bool { return f.wizard.cancelJob == nil && !f.wizard.importing })
}

// next taps Next and waits for the step's job to end.
func (f *wizardFixture) next(t *testing.T, what string) {
	t.Helper()

	test.Tap(f.wizard.next)
	f.waitIdle(t, what)
}

func (f *wizardFixture) countLeads(t *testing.T) int {
	t.Helper()

	n, err := f.store.CountLeads(context.Background(), app.LeadQuery{})
	if err != nil {
		t.Fatal(err)
	}

	return n
}

func (f *wizardFixture) selectField(t *testing.T, column, label string) {
	t.Helper()

	for i, c := range f.wizard.plan.Mapping.Columns {
		if c.Name == column {
			f.wizard.mapping.selects[i].SetSelected(label)
			return
		}
	}

	t.Fatalf("no column %q in the mapping", column)
}

func (f *wizardFixture) selectedField(t *testing.T, column string) string {
	t.Helper()

	for i, c := range f.wizard.plan.Mapping.Columns {
		if c.Name == column {
			return f.wizard.mapping.selects[i].Selected
		}
	}

	t.Fatalf("no column %q in the mapping", column)

	return ""
}

func TestImportWizardShowsDetectedSettings(t *testing.T) {
	f := openImportWizard(t, nil)
	f.openFile(t, writeGermanLeads(t))

	settings := f.wizard.settings
	checks := []struct{ name, got, want string }{
		{"encoding", settings.encoding.Selected, "windows-1252"},
		{"delimiter", settings.delimiter.Selected, "Semicolon ( ; )"},
		{"header", settings.header.Selected, "Line 1"},
		{"decimal", settings.decimal.Selected, "Comma (1234,56)"},
		{"thousands", settings.thousands.Selected, "Point (1.234)"},
		{"date", settings.date.Selected, "DD.MM.YYYY"},
		{"kind", settings.kind.Selected, "Leads"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s select = %q, want %q", c.name, c.got, c.want)
		}
	}

	rows, columns := settings.tableSize()
	if rows != 5 || columns != 6 {
		t.Errorf("preview table is %d×%d, want 5×6 (header, formats, 3 rows)", rows, columns)
	}
	if got := f.wizard.preview.rows[0][0]; got != "Jürgen" {
		t.Errorf("first preview cell = %q, want Jürgen decoded from Windows-1252", got)
	}
	if got := columnFormatText(f.wizard.preview.columns, 5); got != "Date DD.MM.YYYY" {
		t.Errorf("format of Datum = %q, want Date DD.MM.YYYY", got)
	}
}

func TestImportWizardDelimiterChangeRereadsPreview(t *testing.T) {
	f := openImportWizard(t, nil)
	f.openFile(t, writeGermanLeads(t))

	f.wizard.settings.delimiter.SetSelected("Comma ( , )")
	if f.wizard.cancelJob == nil {
		t.Fatal("changing the delimiter started no job off the UI goroutine")
	}
	f.waitIdle(t, "the preview with commas")

	// With commas the semicolon-separated fields stay together, and only
	// the decimal commas split the lines.
	header := f.wizard.preview.header
	if len(header) == 6 {
		t.Fatalf("preview header = %q after choosing commas, want other columns than with semicolons", header)
	}
	if !strings.Contains(header[0], ";") {
		t.Errorf("first header cell = %q, want semicolon-joined fields", header[0])
	}
	if got := f.wizard.settings.delimiter.Selected; got != "Comma ( , )" {
		t.Errorf("delimiter select = %q after the reread, want Comma", got)
	}
	if f.wizard.preset.Encoding != "" {
		t.Errorf("the encoding was fixed to %q, but the person changed only the delimiter", f.wizard.preset.Encoding)
	}

	f.wizard.settings.delimiter.SetSelected("Semicolon ( ; )")
	f.waitIdle(t, "the preview with semicolons")
	if got := len(f.wizard.preview.header); got != 6 {
		t.Errorf("preview header has %d columns with semicolons again, want 6", got)
	}
}

func TestImportWizardDryRunListsRejectedRow(t *testing.T) {
	f := openImportWizard(t, nil)
	f.openFile(t, writeGermanLeads(t))

	f.next(t, "the mapping step")
	if got := f.selectedField(t, "E-Mail"); got != "E-mail" {
		t.Errorf("E-Mail column maps to %q, want E-mail", got)
	}
	f.next(t, "the dry run")

	if f.wizard.step != stepDryRun {
		t.Fatalf("step = %d, want the dry run, because leads have no stages", f.wizard.step)
	}
	if got, want := f.wizard.dryRun.counts.Text, "3 rows: 2 new, 0 updated, 0 unchanged, 0 duplicates, 1 rejected"; got != want {
		t.Errorf("counts = %q, want %q", got, want)
	}

	rejected := f.wizard.dryRun.rejected
	if len(rejected) != 1 {
		t.Fatalf("rejected rows = %v, want the one with an invalid e-mail", rejected)
	}
	cells := rejectionCells(rejected[0])
	want := []string{"4", "E-Mail", "not an e-mail address", "kein-mail"}
	for i := range want {
		if cells[i] != want[i] {
			t.Errorf("rejected row cell %d = %q, want %q", i, cells[i], want[i])
		}
	}
	if rows, _ := f.wizard.dryRun.tableSize(); rows != 2 {
		t.Errorf("rejected table has %d rows, want header and one row", rows)
	}
	if n := f.countLeads(t); n != 0 {
		t.Errorf("the dry run stored %d leads, want 0", n)
	}
}

func TestImportWizardMappingEditReachesImport(t *testing.T) {
	f := openImportWizard(t, nil)
	f.openFile(t, writeGermanLeads(t))
	f.next(t, "the mapping step")

	f.selectField(t, "E-Mail", "Ignore")
	test.Tap(f.wizard.back)
	f.next(t, "the mapping step again")
	if got := f.selectedField(t, "E-Mail"); got != "Ignore" {
		t.Errorf("after Back and Next the E-Mail column maps to %q, want the chosen Ignore", got)
	}

	f.next(t, "the dry run")
	if got, want := f.wizard.dryRun.counts.Text, "3 rows: 3 new, 0 updated, 0 unchanged, 0 duplicates, 0 rejected"; got != want {
		t.Errorf("counts without the e-mail column = %q, want %q", got, want)
	}
}

func TestImportWizardImportStoresLeads(t *testing.T) {
	f := openImportWizard(t, nil)
	f.openFile(t, writeGermanLeads(t))
	f.next(t, "the mapping step")
	f.next(t, "the dry run")
	f.next(t, "the import")

	if f.wizard.step != stepImport {
		t.Fatalf("step = %d, want the import", f.wizard.step)
	}
	if n := f.countLeads(t); n != 2 {
		t.Errorf("leads in the store = %d, want 2", n)
	}
	if f.reloads != 1 {
		t.Errorf("lists reloaded %d times, want once", f.reloads)
	}
	if got := f.wizard.run.summary.Text; !strings.Contains(got, "2 new") {
		t.Errorf("summary = %q, want it to count 2 new rows", got)
	}
	if f.wizard.next.Text != "Close" || f.wizard.next.Disabled() {
		t.Errorf("Next is %q (disabled %v), want an enabled Close", f.wizard.next.Text, f.wizard.next.Disabled())
	}

	leads, err := f.store.ListLeads(context.Background(), app.LeadQuery{Search: "Weber"})
	if err != nil {
		t.Fatal(err)
	}
	if len(leads) != 1 || leads[0].FirstName != "Jürgen" || leads[0].Email != "jw@weber.example" {
		t.Errorf("leads matching Weber = %+v, want Jürgen Weber with his e-mail", leads)
	}
}

// pausingImporter pauses a real import after its first batch until the
// test has tapped Cancel, so the cancel lands mid-import every time.
type pausingImporter struct {
	*data.Store
	reached chan struct{}
	resume  chan struct{}
}

func (p *pausingImporter) ImportFile(ctx context.Context, plan mapping.Plan, progress app.Progress) (mapping.Report, error) {
	paused := false

	return p.Store.ImportFile(ctx, plan, func(done, total int) {
		progress(done, total)
		if done > 0 && done < total && !paused {
			paused = true
			close(p.reached)
			<-p.resume
		}
	})
}

func TestImportWizardCancelLeavesStoreUnchanged(t *testing.T) {
	var b strings.Builder
	b.WriteString("First name,Last name,Company,Email\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "Person%d,Family%d,Company %d,person%d@example.com\n", i, i, i%300, i)
	}
	path := writeWizardFile(t, "big.csv", b.String())

	pausing := &pausingImporter{reached: make(chan struct{}), resume: make(chan struct{})}
	f := openImportWizard(t, func(s *data.Store) wizardStore { pausing.Store = s; return pausing })
	f.openFile(t, path)
	f.next(t, "the mapping step")
	f.next(t, "the dry run")
	if got := f.wizard.report.New; got != 5000 {
		t.Fatalf("dry run counts %d new rows, want 5000", got)
	}

	test.Tap(f.wizard.next)
	f.queue.waitFor(t, "the first batch", func() bool {
		select {
		case <-pausing.reached:
			return true
		default:
			return false
		}
	})
	test.Tap(f.wizard.cancel)
	close(pausing.resume)
	f.waitIdle(t, "the cancelled import")

	if n := f.countLeads(t); n != 0 {
		t.Errorf("leads after cancel = %d, want 0", n)
	}
	if got, want := f.wizard.run.status.Text, "The import was cancelled. The database is unchanged."; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	if f.reloads != 0 {
		t.Errorf("lists reloaded %d times after a cancel, want 0", f.reloads)
	}
}

func TestImportWizardPresetSavedAndApplied(t *testing.T) {
	f := openImportWizard(t, nil)
	path := writeGermanLeads(t)
	f.openFile(t, path)
	f.next(t, "the mapping step")
	f.selectField(t, "Firma", "Ignore")

	f.wizard.mapping.savePreset("Messe-Liste")
	f.queue.waitFor(t, "the saved preset", func() bool {
		return len(f.wizard.mapping.presetSelect.Options) == 1
	})

	presets, err := f.store.ImportPresets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(presets) != 1 || presets[0].Name != "Messe-Liste" {
		t.Fatalf("stored presets = %+v, want Messe-Liste", presets)
	}
	if _, ok := presets[0].Columns["Firma"]; ok {
		t.Errorf("preset maps Firma to %q, want it ignored", presets[0].Columns["Firma"])
	}

	f.openFile(t, path)
	f.next(t, "the mapping step of the same file")
	if got := f.selectedField(t, "Firma"); got != "Company" {
		t.Fatalf("a fresh read maps Firma to %q, want Company", got)
	}

	f.wizard.mapping.presetSelect.SetSelected("Messe-Liste")
	f.waitIdle(t, "the preset's mapping")
	if got := f.selectedField(t, "Firma"); got != "Ignore" {
		t.Errorf("with the preset Firma maps to %q, want Ignore", got)
	}
	if got := f.selectedField(t, "Nachname"); got != "Last name" {
		t.Errorf("with the preset Nachname maps to %q, want Last name", got)
	}
}

func TestImportWizardEscapeCloses(t *testing.T) {
	f := openImportWizard(t, nil)
	if f.window.Canvas().Overlays().Top() == nil {
		t.Fatal("the wizard is not shown")
	}

	f.window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if top := f.window.Canvas().Overlays().Top(); top != nil {
		t.Errorf("after Escape the overlay %T is still shown", top)
	}
}
