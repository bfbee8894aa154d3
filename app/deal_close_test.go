package app

import "testing"

func TestCompetitorStatusOnClose(t *testing.T) {
	if got := CompetitorStatusOnClose(false); got != CompetitorWonDeal {
		t.Errorf("lost deal: status = %q, want %q", got, CompetitorWonDeal)
	}
	if got := CompetitorStatusOnClose(true); got != CompetitorEliminated {
		t.Errorf("won deal: status = %q, want %q", got, CompetitorEliminated)
	}
}

func TestFindCompetitor(t *testing.T) {
	list := []Competitor{
		{ID: 1, Name: "ACME GmbH"},
		{ID: 2, Name: "Müller & Söhne"},
		{ID: 3, Name: "???"},
	}

	tests := []struct {
		name   string
		search string
		wantID int64
	}{
		{"same name", "ACME GmbH", 1},
		{"without legal form", "acme", 1},
		{"umlaut spelled out", "mueller & soehne", 2},
		{"punctuation only", " ??? ", 3},
		{"other punctuation", "!!!", 0},
		{"not listed", "Initech", 0},
		{"empty", "  ", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, found := FindCompetitor(list, tc.search)
			if found != (tc.wantID != 0) {
				t.Fatalf("found = %v, want %v", found, tc.wantID != 0)
			}
			if got.ID != tc.wantID {
				t.Errorf("found competitor %d, want %d", got.ID, tc.wantID)
			}
		})
	}
}

func TestCompanyChoiceKeepsContact(t *testing.T) {
	tests := []struct {
		name           string
		choice         CompanyChoice
		contactCompany int64
		want           bool
	}{
		{"contact at chosen company", CompanyChoice{ID: 7}, 7, true},
		{"contact at other company", CompanyChoice{ID: 7}, 8, false},
		{"contact without company", CompanyChoice{ID: 7}, 0, false},
		{"new company", CompanyChoice{Name: "Beta AG"}, 0, false},
		{"no company, contact without company", CompanyChoice{}, 0, true},
		{"no company, contact at a company", CompanyChoice{}, 7, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.choice.KeepsContact(tc.contactCompany); got != tc.want {
				t.Errorf("KeepsContact(%d) = %v, want %v", tc.contactCompany, got, tc.want)
			}
		})
	}
}
