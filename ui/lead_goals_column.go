package ui

import (
	"errors"
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

// goalInput is an entry of the lead goal calculator with a note below it
// on the history its pre-filled value comes from.
type goalInput struct {
	label string
	entry *widget.Entry
	hint  *widget.Label
	cell  fyne.CanvasObject
}

func newGoalInput(label string, onChanged func()) *goalInput {
	in := &goalInput{label: label, entry: widget.NewEntry(), hint: widget.NewLabel("")}
	in.entry.OnChanged = func(string) { onChanged() }
	in.hint.SizeName = theme.SizeNameCaptionText
	in.hint.Truncation = fyne.TextTruncateEllipsis
	// The hint's own padding keeps it apart from the entry, so the box
	// adds none and more rows fit on the screen.
	in.cell = container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), in.entry, in.hint)

	return in
}

func (in *goalInput) fill(text, hint string) {
	in.entry.SetText(text)
	in.hint.SetText(hint)
}

// goalColumn is one column of the calculator, all sources or one
// source: its inputs pre-filled from history and the counts they need.
type goalColumn struct {
	name    string
	history app.LeadGoalHistory
	// overall pre-fills a rate that the source has no history for.
	overall app.LeadGoalHistory

	share, average, winRate, leadToOpportunity, qualification *goalInput

	targetShare, wonDeals, opportunities, qualifiedLeads, leads, perMonth *widget.Label
}

func newGoalColumn(name string, history, overall app.LeadGoalHistory, onChanged func()) *goalColumn {
	c := &goalColumn{name: name, history: history, overall: overall}
	c.share = newGoalInput(lang.L("Share of target"), onChanged)
	c.average = newGoalInput(lang.L("Average won deal"), onChanged)
	c.winRate = newGoalInput(lang.L("Win rate"), onChanged)
	c.leadToOpportunity = newGoalInput(lang.L("Lead-to-opportunity rate"), onChanged)
	c.qualification = newGoalInput(lang.L("Qualification rate"), onChanged)

	for _, l := range []**widget.Label{&c.targetShare, &c.wonDeals, &c.opportunities, &c.qualifiedLeads, &c.leads, &c.perMonth} {
		*l = widget.NewLabel("")
		(*l).Alignment = fyne.TextAlignTrailing
		(*l).TextStyle = fyne.TextStyle{Bold: true}
	}

	return c
}

// inputs returns the entries from top to bottom.
func (c *goalColumn) inputs() []*goalInput {
	return []*goalInput{c.share, c.average, c.winRate, c.leadToOpportunity, c.qualification}
}

// results returns the result labels from top to bottom.
func (c *goalColumn) results() []*widget.Label {
	return []*widget.Label{c.targetShare, c.wonDeals, c.opportunities, c.qualifiedLeads, c.leads, c.perMonth}
}

// prefill writes the rates from history into the entries, each with the
// count behind it. A source without history of its own takes the rate
// of all sources, and its note reads "overall".
func (c *goalColumn) prefill(language string) {
	c.prefillAverage(language)

	closed := func(h app.LeadGoalHistory) int { return h.Closed }
	qualified := func(h app.LeadGoalHistory) int { return h.Qualified }
	decided := func(h app.LeadGoalHistory) int { return h.Decided }
	c.prefillRate(c.winRate, language, app.LeadGoalHistory.WinRate, closed, dealsHint)
	c.prefillRate(c.leadToOpportunity, language, app.LeadGoalHistory.LeadToOpportunityRate, qualified, leadsHint)
	c.prefillRate(c.qualification, language, app.LeadGoalHistory.QualificationRate, decided, leadsHint)
}

// prefillAverage writes the average won deal in the history's currency.
func (c *goalColumn) prefillAverage(language string) {
	if average, ok := c.history.AverageDeal(); ok {
		c.average.fill(formatAmount(average, language), dealsHint(c.history.WonDeals, false, language))
		return
	}

	if average, ok := c.overall.AverageDeal(); ok {
		c.average.fill(formatAmount(average, language), dealsHint(c.overall.WonDeals, true, language))
		return
	}

	c.average.fill("", lang.L("no history"))
}

func (c *goalColumn) prefillRate(in *goalInput, language string, rate func(app.LeadGoalHistory) (app.Rate, bool),
	count func(app.LeadGoalHistory) int, hint func(n int, overall bool, language string) string) {
	if r, ok := rate(c.history); ok {
		in.fill(formatRate(r, language), hint(count(c.history), false, language))
		return
	}

	if r, ok := rate(c.overall); ok {
		in.fill(formatRate(r, language), hint(count(c.overall), true, language))
		return
	}

	in.fill("", lang.L("no history"))
}

// dealsHint returns the note "from 12 deals", or "overall, 12 deals" for
// a rate taken from all sources. The notes are short, so they fit below
// an entry in a column per source.
func dealsHint(n int, overall bool, language string) string {
	if overall {
		return lang.XN("leadgoals.overall_deals", "overall, {{.Count}} deals", n, countData(n, language))
	}

	return lang.XN("leadgoals.deals", "from {{.Count}} deals", n, countData(n, language))
}

// leadsHint returns the note "from 12 leads", or "overall, 12 leads" for
// a rate taken from all sources.
func leadsHint(n int, overall bool, language string) string {
	if overall {
		return lang.XN("leadgoals.overall_leads", "overall, {{.Count}} leads", n, countData(n, language))
	}

	return lang.XN("leadgoals.leads", "from {{.Count}} leads", n, countData(n, language))
}

func countData(n int, language string) map[string]any {
	return map[string]any{"Count": app.FormatCount(n, language)}
}

// readInputs parses the entries into the inputs of a plan, in the order
// the table lists them. An empty entry reads as 0, which
// app.PlanLeadGoal rejects with its own message. It returns the message
// for the person on the first entry that is not a number.
func (c *goalColumn) readInputs(target app.Money, months int, language string) (app.LeadGoalInputs, string) {
	in := app.LeadGoalInputs{Target: target, Months: months}
	share, problem := c.readRate(c.share, language)
	if problem != "" || share == 0 {
		return in, problem
	}
	in.Share = share

	if text := strings.TrimSpace(c.average.entry.Text); text != "" {
		average, err := parseAmount(text, target.Currency, language)
		if err != nil {
			return in, lang.X("leadgoals.not_amount", "{{.Field}} ({{.Column}}): “{{.Text}}” is not an amount. Type a number such as 25000.",
				map[string]any{"Field": c.average.label, "Column": c.name, "Text": c.average.entry.Text})
		}
		in.AverageDeal = average
	}

	rates := []struct {
		input *goalInput
		rate  *app.Rate
	}{{c.winRate, &in.WinRate}, {c.leadToOpportunity, &in.LeadToOpportunity}, {c.qualification, &in.Qualification}}
	for _, r := range rates {
		*r.rate, problem = c.readRate(r.input, language)
		if problem != "" {
			return in, problem
		}
	}

	return in, ""
}

func (c *goalColumn) readRate(in *goalInput, language string) (app.Rate, string) {
	if strings.TrimSpace(in.entry.Text) == "" {
		return 0, ""
	}

	rate, err := parseRate(in.entry.Text, language)
	if err != nil {
		return 0, c.notAPercentage(in)
	}

	return rate, ""
}

func (c *goalColumn) notAPercentage(in *goalInput) string {
	return lang.X("leadgoals.not_percentage",
		"{{.Field}} ({{.Column}}): “{{.Text}}” is not a percentage. Type a number from 0 to 100 with at most two decimals.",
		map[string]any{"Field": in.label, "Column": c.name, "Text": in.entry.Text})
}

// problemText returns the message for the person on a plan that
// app.PlanLeadGoal rejected.
func (c *goalColumn) problemText(err error) string {
	var goalErr *app.LeadGoalError
	if !errors.As(err, &goalErr) {
		return lang.L("The lead goal could not be computed. The log file has the details.")
	}

	data := map[string]any{"Column": c.name}
	switch goalErr.Field {
	case app.GoalTarget:
		if goalErr.Problem == app.GoalTooLarge {
			return lang.L("The target needs more leads than Leadwerk can count. Enter a smaller target or higher rates.")
		}
		return lang.L("Enter a revenue target above 0.")
	case app.GoalAverageDeal:
		data["Field"] = c.average.label
		return lang.X("leadgoals.average_missing", "{{.Field}} ({{.Column}}): enter an amount above 0.", data)
	}

	for _, in := range c.inputs() {
		data["Field"] = in.label
		if c.fieldOf(in) != goalErr.Field {
			continue
		}
		if goalErr.Problem == app.GoalOutOfRange {
			return lang.X("leadgoals.rate_range", "{{.Field}} ({{.Column}}): enter a percentage from 0 to 100.", data)
		}
		return lang.X("leadgoals.rate_zero",
			"{{.Field}} ({{.Column}}): enter a percentage above 0, because at 0 % no number of leads reaches the target.", data)
	}

	return lang.L("The lead goal could not be computed. The log file has the details.")
}

func (c *goalColumn) fieldOf(in *goalInput) app.LeadGoalField {
	switch in {
	case c.share:
		return app.GoalShare
	case c.winRate:
		return app.GoalWinRate
	case c.leadToOpportunity:
		return app.GoalLeadToOpportunity
	case c.qualification:
		return app.GoalQualification
	}

	return app.GoalAverageDeal
}

// showPlan writes the counts of plan into the result labels.
func (c *goalColumn) showPlan(plan app.LeadGoalPlan, language string) {
	c.targetShare.SetText(app.FormatMoney(plan.Target, language))
	counts := []int64{plan.WonDeals, plan.Opportunities, plan.QualifiedLeads, plan.Leads, plan.LeadsPerMonth}
	for i, n := range counts {
		c.results()[i+1].SetText(app.FormatCount(int(n), language))
	}
}

// clearPlan shows a dash in every result, for inputs that give no plan.
func (c *goalColumn) clearPlan() {
	for _, l := range c.results() {
		l.SetText("–")
	}
}

// formatRate writes r as a person types it: "23.5" in English, "23,5" in
// German, without trailing zeros.
func formatRate(r app.Rate, language string) string {
	text := strings.TrimSuffix(strings.TrimRight(r.Decimal(), "0"), ".")

	return strings.Replace(text, ".", amountStyleFor(language).decimal, 1)
}

// parseRate reads a percentage typed in the person's language, with an
// optional "%". Errors wrap app.ErrInvalid.
func parseRate(text, language string) (app.Rate, error) {
	s := strings.ReplaceAll(strings.TrimSpace(text), "\u00a0", " ")
	if isGerman(language) {
		if strings.Contains(s, ".") {
			return 0, fmt.Errorf("rate %q has a dot, but German takes a comma for decimals: %w", text, app.ErrInvalid)
		}
		s = strings.Replace(s, ",", ".", 1)
	}

	return app.ParseRate(s)
}
