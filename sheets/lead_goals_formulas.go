package sheets

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"leadwerk/app"
)

// columnFormulas returns the formulas of one source column by row. They
// compute what app.PlanLeadGoal computes, rounding every count up.
//
// Spreadsheet arithmetic is binary floating point, so a plain
// =ROUNDUP(1390/34.75%,0) can come out as 4001: excelize v2.11.1 does
// this, and it is the case in the tests. So each division first turns
// its operands into whole numbers with ROUND: money into minor units
// (scale is the minor units per major unit) and rates into basis points.
// A quotient of two whole numbers is exact whenever it is a whole number,
// so ROUNDUP adds one only when the exact quotient has a fraction.
// NOTE: this holds while target × share stays below 2^53, that is for
// targets up to about 900 million major units.
func columnFormulas(col string, scale int64) map[int]string {
	at := func(row int) string { return fmt.Sprintf("%s%d", col, row) }
	target := fmt.Sprintf("ROUND($B$%d*%d,0)", rowTarget, scale)
	share := fmt.Sprintf("ROUND(%s*10000,0)", at(rowShare))
	average := fmt.Sprintf("ROUND(%s*%d,0)", at(rowAverageDeal), scale)
	basisPoints := func(row int) string { return fmt.Sprintf("ROUND(%s*10000,0)", at(row)) }

	// Each count is 0 when the one before is 0, as a share of 0 needs no
	// deal, so an empty rate of such a source divides nothing.
	divide := func(countRow, rateRow int) string {
		return fmt.Sprintf("IF(%s=0,0,ROUNDUP(%s*10000/%s,0))", at(countRow), at(countRow), basisPoints(rateRow))
	}

	return map[int]string{
		rowTargetShare:    fmt.Sprintf("ROUND(%s*%s/10000,0)/%d", target, share, scale),
		rowWonDeals:       fmt.Sprintf("IF(%s=0,0,ROUNDUP(%s*%s/(%s*10000),0))", share, target, share, average),
		rowOpportunities:  divide(rowWonDeals, rowWinRate),
		rowQualifiedLeads: divide(rowOpportunities, rowLeadToOpportunity),
		rowLeads:          divide(rowQualifiedLeads, rowQualification),
		rowLeadsPerMonth:  fmt.Sprintf("IF($B$%d>0,ROUNDUP(%s/$B$%d,0),0)", rowMonths, at(rowLeads), rowMonths),
	}
}

// sheetStyles are the style ids of the workbook. A light yellow fill
// marks the input cells that a person may change.
type sheetStyles struct {
	title, header                            int
	money, moneyInput, percent, percentInput int
	count, countInput, textInput             int
}

func newSheetStyles(f *excelize.File, currency string) (sheetStyles, error) {
	moneyFormat := moneyNumberFormat(currency)
	input := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF6D5"}}
	bold := &excelize.Font{Bold: true}
	underline := []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}

	var s sheetStyles
	specs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&s.header, excelize.Style{Font: bold, Border: underline, Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{&s.money, excelize.Style{CustomNumFmt: &moneyFormat, Font: bold}},
		{&s.moneyInput, excelize.Style{CustomNumFmt: &moneyFormat, Fill: input}},
		{&s.percent, excelize.Style{NumFmt: 10, Font: bold}},
		{&s.percentInput, excelize.Style{NumFmt: 10, Fill: input}},
		{&s.count, excelize.Style{NumFmt: 3, Font: bold}},
		{&s.countInput, excelize.Style{NumFmt: 3, Fill: input}},
		{&s.textInput, excelize.Style{Fill: input}},
	}

	for i := range specs {
		id, err := f.NewStyle(&specs[i].style)
		if err != nil {
			return sheetStyles{}, fmt.Errorf("add cell style %d: %w", i, err)
		}
		*specs[i].id = id
	}

	return s, nil
}

// moneyNumberFormat returns a format such as #,##0.00 "EUR": grouped,
// with the currency's decimals and its ISO code. Excel shows the
// separators of the reader's locale.
func moneyNumberFormat(currency string) string {
	format := "#,##0"
	if digits := app.CurrencyDigits(currency); digits > 0 {
		format += "." + strings.Repeat("0", digits)
	}

	return fmt.Sprintf(`%s "%s"`, format, currency)
}
