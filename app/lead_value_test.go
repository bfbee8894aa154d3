package app

import "testing"

// valueDeals are five referral deals of 1,000 to 5,000 €, averaging
// 3,000 €; two website deals of 10,000 €; and one dollar deal. All seven
// euro deals average 35,000 € ÷ 7 = 5,000 €.
func valueDeals() []WonDeal {
	return []WonDeal{
		{Source: "referral", Amount: eur(100_000)},
		{Source: "Referral", Amount: eur(200_000)},
		{Source: " referral ", Amount: eur(300_000)},
		{Source: "REFERRAL", Amount: eur(400_000)},
		{Source: "referral", Amount: eur(500_000)},
		{Source: "website", Amount: eur(1_000_000)},
		{Source: "website", Amount: eur(1_000_000)},
		{Source: "referral", Amount: Money{Minor: 9_999_999, Currency: "USD"}},
	}
}

func TestDealSizesCurrencyOfMostDeals(t *testing.T) {
	d := NewDealSizes(valueDeals())

	if d.Currency != "EUR" {
		t.Errorf("currency = %q, want EUR, which seven of eight deals use", d.Currency)
	}
	if d.WonDeals() != 7 {
		t.Errorf("won deals = %d, want the 7 in euros", d.WonDeals())
	}
}

func TestDealSizesCurrencyTieTakesFirstName(t *testing.T) {
	d := NewDealSizes([]WonDeal{{Amount: Money{Minor: 1, Currency: "USD"}}, {Amount: eur(1)}})

	if d.Currency != "EUR" {
		t.Errorf("currency = %q, want EUR, first in alphabetical order", d.Currency)
	}
}

func TestLeadValueBySource(t *testing.T) {
	d := NewDealSizes(valueDeals())

	cases := []struct {
		name     string
		source   string
		chance   float64
		want     Money
		average  Money
		bySource bool
	}{
		{"own source, other case", "Referral", 0.5, eur(150_000), eur(300_000), true},
		{"too few of its source", "website", 0.25, eur(125_000), eur(500_000), false},
		{"unknown source", "trade fair", 0.1, eur(50_000), eur(500_000), false},
		{"no source", "", 1, eur(500_000), eur(500_000), false},
		{"zero chance", "referral", 0, eur(0), eur(300_000), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			value, ok := d.LeadValue(c.source, c.chance)
			if !ok || value != c.want {
				t.Errorf("LeadValue(%q, %v) = %v, %v; want %v", c.source, c.chance, value, ok, c.want)
			}

			average, bySource, ok := d.AverageDealFor(c.source)
			if !ok || average != c.average {
				t.Errorf("AverageDealFor(%q) = %v, %v; want %v", c.source, average, ok, c.average)
			}
			if bySource != c.bySource {
				t.Errorf("AverageDealFor(%q) by source = %v, want %v", c.source, bySource, c.bySource)
			}
		})
	}
}

func TestLeadValueRoundsHalfAwayFromZeroOnce(t *testing.T) {
	// 1 + 2 cents average 1.5 cents: the average alone rounds to 2, and
	// half of it, 0.75, rounds to 1 rather than half of the rounded 2.
	d := NewDealSizes([]WonDeal{{Amount: eur(1)}, {Amount: eur(2)}})

	average, _, _ := d.AverageDealFor("")
	if average != eur(2) {
		t.Errorf("average = %v, want 2 cents", average)
	}

	if value, _ := d.LeadValue("", 0.5); value != eur(1) {
		t.Errorf("half of 1.5 cents = %v, want 1 cent", value)
	}

	// 5 cents × 0.5 = 2.5 cents, which rounds up to 3.
	single := NewDealSizes([]WonDeal{{Amount: eur(5)}})
	if value, _ := single.LeadValue("", 0.5); value != eur(3) {
		t.Errorf("half of 5 cents = %v, want 3 cents", value)
	}
}

func TestLeadValueWithoutWonDeals(t *testing.T) {
	d := NewDealSizes(nil)

	if value, ok := d.LeadValue("referral", 0.5); ok {
		t.Errorf("LeadValue without deals = %v, want none", value)
	}
	if _, _, ok := d.AverageDealFor("referral"); ok {
		t.Error("AverageDealFor without deals reports an average")
	}
	if d.Currency != "" {
		t.Errorf("currency = %q, want empty", d.Currency)
	}
}

func TestLeadChanceLearnedOrScore(t *testing.T) {
	learned := 0.37

	chance, ok := LeadChance(80, &learned)
	if chance != 0.37 || !ok {
		t.Errorf("with a learned chance: %v, %v; want 0.37, true", chance, ok)
	}

	chance, ok = LeadChance(42, nil)
	if chance != 0.42 || ok {
		t.Errorf("without one: %v, %v; want the score 42 ÷ 100, false", chance, ok)
	}
}
