package exporting

import (
	"testing"

	"leadwerk/app"
	"leadwerk/app/export"
)

// TestCompanyCellsLeaveUnknownEmpty checks that a company without
// employees, revenue and founding year exports empty cells, not zeros,
// and that known figures keep their number cells.
func TestCompanyCellsLeaveUnknownEmpty(t *testing.T) {
	unknown := companyCells(app.Company{Name: "Müller GmbH"})
	for i, column := range map[int]string{2: "employees", 3: "revenue", 4: "currency", 6: "founded"} {
		if cell := unknown[i]; cell.Kind != export.Text || cell.Text != "" {
			t.Errorf("%s of an unknown company = %+v, want an empty text cell", column, cell)
		}
	}

	known := companyCells(app.Company{Name: "Jäger AG", Employees: 40, YearFounded: 1998,
		Revenue: app.Money{Minor: 250_000_000, Currency: "EUR"}})
	if known[2].Kind != export.Integer || known[2].Int != 40 {
		t.Errorf("employees = %+v, want the integer 40", known[2])
	}
	if known[3].Kind != export.Amount || known[3].Money.Minor != 250_000_000 || known[4].Text != "EUR" {
		t.Errorf("revenue = %+v %+v, want 2,500,000.00 EUR", known[3], known[4])
	}
	if known[6].Kind != export.Integer || known[6].Int != 1998 {
		t.Errorf("founded = %+v, want the integer 1998", known[6])
	}
}
