package charts

import (
	"strings"
	"testing"
)

func TestMoneyFormatter(t *testing.T) {
	cases := []struct {
		currency, language string
		value              any
		want               string
	}{
		{"USD", "en", 0.0, "$0"},
		{"USD", "en", 250.0, "$250"},
		{"USD", "en", 200_000.0, "$200K"},
		{"USD", "en", 1_200_000.0, "$1.2M"},
		{"EUR", "de", 1_200_000.0, "1,2 Mio. €"},
		{"EUR", "de", 50_000.0, "50 Tsd. €"},
		{"JPY", "en", 3_000_000.0, "¥3M"},
		{"USD", "en", 5, "$5"},
		{"USD", "en", "text", ""},
	}

	for _, c := range cases {
		format := MoneyFormatter(c.currency, c.language)
		if got := format(c.value); got != c.want {
			t.Errorf("MoneyFormatter(%s, %s)(%v) = %q, want %q", c.currency, c.language, c.value, got, c.want)
		}
	}
}

func TestValueTicksRoundSteps(t *testing.T) {
	cases := []struct {
		top       float64
		intervals int
		want      []string
	}{
		{top: 1_123_456, intervals: 6, want: []string{"$0", "$200K", "$400K", "$600K", "$800K", "$1M", "$1.2M"}},
		{top: 7, intervals: 6, want: []string{"$0", "$2", "$4", "$6", "$8"}},
		{top: 950_000, intervals: 2, want: []string{"$0", "$500K", "$1M"}},
	}

	format := MoneyFormatter("USD", "en")
	for _, c := range cases {
		ticks := valueTicks(c.top, c.intervals, format)
		labels := make([]string, len(ticks))
		for i, tick := range ticks {
			labels[i] = tick.Label
		}

		if got := strings.Join(labels, " "); got != strings.Join(c.want, " ") {
			t.Errorf("valueTicks(%v, %d) labels = %s, want %s", c.top, c.intervals, got, strings.Join(c.want, " "))
		}

		if last := ticks[len(ticks)-1].Value; last < c.top {
			t.Errorf("valueTicks(%v, %d) ends at %v, below the maximum", c.top, c.intervals, last)
		}
	}
}

func TestWrapTextShortens(t *testing.T) {
	fitsTen := func(s string) bool { return len([]rune(s)) <= 10 }
	cases := []struct {
		text string
		want []string
	}{
		{"Won", []string{"Won"}},
		{"Needs analysis", []string{"Needs", "analysis"}},
		{"Prospecting", []string{"Prospecti…"}},
		{"A rather long stage name", []string{"A rather", "long stag…"}},
		{"", nil},
	}

	for _, c := range cases {
		got := wrapText(c.text, 2, fitsTen)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("wrapText(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
