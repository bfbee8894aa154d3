package charts_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"leadwerk/app"
	"leadwerk/charts"
	"leadwerk/data"
	"leadwerk/data/benchdata"
	"leadwerk/internal/cputime"
)

// largeFacts are the deal and lead facts of the large demo dataset,
// loaded once per test binary.
var largeFacts struct {
	once  sync.Once
	deals []app.DealFact
	leads []app.LeadFact
	err   error
}

func loadLargeFacts(b *testing.B) ([]app.DealFact, []app.LeadFact) {
	b.Helper()

	largeFacts.once.Do(func() {
		store, err := data.Open(benchdata.Large(b))
		if err != nil {
			largeFacts.err = err
			return
		}
		defer store.Close()

		ctx := context.Background()
		if largeFacts.deals, err = store.DealFacts(ctx, app.ReportFilter{}); err != nil {
			largeFacts.err = err
			return
		}
		largeFacts.leads, largeFacts.err = store.LeadFacts(ctx, app.ReportFilter{})
	})
	if largeFacts.err != nil {
		b.Fatalf("load the large dataset: %v", largeFacts.err)
	}

	return largeFacts.deals, largeFacts.leads
}

// BenchmarkRenderLargeCharts renders each chart kind of the Pipeline and
// Reports tabs, at the tabs' sizes, from EUR figures summed over the
// large demo dataset's 20,000 deals and 100,000 leads. Summing the
// figures is not timed; each operation is one render to an image.
func BenchmarkRenderLargeCharts(b *testing.B) {
	deals, leads := loadLargeFacts(b)
	cases := []struct {
		name          string
		chart         charts.Chart
		width, height int
	}{
		{"stages", stageSeries(deals), 1000, 400},
		{"forecast", forecastSeries(deals), 1000, 400},
		{"funnel", funnelSeries(deals), 1000, 400},
		{"winloss", ownerSeries(deals), 1000, 110 + 46*6},
		{"leadsources", sourceSeries(leads), 1000, 110 + 46*6},
	}

	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			loopWithCPUTime(b, func() {
				if _, err := charts.RenderImage(c.chart, c.width, c.height); err != nil {
					b.Fatal(err)
				}
			})
		})
	}

	b.Run("pipeline", func(b *testing.B) {
		s := pipelineSeries(deals)
		b.ReportAllocs()
		loopWithCPUTime(b, func() {
			if _, err := charts.RenderPipelineImage(s, 1000, 640); err != nil {
				b.Fatal(err)
			}
		})
	})
}

// loopWithCPUTime runs op in b.Loop and reports the process's CPU time
// per operation as cpu-ns/op beside the wall time. On a machine shared
// with other work the wall time grows with the load, and the CPU time
// much less, so the CPU time estimates the wall time of an idle machine.
func loopWithCPUTime(b *testing.B, op func()) {
	b.Helper()

	start := cputime.Process(b)
	for b.Loop() {
		op()
	}
	used := cputime.Process(b) - start

	if used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// openStages returns the EUR totals of the open deals per stage id, in
// stage id order, which is the default pipeline's stage order.
func openStages(deals []app.DealFact) []charts.StageFigures {
	byStage := map[int64]*charts.StageFigures{}
	var ids []int64
	for _, d := range deals {
		if d.StageKind != app.StageOpen || d.Amount.Currency != "EUR" {
			continue
		}
		s, ok := byStage[d.StageID]
		if !ok {
			s = &charts.StageFigures{Name: fmt.Sprintf("Stage %d", d.StageID)}
			byStage[d.StageID] = s
			ids = append(ids, d.StageID)
		}
		s.Count++
		s.Amount += d.Amount.Minor
		s.Weighted += d.Amount.Weighted(d.Probability).Minor
	}

	slices.Sort(ids)
	out := make([]charts.StageFigures, len(ids))
	for i, id := range ids {
		out[i] = *byStage[id]
	}

	return out
}

func stageSeries(deals []app.DealFact) charts.StageSeries {
	return charts.StageSeries{Title: "Pipeline by stage", Currency: "EUR", Language: "de", Stages: openStages(deals)}
}

func pipelineSeries(deals []app.DealFact) charts.PipelineSeries {
	s := charts.PipelineSeries{Title: "Pipeline", Currency: "EUR", Language: "de"}
	for _, st := range openStages(deals) {
		s.Stages = append(s.Stages, charts.StageValue{Name: st.Name, Amount: st.Amount, Weighted: st.Weighted})
	}

	return s
}

// forecastSeries sums the EUR deals by close month: won revenue for
// closed months, open amounts for the others.
func forecastSeries(deals []app.DealFact) charts.ForecastSeries {
	months := map[string]*charts.ForecastMonth{}
	for _, d := range deals {
		if d.Amount.Currency != "EUR" || d.StageKind == app.StageLost {
			continue
		}
		label := fmt.Sprintf("%04d-%02d", d.CloseDate.Year, d.CloseDate.Month)
		m, ok := months[label]
		if !ok {
			m = &charts.ForecastMonth{Label: label}
			months[label] = m
		}
		if d.StageKind == app.StageWon {
			m.Won += d.Amount.Minor
			continue
		}
		m.BestCase += d.Amount.Minor
		m.Weighted += d.Amount.Weighted(d.Probability).Minor
		if d.Probability >= 75 {
			m.Committed += d.Amount.Minor
		}
	}

	s := charts.ForecastSeries{Title: "Forecast", Currency: "EUR", Language: "de"}
	for _, m := range months {
		s.Months = append(s.Months, *m)
	}
	slices.SortFunc(s.Months, func(a, b charts.ForecastMonth) int { return cmp.Compare(a.Label, b.Label) })

	return s
}

// funnelSeries counts the deals that reached each stage id, judged by
// their current stage only, which is enough to give the chart its shape.
func funnelSeries(deals []app.DealFact) charts.FunnelSeries {
	s := charts.FunnelSeries{Title: "Funnel", Language: "de"}
	for _, st := range openStages(deals) {
		s.Stages = append(s.Stages, charts.FunnelStage{Name: st.Name, Reached: st.Count, ReachedNext: st.Count / 2, Won: st.Count / 4})
	}

	return s
}

// ownerSeries counts the won and lost deals per owner.
func ownerSeries(deals []app.DealFact) charts.BarListSeries {
	counts := map[string][]int64{}
	for _, d := range deals {
		if d.StageKind == app.StageOpen {
			continue
		}
		if counts[d.Owner] == nil {
			counts[d.Owner] = make([]int64, 2)
		}
		if d.StageKind == app.StageWon {
			counts[d.Owner][0]++
		} else {
			counts[d.Owner][1]++
		}
	}

	return barList("Won and lost by owner", []string{"Won", "Lost"}, counts)
}

// sourceSeries counts the leads and converted leads per source.
func sourceSeries(leads []app.LeadFact) charts.BarListSeries {
	counts := map[string][]int64{}
	for _, l := range leads {
		if counts[l.Source] == nil {
			counts[l.Source] = make([]int64, 2)
		}
		counts[l.Source][0]++
		if l.Status == app.LeadConverted {
			counts[l.Source][1]++
		}
	}

	return barList("Leads by source", []string{"Leads", "Converted"}, counts)
}

func barList(title string, series []string, counts map[string][]int64) charts.BarListSeries {
	s := charts.BarListSeries{Title: title, Language: "de"}
	for i, label := range series {
		s.Series = append(s.Series, charts.BarListBar{Label: label, Color: charts.BarColor(i)})
	}
	for label, values := range counts {
		s.Rows = append(s.Rows, charts.BarListRow{Label: label, Values: values})
	}
	slices.SortFunc(s.Rows, func(a, b charts.BarListRow) int { return cmp.Compare(a.Label, b.Label) })

	return s
}
