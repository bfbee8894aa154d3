package data

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"leadwerk/app"
)

// groupOf returns the group of kind that contains the record titled
// title, and whether there is one. A shared e-mail group counts only when
// shared is true.
func groupOf(groups []app.DuplicateGroup, kind app.DuplicateKind, title string, shared bool) (app.DuplicateGroup, bool) {
	for _, g := range groups {
		if g.Kind != kind || g.SharedEmailOnly() != shared {
			continue
		}

		for _, r := range g.Records {
			if r.Title == title {
				return g, true
			}
		}
	}

	return app.DuplicateGroup{}, false
}

func hasReason(g app.DuplicateGroup, reason app.MatchReason) bool {
	return slices.ContainsFunc(g.Matches, func(m app.DuplicateMatch) bool { return m.Reason == reason })
}

func findGroups(t *testing.T, s *Store) []app.DuplicateGroup {
	t.Helper()

	groups, err := s.FindDuplicateGroups(context.Background(), nil)
	if err != nil {
		t.Fatalf("FindDuplicateGroups: %v", err)
	}

	return groups
}

func TestFindDuplicateLeads(t *testing.T) {
	s := openLeadStore(t)
	mustCreate(t, s, person("Jürgen", "Müller", "Müller GmbH & Co. KG", ""))
	mustCreate(t, s, person("Juergen", "Mueller", "Mueller", ""))
	mustCreate(t, s, person("Hans", "Meyer", "Weber und Söhne", ""))
	mustCreate(t, s, person("Hans", "Meier", "Weber & Soehne GmbH", ""))
	mustCreate(t, s, person("Hans", "Schmidt", "Weber & Soehne GmbH", ""))
	mustCreate(t, s, person("Lisa", "Kern", "Kern AG", "lisa@kern.de"))
	mustCreate(t, s, person("Lisa", "Kern", "", "LISA@kern.de "))

	groups := findGroups(t, s)

	same, ok := groupOf(groups, app.DuplicateLeads, "Jürgen Müller", false)
	if !ok || len(same.Records) != 2 || !hasReason(same, app.MatchSameName) {
		t.Errorf("Müller group = %+v, want two records with the same name", same)
	}

	similar, ok := groupOf(groups, app.DuplicateLeads, "Hans Meyer", false)
	if !ok || len(similar.Records) != 2 || !hasReason(similar, app.MatchSimilarName) {
		t.Errorf("Meyer group = %+v, want Meyer and Meier as similar", similar)
	}

	if _, ok := groupOf(groups, app.DuplicateLeads, "Hans Schmidt", false); ok {
		t.Error("Hans Schmidt was grouped, want alone")
	}

	email, ok := groupOf(groups, app.DuplicateLeads, "Lisa Kern", false)
	if !ok || !hasReason(email, app.MatchSameEmail) {
		t.Errorf("Kern group = %+v, want a same e-mail match", email)
	}
}

func TestFindDuplicatesSharedEmail(t *testing.T) {
	s := openLeadStore(t)
	mustCreate(t, s, person("Anna", "Schulz", "Firma", "info@firma.de"))
	mustCreate(t, s, person("Otto", "Weber", "Firma", "info@firma.de"))
	mustCreate(t, s, person("Eva", "Lang", "Firma", "info@firma.de"))

	groups := findGroups(t, s)

	if _, ok := groupOf(groups, app.DuplicateLeads, "Anna Schulz", false); ok {
		t.Error("different people on info@ were grouped as duplicates")
	}

	shared, ok := groupOf(groups, app.DuplicateLeads, "Anna Schulz", true)
	if !ok {
		t.Fatal("no shared e-mail group for info@firma.de")
	}
	if len(shared.Records) != 3 {
		t.Errorf("shared group has %d records, want 3", len(shared.Records))
	}
	if shared.Matches[0].Value != "info@firma.de" {
		t.Errorf("shared value = %q, want info@firma.de", shared.Matches[0].Value)
	}
}

func TestFindDuplicateCompaniesAndContacts(t *testing.T) {
	s := openLeadStore(t)
	insertMergeCompany(t, s, "Bäckerei Roth GmbH", nil)
	insertMergeCompany(t, s, "Baeckerei Roth", nil)
	insertMergeCompany(t, s, "Meyer Logistik", nil)
	insertMergeCompany(t, s, "Meier Logistik AG", nil)
	other := insertMergeCompany(t, s, "Zeller", nil)
	insertMergeContact(t, s, other, "Tom", "Berg", "tom@zeller.de", "")
	insertMergeContact(t, s, nil, "Tom", "Berg", "Tom@Zeller.de", "+49 1")
	insertMergeContact(t, s, other, "Ute", "Hahn", "", "")
	insertMergeContact(t, s, other, "Ute", "Hahn", "", "")

	groups := findGroups(t, s)

	roth, ok := groupOf(groups, app.DuplicateCompanies, "Bäckerei Roth GmbH", false)
	if !ok || !hasReason(roth, app.MatchSameName) {
		t.Errorf("Roth group = %+v, want the same name", roth)
	}

	meyer, ok := groupOf(groups, app.DuplicateCompanies, "Meyer Logistik", false)
	if !ok || !hasReason(meyer, app.MatchSimilarName) {
		t.Errorf("Meyer group = %+v, want a similar name", meyer)
	}

	if _, ok := groupOf(groups, app.DuplicateContacts, "Tom Berg", false); !ok {
		t.Error("contacts with one e-mail in two spellings were not grouped")
	}

	hahn, ok := groupOf(groups, app.DuplicateContacts, "Ute Hahn", false)
	if !ok || hahn.Records[0].Fields["company"] != "Zeller" {
		t.Errorf("Hahn group = %+v, want two contacts at Zeller", hahn)
	}
}

func TestFindDuplicatesCancelled(t *testing.T) {
	s := openLeadStore(t)
	for i := range duplicateProgressEvery + 10 {
		mustCreate(t, s, person("Person", fmt.Sprint(i), "Big AG", ""))
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	_, err := s.FindDuplicateGroups(ctx, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}
