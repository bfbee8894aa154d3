package data

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"leadwerk/app"
)

// sharedEmailStore stores Max and Erika Mustermann as leads on one
// company address, with the address in Max's notes.
func sharedEmailStore(t *testing.T) (*Store, app.Lead, app.Lead) {
	t.Helper()

	s := openLeadStore(t)
	maxLead := mustCreate(t, s, app.Lead{FirstName: "Max", LastName: "Mustermann", CompanyName: "Müller GmbH",
		Email: "info@mueller.de", Notes: "Write to info@mueller.de"})
	erika := mustCreate(t, s, app.Lead{FirstName: "Erika", LastName: "Mustermann", CompanyName: "Müller GmbH",
		Email: "INFO@mueller.de"})

	return s, maxLead, erika
}

func TestPersonalDataSharedEmailAsksWhich(t *testing.T) {
	s, _, _ := sharedEmailStore(t)

	_, err := s.PersonalData(context.Background(), app.PersonQuery{Email: "info@mueller.de"})

	var ambiguous *app.AmbiguousPersonError
	if !errors.As(err, &ambiguous) {
		t.Fatalf("PersonalData error = %v, want an AmbiguousPersonError", err)
	}
	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("error %v does not wrap ErrInvalid", err)
	}
	names := ambiguous.CandidateNames()
	if len(names) != 2 || names[0] != "Erika Mustermann" || names[1] != "Max Mustermann" {
		t.Errorf("candidates = %v, want Erika and Max Mustermann", names)
	}
}

func TestPersonalDataSharedEmailByName(t *testing.T) {
	s, _, erika := sharedEmailStore(t)

	d, err := s.PersonalData(context.Background(), app.PersonQuery{Email: "info@mueller.de", Name: "erika  mustermann"})
	if err != nil {
		t.Fatalf("PersonalData: %v", err)
	}

	if len(d.Leads) != 1 || d.Leads[0].ID != erika.ID {
		t.Errorf("leads = %+v, want only Erika's lead %d", d.Leads, erika.ID)
	}
	if names := d.Names(); len(names) != 1 || names[0] != "Erika Mustermann" {
		t.Errorf("names = %v, want only Erika Mustermann", names)
	}
}

func TestPersonalDataSharedEmailUnknownName(t *testing.T) {
	s, _, _ := sharedEmailStore(t)

	_, err := s.PersonalData(context.Background(), app.PersonQuery{Email: "info@mueller.de", Name: "Hans Meier"})

	var ambiguous *app.AmbiguousPersonError
	if !errors.As(err, &ambiguous) || ambiguous.Name != "Hans Meier" {
		t.Errorf("PersonalData error = %v, want an AmbiguousPersonError naming Hans Meier", err)
	}
}

func TestErasePersonSharedEmailErasesOne(t *testing.T) {
	s, maxLead, erika := sharedEmailStore(t)
	ctx := context.Background()

	_, err := s.ErasePerson(ctx, app.ErasureRequest{Query: app.PersonQuery{Email: "info@mueller.de"}})
	if !errors.Is(err, app.ErrInvalid) {
		t.Errorf("erase without a name: error %v, want ErrInvalid", err)
	}
	if n := countRows(t, s, "leads"); n != 2 {
		t.Fatalf("erase without a name left %d leads, want 2", n)
	}

	result, err := s.ErasePerson(ctx, app.ErasureRequest{Query: app.PersonQuery{Email: "info@mueller.de",
		Name: "Erika Mustermann"}})
	if err != nil {
		t.Fatalf("ErasePerson: %v", err)
	}

	if result.Leads != 1 {
		t.Errorf("erased %d leads, want 1", result.Leads)
	}
	if n := countMergeRows(t, s, `SELECT COUNT(*) FROM leads WHERE id = ?`, erika.ID); n != 0 {
		t.Error("Erika's lead is still stored")
	}
	kept := mustDetail(t, s, maxLead.ID)
	if kept.Lead.Email != "info@mueller.de" || kept.Lead.Notes != "Write to info@mueller.de" {
		t.Errorf("Max's lead has e-mail %q and notes %q, want both unchanged", kept.Lead.Email, kept.Lead.Notes)
	}
}

func TestPersonalDataJSONWritesEmptyLists(t *testing.T) {
	s, _, _ := sharedEmailStore(t)
	d, err := s.PersonalData(context.Background(), app.PersonQuery{Email: "info@mueller.de", Name: "Max Mustermann"})
	if err != nil {
		t.Fatalf("PersonalData: %v", err)
	}

	var out bytes.Buffer
	if err := app.WritePersonalDataJSON(&out, d); err != nil {
		t.Fatal(err)
	}

	if bytes.Contains(out.Bytes(), []byte("null")) {
		t.Errorf("JSON contains null:\n%s", out.String())
	}
	if !bytes.Contains(out.Bytes(), []byte(`"contacts": []`)) {
		t.Errorf("JSON lacks an empty contacts list:\n%s", out.String())
	}
}
