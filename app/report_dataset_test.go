package app

import (
	"testing"
	"time"
)

// The hand-made dataset behind the report tests. Every expected figure in
// the tests is worked out by hand from the table below, in comments beside
// the check.
//
// Pipeline 1 "Sales" (EUR): Lead 10 % (idle after 14 days), Offer 50 %
// (no idle mark), Negotiation 80 % (idle after 7 days), Won, Lost.
// Pipeline 2 "Service" (EUR): Other 20 % (idle after 30 days).
//
// Today is 2024-06-15. The report period is 2024-04-01 to 2024-06-30,
// 91 days, so the previous period is 2024-01-01 to 2024-03-31.
//
//	id  state          stage        amount (minor)  prob  close date  history (09:00 UTC)
//	 1  open           Lead         1,000,000 EUR    10   2024-07-10  Lead 05-01
//	 2  open           Offer          250,055 EUR    50   2024-06-20  Lead 04-01, Offer 04-11
//	 3  open (0 %)     Offer          800,000 EUR     0   2024-05-20  Lead 03-01, Offer 03-05
//	 4  open           Negotiation    333,333 USD    80   2024-08-31  Lead 05-01, Offer 05-03, Negotiation 06-10
//	 5  open           Lead           500,000 EUR    10   none        Lead 06-01
//	 6  won 05-16      Won          1,200,000 EUR   100   2024-05-15  Lead 03-01, Offer 03-11, Negotiation 04-10, Won 05-16
//	 7  won 06-05      Won            600,000 USD   100   2024-06-01  Lead 05-01, Negotiation 05-21, Won 06-05
//	 8  lost 04-20     Lost           400,000 EUR     0   2024-04-30  Lead 04-01, Offer 04-05, Lost 04-20
//	 9  won 02-10      Won            300,000 EUR   100   2024-02-15  Lead 01-10, Won 02-10
//	10  lost 03-20     Lost           100,000 EUR     0   2024-03-31  Lead 03-01, Lost 03-20
//	11  open, pipe 2   Other          999,999 EUR    20   2024-06-30  none, created 01-01
//	12  open           stage 99        70,000 EUR    25   2024-07-01  none, created 02-01
//
// Deal 6: owner Anna, source "trade fair", reason "Price", competitor
// list Rival AG. Deal 7: owner Ben, source "website", reason
// "Relationship". Deal 8: owner Anna, source "trade fair", reason
// "Price", lost to Rival AG, competitor list Rival AG and Other GmbH.
// Deal 9: owner Ben, no source, no reason. Deal 10: owner Anna, source
// "website", reason "No budget".

var reportToday = Date{Year: 2024, Month: time.June, Day: 15}

var reportPeriod = Period{From: day(2024, 4, 1), To: day(2024, 6, 30)}

func day(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

func eur(minor int64) Money { return Money{Minor: minor, Currency: "EUR"} }

func usdMinor(minor int64) Money { return Money{Minor: minor, Currency: "USD"} }

func salesPipeline() Pipeline {
	return Pipeline{ID: 1, Name: "Sales", Currency: "EUR", Stages: []Stage{
		{ID: 11, PipelineID: 1, Name: "Lead", Position: 0, Probability: 10, Kind: StageOpen, IdleDays: 14},
		{ID: 12, PipelineID: 1, Name: "Offer", Position: 1, Probability: 50, Kind: StageOpen},
		{ID: 13, PipelineID: 1, Name: "Negotiation", Position: 2, Probability: 80, Kind: StageOpen, IdleDays: 7},
		{ID: 14, PipelineID: 1, Name: "Won", Position: 3, Probability: 100, Kind: StageWon},
		{ID: 15, PipelineID: 1, Name: "Lost", Position: 4, Probability: 0, Kind: StageLost},
	}}
}

func servicePipeline() Pipeline {
	return Pipeline{ID: 2, Name: "Service", Currency: "EUR", Stages: []Stage{
		{ID: 21, PipelineID: 2, Name: "Other", Position: 0, Probability: 20, Kind: StageOpen, IdleDays: 30},
	}}
}

// visits returns stage visits at 09:00 UTC, given as stage id and
// "MM-DD" day of 2024 pairs.
func visits(t testing.TB, pairs ...any) []StageVisit {
	t.Helper()

	var out []StageVisit
	for i := 0; i+1 < len(pairs); i += 2 {
		at, err := time.Parse("2006-01-02 15:04", "2024-"+pairs[i+1].(string)+" 09:00")
		if err != nil {
			t.Fatalf("visit day %v: %v", pairs[i+1], err)
		}
		out = append(out, StageVisit{StageID: int64(pairs[i].(int)), At: at})
	}

	return out
}

// reportDeals returns the twelve deals of the table above. CreatedOn is
// the first visit's day, and ClosedOn and StageEnteredOn the last one's,
// as the data package derives them.
func reportDeals(t testing.TB) []DealFact {
	t.Helper()

	deals := []DealFact{
		{ID: 1, PipelineID: 1, StageID: 11, StageKind: StageOpen, Amount: eur(1_000_000), Probability: 10,
			CloseDate: day(2024, 7, 10), History: visits(t, 11, "05-01")},
		{ID: 2, PipelineID: 1, StageID: 12, StageKind: StageOpen, Amount: eur(250_055), Probability: 50,
			CloseDate: day(2024, 6, 20), History: visits(t, 11, "04-01", 12, "04-11")},
		{ID: 3, PipelineID: 1, StageID: 12, StageKind: StageOpen, Amount: eur(800_000), Probability: 0,
			CloseDate: day(2024, 5, 20), History: visits(t, 11, "03-01", 12, "03-05")},
		{ID: 4, PipelineID: 1, StageID: 13, StageKind: StageOpen, Amount: usdMinor(333_333), Probability: 80,
			CloseDate: day(2024, 8, 31), History: visits(t, 11, "05-01", 12, "05-03", 13, "06-10")},
		{ID: 5, PipelineID: 1, StageID: 11, StageKind: StageOpen, Amount: eur(500_000), Probability: 10,
			History: visits(t, 11, "06-01")},
		{ID: 6, PipelineID: 1, StageID: 14, StageKind: StageWon, Amount: eur(1_200_000), Probability: 100,
			CloseDate: day(2024, 5, 15), History: visits(t, 11, "03-01", 12, "03-11", 13, "04-10", 14, "05-16"),
			Owner: "Anna", Source: "trade fair", CloseReason: "Price", Competitors: []string{"Rival AG"}},
		{ID: 7, PipelineID: 1, StageID: 14, StageKind: StageWon, Amount: usdMinor(600_000), Probability: 100,
			CloseDate: day(2024, 6, 1), History: visits(t, 11, "05-01", 13, "05-21", 14, "06-05"),
			Owner: "Ben", Source: "website", CloseReason: "Relationship"},
		{ID: 8, PipelineID: 1, StageID: 15, StageKind: StageLost, Amount: eur(400_000), Probability: 0,
			CloseDate: day(2024, 4, 30), History: visits(t, 11, "04-01", 12, "04-05", 15, "04-20"),
			Owner: "Anna", Source: "trade fair", CloseReason: "Price", CloseCompetitor: "Rival AG",
			Competitors: []string{"Rival AG", "Other GmbH"}},
		{ID: 9, PipelineID: 1, StageID: 14, StageKind: StageWon, Amount: eur(300_000), Probability: 100,
			CloseDate: day(2024, 2, 15), History: visits(t, 11, "01-10", 14, "02-10"), Owner: "Ben"},
		{ID: 10, PipelineID: 1, StageID: 15, StageKind: StageLost, Amount: eur(100_000), Probability: 0,
			CloseDate: day(2024, 3, 31), History: visits(t, 11, "03-01", 15, "03-20"),
			Owner: "Anna", Source: "website", CloseReason: "No budget"},
		{ID: 11, PipelineID: 2, StageID: 21, StageKind: StageOpen, Amount: eur(999_999), Probability: 20,
			CloseDate: day(2024, 6, 30), CreatedOn: day(2024, 1, 1), StageEnteredOn: day(2024, 1, 1)},
		{ID: 12, PipelineID: 1, StageID: 99, StageKind: StageOpen, Amount: eur(70_000), Probability: 25,
			CloseDate: day(2024, 7, 1), CreatedOn: day(2024, 2, 1), StageEnteredOn: day(2024, 2, 1)},
	}

	for i := range deals {
		d := &deals[i]
		if len(d.History) == 0 {
			continue
		}

		d.CreatedOn = DateOf(d.History[0].At)
		d.StageEnteredOn = DateOf(d.History[len(d.History)-1].At)
		if !d.Open() {
			d.ClosedOn = d.StageEnteredOn
		}
	}

	return deals
}
