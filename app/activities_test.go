package app

import (
	"testing"
	"time"
)

func TestEndOfDay(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	now := time.Date(2026, time.March, 4, 23, 30, 0, 0, berlin)

	got := EndOfDay(now)

	want := time.Date(2026, time.March, 5, 0, 0, 0, 0, berlin)
	if !got.Equal(want) {
		t.Errorf("EndOfDay(%v) = %v, want %v", now, got, want)
	}
}

func TestClassifyDue(t *testing.T) {
	now := time.Date(2026, time.March, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		due  time.Time
		want TodayKind
	}{
		{"yesterday", now.Add(-24 * time.Hour), TodayOverdue},
		{"earlier today", now.Add(-time.Minute), TodayOverdue},
		{"exactly now", now, TodayDue},
		{"later today", now.Add(time.Hour), TodayDue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ClassifyDue(tt.due, now); got != tt.want {
				t.Errorf("ClassifyDue = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestIsNextStepDue(t *testing.T) {
	now := time.Date(2026, time.March, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		nextStep  string
		closeDate Date
		want      bool
	}{
		{"close date passed", "send offer", Date{Year: 2026, Month: time.March, Day: 1}, true},
		{"close date today", "send offer", Date{Year: 2026, Month: time.March, Day: 4}, true},
		{"close date tomorrow", "send offer", Date{Year: 2026, Month: time.March, Day: 5}, false},
		{"no close date", "send offer", Date{}, false},
		{"no next step", "", Date{Year: 2026, Month: time.March, Day: 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsNextStepDue(tt.nextStep, tt.closeDate, now); got != tt.want {
				t.Errorf("IsNextStepDue = %v, want %v", got, tt.want)
			}
		})
	}
}
