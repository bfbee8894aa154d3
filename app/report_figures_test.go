package app

import (
	"testing"
	"time"
)

func TestPipelineByStageFigures(t *testing.T) {
	got := PipelineByStage(salesPipeline(), reportDeals(t))

	stage := func(id int64) Stage {
		for _, s := range salesPipeline().Stages {
			if s.ID == id {
				return s
			}
		}

		return Stage{}
	}
	want := []StageFigure{
		// Lead: deals 1 and 5. 1,000,000 × 10 % = 100,000 and
		// 500,000 × 10 % = 50,000.
		{Stage: stage(11), Count: 2, Amount: eur(1_500_000), Weighted: eur(150_000)},
		// Offer: deals 2 and 3. 250,055 × 50 % = 125,027.5, rounded half
		// away from zero to 125,028; the 0 % deal 3 adds 800,000 to the
		// amount and nothing to the weighted amount.
		{Stage: stage(12), Count: 2, Amount: eur(1_050_055), Weighted: eur(125_028)},
		// Negotiation: only the USD deal 4, 333,333 × 80 % = 266,666.4,
		// rounded to 266,666, and no EUR entry because the stage has deals.
		{Stage: stage(13), Count: 1, Amount: usdMinor(333_333), Weighted: usdMinor(266_666)},
		// Deal 12 sits in stage 99, which the pipeline lacks:
		// 70,000 × 25 % = 17,500. Deal 11 is in pipeline 2 and deals 6 to
		// 10 are closed, so none of them counts.
		{Stage: Stage{}, Count: 1, Amount: eur(70_000), Weighted: eur(17_500)},
	}

	if len(got) != len(want) {
		t.Fatalf("got %d figures %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].Stage.ID != want[i].Stage.ID || got[i].Stage.Name != want[i].Stage.Name {
			t.Errorf("figure %d: stage %d %q, want %d %q", i, got[i].Stage.ID, got[i].Stage.Name,
				want[i].Stage.ID, want[i].Stage.Name)
		}
		if got[i].Count != want[i].Count {
			t.Errorf("figure %d: count %d, want %d", i, got[i].Count, want[i].Count)
		}
		if got[i].Amount != want[i].Amount {
			t.Errorf("figure %d: amount %v, want %v", i, got[i].Amount, want[i].Amount)
		}
		if got[i].Weighted != want[i].Weighted {
			t.Errorf("figure %d: weighted %v, want %v", i, got[i].Weighted, want[i].Weighted)
		}
	}
}

func TestPipelineByStageEmptyStage(t *testing.T) {
	// Without deals every open stage keeps its place with count 0 in the
	// pipeline's currency, and the closed stages do not appear.
	got := PipelineByStage(salesPipeline(), nil)

	if len(got) != 3 {
		t.Fatalf("got %d figures %+v, want 3", len(got), got)
	}
	for i, name := range []string{"Lead", "Offer", "Negotiation"} {
		if got[i].Stage.Name != name {
			t.Errorf("figure %d: stage %q, want %q", i, got[i].Stage.Name, name)
		}
		if got[i].Count != 0 || got[i].Amount != eur(0) || got[i].Weighted != eur(0) {
			t.Errorf("figure %d: %+v, want count 0 and 0 EUR", i, got[i])
		}
	}
}

func TestForecastByMonthFigures(t *testing.T) {
	// The window runs from March (three months before June) to August
	// (June and the two months after it), and commitAt is 50 %.
	got := ForecastByMonth(reportDeals(t), reportToday, 3, 3, 50)

	month := func(m time.Month) Month { return Month{Year: 2024, Month: m} }
	zero := func(m Month, code string) MonthForecast {
		z := Money{Currency: code}

		return MonthForecast{Month: m, Currency: code, Weighted: z, BestCase: z, Committed: z, Won: z}
	}
	with := func(f MonthForecast, change func(*MonthForecast)) MonthForecast {
		change(&f)

		return f
	}

	want := []MonthForecast{
		zero(month(time.March), "EUR"), zero(month(time.March), "USD"),
		zero(month(time.April), "EUR"), zero(month(time.April), "USD"),
		// Deal 6 was won on 05-16. Deal 9, won in February, lies before
		// the window.
		with(zero(month(time.May), "EUR"), func(f *MonthForecast) { f.Won, f.WonDeals = eur(1_200_000), 1 }),
		zero(month(time.May), "USD"),
		// June EUR: deal 2 (closes 06-20), deal 3 (closed 05-20, passed,
		// so moved to June) and deal 11 of the other pipeline (06-30).
		// Best case 250,055 + 800,000 + 999,999 = 2,050,054. Weighted
		// 125,028 + 0 + 999,999 × 20 % (199,999.8, rounded to 200,000)
		// = 325,028. Committed at 50 %: only deal 2, 250,055.
		with(zero(month(time.June), "EUR"), func(f *MonthForecast) {
			f.BestCase, f.Weighted, f.Committed, f.OpenDeals = eur(2_050_054), eur(325_028), eur(250_055), 3
		}),
		// June USD: deal 7 won on 06-05.
		with(zero(month(time.June), "USD"), func(f *MonthForecast) { f.Won, f.WonDeals = usdMinor(600_000), 1 }),
		// July EUR: deal 1 (1,000,000 at 10 % = 100,000) and deal 12
		// (70,000 at 25 % = 17,500); neither reaches 50 %.
		with(zero(month(time.July), "EUR"), func(f *MonthForecast) {
			f.BestCase, f.Weighted, f.OpenDeals = eur(1_070_000), eur(117_500), 2
		}),
		zero(month(time.July), "USD"),
		zero(month(time.August), "EUR"),
		// August USD: deal 4, 333,333 at 80 % = 266,666, committed.
		with(zero(month(time.August), "USD"), func(f *MonthForecast) {
			f.BestCase, f.Weighted, f.Committed, f.OpenDeals = usdMinor(333_333), usdMinor(266_666), usdMinor(333_333), 1
		}),
		// Deal 5 has no close date: 500,000 at 10 % = 50,000.
		with(zero(Month{}, "EUR"), func(f *MonthForecast) {
			f.BestCase, f.Weighted, f.OpenDeals = eur(500_000), eur(50_000), 1
		}),
	}

	if len(got) != len(want) {
		t.Fatalf("got %d entries %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestForecastByMonthWindow(t *testing.T) {
	// With futureMonths 0 only June remains, so deal 1 (July) and deal 4
	// (August) drop out, and without past months May's won deal 6 too.
	got := ForecastByMonth(reportDeals(t), reportToday, 0, 0, 50)

	months := map[Month]bool{}
	for _, f := range got {
		months[f.Month] = true
	}
	if len(months) != 2 || !months[Month{Year: 2024, Month: time.June}] || !months[Month{}] {
		t.Errorf("months %v, want June 2024 and the zero Month", months)
	}

	var wonDeals, openDeals int
	for _, f := range got {
		wonDeals += f.WonDeals
		openDeals += f.OpenDeals
	}
	// Deal 7 was won in June. Open in June: deals 2, 3 and 11; without a
	// close date: deal 5.
	if wonDeals != 1 {
		t.Errorf("won deals %d, want 1", wonDeals)
	}
	if openDeals != 4 {
		t.Errorf("open deals %d, want 4", openDeals)
	}
}

func TestForecastCommittedThreshold(t *testing.T) {
	// At commitAt 0 every open deal is committed, the 0 % deal 3 included.
	got := ForecastByMonth(reportDeals(t), reportToday, 0, 1, 0)

	for _, f := range got {
		if f.Committed != f.BestCase {
			t.Errorf("%s %s: committed %v, want the best case %v", f.Month, f.Currency, f.Committed, f.BestCase)
		}
	}
}
