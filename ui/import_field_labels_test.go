package ui

import (
	"testing"

	"leadwerk/app/mapping"
)

// TestImportFieldLabelsCoverEveryField checks that the mapping step names
// every field a record can take in words, never by its stored name.
func TestImportFieldLabelsCoverEveryField(t *testing.T) {
	kinds := []mapping.Kind{mapping.KindLeads, mapping.KindContacts, mapping.KindCompanies, mapping.KindOpportunities}
	for _, kind := range kinds {
		for _, field := range mapping.FieldsOf(kind) {
			if label := importFieldLabel(field); label == string(field) || label == "" {
				t.Errorf("%s field %q has no label", kind, field)
			}
		}
	}
}
