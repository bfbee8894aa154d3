package ui

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
)

// maxHeaderChoice is the last line the header row select offers, unless
// detection found the header further down.
const maxHeaderChoice = 10

// previewColumnWidth is the width of each column of the preview table.
const previewColumnWidth = 150

// wizardSettingsPage is the second step: the detected settings, each
// one a select the person can change, and a preview of the first rows.
type wizardSettingsPage struct {
	w *importWizard
	// filling is set while fill sets the selects, so their OnChanged does
	// not take the detected values for the person's choices.
	filling bool

	encoding  *widget.Select
	delimiter *widget.Select
	header    *widget.Select
	decimal   *widget.Select
	thousands *widget.Select
	date      *widget.Select
	kind      *widget.Select
	warning   *widget.Label
	status    *widget.Label
	table     *widget.Table
	content   fyne.CanvasObject
}

func newWizardSettingsPage(w *importWizard) *wizardSettingsPage {
	p := &wizardSettingsPage{w: w}
	p.encoding = widget.NewSelect(encodingOptions(), p.onEncodingChanged)
	p.delimiter = widget.NewSelect(optionLabels(delimiterChoices()), p.onDelimiterChanged)
	p.header = widget.NewSelect(nil, p.onHeaderChanged)
	p.decimal = widget.NewSelect(optionLabels(decimalChoices()), p.onDecimalChanged)
	p.thousands = widget.NewSelect(optionLabels(thousandsChoices()), p.onThousandsChanged)
	p.date = widget.NewSelect(dateOptions(), p.onDateChanged)
	p.kind = widget.NewSelect(optionLabels(kindChoices()), p.onKindChanged)
	p.warning = widget.NewLabel("")
	p.warning.Hide()
	p.warning.Wrapping = fyne.TextWrapWord
	p.warning.Importance = widget.WarningImportance
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord

	// Two label and select pairs per line leave the preview most of the
	// height.
	form := container.NewGridWithColumns(4,
		widget.NewLabel(lang.X("importwizard.settings.kind", "Records")), p.kind,
		widget.NewLabel(lang.X("importwizard.settings.encoding", "Encoding")), p.encoding,
		widget.NewLabel(lang.X("importwizard.settings.delimiter", "Delimiter")), p.delimiter,
		widget.NewLabel(lang.X("importwizard.settings.header", "Header row")), p.header,
		widget.NewLabel(lang.X("importwizard.settings.decimal", "Decimal separator")), p.decimal,
		widget.NewLabel(lang.X("importwizard.settings.thousands", "Thousands separator")), p.thousands,
		widget.NewLabel(lang.X("importwizard.settings.date", "Date format")), p.date,
	)

	p.table = widget.NewTable(p.tableSize, p.createCell, p.updateCell)
	top := container.NewVBox(form, p.warning, p.status,
		widget.NewLabelWithStyle(lang.X("importwizard.settings.preview", "The first rows as Leadwerk reads them:"),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	p.content = container.NewBorder(top, nil, nil, nil, p.table)

	return p
}

// fill shows the settings the file was read with and its preview.
func (p *wizardSettingsPage) fill(unknownKind bool) {
	p.filling = true
	defer func() { p.filling = false }()

	d := p.w.plan.Dialect
	p.encoding.SetSelected(string(d.Encoding))
	p.delimiter.SetSelected(choiceLabel(delimiterChoices(), d.Delimiter))
	p.header.Options = headerOptions(d.HeaderLine)
	p.header.SetSelected(headerLabel(d.HeaderLine))
	setEnabled(p.encoding, d.Format != tabular.FormatXLSX)
	setEnabled(p.delimiter, d.Format == tabular.FormatCSV)
	setEnabled(p.header, d.Format != tabular.FormatVCard)

	number, date := firstFormats(d.Columns)
	p.decimal.SetSelected(choiceLabel(decimalChoices(), decimalOf(number.Decimal)))
	p.thousands.SetSelected(choiceLabel(thousandsChoices(), number.Thousands))
	if date != "" {
		p.date.SetSelected(string(date))
	} else {
		p.date.ClearSelected()
	}

	if unknownKind {
		p.kind.ClearSelected()
	} else {
		p.kind.SetSelected(choiceLabel(kindChoices(), p.w.plan.Mapping.Kind))
	}

	showText(p.warning, strings.Join(p.warnings(unknownKind), "\n"))
	for i := range p.w.preview.header {
		p.table.SetColumnWidth(i, previewColumnWidth)
	}
	p.table.Refresh()
}

// warnings explains the settings that detection could not decide alone.
func (p *wizardSettingsPage) warnings(unknownKind bool) []string {
	var lines []string
	if unknownKind {
		lines = append(lines, lang.X("importwizard.settings.unknown_kind",
			"The header names no known fields, so Leadwerk cannot tell what the file contains. Choose it under Records."))
	}

	locale := p.w.plan.Dialect.Locale
	if locale == "" {
		locale = "en-US"
	}
	for _, c := range p.w.plan.Dialect.Columns {
		if c.DateAmbiguous {
			lines = append(lines, lang.X("importwizard.settings.date_ambiguous",
				"Every date in column {{.Column}} reads both day first and month first, so your locale {{.Locale}} decided on {{.Format}}. Choose the date format if that is wrong.",
				map[string]any{"Column": strconv.Quote(c.Name), "Locale": locale, "Format": c.Date}))
		}
		if c.NumberAmbiguous {
			lines = append(lines, lang.X("importwizard.settings.number_ambiguous",
				"Every number in column {{.Column}} reads with either separator, as 1.234 does, so your locale {{.Locale}} decided on {{.Format}}. Choose the decimal separator if that is wrong.",
				map[string]any{"Column": strconv.Quote(c.Name), "Locale": locale, "Format": c.Number.String()}))
		}
	}

	return lines
}

// firstFormats returns the number format of the first number column and
// the date format of the first date column.
func firstFormats(columns []tabular.Column) (tabular.NumberFormat, tabular.DateFormat) {
	var number tabular.NumberFormat
	var date tabular.DateFormat
	numberFound := false
	for _, c := range columns {
		if !numberFound && c.Kind == tabular.KindNumber {
			number, numberFound = c.Number, true
		}
		if date == "" && c.Kind == tabular.KindDate {
			date = c.Date
		}
	}

	return number, date
}

func decimalOf(r rune) rune {
	if r == 0 {
		return '.'
	}

	return r
}

func (p *wizardSettingsPage) onEncodingChanged(text string) {
	if p.filling {
		return
	}

	p.w.preset.Encoding = tabular.Encoding(text)
	p.w.reload(nil)
}

func (p *wizardSettingsPage) onDelimiterChanged(text string) {
	if p.filling {
		return
	}

	p.w.preset.Delimiter = choiceValue(delimiterChoices(), text)
	p.w.reload(nil)
}

func (p *wizardSettingsPage) onHeaderChanged(text string) {
	if p.filling {
		return
	}

	p.w.preset.HeaderLine = tabular.NoHeader
	if i := slices.Index(p.header.Options, text); i > 0 {
		p.w.preset.HeaderLine = i
	}
	p.w.reload(nil)
}

func (p *wizardSettingsPage) onDecimalChanged(text string) {
	if p.filling {
		return
	}

	formats := &p.w.preset.Formats
	formats.Decimal = choiceValue(decimalChoices(), text)
	if formats.ThousandsSet && formats.Thousands == formats.Decimal {
		formats.Thousands = 0
	}
	p.w.reload(nil)
}

func (p *wizardSettingsPage) onThousandsChanged(text string) {
	if p.filling {
		return
	}

	formats := &p.w.preset.Formats
	formats.Thousands, formats.ThousandsSet = choiceValue(thousandsChoices(), text), true
	p.w.reload(nil)
}

func (p *wizardSettingsPage) onDateChanged(text string) {
	if p.filling {
		return
	}

	p.w.preset.Formats.Date = tabular.DateFormat(text)
	p.w.reload(nil)
}

// onKindChanged maps the columns again for the chosen kind. The person's
// column choices are dropped, because each kind has other fields.
func (p *wizardSettingsPage) onKindChanged(text string) {
	if p.filling {
		return
	}

	p.w.preset.Kind = choiceValue(kindChoices(), text)
	p.w.preset.Columns = nil
	p.w.edits = map[string]mapping.Field{}
	p.w.reload(nil)
}

// tableSize has a row for the header, one for the detected formats and
// one per preview row.
func (p *wizardSettingsPage) tableSize() (int, int) {
	preview := p.w.preview
	if len(preview.header) == 0 {
		return 0, 0
	}

	return len(preview.rows) + 2, len(preview.header)
}

func (p *wizardSettingsPage) createCell() fyne.CanvasObject {
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis

	return label
}

func (p *wizardSettingsPage) updateCell(id widget.TableCellID, object fyne.CanvasObject) {
	label := object.(*widget.Label)
	preview := p.w.preview

	switch id.Row {
	case 0:
		label.TextStyle = fyne.TextStyle{Bold: true}
		label.SetText(preview.header[id.Col])
	case 1:
		label.TextStyle = fyne.TextStyle{Italic: true}
		label.SetText(columnFormatText(preview.columns, id.Col))
	default:
		label.TextStyle = fyne.TextStyle{}
		row := preview.rows[id.Row-2]
		text := ""
		if id.Col < len(row) {
			text = row[id.Col]
		}
		label.SetText(text)
	}
}

// columnFormatText describes what column i contains, such as
// "Date DD.MM.YYYY".
func columnFormatText(columns []tabular.Column, i int) string {
	if i >= len(columns) {
		return ""
	}

	c := columns[i]
	switch c.Kind {
	case tabular.KindNumber:
		return lang.X("importwizard.format.number", "Number {{.Format}}", map[string]any{"Format": c.Number.String()})
	case tabular.KindDate:
		return lang.X("importwizard.format.date", "Date {{.Format}}", map[string]any{"Format": c.Date})
	case tabular.KindBool:
		return lang.X("importwizard.format.bool", "Yes/no")
	case tabular.KindEmpty:
		return lang.X("importwizard.format.empty", "Empty")
	}

	return lang.X("importwizard.format.text", "Text")
}

// showText sets the label's text and hides the label while it is empty,
// so an empty label takes no height.
func showText(label *widget.Label, text string) {
	label.SetText(text)
	label.Hidden = text == ""
	label.Refresh()
}
