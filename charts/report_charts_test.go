package charts

import (
	"bytes"
	"image"
	"io"
	"math"
	"strings"
	"testing"
)

func stageSeries() StageSeries {
	return StageSeries{
		Title:    "Pipeline by stage",
		Currency: "EUR",
		Language: "de",
		Stages: []StageFigures{
			{Name: "Prospecting", Count: 12, Amount: 52_330_000, Weighted: 5_233_000},
			{Name: "R&D <Prüfung>", Count: 3, Amount: 112_345_600, Weighted: 22_469_120},
			{Name: "Negotiation"},
		},
	}
}

func forecastSeries() ForecastSeries {
	return ForecastSeries{
		Title:    "Forecast",
		Currency: "USD",
		Language: "en",
		Months: []ForecastMonth{
			// A past month draws only its won bar, so its committed
			// amount of $77,777 must not appear.
			{Label: "Nov 2026", Past: true, Won: 4_000_000, Committed: 7_777_700},
			{Label: "Dec 2026", Won: 1_000_000, Committed: 2_000_000, Weighted: 3_000_000, BestCase: 6_000_000},
			{Label: "Jan 2027", Weighted: 1_500_000, BestCase: 5_000_000},
		},
		Undated: ForecastMonth{Label: "No close date", Weighted: 500_000, BestCase: 2_000_000},
	}
}

func funnelSeries() FunnelSeries {
	return FunnelSeries{
		Title:    "Stage funnel",
		Language: "en",
		Stages: []FunnelStage{
			{Name: "Prospecting", Note: "median 4 days", Reached: 10, ReachedNext: 6, Won: 2},
			{Name: "Engaging", Note: "median 12 days", Reached: 6, ReachedNext: 3, Won: 2},
		},
	}
}

func winLossSeries() BarListSeries {
	return BarListSeries{
		Title:    "Won and lost by reason",
		Language: "en",
		Series:   []BarListBar{{Label: "Won", Color: BarGreen}, {Label: "Lost", Color: BarRed}},
		Rows: []BarListRow{
			{Label: "Price", Note: "40 % won", Values: []int64{4, 6}},
			{Label: "Timing & budget", Values: []int64{0, 3}},
			{Label: "Missing value", Values: []int64{1_234}},
		},
	}
}

func renderSVG(t *testing.T, c Chart, width, height int) string {
	t.Helper()

	var buf bytes.Buffer
	if err := c.Render(&buf, SVG, width, height); err != nil {
		t.Fatalf("Render SVG: %v", err)
	}

	svg := buf.String()
	if err := checkXML(svg); err != nil {
		t.Errorf("SVG is not well-formed XML: %v", err)
	}

	return svg
}

// svgTexts returns the contents of every text element of svg.
func svgTexts(svg string) map[string]bool {
	texts := map[string]bool{}
	for _, part := range strings.Split(svg, "<text ")[1:] {
		start := strings.Index(part, ">")
		end := strings.Index(part, "</text>")
		if start >= 0 && end > start {
			texts[part[start+1:end]] = true
		}
	}

	return texts
}

func assertTexts(t *testing.T, svg string, want ...string) {
	t.Helper()

	texts := svgTexts(svg)
	for _, text := range want {
		if !texts[text] {
			t.Errorf("SVG has no text %q", text)
		}
	}
}

func assertNoTexts(t *testing.T, svg string, unwanted ...string) {
	t.Helper()

	texts := svgTexts(svg)
	for _, text := range unwanted {
		if texts[text] {
			t.Errorf("SVG has the text %q, want none", text)
		}
	}
}

func TestStageChartSVGLabels(t *testing.T) {
	svg := renderSVG(t, stageSeries(), 900, 420)

	// 52,330,000 cents are 523,300.00 €, written short as 523,3 Tsd. €.
	// 5,233,000 cents are 52,330.00 €, 112,345,600 cents are
	// 1,123,456.00 € and 22,469,120 cents are 224,691.20 €.
	assertTexts(t, svg,
		"Pipeline by stage", "Amount", "Weighted amount",
		"Prospecting", "R&amp;D &lt;Prüfung&gt;", "Negotiation",
		"12", "3", "0",
		"523,3 Tsd. €", "52,3 Tsd. €", "1,1 Mio. €", "224,7 Tsd. €",
		"0 €",
	)
}

func TestStageChartCountNote(t *testing.T) {
	series := stageSeries()
	series.CountNote = func(n int) string { return strings.Repeat("I", n) + " deals" }

	svg := renderSVG(t, series, 900, 420)
	assertTexts(t, svg, "III deals", " deals")
}

func TestForecastChartSVGLabels(t *testing.T) {
	svg := renderSVG(t, forecastSeries(), 900, 420)

	assertTexts(t, svg,
		"Won", "Committed", "Weighted", "Best case",
		"Nov 2026", "Dec 2026", "Jan 2027", "No close date",
		"$40K", "$10K", "$20K", "$30K", "$60K", "$15K", "$50K", "$5K",
	)
	assertNoTexts(t, svg, "$77.8K")
}

func TestForecastChartHidesEmptyUndated(t *testing.T) {
	series := forecastSeries()
	series.Undated = ForecastMonth{Label: "No close date"}

	svg := renderSVG(t, series, 900, 420)
	assertNoTexts(t, svg, "No close date")
}

func TestFunnelChartSVGLabels(t *testing.T) {
	svg := renderSVG(t, funnelSeries(), 900, 420)

	assertTexts(t, svg,
		"Reached", "Reached next stage", "Won",
		"Prospecting", "Engaging", "median 4 days", "median 12 days",
		"10", "6", "3", "2",
	)
}

func TestBarListSVGLabels(t *testing.T) {
	svg := renderSVG(t, winLossSeries(), 900, 420)

	// A row with fewer values than series draws only the bars it has.
	assertTexts(t, svg,
		"Won and lost by reason", "Won", "Lost",
		"Price", "40 % won", "Timing &amp; budget", "Missing value",
		"4", "6", "3", "1,234",
	)
}

func TestBarListMoneyValues(t *testing.T) {
	series := BarListSeries{
		Currency: "EUR",
		Language: "de",
		Series:   []BarListBar{{Label: "Gewonnen", Color: BarGreen}},
		Rows:     []BarListRow{{Label: "Anna Müller", Values: []int64{250_000_00}}},
	}

	svg := renderSVG(t, series, 600, 200)
	assertTexts(t, svg, "Anna Müller", "250 Tsd. €", "0 €")
}

func TestReportChartsPNGSize(t *testing.T) {
	cases := map[string]Chart{
		"stages":   stageSeries(),
		"forecast": forecastSeries(),
		"funnel":   funnelSeries(),
		"bar list": winLossSeries(),
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			img, err := RenderImage(c, 720, 360)
			if err != nil {
				t.Fatalf("RenderImage: %v", err)
			}

			if got := img.Bounds().Size(); got != image.Pt(720, 360) {
				t.Errorf("size = %v, want 720×360", got)
			}

			if n := countColours(img); n < 4 {
				t.Errorf("image has %d colours, want a drawn chart with at least 4", n)
			}
		})
	}
}

func TestReportChartsDrawSeriesColours(t *testing.T) {
	img, err := RenderImage(winLossSeries(), 720, 360)
	if err != nil {
		t.Fatalf("RenderImage: %v", err)
	}

	if !hasColour(img, wonColor.R, wonColor.G, wonColor.B) {
		t.Error("no pixel in the won colour")
	}

	if !hasColour(img, lostColor.R, lostColor.G, lostColor.B) {
		t.Error("no pixel in the lost colour")
	}
}

func TestReportChartsEmpty(t *testing.T) {
	cases := map[string]struct {
		chart Chart
		label string
	}{
		"stages":          {StageSeries{Currency: "EUR", Stages: []StageFigures{{Name: "A"}}}, "No open deals"},
		"forecast":        {ForecastSeries{Currency: "EUR"}, "No deals in this period"},
		"funnel":          {FunnelSeries{EmptyLabel: "Keine Deals"}, "Keine Deals"},
		"bar list":        {BarListSeries{Rows: []BarListRow{{Label: "A", Values: []int64{0}}}}, "No data"},
		"negative amount": {StageSeries{Currency: "EUR", Stages: []StageFigures{{Name: "A", Amount: -5}}}, "No open deals"},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			svg := renderSVG(t, c.chart, 400, 300)
			assertTexts(t, svg, c.label)

			img, err := RenderImage(c.chart, 400, 300)
			if err != nil {
				t.Fatalf("RenderImage: %v", err)
			}

			if got := img.Bounds().Size(); got != image.Pt(400, 300) {
				t.Errorf("size = %v, want 400×300", got)
			}
		})
	}
}

func TestReportChartsRejectSize(t *testing.T) {
	for _, size := range []image.Point{{50, 300}, {400, 20}, {MaxWidth + 1, 300}, {400, MaxHeight + 1}} {
		if err := stageSeries().Render(io.Discard, PNG, size.X, size.Y); err == nil {
			t.Errorf("Render at %d×%d returned no error", size.X, size.Y)
		}
	}
}

func TestReportChartsRejectUnknownFormat(t *testing.T) {
	if err := funnelSeries().Render(io.Discard, Format(7), 400, 300); err == nil {
		t.Error("Render in Format(7) returned no error")
	}
}

func TestCountTicksAreWhole(t *testing.T) {
	for _, top := range []float64{1, 2, 3, 7, 11, 250} {
		p := barPlot{
			format:  CountFormatter("en"),
			integer: true,
			groups:  []plotGroup{{values: []float64{top}}},
		}

		ticks := p.ticks(maxTickIntervals, headroom)
		for _, tick := range ticks {
			if tick.Value != math.Trunc(tick.Value) {
				t.Errorf("top %v: tick %v is not a whole number", top, tick.Value)
			}
		}

		if last := ticks[len(ticks)-1].Value; last < top {
			t.Errorf("top %v: axis ends at %v, below the largest value", top, last)
		}
	}
}

func BenchmarkRenderForecastImage(b *testing.B) {
	series := forecastSeries()
	for b.Loop() {
		if _, err := RenderImage(series, 1000, 420); err != nil {
			b.Fatal(err)
		}
	}
}
