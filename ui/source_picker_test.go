package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestSourcePickerGermanPlaceholder(t *testing.T) {
	useGerman(t)
	test.NewTempApp(t)

	p := newSourcePicker("")

	if got := p.choice.PlaceHolder; got != "(Bitte wählen)" {
		t.Errorf("placeholder = %q, want (Bitte wählen)", got)
	}
	if got := p.value(); got != "" {
		t.Errorf("value = %q, want none", got)
	}
}

func TestDealSelectsGermanPlaceholder(t *testing.T) {
	useGerman(t)
	d, _, _ := openDealDetail(t)

	if got := d.controls.stage.PlaceHolder; got != "(Bitte wählen)" {
		t.Errorf("stage placeholder = %q, want (Bitte wählen)", got)
	}
}
