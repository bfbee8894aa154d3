package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

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
		return nil, usagef("pipeline: unexpected argument %q; this command takes only flags", positional[0])
	}

	return func(ctx context.Context, s session) error {
		summary, err := s.store.PipelineSummary(ctx)
		if err != nil {
			return fmt.Errorf("read pipeline summary: %w", err)
		}

		if *asJSON {
			return writeSummaryJSON(s.env.Stdout, summary)
		}

		return writeSummaryTable(s.env.Stdout, summary, languageOf(s.env.Getenv))
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
		return fmt.Errorf("write JSON: %w", err)
	}

	return nil
}

// writeSummaryTable prints the summary as aligned columns with the money
// right-aligned and formatted for language.
func writeSummaryTable(w io.Writer, summary []app.StageSummary, language string) error {
	amounts := make([]string, len(summary))
	weighted := make([]string, len(summary))
	for i, s := range summary {
		amounts[i] = app.FormatMoney(s.Amount, language)
		weighted[i] = app.FormatMoney(s.Weighted, language)
	}

	amountWidth := maxWidth("AMOUNT", amounts)
	weightedWidth := maxWidth("WEIGHTED", weighted)
	countWidth := len("DEALS")
	for _, s := range summary {
		countWidth = max(countWidth, len(strconv.Itoa(s.Count)))
	}

	table := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(table, "PIPELINE\tSTAGE\tSTATUS\t%*s\t%*s\t%*s\n",
		countWidth, "DEALS", amountWidth, "AMOUNT", weightedWidth, "WEIGHTED")
	for i, s := range summary {
		fmt.Fprintf(table, "%s\t%s\t%s\t%*d\t%*s\t%*s\n", cell(s.Pipeline), cell(s.Stage), s.Kind,
			countWidth, s.Count, amountWidth, amounts[i], weightedWidth, weighted[i])
	}

	if err := table.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}

	return nil
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

// languageOf returns the language of the user's locale from LC_ALL,
// LC_MESSAGES or LANG, such as "de" for "de_DE.UTF-8". It returns "en" for
// the C and POSIX locales and when none is set.
func languageOf(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		locale := getenv(name)
		if locale == "" {
			continue
		}

		language, _, _ := strings.Cut(locale, "_")
		language, _, _ = strings.Cut(language, ".")
		if language == "C" || language == "POSIX" || language == "" {
			return "en"
		}

		return strings.ToLower(language)
	}

	return "en"
}
