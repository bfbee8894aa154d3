package maven

import (
	"errors"
	"io"
	"strings"
	"time"

	"leadwerk/app"
)

// opportunityLookups are the records that deal rows refer to.
type opportunityLookups struct {
	// accounts is the set of account names in accounts.csv.
	accounts map[string]bool
	// products is keyed by [productKey].
	products map[string]product
	// teams is keyed by agent name and is nil without sales_teams.csv.
	teams map[string]team
}

// readOpportunities reads sales_pipeline.csv into deals, in file order.
func readOpportunities(path string, lookups opportunityLookups) ([]app.OpportunityImport, error) {
	t, err := openTable(path, "opportunity_id", "sales_agent", "product", "account", "deal_stage",
		"engage_date", "close_date", "close_value")
	if err != nil {
		return nil, err
	}
	defer t.close()

	stages := map[string]app.Stage{}
	for _, s := range Pipeline().Stages {
		stages[strings.ToLower(s.Name)] = s
	}

	var deals []app.OpportunityImport
	lines := map[string]int{}
	for {
		r, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}

		deal, err := parseOpportunity(r, lookups, stages)
		if err != nil {
			return nil, err
		}

		id := r.get("opportunity_id")
		if first, dup := lines[id]; dup {
			return nil, r.errorf("opportunity_id %q is already used at line %d", id, first)
		}

		lines[id] = r.line
		deals = append(deals, deal)
	}

	return deals, nil
}

// parseOpportunity turns one deal row into a deal with its stage history.
//
// Won and lost deals are valued at their close value. Open deals have no
// close value and are valued at the product's list price, and so is the
// Engaging entry in the history of a closed deal, because the deal was
// open then.
func parseOpportunity(r row, lookups opportunityLookups, stages map[string]app.Stage) (app.OpportunityImport, error) {
	id := r.get("opportunity_id")
	if id == "" {
		return app.OpportunityImport{}, r.errorf("opportunity_id is empty")
	}

	stageText := r.get("deal_stage")
	stage, ok := stages[strings.ToLower(stageText)]
	if !ok {
		return app.OpportunityImport{}, r.errorf("unknown stage %q in deal_stage: expected Prospecting, Engaging, Won or Lost", stageText)
	}

	productText := r.get("product")
	prod, ok := lookups.products[productKey(productText)]
	if !ok {
		return app.OpportunityImport{}, r.errorf("unknown product %q: it is not listed in %s", productText, ProductsFile)
	}

	account := r.get("account")
	if account != "" && !lookups.accounts[account] {
		return app.OpportunityImport{}, r.errorf("unknown account %q: it is not listed in %s", account, AccountsFile)
	}

	dates, err := parseDealDates(r, stage)
	if err != nil {
		return app.OpportunityImport{}, err
	}

	amount, err := dealAmount(r, stage, prod.price)
	if err != nil {
		return app.OpportunityImport{}, err
	}

	deal := app.OpportunityImport{
		Opportunity: app.Opportunity{
			Title:       dealTitle(prod.name, account),
			Amount:      amount,
			Probability: stage.Probability,
			Owner:       r.get("sales_agent"),
			Product:     prod.name,
			Notes:       lookups.teams[r.get("sales_agent")].note(),
			SourceRef:   opportunityRef(id),
		},
		Stage:   stage.Name,
		History: dealHistory(stage, dates, prod.price, amount),
	}
	if account != "" {
		deal.CompanyRef = accountRef(account)
	}
	if stage.Kind != app.StageOpen {
		deal.CloseDate = dates.close
		deal.StageEnteredOn = dates.close
	} else if stage.Name == StageEngaging {
		deal.StageEnteredOn = dates.engage
	}

	return deal, nil
}

// dealDates are the two dates of a deal row. Either may be zero.
type dealDates struct {
	engage app.Date
	close  app.Date
}

// parseDealDates reads engage_date and close_date and checks that the
// stage has the dates it needs: Engaging an engage date, Won and Lost
// both, in order. Prospecting deals carry no dates in the export.
func parseDealDates(r row, stage app.Stage) (dealDates, error) {
	var dates dealDates
	for _, f := range []struct {
		column string
		date   *app.Date
	}{{"engage_date", &dates.engage}, {"close_date", &dates.close}} {
		d, err := app.ParseDate(r.get(f.column))
		if err != nil {
			return dealDates{}, r.errorf("bad date %q in %s: expected YYYY-MM-DD", r.get(f.column), f.column)
		}
		*f.date = d
	}

	closed := stage.Kind != app.StageOpen
	switch {
	case stage.Name != StageProspecting && dates.engage.IsZero():
		return dealDates{}, r.errorf("engage_date is empty for a deal in stage %s", stage.Name)
	case closed && dates.close.IsZero():
		return dealDates{}, r.errorf("close_date is empty for a deal in stage %s", stage.Name)
	case closed && dates.close.Before(dates.engage):
		return dealDates{}, r.errorf("close_date %s is before engage_date %s", dates.close, dates.engage)
	}

	return dates, nil
}

// dealTitle returns "<product> – <account>", or the product alone for a
// deal without an account.
func dealTitle(product, account string) string {
	if account == "" {
		return product
	}

	return product + " – " + account
}

// dealHistory returns the stage changes that lead to the deal's stage.
// Prospecting deals get one change with the zero time for the store to
// stamp, because the export has no date for them.
func dealHistory(stage app.Stage, dates dealDates, listPrice, amount app.Money) []app.StageChangeImport {
	if stage.Name == StageProspecting {
		return []app.StageChangeImport{{To: stage.Name, Amount: amount, Probability: stage.Probability}}
	}

	engaging := pipelineStage(StageEngaging)
	history := []app.StageChangeImport{{
		To:          engaging.Name,
		At:          midnightUTC(dates.engage),
		Amount:      listPrice,
		Probability: engaging.Probability,
	}}
	if stage.Kind == app.StageOpen {
		return history
	}

	return append(history, app.StageChangeImport{
		From:        engaging.Name,
		To:          stage.Name,
		At:          midnightUTC(dates.close),
		Amount:      amount,
		Probability: stage.Probability,
	})
}

func midnightUTC(d app.Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// dealAmount returns the close value of a closed deal. An open deal has no
// close value in the export, so it is worth its product's list price; if
// an open row does carry a close value, that value is checked like any
// other and kept, because it is the seller's own figure for the deal.
func dealAmount(r row, stage app.Stage, listPrice app.Money) (app.Money, error) {
	if stage.Kind == app.StageOpen && r.get("close_value") == "" {
		return listPrice, nil
	}

	return parseDollars(r, "close_value")
}
