package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/data"
)

// TestOwnerFilterTogglesLeads stores a lead of ben and one of the user
// that the window signs in, and toggles "Mine" and "Everyone's" on the
// Leads tab. It also checks that the Opportunities tab and the Board pass
// the user's id to the store once "Mine" is chosen there.
func TestOwnerFilterTogglesLeads(t *testing.T) {
	store := openStore(t)
	if _, err := store.SignIn(context.Background(), "ben"); err != nil {
		t.Fatal(err)
	}
	createLead(t, store, app.Lead{FirstName: "Bernd", LastName: "Vogel", CompanyName: "Vogel AG"})

	m, queue := openLeadsTab(t, store)
	screen := m.leads
	queue.waitFor(t, "ben's lead", func() bool { return screen.count.Text == "1 lead" })
	me, ok := store.CurrentUser()
	if !ok {
		t.Fatal("the window signed in no user")
	}
	createLead(t, store, app.Lead{FirstName: "Anna", LastName: "Schmidt", CompanyName: "Schmidt GmbH"})

	if got := screen.filters.mine.choice.Selected; got != lang.L("Everyone's") {
		t.Errorf("owner choice starts at %q, want Everyone's", got)
	}

	screen.filters.mine.choice.SetSelected(lang.L("Mine"))
	queue.waitFor(t, "the user's lead alone", func() bool {
		return screen.query.OwnerID == me.ID && screen.count.Text == "1 lead"
	})
	queue.waitFor(t, "the first row", func() bool {
		_, loaded := screen.rows.row(0)
		return loaded
	})
	row, _ := screen.rows.row(0)
	if row.LastName != "Schmidt" {
		t.Errorf("first row = %q, want the user's lead Schmidt", row.LastName)
	}

	screen.filters.mine.choice.SetSelected(lang.L("Everyone's"))
	queue.waitFor(t, "both leads again", func() bool {
		return screen.query.OwnerID == 0 && screen.count.Text == "2 leads"
	})

	m.opportunities.mine.choice.SetSelected(lang.L("Mine"))
	if got := m.opportunities.query.OwnerID; got != me.ID {
		t.Errorf("opportunity query owner id = %d, want %d", got, me.ID)
	}

	m.board.mine.choice.SetSelected(lang.L("Mine"))
	if f, _ := m.board.filter(); f.OwnerID != me.ID {
		t.Errorf("board filter owner id = %d, want %d", f.OwnerID, me.ID)
	}
}

// teamBatch has two deals of ben and one of the user named me, each with
// a next step due today.
func teamBatch(me string) app.ImportBatch {
	today := app.DateOf(time.Now())
	deal := func(ref, title, stage, owner string) app.OpportunityImport {
		return app.OpportunityImport{
			Opportunity: app.Opportunity{
				Title: title, Amount: app.Major(1000, "EUR"), Owner: owner, CloseDate: today,
				StageEnteredOn: today, NextStep: "Call " + title, SourceRef: ref,
			},
			CompanyRef: "c:1",
			Stage:      stage,
		}
	}

	return app.ImportBatch{
		Source:    "team-test",
		Pipeline:  app.DefaultPipeline(),
		Companies: []app.CompanyImport{{Company: app.Company{Name: "Nordlicht GmbH", SourceRef: "c:1"}}},
		Opportunities: []app.OpportunityImport{
			deal("o:1", "Ben's rollout", "Proposal", "ben"),
			deal("o:2", "Ben's training", "Negotiation", "ben"),
			deal("o:3", "My support contract", "Proposal", me),
		},
	}
}

// openTeamWindow stores teamBatch with the users ben and the operating
// system user, whom the window signs in, as owners, and opens the window.
// It returns the window's user.
func openTeamWindow(t *testing.T) (*mainWindow, *uiQueue, *data.Store, app.UserRecord) {
	t.Helper()
	ctx := context.Background()

	store := openStore(t)
	if _, err := store.SignIn(ctx, "ben"); err != nil {
		t.Fatal(err)
	}
	me, err := store.SignIn(ctx, "")
	if err != nil {
		t.Fatalf("sign in the operating system user: %v", err)
	}
	if _, err := store.Import(ctx, teamBatch(me.Name), nil); err != nil {
		t.Fatalf("import: %v", err)
	}
	// A sign-in links the imported owner names to the users.
	if _, err := store.SignIn(ctx, ""); err != nil {
		t.Fatal(err)
	}

	m, queue := openWindow(t, store)
	queue.waitFor(t, "the tabs", func() bool { return m.window.Content() == m.tabs })
	if signed, ok := store.CurrentUser(); !ok || signed.ID != me.ID {
		t.Fatalf("the window signed in %+v, want %+v", signed, me)
	}

	return m, queue, store, me
}

// opportunityTitles returns the sorted titles of the Opportunities tab's
// rows, and false while a row is not loaded yet.
func opportunityTitles(s *opportunitiesScreen) ([]string, bool) {
	var titles []string
	for i := range s.rows.length() {
		row, ok := s.rows.row(i)
		if !ok {
			return nil, false
		}
		titles = append(titles, row.Title)
	}
	slices.Sort(titles)

	return titles, true
}

func TestOwnerFilterOpportunityRows(t *testing.T) {
	m, queue, _, _ := openTeamWindow(t)
	m.tabs.SelectIndex(1)
	s := m.opportunities

	var titles []string
	defer func() {
		if t.Failed() {
			t.Logf("last rows loaded: %q", titles)
		}
	}()
	rowsAre := func(want ...string) func() bool {
		return func() bool {
			var ok bool
			titles, ok = opportunityTitles(s)
			return ok && slices.Equal(titles, want)
		}
	}
	queue.waitFor(t, "everyone's three deals", rowsAre("Ben's rollout", "Ben's training", "My support contract"))
	if got := s.count.Text; got != "3 opportunities" {
		t.Errorf("count %q, want 3 opportunities", got)
	}

	s.mine.choice.SetSelected(lang.L("Mine"))
	queue.waitFor(t, "the user's deal alone", rowsAre("My support contract"))
	if got := s.count.Text; got != "1 opportunity" {
		t.Errorf("count %q under Mine, want 1 opportunity", got)
	}

	s.mine.choice.SetSelected(lang.L("Everyone's"))
	queue.waitFor(t, "all three deals again", rowsAre("Ben's rollout", "Ben's training", "My support contract"))
}

// boardTitles returns the titles of the deals in the board column named
// stage, sorted.
func boardTitles(s *boardScreen, stage string) []string {
	var titles []string
	for _, column := range s.columns {
		if column.stage.Name != stage {
			continue
		}
		for _, deal := range column.deals {
			titles = append(titles, deal.Title)
		}
	}
	slices.Sort(titles)

	return titles
}

func TestOwnerFilterBoardCards(t *testing.T) {
	m, queue, _, _ := openTeamWindow(t)
	m.tabs.SelectIndex(2)
	s := m.board

	defer func() {
		if t.Failed() {
			t.Logf("last cards: Proposal %q, Negotiation %q", boardTitles(s, "Proposal"), boardTitles(s, "Negotiation"))
		}
	}()
	everyone := func() bool {
		return slices.Equal(boardTitles(s, "Proposal"), []string{"Ben's rollout", "My support contract"}) &&
			slices.Equal(boardTitles(s, "Negotiation"), []string{"Ben's training"})
	}
	queue.waitFor(t, "everyone's cards", everyone)

	s.mine.choice.SetSelected(lang.L("Mine"))
	queue.waitFor(t, "the user's card alone", func() bool {
		return slices.Equal(boardTitles(s, "Proposal"), []string{"My support contract"}) &&
			len(boardTitles(s, "Negotiation")) == 0
	})

	s.mine.choice.SetSelected(lang.L("Everyone's"))
	queue.waitFor(t, "everyone's cards again", everyone)
}

// todaySubjects returns each Today item as its activity's subject or its
// next step, sorted.
func todaySubjects(items []app.TodayItem) []string {
	subjects := make([]string, 0, len(items))
	for _, item := range items {
		if item.Kind == app.TodayNextStep {
			subjects = append(subjects, item.NextStep)
			continue
		}
		subjects = append(subjects, item.Activity.Subject)
	}
	slices.Sort(subjects)

	return subjects
}

// dealIDTitled returns the id of the deal titled title.
func dealIDTitled(t *testing.T, store *data.Store, title string) int64 {
	t.Helper()

	rows, err := store.ListOpportunities(context.Background(), app.OpportunityQuery{Search: title, Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("deal %q not found (err %v)", title, err)
	}

	return rows[0].ID
}

func TestOwnerFilterTodayItems(t *testing.T) {
	m, queue, store, _ := openTeamWindow(t)
	ctx := context.Background()
	users, err := store.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var benID int64
	for _, u := range users {
		if u.Login == "ben" {
			benID = u.ID
		}
	}

	due := time.Now().Add(-time.Hour).UTC()
	activity := func(a app.Activity) {
		a.Kind, a.Due = app.ActivityCall, due
		if _, err := store.AddOpportunityActivity(ctx, a); err != nil {
			t.Fatalf("add activity %q: %v", a.Subject, err)
		}
	}
	mine := dealIDTitled(t, store, "My support contract")
	// A new activity belongs to the signed-in user unless it names its
	// owner, so Ben's activities name him.
	activity(app.Activity{OpportunityID: dealIDTitled(t, store, "Ben's rollout"), Subject: "on ben's deal", OwnerID: benID})
	activity(app.Activity{OpportunityID: mine, Subject: "on my deal"})
	activity(app.Activity{OpportunityID: mine, Subject: "ben's on my deal", OwnerID: benID})
	lead := createLead(t, store, app.Lead{FirstName: "Jana", LastName: "Berg", Owner: "ben"})
	_, err = store.AddLeadActivity(ctx, app.Activity{LeadID: lead.ID, Kind: app.ActivityTask,
		Subject: "on ben's lead", Due: due, OwnerID: benID})
	if err != nil {
		t.Fatal(err)
	}

	s := m.today
	var subjects []string
	defer func() {
		if t.Failed() {
			t.Logf("last items: %q", subjects)
		}
	}()
	itemsAre := func(want ...string) func() bool {
		return func() bool {
			subjects = todaySubjects(s.items)
			return slices.Equal(subjects, want)
		}
	}
	everyone := itemsAre("Call Ben's rollout", "Call Ben's training", "Call My support contract",
		"ben's on my deal", "on ben's deal", "on ben's lead", "on my deal")

	s.reload()
	queue.waitFor(t, "everyone's items", everyone)

	if got := s.summary.Text; got != "7 items, 4 overdue" {
		t.Errorf("summary %q for everyone, want 7 items, 4 overdue", got)
	}

	s.mine.choice.SetSelected(lang.L("Mine"))
	queue.waitFor(t, "the user's items", itemsAre("Call My support contract", "on my deal"))
	if got := s.summary.Text; got != "2 items, 1 overdue" {
		t.Errorf("summary %q under Mine, want 2 items, 1 overdue", got)
	}

	s.mine.choice.SetSelected(lang.L("Everyone's"))
	queue.waitFor(t, "everyone's items again", everyone)
}
