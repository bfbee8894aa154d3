package app

import (
	"errors"
	"testing"
	"time"
)

func TestNormalizeCompanyRules(t *testing.T) {
	cases := []struct{ a, b string }{
		{"Müller GmbH", "Mueller"},
		{"Mu\u0308ller GmbH", "Müller"},
		{"MÜLLER  &  SÖHNE", "Mueller und Soehne"},
		{"Smith & Sons Ltd", "smith and sons"},
		{"Weber UG (haftungsbeschränkt)", "Weber"},
		{"Weber UG (haftungsbeschränkt) & Co. KG", "weber"},
		{"Schulz e.K.", "Schulz"},
		{"Schulz e. K.", "Schulz"},
		{"Bäckerei Roth GmbH & Co. KG", "Baeckerei Roth"},
		{"Acme Inc.", "ACME LLC"},
		{"Dupont SARL", "Dupont S.A."},
		{"Van Dijk B.V.", "van dijk"},
		{"José Garcia SA", "Jose Garcia"},
		{"Hofmann OHG", "Hofmann AG"},
	}

	for _, c := range cases {
		if a, b := NormalizeCompany(c.a), NormalizeCompany(c.b); a != b {
			t.Errorf("NormalizeCompany(%q) = %q, NormalizeCompany(%q) = %q, want equal", c.a, a, c.b, b)
		}
	}
}

func TestNormalizeCompanyKeepsConnectiveAlone(t *testing.T) {
	if got := NormalizeCompany("Und"); got != "und" {
		t.Errorf("NormalizeCompany(Und) = %q, want und", got)
	}
}

func TestSimilarNames(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"meyer", "meier", true},
		{"hans meyer", "hans meier", true},
		{NormalizeCompany("Müller GmbH"), NormalizeCompany("Mueller"), true},
		{"hofmann", "hoffmann", true},
		{"juergen mueller", "juergen muller", true},
		{"schmidt", "schmitz", false},
		{"mayer", "meier", false},
		{"anna schulz", "otto schulz", false},
		{"", "", false},
		{"becker", "", false},
	}

	for _, c := range cases {
		score, got := SimilarNames(c.a, c.b)
		if got != c.want {
			t.Errorf("SimilarNames(%q, %q) = %.3f, %v; want %v", c.a, c.b, score, got, c.want)
		}
	}
}

func TestNameSimilarityScores(t *testing.T) {
	if got := NameSimilarity("meyer", "meier"); got != 0.8 {
		t.Errorf("NameSimilarity(meyer, meier) = %v, want 0.8", got)
	}

	if got := NameSimilarity("maier", "miaer"); got != 0.8 {
		t.Errorf("NameSimilarity(maier, miaer) = %v, want 0.8 for one swap", got)
	}

	if got := NameSimilarity("same", "same"); got != 1 {
		t.Errorf("NameSimilarity of equal names = %v, want 1", got)
	}
}

func TestLinkSameEmail(t *testing.T) {
	l := NewDuplicateLinker()
	shared := l.LinkSameEmail("info@x.de", []NamedID{{1, "anna schulz"}, {2, "otto weber"}, {3, "anna schultz"}})
	if !shared {
		t.Error("two different people on one address: shared = false, want true")
	}

	groups := l.Groups()
	if len(groups) != 1 || len(groups[0].IDs) != 2 || groups[0].IDs[0] != 1 || groups[0].IDs[1] != 3 {
		t.Fatalf("groups = %+v, want one group of 1 and 3", groups)
	}

	if groups[0].Matches[0].Reason != MatchSameEmail {
		t.Errorf("reason = %s, want %s", groups[0].Matches[0].Reason, MatchSameEmail)
	}
}

func TestLinkSameEmailWithoutName(t *testing.T) {
	l := NewDuplicateLinker()
	if l.LinkSameEmail("a@x.de", []NamedID{{1, ""}, {2, "anna schulz"}}) {
		t.Error("a record without a name made the address shared")
	}

	if groups := l.Groups(); len(groups) != 1 || len(groups[0].IDs) != 2 {
		t.Errorf("groups = %+v, want one group of two", groups)
	}
}

func TestLinkSimilarNamesJoinsChains(t *testing.T) {
	l := NewDuplicateLinker()
	l.LinkSimilarNames([]NamedID{{5, "hans meier"}, {7, "hans meyer"}, {9, "erika roth"}, {11, "hans meier"}})

	groups := l.Groups()
	if len(groups) != 1 {
		t.Fatalf("groups = %+v, want one", groups)
	}

	if got := groups[0].IDs; len(got) != 3 || got[0] != 5 || got[1] != 7 || got[2] != 11 {
		t.Errorf("ids = %v, want [5 7 11]", got)
	}

	reasons := map[MatchReason]bool{}
	for _, m := range groups[0].Matches {
		reasons[m.Reason] = true
	}
	if !reasons[MatchSameName] || !reasons[MatchSimilarName] {
		t.Errorf("matches = %+v, want same and similar name", groups[0].Matches)
	}
}

func TestLinkSimilarNamesLargeBlock(t *testing.T) {
	records := make([]NamedID, 0, 1000)
	for i := range 1000 {
		records = append(records, NamedID{ID: int64(i + 1), Name: string(rune('a'+i%26)) + "person" + string(rune('a'+i/26%26))})
	}
	records = append(records, NamedID{ID: 5000, Name: "zzz meyer"}, NamedID{ID: 5001, Name: "zzz meier"})

	l := NewDuplicateLinker()
	l.LinkSimilarNames(records)

	found := false
	for _, g := range l.Groups() {
		for _, id := range g.IDs {
			found = found || id == 5001
		}
	}
	if !found {
		t.Error("neighbours in a large block were not linked")
	}
}

func TestDefaultChoicesNewestNonEmpty(t *testing.T) {
	old := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	g := DuplicateGroup{Kind: DuplicateCompanies, Records: []DuplicateRecord{
		{ID: 1, CreatedAt: old, UpdatedAt: old, Fields: map[string]string{"name": "Müller", "sector": "retail"}},
		{ID: 2, CreatedAt: old.Add(time.Hour), UpdatedAt: old.Add(48 * time.Hour),
			Fields: map[string]string{"name": "Mueller GmbH", "sector": ""}},
	}}

	keep := DefaultKeep(g)
	if keep != 1 {
		t.Fatalf("DefaultKeep = %d, want the oldest, 1", keep)
	}

	choices := DefaultChoices(g, keep)
	if choices["name"] != 2 {
		t.Errorf("name from %d, want 2, the newest", choices["name"])
	}
	if choices["sector"] != 1 {
		t.Errorf("sector from %d, want 1, the only non-empty", choices["sector"])
	}
	if choices["country"] != 1 {
		t.Errorf("empty country from %d, want the kept record 1", choices["country"])
	}
}

func TestMergeRequestValidate(t *testing.T) {
	cases := []struct {
		name string
		r    MergeRequest
		ok   bool
	}{
		{"valid", MergeRequest{Kind: DuplicateLeads, KeepID: 1, RemoveIDs: []int64{2}, Choices: map[string]int64{"email": 2}}, true},
		{"unknown kind", MergeRequest{Kind: "deal", KeepID: 1, RemoveIDs: []int64{2}}, false},
		{"nothing to remove", MergeRequest{Kind: DuplicateLeads, KeepID: 1}, false},
		{"keeps a removed one", MergeRequest{Kind: DuplicateLeads, KeepID: 1, RemoveIDs: []int64{1}}, false},
		{"unknown field", MergeRequest{Kind: DuplicateLeads, KeepID: 1, RemoveIDs: []int64{2}, Choices: map[string]int64{"score": 2}}, false},
		{"foreign record", MergeRequest{Kind: DuplicateLeads, KeepID: 1, RemoveIDs: []int64{2}, Choices: map[string]int64{"email": 3}}, false},
	}

	for _, c := range cases {
		err := c.r.Validate()
		if c.ok && err != nil {
			t.Errorf("%s: Validate = %v, want nil", c.name, err)
		}
		if !c.ok && !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Validate = %v, want ErrInvalid", c.name, err)
		}
	}
}

func TestSharedEmailOnly(t *testing.T) {
	shared := DuplicateGroup{Matches: []DuplicateMatch{{Reason: MatchSharedEmail}}}
	if !shared.SharedEmailOnly() {
		t.Error("shared-only group: SharedEmailOnly = false")
	}

	mixed := DuplicateGroup{Matches: []DuplicateMatch{{Reason: MatchSharedEmail}, {Reason: MatchSameName}}}
	if mixed.SharedEmailOnly() {
		t.Error("group with a same name: SharedEmailOnly = true")
	}
}
