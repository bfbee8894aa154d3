package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/ui/words"
)

// leadJSON is one element of the output of "leads -json". Its field names
// and the untranslated values of source, status and temperature are part
// of the command line's contract. ScoreExplanation is the text the window
// shows, in the current language.
type leadJSON struct {
	ID                int64  `json:"id"`
	Name              string `json:"name"`
	Company           string `json:"company"`
	Email             string `json:"email"`
	Source            string `json:"source"`
	Origin            string `json:"origin"`
	Status            string `json:"status"`
	Score             int    `json:"score"`
	Temperature       string `json:"temperature"`
	TemperatureManual bool   `json:"temperature_manual"`
	ScoreExplanation  string `json:"score_explanation"`
	// Predicted is the learned conversion chance from 0 to 1; null while
	// too few leads are closed to learn from.
	Predicted        *float64          `json:"predicted"`
	PredictedReasons []predictedReason `json:"predicted_reasons"`
}

// predictedReason is one attribute value that moved a lead's learned
// chance: Weight is its log odds ratio, and Text is the reason in words.
type predictedReason struct {
	Attribute string  `json:"attribute"`
	Value     string  `json:"value"`
	Weight    float64 `json:"weight"`
	Text      string  `json:"text"`
}

func parseLeads(args []string) (action, error) {
	fs := newFlagSet("leads")
	asJSON := fs.Bool("json", false, "print JSON")
	search := fs.String("q", "", "search text")
	status := fs.String("status", "", "lead status")
	source := fs.String("source", "", "lead source")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	if len(positional) > 0 {
		return nil, unexpectedArgument("leads", positional[0])
	}

	// OpenOnly stays false, so handed-over, converted and disqualified
	// leads are listed too, after the open ones, unless -status selects
	// otherwise. The store ranks each group by score, then waiting time.
	q := app.LeadQuery{Search: *search, Sort: app.SortLeadsByWorklist}
	if isFlagSet(fs, "status") {
		s, err := parseLeadStatus(*status)
		if err != nil {
			return nil, err
		}
		q.Statuses = []app.LeadStatus{s}
	}

	if isFlagSet(fs, "source") {
		q.Sources = []string{*source}
	}

	return func(ctx context.Context, s session) error {
		leads, err := s.store.ListLeads(ctx, q)
		if err != nil {
			return wrap(lang.X("cli.error.read_leads", "reading the leads failed: {{.Err}}",
				map[string]any{"Err": err}), err)
		}

		predictions, err := predictLeads(ctx, s.store, leads)
		if err != nil {
			return err
		}

		if *asJSON {
			return writeLeadsJSON(s.env.Stdout, leads, predictions)
		}

		return writeLeadsTable(s.env.Stdout, leads, predictions)
	}, nil
}

// parseLeadStatus returns the status named by text, ignoring case, or a
// usage error that lists the valid statuses.
func parseLeadStatus(text string) (app.LeadStatus, error) {
	var names []string
	for _, s := range app.LeadStatuses() {
		if strings.EqualFold(strings.TrimSpace(text), string(s)) {
			return s, nil
		}
		names = append(names, string(s))
	}

	return "", usageError{message: lang.X("cli.leads.invalid_status",
		"leads: invalid -status {{.Value}}; use one of {{.Statuses}}",
		map[string]any{"Value": strconv.Quote(text), "Statuses": strings.Join(names, ", ")})}
}

// predictLeads returns the learned chances of leads, or none while the
// history is too short to learn from.
func predictLeads(ctx context.Context, store app.Store, leads []app.Lead) (map[int64]app.LeadPrediction, error) {
	ids := make([]int64, len(leads))
	for i, l := range leads {
		ids[i] = l.ID
	}

	predictions, err := store.PredictLeads(ctx, ids)
	if errors.Is(err, app.ErrTooFewClosedLeads) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap(lang.X("cli.error.predict_leads", "learning lead scores from the closed leads failed: {{.Err}}",
			map[string]any{"Err": err}), err)
	}

	return predictions, nil
}

func writeLeadsJSON(w io.Writer, leads []app.Lead, predictions map[int64]app.LeadPrediction) error {
	out := make([]leadJSON, 0, len(leads))
	for _, l := range leads {
		out = append(out, leadJSON{
			ID:                l.ID,
			Name:              l.Name(),
			Company:           l.CompanyName,
			Email:             l.Email,
			Source:            l.Source,
			Origin:            l.Origin,
			Status:            string(l.Status),
			Score:             l.Score,
			Temperature:       string(l.Temperature),
			TemperatureManual: l.TemperatureManual,
			ScoreExplanation:  words.ScoreExplanation(l.ScoreReasons),
			PredictedReasons:  []predictedReason{},
		})
		if p, ok := predictions[l.ID]; ok {
			out[len(out)-1].Predicted = &p.Probability
			out[len(out)-1].PredictedReasons = reasonsJSON(p.Reasons)
		}
	}

	encoder := json.NewEncoder(w)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(out); err != nil {
		return wrap(lang.X("cli.error.write_json", "writing the JSON failed: {{.Err}}", map[string]any{"Err": err}), err)
	}

	return nil
}

func reasonsJSON(weights []app.LeadWeight) []predictedReason {
	reasons := make([]predictedReason, len(weights))
	for i, w := range weights {
		reasons[i] = predictedReason{Attribute: w.Attribute, Value: w.Value, Weight: w.Weight, Text: words.LeadWeightText(w)}
	}

	return reasons
}

// writeLeadsTable prints the leads as aligned columns with translated
// headings, sources, statuses and temperatures. Ids and scores are
// right-aligned. The learned chance is a whole percent, or "–" while too
// few leads are closed to learn from.
func writeLeadsTable(w io.Writer, leads []app.Lead, predictions map[int64]app.LeadPrediction) error {
	ids := make([]string, len(leads))
	scores := make([]string, len(leads))
	learned := make([]string, len(leads))
	for i, l := range leads {
		ids[i] = strconv.FormatInt(l.ID, 10)
		scores[i] = strconv.Itoa(l.Score)
		learned[i] = "–"
		if p, ok := predictions[l.ID]; ok {
			learned[i] = fmt.Sprintf("%.0f %%", 100*p.Probability)
		}
	}

	h := leadHeadings()
	idWidth := maxWidth(h.id, ids)
	scoreWidth := maxWidth(h.score, scores)
	learnedWidth := maxWidth(h.learned, learned)

	var buf bytes.Buffer
	table := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintf(table, "%*s\t%s\t%s\t%s\t%s\t%s\t%*s\t%*s\t%s\t%s\n", idWidth, h.id, h.name, h.company, h.email,
		h.source, h.status, scoreWidth, h.score, learnedWidth, h.learned, h.temperature, h.explanation)
	for i, l := range leads {
		fmt.Fprintf(table, "%*s\t%s\t%s\t%s\t%s\t%s\t%*s\t%*s\t%s\t%s\n", idWidth, ids[i], cell(l.Name()),
			cell(l.CompanyName), cell(l.Email), cell(words.LeadSource(l.Source)), words.LeadStatus(l.Status),
			scoreWidth, scores[i], learnedWidth, learned[i], temperatureLabel(l), cell(words.ScoreExplanation(l.ScoreReasons)))
	}

	// Flush writes to a bytes.Buffer, whose Write returns no error. Cells
	// are padded to the column width, so each line is trimmed of the
	// padding that would trail it.
	table.Flush()
	for line := range strings.Lines(buf.String()) {
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
			return wrap(lang.X("cli.error.write_table", "writing the table failed: {{.Err}}", map[string]any{"Err": err}), err)
		}
	}

	return nil
}

// temperatureLabel returns the translated temperature, marked when it
// was set by hand.
func temperatureLabel(l app.Lead) string {
	label := words.Temperature(l.Temperature)
	if l.TemperatureManual {
		label += " " + lang.L("(set by hand)")
	}

	return label
}

// leadColumnHeadings is the set of column headings of the lead table.
type leadColumnHeadings struct {
	id, name, company, email, source, status, score, learned, temperature, explanation string
}

// leadHeadings returns the headings in the current language, upper case
// as in the pipeline table.
func leadHeadings() leadColumnHeadings {
	return leadColumnHeadings{
		id:          strings.ToUpper(lang.X("cli.table.id", "ID")),
		name:        strings.ToUpper(lang.L("Name")),
		company:     strings.ToUpper(lang.L("Company")),
		email:       strings.ToUpper(lang.L("E-mail")),
		source:      strings.ToUpper(lang.L("Source")),
		status:      strings.ToUpper(lang.L("Status")),
		score:       strings.ToUpper(lang.L("Score")),
		learned:     strings.ToUpper(lang.X("cli.table.learned", "Learned")),
		temperature: strings.ToUpper(lang.L("Temperature")),
		explanation: strings.ToUpper(lang.X("cli.table.score_explanation", "Score explanation")),
	}
}
