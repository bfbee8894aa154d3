package app

import (
	"math/big"
	"reflect"
	"testing"
)

func TestCompareCurrentPeriod(t *testing.T) {
	got := Compare(reportDeals(t), reportPeriod).Current

	// Closed from 04-01 to 06-30: deal 6 won (05-16), deal 7 won (06-05),
	// deal 8 lost (04-20). Win rate 2 of 3.
	if got.Period != reportPeriod {
		t.Errorf("period %v, want %v", got.Period, reportPeriod)
	}
	if got.Won != 2 || got.Lost != 1 {
		t.Errorf("won %d, lost %d, want 2 and 1", got.Won, got.Lost)
	}
	if got.WinRate != 2.0/3 {
		t.Errorf("win rate %v, want 2/3", got.WinRate)
	}

	// One won deal per currency: 1,200,000 EUR and 600,000 USD.
	if want := []Money{eur(1_200_000), usdMinor(600_000)}; !reflect.DeepEqual(got.AverageWon, want) {
		t.Errorf("average won %v, want %v", got.AverageWon, want)
	}
	if want := []int{1, 1}; !reflect.DeepEqual(got.WonCounts, want) {
		t.Errorf("won counts %v, want %v", got.WonCounts, want)
	}

	// Cycles: deal 6 from 03-01 to 05-16 = 31 + 30 + 15 = 76 days, deal 7
	// from 05-01 to 06-05 = 35 days. (76 + 35) ÷ 2 = 55.5.
	if got.AverageCycleDays != 55.5 || got.CycleDeals != 2 {
		t.Errorf("cycle %v days over %d deals, want 55.5 over 2", got.AverageCycleDays, got.CycleDeals)
	}

	// Open on 06-30: deals 1, 2, 3, 4, 5, 11 and 12, of which deal 4 is USD.
	if got.OpenDeals != 7 {
		t.Errorf("open deals %d, want 7", got.OpenDeals)
	}

	// EUR: 6 open × 2/3 × 1,200,000 ÷ 55.5 = 4,800,000 ÷ 55.5 = 86,486.49,
	// rounded to 86,486. USD: 1 × 2/3 × 600,000 ÷ 55.5 = 7,207.21, rounded
	// to 7,207.
	if want := []Money{eur(86_486), usdMinor(7_207)}; !reflect.DeepEqual(got.Velocity, want) {
		t.Errorf("velocity %v, want %v", got.Velocity, want)
	}
}

func TestComparePreviousPeriod(t *testing.T) {
	got := Compare(reportDeals(t), reportPeriod).Previous

	// 2024-01-01 to 2024-03-31: deal 9 won (02-10), deal 10 lost (03-20).
	if want := (Period{From: day(2024, 1, 1), To: day(2024, 3, 31)}); got.Period != want {
		t.Errorf("period %v, want %v", got.Period, want)
	}
	if got.Won != 1 || got.Lost != 1 || got.WinRate != 0.5 {
		t.Errorf("won %d, lost %d, rate %v, want 1, 1 and 0.5", got.Won, got.Lost, got.WinRate)
	}
	if want := []Money{eur(300_000)}; !reflect.DeepEqual(got.AverageWon, want) {
		t.Errorf("average won %v, want %v", got.AverageWon, want)
	}

	// Deal 9 from 01-10 to 02-10: 31 days.
	if got.AverageCycleDays != 31 || got.CycleDeals != 1 {
		t.Errorf("cycle %v days over %d deals, want 31 over 1", got.AverageCycleDays, got.CycleDeals)
	}

	// Open on 03-31: deal 3 (created 03-01), deal 6 (created 03-01, won
	// only on 05-16), deal 11 (created 01-01) and deal 12 (created 02-01).
	if got.OpenDeals != 4 {
		t.Errorf("open deals %d, want 4", got.OpenDeals)
	}

	// 4 × 1/2 × 300,000 ÷ 31 = 19,354.84, rounded to 19,355.
	if want := []Money{eur(19_355)}; !reflect.DeepEqual(got.Velocity, want) {
		t.Errorf("velocity %v, want %v", got.Velocity, want)
	}
}

func TestCompareNothingClosed(t *testing.T) {
	period := Period{From: day(2023, 1, 1), To: day(2023, 1, 31)}
	got := Compare(reportDeals(t), period).Current

	if got.Won != 0 || got.Lost != 0 || got.WinRate != 0 {
		t.Errorf("won %d, lost %d, rate %v, want zeros", got.Won, got.Lost, got.WinRate)
	}
	if got.AverageWon != nil || got.Velocity != nil {
		t.Errorf("average won %v, velocity %v, want none", got.AverageWon, got.Velocity)
	}
}

func TestCompareSameDayWinHasNoVelocity(t *testing.T) {
	// A deal won on the day it was created has a cycle of 0 days, so no
	// velocity can be divided by it.
	deals := []DealFact{{ID: 1, StageKind: StageWon, Amount: eur(100), CreatedOn: day(2024, 5, 2),
		ClosedOn: day(2024, 5, 2)}}
	got := Compare(deals, reportPeriod).Current

	if got.CycleDeals != 1 || got.AverageCycleDays != 0 {
		t.Errorf("cycle %v days over %d deals, want 0 over 1", got.AverageCycleDays, got.CycleDeals)
	}
	if got.Velocity != nil {
		t.Errorf("velocity %v, want none", got.Velocity)
	}
}

func TestDivideRounded(t *testing.T) {
	cases := []struct {
		num, den, want int64
	}{
		{5, 2, 3},
		{-5, 2, -3},
		{5, -2, -3},
		{7, 3, 2},
		{8, 3, 3},
		{-8, 3, -3},
		{28_800_000, 333, 86_486},
		{0, 7, 0},
	}

	for _, c := range cases {
		if got := divideRounded(big.NewInt(c.num), big.NewInt(c.den)); got != c.want {
			t.Errorf("%d ÷ %d = %d, want %d", c.num, c.den, got, c.want)
		}
	}
}
