package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app"
)

// offerCellSize is the size of the quantity, price, discount and net
// cells of an offer line; the product takes the rest of the row.
var offerCellSize = fyne.NewSize(110, 36)

// offerLineEditor is one line item of the offer dialog: four entries, the
// line's net and a button that removes the line.
type offerLineEditor struct {
	product   *widget.Entry
	quantity  *widget.Entry
	unitPrice *widget.Entry
	discount  *widget.Entry
	net       *widget.Label
	remove    *widget.Button
	content   fyne.CanvasObject
}

func newOfferLineEditor(onChanged func(), onRemove func(*offerLineEditor)) *offerLineEditor {
	l := &offerLineEditor{}
	l.product = widget.NewEntry()
	l.product.SetPlaceHolder(lang.X("offers.line.product.placeholder", "Product or service"))
	l.quantity = widget.NewEntry()
	l.unitPrice = widget.NewEntry()
	l.discount = widget.NewEntry()
	l.discount.SetPlaceHolder("0")
	for _, entry := range []*widget.Entry{l.product, l.quantity, l.unitPrice, l.discount} {
		entry.OnChanged = func(string) { onChanged() }
	}

	l.net = widget.NewLabel("")
	l.net.Alignment = fyne.TextAlignTrailing
	l.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { onRemove(l) })
	l.content = offerRow(l.product, l.quantity, l.unitPrice, l.discount, l.net, l.remove)

	return l
}

// offerRow lays out the cells of one line or of the header: the product
// stretched, the other cells at offerCellSize.
func offerRow(product, quantity, unitPrice, discount, net, last fyne.CanvasObject) fyne.CanvasObject {
	cell := func(o fyne.CanvasObject) fyne.CanvasObject { return container.NewGridWrap(offerCellSize, o) }
	right := container.NewHBox(cell(quantity), cell(unitPrice), cell(discount), cell(net), last)

	return container.NewBorder(nil, nil, nil, right, product)
}

// offerHeaderRow is the header above the line editors.
func offerHeaderRow(currency string) fyne.CanvasObject {
	unitPrice := lang.X("offers.column.unit_price", "Unit price ({{.Currency}})", map[string]any{"Currency": currency})
	spacer := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	spacer.Hide()

	return offerRow(headingLabel(lang.X("offers.column.product", "Product")),
		headingLabel(lang.X("offers.column.quantity", "Quantity")), headingLabel(unitPrice),
		headingLabel(lang.X("offers.column.discount", "Discount (%)")),
		widget.NewLabelWithStyle(lang.X("offers.column.net", "Net"), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		container.NewStack(layout.NewSpacer(), spacer))
}

// read parses the line as typed in language. A field that cannot be read
// returns a message naming line number and field.
func (l *offerLineEditor) read(number int, currency, language string) (app.OfferLine, string) {
	line := app.OfferLine{Product: strings.TrimSpace(l.product.Text)}

	quantity, err := parseOfferQuantity(l.quantity.Text, language)
	if err != nil {
		return line, lang.X("offers.problem.quantity_number",
			"Line {{.Line}}: the quantity “{{.Text}}” is not a number. Enter it with up to three decimals, such as {{.Example}}.",
			map[string]any{"Line": number, "Text": l.quantity.Text, "Example": formatOfferQuantity(9500, language)})
	}
	line.Quantity = quantity

	price, err := parseAmount(l.unitPrice.Text, currency, language)
	if err != nil {
		return line, lang.X("offers.problem.price_number",
			"Line {{.Line}}: the unit price “{{.Text}}” is not an amount in {{.Currency}}. Enter it such as {{.Example}}.",
			map[string]any{"Line": number, "Text": l.unitPrice.Text, "Currency": currency,
				"Example": formatAmount(app.Money{Minor: 12475 * app.MinorPerMajor(currency) / 100, Currency: currency}, language)})
	}
	line.UnitPrice = price

	discount, err := parseOfferPercent(l.discount.Text, language)
	if err != nil {
		return line, lang.X("offers.problem.discount_number",
			"Line {{.Line}}: the discount “{{.Text}}” is not a percentage. Enter a number from 0 to 100, or leave it empty.",
			map[string]any{"Line": number, "Text": l.discount.Text})
	}
	line.Discount = discount

	return line, ""
}

// parseOfferQuantity reads a quantity as typed in language, such as "9,5" in
// German or "9.5" in English, with up to three decimals.
func parseOfferQuantity(text, language string) (app.Quantity, error) {
	plain, err := offerPlainDecimal(text, language)
	if err != nil {
		return 0, err
	}

	return app.ParseQuantity(plain)
}

// parseOfferPercent reads a percentage as typed in language, with up to two
// decimals; an empty text is 0 %.
func parseOfferPercent(text, language string) (app.Percent, error) {
	if strings.TrimSpace(text) == "" {
		return 0, nil
	}

	plain, err := offerPlainDecimal(strings.TrimSuffix(strings.TrimSpace(text), "%"), language)
	if err != nil {
		return 0, err
	}

	return app.ParsePercent(plain)
}

// offerPlainDecimal rewrites a number typed in language with a dot as decimal
// mark and no group separators, as package app reads it.
func offerPlainDecimal(text, language string) (string, error) {
	style := amountStyleFor(language)
	s := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(strings.TrimSpace(text))
	whole, frac, hasFrac := strings.Cut(s, style.decimal)
	if strings.Contains(frac, style.decimal) || strings.Contains(frac, style.group) {
		return "", fmt.Errorf("number %q has a misplaced separator: %w", text, app.ErrInvalid)
	}

	whole, err := ungroup(whole, style.group)
	if err != nil {
		return "", fmt.Errorf("number %q: %w", text, err)
	}

	if hasFrac {
		return whole + "." + frac, nil
	}

	return whole, nil
}

// formatOfferQuantity writes q as parseOfferQuantity reads it back, such as "9,5"
// in German.
func formatOfferQuantity(q app.Quantity, language string) string {
	return strings.Replace(q.String(), ".", amountStyleFor(language).decimal, 1)
}

// formatOfferPercent writes p as parseOfferPercent reads it back, such as "7,7" in
// German.
func formatOfferPercent(p app.Percent, language string) string {
	return strings.Replace(p.String(), ".", amountStyleFor(language).decimal, 1)
}
