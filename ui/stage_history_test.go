package ui

import (
	"testing"
	"time"

	"leadwerk/app"
)

func TestStageHistoryShowsWhoMoved(t *testing.T) {
	d, _, _ := openDealDetail(t)
	at := time.Date(2024, 5, 1, 8, 30, 0, 0, time.UTC)
	change := func(by string) app.StageChangeView {
		return app.StageChangeView{
			StageChange: app.StageChange{At: at, Amount: app.Money{Minor: 550000, Currency: "EUR"}, Probability: 40, By: by},
			From:        "Qualify",
			To:          "Propose",
		}
	}

	d.fillHistory([]app.StageChangeView{change("Anna Schmidt"), change(app.ChangedByImport), change("")})

	when := formatTimestamp(at, "en")
	for _, want := range []string{
		when + ", Anna Schmidt: Qualify → Propose, €5,500.00, 40 %",
		when + ", Import: Qualify → Propose, €5,500.00, 40 %",
		when + ": Qualify → Propose, €5,500.00, 40 %",
	} {
		if !findLabel(d.history, want) {
			t.Errorf("the stage history has no line %q", want)
		}
	}
}
