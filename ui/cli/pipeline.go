package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// summaryJSON is the output of "pipeline -json". Its field order and
// names are part of the command line's contract.
type summaryJSON struct {
	Stages []stageJSON `json:"stages"`
}

type stageJSON struct {
	Pipeline string    `json:"pipeline"`
	Stage    string    `json:"stage"`
	Status   string    `json:"status"`
	Count    int       `json:"count"`
	Amount   moneyJSON `json:"amount"`
	Weighted moneyJSON `json:"weighted"`
}

// moneyJSON is an amount in minor units, such as cents, with its ISO 4217
// currency code.
type moneyJSON struct {
	Currency string `json:"currency"`
	Minor    int64  `json:"minor"`
}

func parsePipeline(args []string) (action, error) {
	fs := newFlagSet("pipeline")
	asJSON := fs.Bool("json", false, "print JSON")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	if len(positional) > 0 {
		return nil, unexpectedArgument("pipeline", positional[0])
	}

	return func(ctx context.Context, s session) error {
		summary, err := s.store.PipelineSummary(ctx)
		if err != nil {
			return wrap(lang.X("cli.error.read_summary", "reading the pipeline totals failed: {{.Err}}",
				map[string]any{"Err": err}), err)
		}

		if *asJSON {
			return writeSummaryJSON(s.env.Stdout, summary)
		}

		return writeSummaryTable(s.env.Stdout, summary, language())
	}, nil
}

func writeSummaryJSON(w io.Writer, summary []app.StageSummary) error {
	out := summaryJSON{Stages: make([]stageJSON, 0, len(summary))}
	for _, s := range summary {
		out.Stages = append(out.Stages, stageJSON{
			Pipeline: s.Pipeline,
			Stage:    s.Stage,
			Status:   string(s.Kind),
			Count:    s.Count,
			Amount:   moneyJSON{Currency: s.Amount.Currency, Minor: s.Amount.Minor},
			Weighted: moneyJSON{Currency: s.Weighted.Currency, Minor: s.Weighted.Minor},
		})
	}

	encoder := json.NewEncoder(w)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(out); err != nil {
		return wrap(lang.X("cli.error.write_json", "writing the JSON failed: {{.Err}}", map[string]any{"Err": err}), err)
	}

	return nil
}

// writeSummaryTable prints the summary as aligned columns in the current
// language, with the counts and money right-aligned and formatted for
// language.
func writeSummaryTable(w io.Writer, summary []app.StageSummary, language string) error {
	counts := make([]string, len(summary))
	amounts := make([]string, len(summary))
	weighted := make([]string, len(summary))
	for i, s := range summary {
		counts[i] = app.FormatCount(s.Count, language)
		amounts[i] = app.FormatMoney(s.Amount, language)
		weighted[i] = app.FormatMoney(s.Weighted, language)
	}

	headings := tableHeadings()
	countWidth := maxWidth(headings.deals, counts)
	amountWidth := maxWidth(headings.amount, amounts)
	weightedWidth := maxWidth(headings.weighted, weighted)

	table := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(table, "%s\t%s\t%s\t%*s\t%*s\t%*s\n", headings.pipeline, headings.stage, headings.status,
		countWidth, headings.deals, amountWidth, headings.amount, weightedWidth, headings.weighted)
	for i, s := range summary {
		fmt.Fprintf(table, "%s\t%s\t%s\t%*s\t%*s\t%*s\n", cell(s.Pipeline), cell(s.Stage), statusLabel(s.Kind),
			countWidth, counts[i], amountWidth, amounts[i], weightedWidth, weighted[i])
	}

	if err := table.Flush(); err != nil {
		return wrap(lang.X("cli.error.write_table", "writing the table failed: {{.Err}}", map[string]any{"Err": err}), err)
	}

	return nil
}

// summaryHeadings are the column headings of the pipeline table.
type summaryHeadings struct {
	pipeline, stage, status, deals, amount, weighted string
}

// tableHeadings returns the headings in the current language, upper case
// as is usual for command line tables.
func tableHeadings() summaryHeadings {
	return summaryHeadings{
		pipeline: strings.ToUpper(lang.L("Pipeline")),
		stage:    strings.ToUpper(lang.L("Stage")),
		status:   strings.ToUpper(lang.L("Status")),
		deals:    strings.ToUpper(lang.X("cli.table.deals", "Deals")),
		amount:   strings.ToUpper(lang.L("Amount")),
		weighted: strings.ToUpper(lang.L("Weighted")),
	}
}

// statusLabel returns the translated status of a stage kind. The JSON
// output keeps the untranslated kind.
func statusLabel(kind app.StageKind) string {
	switch kind {
	case app.StageOpen:
		return lang.L("open")
	case app.StageWon:
		return lang.L("won")
	case app.StageLost:
		return lang.L("lost")
	default:
		return string(kind)
	}
}

// maxWidth returns the width in runes of the longest of header and values.
func maxWidth(header string, values []string) int {
	width := utf8.RuneCountInString(header)
	for _, v := range values {
		width = max(width, utf8.RuneCountInString(v))
	}

	return width
}

// cell replaces the tabs and line breaks in a name, which would break the
// table's columns, with spaces.
func cell(name string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}

		return r
	}, name)
}
