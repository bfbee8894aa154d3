package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

func TestImportRejectsInvalidRows(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	b.Leads[1].Email = "mary@adams"
	b.Opportunities[0].Amount = usd(app.MaxAmountMinor + 1)

	_, err := s.Import(context.Background(), b, nil)

	var rows *app.ImportRowsError
	if !errors.As(err, &rows) {
		t.Fatalf("Import error = %v, want an *app.ImportRowsError", err)
	}
	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("Import error %v does not wrap app.ErrInvalid", err)
	}
	if len(rows.Problems) != 2 {
		t.Fatalf("problems = %v, want the lead's e-mail and the deal's amount", rows.Problems)
	}
	for _, want := range []string{`lead 2 "lead:2": email "mary@adams"`, `opportunity 1 "opp:1": amount`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	assertUntouched(t, s)
}

func TestImportAcceptsBackdatedClose(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	// Every sample deal closes on 2024-03-01, a year before it was created.
	for i := range b.Opportunities {
		b.Opportunities[i].CreatedAt = time.Date(2025, time.March, 1, 9, 0, 0, 0, time.UTC)
	}

	mustImport(t, s, b)
}
