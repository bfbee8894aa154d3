package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// forecastRequest is the parsed command line of "forecast".
type forecastRequest struct {
	asJSON   bool
	from, to app.Date
	pipeline string
	// lookBack is the number of months of closed deals that the
	// historical rates learn from.
	lookBack int
}

// forecastJSON is the output of "forecast -json". Money is in minor units
// of the currency. Its field names are part of the command line's
// contract.
type forecastJSON struct {
	From         string          `json:"from"`
	To           string          `json:"to"`
	LookBackFrom string          `json:"lookback_from"`
	LookBackTo   string          `json:"lookback_to"`
	Currencies   []currencyJSON  `json:"currencies"`
	Stages       []stageRateJSON `json:"stages"`
}

type currencyJSON struct {
	Currency   string `json:"currency"`
	Deals      int    `json:"deals"`
	Weighted   int64  `json:"weighted"`
	Historical int64  `json:"historical"`
	P10        int64  `json:"p10"`
	P50        int64  `json:"p50"`
	P90        int64  `json:"p90"`
}

// stageRateJSON is one open stage's historical rate. Rate is null when
// fewer than app.MinRateDeals closed deals reached the stage.
type stageRateJSON struct {
	Pipeline           string   `json:"pipeline"`
	Stage              string   `json:"stage"`
	DefaultProbability int      `json:"default_probability"`
	ClosedDeals        int      `json:"closed_deals"`
	Won                int      `json:"won"`
	Rate               *float64 `json:"rate"`
}

func parseForecast(args []string) (action, error) {
	fs := newFlagSet("forecast")
	var req forecastRequest
	var from, to string
	fs.BoolVar(&req.asJSON, "json", false, "print JSON")
	fs.StringVar(&from, "from", "", "first day of the period")
	fs.StringVar(&to, "to", "", "last day of the period")
	fs.StringVar(&req.pipeline, "pipeline", "", "pipeline name")
	fs.IntVar(&req.lookBack, "lookback", app.DefaultLookBackMonths, "months of closed deals")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	if len(positional) > 0 {
		return nil, unexpectedArgument("forecast", positional[0])
	}

	if err := req.setPeriod(from, to); err != nil {
		return nil, err
	}

	if req.lookBack < 1 {
		return nil, usageError{message: lang.X("forecast.usage.lookback",
			"forecast: -lookback {{.Months}} is invalid; give at least 1 month",
			map[string]any{"Months": req.lookBack})}
	}

	return func(ctx context.Context, s session) error {
		return runForecast(ctx, s, req)
	}, nil
}

// setPeriod reads -from and -to, which must come together, in order.
func (req *forecastRequest) setPeriod(from, to string) error {
	if (from == "") != (to == "") {
		return usageError{message: lang.X("forecast.usage.both_dates",
			"forecast: give both -from and -to, or neither for the current quarter")}
	}

	for _, f := range []struct {
		text, name string
		date       *app.Date
	}{{from, "-from", &req.from}, {to, "-to", &req.to}} {
		d, err := app.ParseDate(f.text)
		if err != nil {
			return usageError{message: lang.X("forecast.usage.bad_date",
				"forecast: {{.Flag}} {{.Value}} is not a date; write it as YYYY-MM-DD",
				map[string]any{"Flag": f.name, "Value": strconv.Quote(f.text)})}
		}
		*f.date = d
	}

	if req.to.Before(req.from) {
		return usageError{message: lang.X("forecast.usage.order",
			"forecast: -to {{.To}} is before -from {{.From}}",
			map[string]any{"From": from, "To": to})}
	}

	return nil
}

// period returns the chosen period, or the quarter that contains today.
func (req forecastRequest) period(today app.Date) app.Period {
	if !req.from.IsZero() {
		return app.Period{From: req.from, To: req.to}
	}

	first := app.Month{Year: today.Year, Month: time.Month((int(today.Month)-1)/3*3 + 1)}

	return app.Period{From: first.First(), To: first.Add(2).Last()}
}

// lookBackWindow returns the months of closed deals before now that the
// historical rates learn from, up to yesterday.
func (req forecastRequest) lookBackWindow(now time.Time) app.Period {
	return app.Period{From: app.DateOf(now.AddDate(0, -req.lookBack, 0)), To: app.DateOf(now.AddDate(0, 0, -1))}
}

func runForecast(ctx context.Context, s session, req forecastRequest) error {
	pipelines, err := s.store.Pipelines(ctx)
	if err != nil {
		return wrap(lang.X("cli.error.read_pipelines", "reading the pipelines failed: {{.Err}}",
			map[string]any{"Err": err}), err)
	}

	pipelines, err = forecastPipelines(pipelines, req.pipeline)
	if err != nil {
		return err
	}

	filter := app.ReportFilter{}
	if req.pipeline != "" {
		filter.PipelineID = pipelines[0].ID
	}

	deals, err := s.store.DealFacts(ctx, filter)
	if err != nil {
		return wrap(lang.X("forecast.error.read_deals", "reading the deals failed: {{.Err}}",
			map[string]any{"Err": err}), err)
	}

	now := s.env.Now()
	today := app.DateOf(now)
	forecast := app.ForecastPeriod(pipelines, deals, app.ForecastOptions{
		Period: req.period(today), Today: today, Window: req.lookBackWindow(now),
	})

	if req.asJSON {
		return writeForecastJSON(s.env.Stdout, forecast)
	}

	return writeForecastTable(s.env.Stdout, forecast, language())
}

// forecastPipelines returns the pipeline called name, or every pipeline
// for an empty name.
func forecastPipelines(pipelines []app.Pipeline, name string) ([]app.Pipeline, error) {
	if name == "" {
		return pipelines, nil
	}

	names := make([]string, len(pipelines))
	for i, p := range pipelines {
		if p.Name == name {
			return []app.Pipeline{p}, nil
		}
		names[i] = strconv.Quote(p.Name)
	}

	return nil, errors.New(lang.X("cli.chart.unknown_pipeline",
		"pipeline {{.Name}} not found; choose one of {{.Names}}",
		map[string]any{"Name": strconv.Quote(name), "Names": strings.Join(names, ", ")}))
}

func writeForecastJSON(w io.Writer, f app.Forecast) error {
	out := forecastJSON{
		From: f.Period.From.String(), To: f.Period.To.String(),
		LookBackFrom: f.Window.From.String(), LookBackTo: f.Window.To.String(),
		Currencies: make([]currencyJSON, 0, len(f.Currencies)),
		Stages:     make([]stageRateJSON, 0),
	}
	for _, c := range f.Currencies {
		out.Currencies = append(out.Currencies, currencyJSON{
			Currency: c.Currency, Deals: c.Deals, Weighted: c.Weighted.Minor, Historical: c.Historical.Minor,
			P10: c.Range.P10.Minor, P50: c.Range.P50.Minor, P90: c.Range.P90.Minor,
		})
	}

	for _, p := range f.Rates {
		for _, r := range p.Stages {
			stage := stageRateJSON{Pipeline: p.Pipeline.Name, Stage: r.Stage.Name,
				DefaultProbability: r.Stage.Probability, ClosedDeals: r.Reached, Won: r.Won}
			if r.Enough() {
				rate := r.Rate()
				stage.Rate = &rate
			}
			out.Stages = append(out.Stages, stage)
		}
	}

	encoder := json.NewEncoder(w)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(out); err != nil {
		return wrap(lang.X("cli.error.write_json", "writing the JSON failed: {{.Err}}", map[string]any{"Err": err}), err)
	}

	return nil
}

// writeForecastTable prints the period, the forecast per currency and
// the stage rates behind it as aligned columns in the current language.
func writeForecastTable(w io.Writer, f app.Forecast, language string) error {
	fmt.Fprintln(w, lang.X("forecast.table.title",
		"Forecast for {{.From}} to {{.To}}, with rates from the deals closed {{.LookBackFrom}} to {{.LookBackTo}}",
		map[string]any{
			"From": app.FormatDate(f.Period.From, language), "To": app.FormatDate(f.Period.To, language),
			"LookBackFrom": app.FormatDate(f.Window.From, language), "LookBackTo": app.FormatDate(f.Window.To, language),
		}))
	fmt.Fprintln(w)

	if len(f.Currencies) == 0 {
		fmt.Fprintln(w, lang.X("forecast.table.no_deals", "No open deal is expected to close in this period."))
	} else if err := writeCurrencyRows(w, f.Currencies, language); err != nil {
		return err
	}

	fmt.Fprintln(w)
	rateTable := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	writeRateRows(rateTable, f.Rates, language)
	if err := rateTable.Flush(); err != nil {
		return wrap(lang.X("cli.error.write_table", "writing the table failed: {{.Err}}", map[string]any{"Err": err}), err)
	}

	return nil
}

// writeCurrencyRows prints one right-aligned row per currency.
func writeCurrencyRows(w io.Writer, currencies []app.CurrencyForecast, language string) error {
	table := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(table, "%s\t%s\t%s\t%s\tP10\tP50\tP90\t\n",
		strings.ToUpper(lang.X("forecast.table.currency", "Currency")), strings.ToUpper(lang.X("cli.table.deals", "Deals")),
		strings.ToUpper(lang.L("Weighted")), strings.ToUpper(lang.X("forecast.table.historical", "Historical")))
	for _, c := range currencies {
		fmt.Fprintf(table, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", c.Currency, app.FormatCount(c.Deals, language),
			app.FormatMoney(c.Weighted, language), app.FormatMoney(c.Historical, language),
			app.FormatMoney(c.Range.P10, language), app.FormatMoney(c.Range.P50, language), app.FormatMoney(c.Range.P90, language))
	}
	if err := table.Flush(); err != nil {
		return wrap(lang.X("cli.error.write_table", "writing the table failed: {{.Err}}", map[string]any{"Err": err}), err)
	}

	return nil
}

// writeRateRows prints one row per open stage: its default probability,
// its historical rate or "too few deals", and the closed deals behind it.
func writeRateRows(table io.Writer, rates []app.PipelineRates, language string) {
	fmt.Fprintf(table, "%s\t%s\t%s\t%s\t%s\n", strings.ToUpper(lang.L("Pipeline")), strings.ToUpper(lang.L("Stage")),
		strings.ToUpper(lang.X("forecast.table.default", "Default")),
		strings.ToUpper(lang.X("forecast.table.historical", "Historical")),
		strings.ToUpper(lang.X("forecast.table.closed", "Closed deals")))
	for _, p := range rates {
		for _, r := range p.Stages {
			rate := lang.X("forecast.table.too_few", "too few deals")
			if r.Enough() {
				rate = percentText(int(math.Round(100*r.Rate())), language)
			}
			fmt.Fprintf(table, "%s\t%s\t%s\t%s\t%s\n", cell(p.Pipeline.Name), cell(r.Stage.Name),
				percentText(r.Stage.Probability, language), rate, app.FormatCount(r.Reached, language))
		}
	}
}

// percentText writes a whole percentage as German ("40 %") or English
// ("40%") text.
func percentText(percent int, language string) string {
	if strings.HasPrefix(strings.ToLower(language), "de") {
		return strconv.Itoa(percent) + " %"
	}

	return strconv.Itoa(percent) + "%"
}
