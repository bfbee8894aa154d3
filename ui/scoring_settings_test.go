package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
)

func TestScoringDialogValidatesAndSaves(t *testing.T) {
	store := openStore(t)
	m, queue := openLeadsTab(t, store)

	d := newScoringDialog(store, m.window, queue.do, m.errors, app.IdealCustomerProfile{}, app.DefaultScoreThresholds())
	saved := false
	d.onSaved = func() { saved = true }
	d.dialog.Show()

	d.warm.SetText("80")
	if !d.saveButton.Disabled() {
		t.Error("Save is enabled with warm 80 above hot 70")
	}
	d.warm.SetText("30")
	if d.saveButton.Disabled() {
		t.Fatalf("Save is disabled for warm 30, hot 70: %q", d.problem.Text)
	}

	d.industries.addRow(app.ProfileCriterion{Weight: 8})
	test.Type(d.industries.rows[0].value, "Mechanical engineering")
	d.sizeBands.addRow(app.ProfileCriterion{Value: string(app.Size50to249), Weight: 3})
	d.regions.addRow(app.ProfileCriterion{Value: "DACH", Weight: 2})
	d.regions.removeRow(d.regions.rows[0])
	test.Tap(d.saveButton)
	queue.waitFor(t, "the saved settings", func() bool { return saved })

	profile, err := store.IdealCustomerProfile(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(profile.Industries) != 1 || profile.Industries[0] != (app.ProfileCriterion{Value: "Mechanical engineering", Weight: 8}) {
		t.Errorf("industries = %+v", profile.Industries)
	}
	if len(profile.SizeBands) != 1 || len(profile.Regions) != 0 {
		t.Errorf("size bands = %+v, regions = %+v", profile.SizeBands, profile.Regions)
	}
	if got, _ := store.ScoreThresholds(context.Background()); got != (app.ScoreThresholds{Hot: 70, Warm: 30}) {
		t.Errorf("thresholds = %+v, want hot 70, warm 30", got)
	}
}
