package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"leadwerk/app"
	"leadwerk/data"
)

// learningHistory returns n referral and n website leads, all closed
// (referrals converted in 8 of 10 cases, website leads in 2 of 10), and
// won deals: five referral deals of 1,000 € and five website deals of
// 5,000 €.
func learningHistory(n int) app.ImportBatch {
	b := app.ImportBatch{Source: "test", Pipeline: app.DefaultPipeline()}
	for i := range n {
		for _, source := range []string{"referral", "website"} {
			status := app.LeadDisqualified
			if (source == "referral" && i%10 < 8) || (source == "website" && i%10 < 2) {
				status = app.LeadConverted
			}
			b.Leads = append(b.Leads, app.Lead{
				LastName: fmt.Sprintf("%s %d", source, i), Source: source, Status: status,
				SourceRef: fmt.Sprintf("test:%s:%d", source, i),
			})
		}
	}

	won := wonStageName(b.Pipeline)
	for i := range 5 {
		for source, amount := range map[string]int64{"referral": 100_000, "website": 500_000} {
			b.Opportunities = append(b.Opportunities, app.OpportunityImport{
				Opportunity: app.Opportunity{
					Title: fmt.Sprintf("%s deal %d", source, i), Source: source,
					Amount:    app.Money{Minor: amount, Currency: b.Pipeline.Currency},
					SourceRef: fmt.Sprintf("test:deal:%s:%d", source, i),
				},
				Stage: won,
			})
		}
	}

	return b
}

func wonStageName(p app.Pipeline) string {
	for _, s := range p.Stages {
		if s.Kind == app.StageWon {
			return s.Name
		}
	}

	return ""
}

// openLearnedLeads opens the Leads tab on a store with a history of n
// closed leads per source and two open leads, and waits for the first
// learning to finish.
func openLearnedLeads(t *testing.T, n int) (*mainWindow, *uiQueue, *data.Store, app.Lead, app.Lead) {
	t.Helper()

	store := openStore(t)
	if _, err := store.Import(context.Background(), learningHistory(n), nil); err != nil {
		t.Fatal(err)
	}
	referral := createLead(t, store, app.Lead{LastName: "Open referral", Source: "referral"})
	website := createLead(t, store, app.Lead{LastName: "Open website", Source: "website"})

	m, queue := openLeadsTab(t, store)
	learning := m.leads.learning
	queue.waitFor(t, "the first learning", func() bool { return learning.known && !learning.running })

	return m, queue, store, referral, website
}

func TestLeadListShowsLearnedAndValueColumns(t *testing.T) {
	m, queue, store, referral, _ := openLearnedLeads(t, 150)
	screen := m.leads

	for _, heading := range []string{"Learned", "Value"} {
		if !findLabel(screen.content, heading) {
			t.Errorf("no %q column heading", heading)
		}
	}

	lead := storedLead(t, store, referral.ID).Lead
	if lead.Predicted == nil {
		t.Fatal("the referral lead has no learned chance after the first learning")
	}
	chance := formatPercent(*lead.Predicted, "en")
	value := app.FormatMoneyShort(lead.Value, "en")

	queue.waitFor(t, "the list rows", func() bool { _, ok := screen.rows.row(0); return ok })
	if !findLabel(screen.list, chance) {
		t.Errorf("no row shows the learned chance %s", chance)
	}
	if !findLabel(screen.list, value) {
		t.Errorf("no row shows the expected value %s", value)
	}
}

func TestLeadListSortsByLearnedColumn(t *testing.T) {
	m, queue, _, referral, website := openLearnedLeads(t, 150)
	screen := m.leads
	screen.onSortTapped(app.SortLeadsByLearned)

	queue.waitFor(t, "the sorted rows", func() bool { _, ok := screen.rows.row(1); return ok })
	if screen.query.Sort != app.SortLeadsByLearned || !screen.query.Descending {
		t.Fatalf("query sorts by %q descending %v, want learned, descending", screen.query.Sort, screen.query.Descending)
	}

	first, _ := screen.rows.row(0)
	second, _ := screen.rows.row(1)
	if first.ID != referral.ID || second.ID != website.ID {
		t.Errorf("rows %d, %d; want the referral lead %d before the website lead %d",
			first.ID, second.ID, referral.ID, website.ID)
	}
}

func TestWorklistRankChoice(t *testing.T) {
	m, queue, _, referral, website := openLearnedLeads(t, 150)
	screen := m.leads

	// The referral lead has the higher chance (about 0.8 against 0.2),
	// the website lead the higher value (about 0.2 × 5,000 € against
	// 0.8 × 1,000 €).
	cases := []struct {
		index int
		sort  app.LeadSort
		first int64
	}{
		{1, app.SortLeadsByWorklistLearned, referral.ID},
		{2, app.SortLeadsByWorklistValue, website.ID},
		{0, app.SortLeadsByWorklist, 0},
	}
	for _, c := range cases {
		screen.rank.SetSelectedIndex(c.index)

		if !screen.worklist.Checked {
			t.Errorf("rank %d: the worklist is off, want it on", c.index)
		}
		if screen.query.Sort != c.sort || !screen.query.OpenOnly {
			t.Errorf("rank %d: query sort %q, open only %v; want %q of open leads",
				c.index, screen.query.Sort, screen.query.OpenOnly, c.sort)
		}
		if c.first == 0 {
			continue
		}

		queue.waitFor(t, "the ranked rows", func() bool { _, ok := screen.rows.row(0); return ok })
		if first, _ := screen.rows.row(0); first.ID != c.first {
			t.Errorf("rank %d: first lead %d, want %d", c.index, first.ID, c.first)
		}
	}
}

func TestLeadDetailShowsLearnedChance(t *testing.T) {
	m, queue, store, referral, _ := openLearnedLeads(t, 150)
	d := m.leads.detail
	d.show(referral.ID)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == referral.ID })

	lead := storedLead(t, store, referral.ID).Lead
	want := "Learned chance " + formatPercent(*lead.Predicted, "en") + " · learned from 300 closed leads"
	if d.learned.Text != want {
		t.Errorf("learned = %q, want %q", d.learned.Text, want)
	}
	if !strings.Contains(d.learnedReasons.Text, "Source is referral: raises the chance") {
		t.Errorf("reasons = %q, want the referral source", d.learnedReasons.Text)
	}
	if !strings.HasPrefix(d.value.Text, "Expected value "+app.FormatMoney(lead.Value, "en")+": learned chance") {
		t.Errorf("value = %q, want the value from the learned chance", d.value.Text)
	}
}

func TestLeadDetailSaysWhyNoLearnedChance(t *testing.T) {
	m, queue, _, referral, _ := openLearnedLeads(t, 20)
	d := m.leads.detail
	d.show(referral.ID)
	queue.waitFor(t, "the detail", func() bool { return d.lead.ID == referral.ID })

	want := "No learned chance yet. Needs 200 closed leads, 30 of each outcome; you have 40 (20 converted, 20 disqualified)."
	if d.learned.Text != want {
		t.Errorf("learned = %q, want %q", d.learned.Text, want)
	}
	if !d.learnedReasons.Hidden {
		t.Errorf("reasons %q shown for a lead without a learned chance", d.learnedReasons.Text)
	}
	if !strings.Contains(d.value.Text, "score ÷ 100") {
		t.Errorf("value = %q, want it based on the score", d.value.Text)
	}
}

func TestLeadModelDialogShowsWeights(t *testing.T) {
	m, queue, _, _, _ := openLearnedLeads(t, 150)
	m.openLeadModelSettings()
	d := m.leads.learning.dialog
	if d == nil {
		t.Fatal("the dialog did not open")
	}

	if !strings.HasPrefix(d.history.Text, "Learned from 300 closed leads (150 converted, 150 disqualified) on ") {
		t.Errorf("history = %q, want the counts and the time", d.history.Text)
	}
	if !findLabelContaining(d.weights, "Source is referral: raises the chance") {
		t.Error("the weights do not name the referral source")
	}
	if !strings.Contains(d.values.Text, "average 10 won deals in EUR") {
		t.Errorf("values = %q, want the 10 won deals in EUR", d.values.Text)
	}

	before := m.leads.learning.summary.RefreshedAt
	test.Tap(d.learn)
	if !d.learn.Disabled() {
		t.Error("Learn again stays enabled while learning")
	}
	queue.waitFor(t, "learning again", func() bool { return !m.leads.learning.running })
	if after := m.leads.learning.summary.RefreshedAt; after.Before(before) {
		t.Errorf("refreshed at %v, before the first learning at %v", after, before)
	}
	if d.learn.Disabled() {
		t.Error("Learn again stays disabled after learning")
	}
}

func TestLeadModelDialogWithTooFewLeads(t *testing.T) {
	m, _, _, _, _ := openLearnedLeads(t, 20)
	m.openLeadModelSettings()
	d := m.leads.learning.dialog

	want := "Needs 200 closed leads, 30 of each outcome; you have 40 (20 converted, 20 disqualified)."
	if d.history.Text != want {
		t.Errorf("history = %q, want %q", d.history.Text, want)
	}
	if !findLabel(d.weights, "No weights learned yet.") {
		t.Error("the dialog does not say that no weights are learned")
	}
}
