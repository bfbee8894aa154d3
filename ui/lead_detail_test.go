package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// findSelect returns the first select below root, or nil.
func findSelect(root fyne.CanvasObject) *widget.Select {
	var found *widget.Select
	walkObjects(root, func(o fyne.CanvasObject) {
		if s, ok := o.(*widget.Select); ok && found == nil {
			found = s
		}
	})

	return found
}

// topOverlay waits for a dialog to open and returns it.
func topOverlay(t *testing.T, m *mainWindow, queue *uiQueue) fyne.CanvasObject {
	t.Helper()

	queue.waitFor(t, "a dialog", func() bool { return m.window.Canvas().Overlays().Top() != nil })

	return m.window.Canvas().Overlays().Top()
}

func TestLogActivityRescoresLead(t *testing.T) {
	store := openStore(t)
	lead := createLead(t, store, app.Lead{FirstName: "Eva", LastName: "Kuhn", CompanyName: "Kuhn GmbH"})
	m, queue := openLeadsTab(t, store)
	d := m.leads.detail
	d.show(lead.ID)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == lead.ID })
	if !findLabel(d.activities, "No activities.") {
		t.Error("the empty activities list does not say so")
	}

	test.Tap(d.activityButton)
	overlay := topOverlay(t, m, queue)
	save := findButton(overlay, "Save")
	kind := findSelect(overlay)
	if save == nil || kind == nil {
		t.Fatalf("the dialog has Save %v and a kind select %v", save != nil, kind != nil)
	}
	if !save.Disabled() {
		t.Error("Save is enabled on a blank activity")
	}
	if want := []string{"call", "e-mail", "meeting", "offer", "presentation"}; strings.Join(kind.Options, ",") != strings.Join(want, ",") {
		t.Errorf("kinds = %v, want %v", kind.Options, want)
	}

	if m.window.Canvas().Focused() != kind {
		t.Errorf("focus is on %T, want the kind", m.window.Canvas().Focused())
	}
	pressKey(t, m.window.Canvas(), fyne.KeyTab)
	typeKeys(t, m.window.Canvas(), "Asked about the offer")
	if !save.Disabled() {
		t.Error("Save is enabled without a kind")
	}
	kind.SetSelected("call")
	if save.Disabled() {
		t.Fatal("Save is disabled with a kind and a subject")
	}

	test.Tap(save)
	queue.waitFor(t, "the logged activity", func() bool { return len(d.lead.Activities) == 1 })
	if m.window.Canvas().Overlays().Top() != nil {
		t.Error("the dialog stayed open after saving")
	}

	a := d.lead.Activities[0]
	if a.Kind != app.ActivityCall || a.Subject != "Asked about the offer" || !a.Done {
		t.Errorf("activity = %q %q done %v", a.Kind, a.Subject, a.Done)
	}
	if d.lead.LastActivityAt.IsZero() || d.lead.Score == 0 {
		t.Errorf("lead has last activity %v and score %d, want both set", d.lead.LastActivityAt, d.lead.Score)
	}
	if !strings.Contains(d.explanation.Text, "1 recent activity") {
		t.Errorf("explanation = %q, want the recent activity", d.explanation.Text)
	}
	if !findLabelContaining(d.activities, "call  Asked about the offer (done)") {
		t.Error("the activities list does not show the call with its done state")
	}
	if findLabel(d.activities, "No activities.") {
		t.Error("the activities list still says there are none")
	}

	queue.waitFor(t, "the list row", func() bool {
		row, ok := m.leads.rows.row(0)
		return ok && !row.LastActivityAt.IsZero()
	})
	if row, _ := m.leads.rows.row(0); row.Score != d.lead.Score {
		t.Errorf("list row score = %d, want %d", row.Score, d.lead.Score)
	}
}

func TestLogActivityOffForConvertedLead(t *testing.T) {
	store := openStore(t)
	lead := createLead(t, store, app.Lead{LastName: "Kuhn", Status: app.LeadConverted})
	m, queue := openLeadsTab(t, store)
	d := m.leads.detail
	d.show(lead.ID)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == lead.ID })

	if !d.activityButton.Disabled() {
		t.Error("Log activity is enabled for a converted lead")
	}
}

func TestLeadDetailShowsConsent(t *testing.T) {
	store := openStore(t)
	date := app.Date{Year: 2026, Month: time.February, Day: 28}
	full := createLead(t, store, app.Lead{LastName: "Kuhn", Consent: app.Consent{
		Basis: app.BasisConsent, Date: date, Obtained: "business card at the fair",
	}})
	dateOnly := createLead(t, store, app.Lead{LastName: "Roth", Consent: app.Consent{Date: date}})
	m, queue := openLeadsTab(t, store)
	d := m.leads.detail

	cases := []struct {
		name string
		id   int64
		want string
	}{
		{"basis date and source", full.ID, "consent, 2026-02-28, business card at the fair"},
		{"date without basis", dateOnly.ID, "legal basis not recorded, 2026-02-28"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d.show(c.id)
			queue.waitFor(t, "the detail", func() bool { return d.lead.ID == c.id })
			if !findLabel(d.fields, c.want) {
				t.Errorf("the fields do not show the consent %q", c.want)
			}
		})
	}
}

func TestStatusHistoryShowsTime(t *testing.T) {
	store := openStore(t)
	lead := createLead(t, store, app.Lead{LastName: "Kuhn"})
	m, queue := openLeadsTab(t, store)
	d := m.leads.detail
	d.show(lead.ID)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == lead.ID })

	test.Tap(findButton(d.statusButtons, "Contacted"))
	queue.waitFor(t, "the contacted lead", func() bool { return d.lead.Status == app.LeadContacted })

	line := regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}: New → Contacted$`)
	found := false
	walkLabels(d.statusHistory, func(l *widget.Label) { found = found || line.MatchString(l.Text) })
	if !found {
		t.Errorf("the status history has no line like %q", line)
	}
}

func TestFormatDateTime(t *testing.T) {
	afternoon := time.Date(2026, time.March, 4, 14, 5, 0, 0, time.Local)
	importedDay := time.Date(2026, time.March, 4, 0, 0, 0, 0, time.UTC)

	cases := []struct {
		name     string
		t        time.Time
		language string
		want     string
	}{
		{"english", afternoon, "en", "2026-03-04 14:05"},
		{"german", afternoon, "de", "04.03.2026, 14:05"},
		{"day without time", importedDay, "en", "2026-03-04"},
		{"zero", time.Time{}, "en", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := formatDateTime(c.t, c.language); got != c.want {
				t.Errorf("formatDateTime = %q, want %q", got, c.want)
			}
		})
	}
}

func TestConversionSummaryNamesRecords(t *testing.T) {
	store := openStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := store.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}
	lead := createLead(t, store, app.Lead{
		FirstName: "Jana", LastName: "Roth", CompanyName: "Roth Logistik GmbH", Email: "jana@roth-logistik.de",
		Status: app.LeadQualified,
	})
	if _, err := store.AddLeadActivity(context.Background(), app.Activity{
		LeadID: lead.ID, Kind: app.ActivityCall, Subject: "First call",
	}); err != nil {
		t.Fatal(err)
	}

	m, queue := openLeadsTab(t, store)
	d := m.leads.detail
	d.show(lead.ID)
	queue.waitFor(t, "the detail", func() bool { return len(d.lead.Activities) == 1 })

	test.Tap(d.convertButton)
	tapOverlayButton(t, m, queue, "Convert")
	var summary *widget.Label
	queue.waitFor(t, "the conversion summary", func() bool {
		top := m.window.Canvas().Overlays().Top()
		if top == nil {
			return false
		}
		walkLabels(top, func(l *widget.Label) {
			if strings.HasPrefix(l.Text, "Company ") {
				summary = l
			}
		})
		return summary != nil
	})

	lines := strings.Split(summary.Text, "\n")
	want := []string{
		"Company “Roth Logistik GmbH”: created.",
		"Contact Jana Roth: created.",
		"Opportunity “Roth Logistik GmbH”: created. The lead's activity moved to it.",
	}
	if len(lines) != len(want) {
		t.Fatalf("summary = %q, want %d lines", summary.Text, len(want))
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d = %q, want %q", i+1, lines[i], want[i])
		}
	}
}
