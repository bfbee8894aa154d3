package ui

import (
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/ui/words"
)

func TestScoreExplanationWording(t *testing.T) {
	cases := []struct {
		name    string
		reasons []app.ScoreReason
		want    string
	}{
		{"no reasons", nil, "no profile match, qualification or recent activity yet"},
		{"timeframe under 1 month", []app.ScoreReason{{Points: 15, Code: app.ReasonTimeframe, Detail: string(app.TimeUnder1Month)}},
			"+15 timeframe: under 1 month"},
		{"timeframe 1-3 months", []app.ScoreReason{{Points: 10, Code: app.ReasonTimeframe, Detail: string(app.Time1To3Months)}},
			"+10 timeframe: 1–3 months"},
		{"budget indicated", []app.ScoreReason{{Points: 10, Code: app.ReasonBudgetIndicated}}, "+10 budget range indicated"},
		{"one activity", []app.ScoreReason{{Points: 2, Code: app.ReasonEngagement, Detail: "1"}}, "+2 1 recent activity"},
		{"five activities", []app.ScoreReason{{Points: 10, Code: app.ReasonEngagement, Detail: "5"}}, "+10 5 recent activities"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := words.ScoreExplanation(c.reasons); got != c.want {
				t.Errorf("ScoreExplanation = %q, want %q", got, c.want)
			}
		})
	}
}

// TestBudgetWordingMatchesDialog checks that the explanation of an
// indicated budget repeats the words of the BANT dialog's option, in both
// languages.
func TestBudgetWordingMatchesDialog(t *testing.T) {
	for _, file := range []string{"en.json", "de.json"} {
		messages := readTranslation(t, file)
		option := strings.ToLower(messages["indicated range"])
		explanation := strings.ToLower(messages["score.budget_indicated"])
		for _, word := range strings.Fields(option) {
			if !strings.Contains(explanation, word) {
				t.Errorf("%s: explanation %q lacks %q of the option %q", file, explanation, word, option)
			}
		}
	}
}

// TestGermanTimeframesAreNominative checks the labels that stand alone in
// the BANT dialog, the lead detail and after "Zeitrahmen:".
func TestGermanTimeframesAreNominative(t *testing.T) {
	messages := readTranslation(t, "de.json")
	for _, key := range []string{"under 1 month", "1–3 months", "3–6 months", "6–12 months", "over 12 months"} {
		if label := messages[key]; strings.HasSuffix(label, "Monaten") || strings.HasSuffix(label, "Monats") {
			t.Errorf("de.json %q = %q, want the nominative, such as 1–3 Monate", key, label)
		}
	}
	if got := messages["score.timeframe"]; got != "Zeitrahmen: {{.Detail}}" {
		t.Errorf("de.json score.timeframe = %q, want the label after Zeitrahmen:", got)
	}
}
