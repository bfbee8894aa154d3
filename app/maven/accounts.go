package maven

import (
	"errors"
	"io"
	"math"
	"strconv"

	"leadwerk/app"
)

// minorPerMillion is how many USD cents make one million dollars, the
// unit of the revenue column.
const minorPerMillion = 1_000_000 * 100

// readAccounts reads accounts.csv into companies, in file order. Every
// subsidiary_of must name an account of the same file.
func readAccounts(path string) ([]app.CompanyImport, error) {
	t, err := openTable(path, "account", "sector", "year_established", "revenue", "employees",
		"office_location", "subsidiary_of")
	if err != nil {
		return nil, err
	}
	defer t.close()

	var companies []app.CompanyImport
	lines := map[string]int{}
	var parents []row
	for {
		r, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}

		c, err := parseAccount(r)
		if err != nil {
			return nil, err
		}
		if first, dup := lines[c.Name]; dup {
			return nil, r.errorf("account %q is already listed at line %d", c.Name, first)
		}

		lines[c.Name] = r.line
		if c.ParentRef != "" {
			parents = append(parents, r)
		}
		companies = append(companies, c)
	}

	for _, r := range parents {
		if parent := r.get("subsidiary_of"); lines[parent] == 0 {
			return nil, r.errorf("unknown parent company %q in subsidiary_of", parent)
		}
	}

	return companies, nil
}

func parseAccount(r row) (app.CompanyImport, error) {
	name := r.get("account")
	if name == "" {
		return app.CompanyImport{}, r.errorf("account name is empty")
	}

	year, err := parseCount(r, "year_established")
	if err != nil {
		return app.CompanyImport{}, err
	}

	employees, err := parseCount(r, "employees")
	if err != nil {
		return app.CompanyImport{}, err
	}

	revenue, err := parseRevenue(r)
	if err != nil {
		return app.CompanyImport{}, err
	}

	c := app.CompanyImport{Company: app.Company{
		Name:        name,
		Sector:      r.get("sector"),
		Employees:   employees,
		Revenue:     revenue,
		Country:     r.get("office_location"),
		YearFounded: year,
		SourceRef:   accountRef(name),
	}}
	if parent := r.get("subsidiary_of"); parent != "" {
		c.ParentRef = accountRef(parent)
	}

	return c, nil
}

// parseCount reads a non-negative whole number. An empty field is 0.
func parseCount(r row, column string) (int, error) {
	text := r.get(column)
	if text == "" {
		return 0, nil
	}

	n, err := strconv.ParseUint(text, 10, 31)
	if err != nil {
		return 0, r.errorf("bad number %q in %s: expected a whole number from 0", text, column)
	}

	return int(n), nil
}

// parseRevenue reads the revenue column, given in millions of US dollars
// with up to two decimals, into exact cents. An empty field is zero,
// meaning unknown.
func parseRevenue(r row) (app.Money, error) {
	text := r.get("revenue")
	if text == "" {
		return app.Money{Currency: Currency}, nil
	}

	// ParseMoney reads "1100.04" as 110004 hundredths, which are units of
	// 10,000 dollars here, so the cents follow by exact multiplication.
	hundredths, err := app.ParseMoney(text, Currency)
	if err != nil || hundredths.Minor < 0 || hundredths.Minor > math.MaxInt64/(minorPerMillion/100) {
		return app.Money{}, r.errorf("bad number %q in revenue: expected millions of USD from 0 with up to two decimals", text)
	}

	return app.Money{Minor: hundredths.Minor * (minorPerMillion / 100), Currency: Currency}, nil
}

// accountNames returns the set of account names.
func accountNames(companies []app.CompanyImport) map[string]bool {
	names := make(map[string]bool, len(companies))
	for _, c := range companies {
		names[c.Name] = true
	}

	return names
}
