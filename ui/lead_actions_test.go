package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
)

func TestConvertStaleLeadNamesConverter(t *testing.T) {
	store := openStore(t)
	lead := createLead(t, store, app.Lead{LastName: "Kuhn", CompanyName: "Kuhn GmbH", Status: app.LeadQualified})
	m, queue := openLeadsTab(t, store)
	d := m.leads.detail
	d.show(lead.ID)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == lead.ID })
	if d.convertButton.Disabled() {
		t.Fatal("Convert is disabled for a qualified lead")
	}

	// Ben converts the lead while this screen still shows it qualified.
	ctx := context.Background()
	if err := store.SaveUserName(ctx, "Ben"); err != nil {
		t.Fatal(err)
	}
	pipelines, err := store.Pipelines(ctx)
	if err != nil || len(pipelines) == 0 {
		t.Fatalf("Pipelines: %v (%d)", err, len(pipelines))
	}
	if _, err := store.ConvertLead(ctx, lead.ID, app.ConversionRequest{PipelineID: pipelines[0].ID}); err != nil {
		t.Fatal(err)
	}

	test.Tap(d.convertButton)
	convert := findButton(topOverlay(t, m, queue), "Convert")
	if convert == nil {
		t.Fatal("the conversion dialog has no Convert button")
	}
	test.Tap(convert)

	want := "Ben already converted this lead. Nothing was changed."
	queue.waitFor(t, "the message", func() bool {
		return findLabel(m.window.Canvas().Overlays().Top(), want)
	})
	queue.waitFor(t, "the reloaded lead", func() bool { return d.lead.Status == app.LeadConverted })
	if !d.convertButton.Disabled() {
		t.Error("Convert is still enabled after the reload")
	}
	if d.undoButton.Disabled() {
		t.Error("Undo conversion is disabled after the reload")
	}
}

func TestAlreadyConvertedMessageWithoutName(t *testing.T) {
	want := "This lead was already converted. Nothing was changed."
	if got := alreadyConvertedMessage(""); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
}
