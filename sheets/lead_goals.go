// Package sheets writes spreadsheets in the Office Open XML format
// (.xlsx) with excelize. Results are live formulas over input cells, so a
// person can change an input in Excel or LibreOffice and see the result
// follow.
package sheets

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"leadwerk/app"
)

// LeadGoalLabels are the texts of the lead-goal sheet in the person's
// language. Sheet is the tab name, which Excel cuts to 31 characters.
type LeadGoalLabels struct {
	Sheet, Title, Note                                  string
	Target, Period, Months                              string
	Total                                               string
	Share, AverageDeal, WinRate, LeadToOpportunity      string
	Qualification, TargetShare, WonDeals, Opportunities string
	QualifiedLeads, Leads, LeadsPerMonth                string
}

// LeadGoalColumn is one column of the sheet: all sources together, or
// one source. Inputs.Target and Inputs.Months are ignored, because every
// column reads the sheet's one target and period.
type LeadGoalColumn struct {
	Name   string
	Inputs app.LeadGoalInputs
}

// LeadGoalSheet is the content of a lead-goal workbook.
type LeadGoalSheet struct {
	Labels LeadGoalLabels
	Target app.Money
	// Period names the period the target covers, such as "Quarter", and
	// Months is its length.
	Period  string
	Months  int
	Columns []LeadGoalColumn
}

// The rows of the sheet. Inputs come first, then the formulas.
const (
	rowTitle = 1 + iota
	rowNote
	rowBlank
	rowTarget
	rowPeriod
	rowMonths
	rowBlank2
	rowHeader
	rowShare
	rowAverageDeal
	rowWinRate
	rowLeadToOpportunity
	rowQualification
	rowTargetShare
	rowWonDeals
	rowOpportunities
	rowQualifiedLeads
	rowLeads
	rowLeadsPerMonth
)

// WriteLeadGoal writes s as an .xlsx workbook to w.
func WriteLeadGoal(w io.Writer, s LeadGoalSheet) error {
	f, err := NewLeadGoalFile(s)
	if err != nil {
		return err
	}
	defer f.Close()

	if err := f.Write(w); err != nil {
		return fmt.Errorf("write lead-goal workbook: %w", err)
	}

	return nil
}

// NewLeadGoalFile builds the workbook of s: the target and period as
// input cells, one column of input cells per source, and below them the
// formulas that work back to the leads needed. With more than one
// column, a last column adds them up.
func NewLeadGoalFile(s LeadGoalSheet) (*excelize.File, error) {
	if len(s.Columns) == 0 {
		return nil, fmt.Errorf("lead-goal sheet has no column: %w", app.ErrInvalid)
	}

	f := excelize.NewFile()
	b, err := newSheetBuilder(f, s)
	if err != nil {
		f.Close()
		return nil, err
	}

	b.writeInputs()
	for i, c := range s.Columns {
		b.writeColumn(columnName(i+2), c)
	}

	if len(s.Columns) > 1 {
		b.writeTotal(columnName(len(s.Columns)+2), len(s.Columns))
	}

	b.layout(len(s.Columns))
	if b.err != nil {
		f.Close()
		return nil, fmt.Errorf("build lead-goal sheet: %w", b.err)
	}

	return f, nil
}

// sheetBuilder writes cells and keeps the first error, so the steps
// above read as a list.
type sheetBuilder struct {
	f      *excelize.File
	sheet  string
	s      LeadGoalSheet
	styles sheetStyles
	err    error
}

func newSheetBuilder(f *excelize.File, s LeadGoalSheet) (*sheetBuilder, error) {
	name := sheetName(s.Labels.Sheet)
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		return nil, fmt.Errorf("name sheet %q: %w", name, err)
	}

	styles, err := newSheetStyles(f, s.Target.Currency)
	if err != nil {
		return nil, err
	}

	return &sheetBuilder{f: f, sheet: name, s: s, styles: styles}, nil
}

// sheetName returns name without the characters Excel forbids in a tab
// name, cut to Excel's limit of 31 characters.
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, name)

	if runes := []rune(name); len(runes) > 31 {
		name = string(runes[:31])
	}

	if strings.TrimSpace(name) == "" {
		return "Sheet1"
	}

	return name
}

func (b *sheetBuilder) set(cell string, value any, style int) {
	if b.err != nil {
		return
	}

	b.err = b.f.SetCellValue(b.sheet, cell, value)
	if b.err == nil && style != 0 {
		b.err = b.f.SetCellStyle(b.sheet, cell, cell, style)
	}
}

func (b *sheetBuilder) formula(cell, formula string, style int) {
	if b.err != nil {
		return
	}

	b.err = b.f.SetCellFormula(b.sheet, cell, formula)
	if b.err == nil && style != 0 {
		b.err = b.f.SetCellStyle(b.sheet, cell, cell, style)
	}
}

// writeInputs writes the title, the target and the period, and the
// label column.
func (b *sheetBuilder) writeInputs() {
	l := b.s.Labels
	b.set(cell("A", rowTitle), l.Title, b.styles.title)
	b.set(cell("A", rowNote), l.Note, 0)

	b.set(cell("A", rowTarget), l.Target, 0)
	b.set(cell("B", rowTarget), majorUnits(b.s.Target), b.styles.moneyInput)
	b.set(cell("A", rowPeriod), l.Period, 0)
	b.set(cell("B", rowPeriod), b.s.Period, b.styles.textInput)
	b.set(cell("A", rowMonths), l.Months, 0)
	b.set(cell("B", rowMonths), b.s.Months, b.styles.countInput)

	labels := map[int]string{
		rowShare: l.Share, rowAverageDeal: l.AverageDeal, rowWinRate: l.WinRate,
		rowLeadToOpportunity: l.LeadToOpportunity, rowQualification: l.Qualification,
		rowTargetShare: l.TargetShare, rowWonDeals: l.WonDeals, rowOpportunities: l.Opportunities,
		rowQualifiedLeads: l.QualifiedLeads, rowLeads: l.Leads, rowLeadsPerMonth: l.LeadsPerMonth,
	}
	for row, text := range labels {
		b.set(cell("A", row), text, 0)
	}
}

// writeColumn writes one source's inputs and the formulas over them.
func (b *sheetBuilder) writeColumn(col string, c LeadGoalColumn) {
	in := c.Inputs
	b.set(cell(col, rowHeader), c.Name, b.styles.header)
	b.set(cell(col, rowShare), in.Share.Fraction(), b.styles.percentInput)
	b.set(cell(col, rowAverageDeal), majorUnits(in.AverageDeal), b.styles.moneyInput)
	b.set(cell(col, rowWinRate), in.WinRate.Fraction(), b.styles.percentInput)
	b.set(cell(col, rowLeadToOpportunity), in.LeadToOpportunity.Fraction(), b.styles.percentInput)
	b.set(cell(col, rowQualification), in.Qualification.Fraction(), b.styles.percentInput)

	for row, formula := range columnFormulas(col, app.MinorPerMajor(b.s.Target.Currency)) {
		style := b.styles.count
		if row == rowTargetShare {
			style = b.styles.money
		}
		b.formula(cell(col, row), formula, style)
	}
}

// writeTotal writes a column that adds up the shares and the results of
// the source columns.
func (b *sheetBuilder) writeTotal(col string, sources int) {
	b.set(cell(col, rowHeader), b.s.Labels.Total, b.styles.header)

	last := columnName(sources + 1)
	sums := map[int]int{
		rowShare: b.styles.percent, rowTargetShare: b.styles.money, rowWonDeals: b.styles.count,
		rowOpportunities: b.styles.count, rowQualifiedLeads: b.styles.count, rowLeads: b.styles.count,
		rowLeadsPerMonth: b.styles.count,
	}
	for row, style := range sums {
		b.formula(cell(col, row), fmt.Sprintf("SUM(B%d:%s%d)", row, last, row), style)
	}
}

// layout sets the column widths and freezes the label column.
func (b *sheetBuilder) layout(columns int) {
	if b.err != nil {
		return
	}

	b.err = b.f.SetColWidth(b.sheet, "A", "A", 34)
	if b.err == nil {
		b.err = b.f.SetColWidth(b.sheet, "B", columnName(columns+2), 18)
	}
}

func cell(col string, row int) string {
	return col + strconv.Itoa(row)
}

// columnName returns the letters of the 1-based column n.
func columnName(n int) string {
	name, err := excelize.ColumnNumberToName(n)
	if err != nil {
		panic(fmt.Sprintf("column %d: %v", n, err))
	}

	return name
}

// majorUnits returns m as a number of major units, such as 1234.5 for
// 1234.50 EUR, for a cell that the currency format shows.
func majorUnits(m app.Money) float64 {
	return float64(m.Minor) / float64(app.MinorPerMajor(m.Currency))
}
