package maven

import (
	"errors"
	"io"
	"strings"
	"unicode"

	"leadwerk/app"
)

// product is one line of products.csv.
type product struct {
	name  string
	price app.Money
}

// readProducts reads products.csv into a map keyed by [productKey].
func readProducts(path string) (map[string]product, error) {
	t, err := openTable(path, "product", "sales_price")
	if err != nil {
		return nil, err
	}
	defer t.close()

	products := map[string]product{}
	for {
		r, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}

		name := r.get("product")
		key := productKey(name)
		if key == "" {
			return nil, r.errorf("product name %q is empty", name)
		}
		if other, dup := products[key]; dup {
			return nil, r.errorf("product %q is already listed as %q", name, other.name)
		}

		price, err := parseDollars(r, "sales_price")
		if err != nil {
			return nil, err
		}

		products[key] = product{name: name, price: price}
	}

	return products, nil
}

// productKey returns the name folded to lower-case letters and digits, so
// "GTXPro" in the deals matches "GTX Pro" in the product list.
func productKey(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			b.WriteRune(c)
		}
	}

	return b.String()
}

// parseDollars reads a non-negative US dollar amount, such as "1054" or
// "4821.50", into cents. An empty field is an error.
func parseDollars(r row, column string) (app.Money, error) {
	text := r.get(column)
	if text == "" {
		return app.Money{}, r.errorf("%s is empty", column)
	}

	m, err := app.ParseMoney(text, Currency)
	if err != nil || m.Minor < 0 {
		return app.Money{}, r.errorf("bad number %q in %s: expected US dollars from 0 with up to two decimals", text, column)
	}

	return m, nil
}
