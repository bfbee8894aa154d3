package app

import (
	"reflect"
	"testing"
)

func TestWinLossByDimension(t *testing.T) {
	// Closed in the period: deal 6 won 1,200,000 EUR, deal 7 won
	// 600,000 USD, deal 8 lost 400,000 EUR.
	priceRow := WinLossRow{Won: 1, Lost: 1, Amounts: []WinLossAmount{{Won: eur(1_200_000), Lost: eur(400_000)}}}
	dealSeven := WinLossRow{Won: 1, Amounts: []WinLossAmount{{Won: usdMinor(600_000), Lost: usdMinor(0)}}}
	keyed := func(r WinLossRow, key string) WinLossRow {
		r.Key = key

		return r
	}

	cases := []struct {
		by   WinLossDimension
		want []WinLossRow
	}{
		// Deals 6 and 8 share the reason "Price", deal 7 has its own.
		{WinLossByReason, []WinLossRow{keyed(priceRow, "Price"), keyed(dealSeven, "Relationship")}},
		{WinLossBySource, []WinLossRow{keyed(priceRow, "trade fair"), keyed(dealSeven, "website")}},
		{WinLossByOwner, []WinLossRow{keyed(priceRow, "Anna"), keyed(dealSeven, "Ben")}},
		// Rival AG is on deals 6 and 8; deal 8 also names Other GmbH, and
		// its close competitor Rival AG counts once. Deal 7 names none.
		{WinLossByCompetitor, []WinLossRow{
			keyed(priceRow, "Rival AG"),
			{Key: "Other GmbH", Lost: 1, Amounts: []WinLossAmount{{Won: eur(0), Lost: eur(400_000)}}},
			keyed(dealSeven, ""),
		}},
	}

	for _, c := range cases {
		got := WinLossBy(reportDeals(t), reportPeriod, c.by)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("by %s:\n got %+v\nwant %+v", c.by, got, c.want)
		}
	}
}

func TestWinLossEmptyKeyLast(t *testing.T) {
	// Previous period: deal 9 won without a reason, deal 10 lost for "No
	// budget". Both rows count one deal, and the empty key goes last.
	previous := Period{From: day(2024, 1, 1), To: day(2024, 3, 31)}
	got := WinLossBy(reportDeals(t), previous, WinLossByReason)

	want := []WinLossRow{
		{Key: "No budget", Lost: 1, Amounts: []WinLossAmount{{Won: eur(0), Lost: eur(100_000)}}},
		{Key: "", Won: 1, Amounts: []WinLossAmount{{Won: eur(300_000), Lost: eur(0)}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if r := got[0].WinRate(); r != 0 {
		t.Errorf("No budget win rate %v, want 0", r)
	}
}

func TestLeadsBySource(t *testing.T) {
	leads := []LeadFact{
		{ID: 1, Source: "trade fair", Status: LeadConverted, CreatedOn: day(2024, 4, 3), OpportunityID: 6},
		{ID: 2, Source: "trade fair", Status: LeadQualified, CreatedOn: day(2024, 5, 10)},
		{ID: 3, Source: "trade fair", Status: LeadNew, CreatedOn: day(2024, 6, 30)},
		{ID: 4, Source: "website", Status: LeadConverted, CreatedOn: day(2024, 4, 1), OpportunityID: 7},
		{ID: 5, Source: "", Status: LeadNew, CreatedOn: day(2024, 5, 5)},
		// Outside the period: the day before it starts and the day after
		// it ends.
		{ID: 6, Source: "website", Status: LeadConverted, CreatedOn: day(2024, 3, 31), OpportunityID: 8},
		{ID: 7, Source: "trade fair", Status: LeadConverted, CreatedOn: day(2024, 7, 1), OpportunityID: 9},
	}

	got := LeadsBySource(leads, reportPeriod)

	// Trade fair: leads 1, 2, 3, one converted. Website: lead 4,
	// converted. No source: lead 5.
	want := []SourceConversion{
		{Source: "trade fair", Leads: 3, Converted: 1, Rate: 1.0 / 3},
		{Source: "website", Leads: 1, Converted: 1, Rate: 1},
		{Source: "", Leads: 1, Converted: 0, Rate: 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestIdleDeals(t *testing.T) {
	got := IdleDeals([]Pipeline{salesPipeline(), servicePipeline()}, reportDeals(t), reportToday)

	// Deal 11 entered Other on 01-01 with 30 idle days: idle since 01-31.
	// Deal 1 entered Lead on 05-01 with 14 days: idle since 05-15. Deal 5
	// entered Lead on 06-01, and 06-15 is not past its 14 days yet. Offer
	// has no idle mark, deal 4's 7 days in Negotiation end on 06-17, the
	// closed deals are never idle, and deal 12's stage is in no pipeline.
	var ids []int64
	for _, d := range got {
		ids = append(ids, d.ID)
	}
	if want := []int64{11, 1}; !reflect.DeepEqual(ids, want) {
		t.Errorf("idle deals %v, want %v", ids, want)
	}
}
