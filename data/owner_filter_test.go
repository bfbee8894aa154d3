package data

import (
	"context"
	"slices"
	"testing"

	"leadwerk/app"
)

// convertedOwnDeal creates a lead as s's signed-in user, qualifies it and
// converts it into a deal, and returns the lead's and the deal's ids.
func convertedOwnDeal(t *testing.T, s *Store, first, email string) (leadID, dealID int64) {
	t.Helper()
	ctx := context.Background()

	lead := mustCreate(t, s, person(first, "Team", first+" GmbH", email))
	qualify(t, s, lead.ID)
	res, err := s.ConvertLead(ctx, lead.ID, app.ConversionRequest{PipelineID: defaultPipelineID(t, s).ID})
	if err != nil {
		t.Fatalf("ConvertLead %d: %v", lead.ID, err)
	}

	return lead.ID, res.OpportunityID
}

// signedInID returns the id of s's signed-in user.
func signedInID(t *testing.T, s *Store) int64 {
	t.Helper()

	u, ok := s.CurrentUser()
	if !ok {
		t.Fatal("the store has no signed-in user")
	}

	return u.ID
}

func TestOwnerFilterKeepsOwnRecords(t *testing.T) {
	ctx := context.Background()
	anna, ben := openTeam(t)
	annaLead, annaDeal := convertedOwnDeal(t, anna, "Anna", "anna@example.com")
	benLead, benDeal := convertedOwnDeal(t, ben, "Ben", "ben@example.com")
	annaID, benID := signedInID(t, anna), signedInID(t, ben)

	cases := []struct {
		name      string
		store     *Store
		ownerID   int64
		wantLeads []int64
		wantDeals []int64
	}{
		{"anna mine", anna, annaID, []int64{annaLead}, []int64{annaDeal}},
		{"ben mine", ben, benID, []int64{benLead}, []int64{benDeal}},
		{"anna everyone", anna, 0, []int64{annaLead, benLead}, []int64{annaDeal, benDeal}},
		{"ben everyone", ben, 0, []int64{annaLead, benLead}, []int64{annaDeal, benDeal}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			leads, err := c.store.ListLeads(ctx, app.LeadQuery{OwnerID: c.ownerID, Sort: app.SortLeadsByName})
			if err != nil {
				t.Fatal(err)
			}
			if got := sortedIDs(idsOfLeads(leads)); !slices.Equal(got, c.wantLeads) {
				t.Errorf("leads %v, want %v", got, c.wantLeads)
			}

			n, err := c.store.CountLeads(ctx, app.LeadQuery{OwnerID: c.ownerID})
			if err != nil {
				t.Fatal(err)
			}
			if n != len(c.wantLeads) {
				t.Errorf("lead count %d, want %d", n, len(c.wantLeads))
			}

			deals, err := c.store.ListOpportunities(ctx, app.OpportunityQuery{OwnerID: c.ownerID, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if got := sortedIDs(ids(deals)); !slices.Equal(got, c.wantDeals) {
				t.Errorf("deals %v, want %v", got, c.wantDeals)
			}

			n, err = c.store.CountOpportunities(ctx, app.OpportunityQuery{OwnerID: c.ownerID})
			if err != nil {
				t.Fatal(err)
			}
			if n != len(c.wantDeals) {
				t.Errorf("deal count %d, want %d", n, len(c.wantDeals))
			}

			board := mustBoard(t, c.store, app.BoardFilter{PipelineID: defaultPipelineID(t, c.store).ID,
				OwnerID: c.ownerID})
			if got := sortedIDs(boardCardIDs(board)); !slices.Equal(got, c.wantDeals) {
				t.Errorf("board cards %v, want %v", got, c.wantDeals)
			}
		})
	}
}

func sortedIDs(ids []int64) []int64 {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)

	return sorted
}

func boardCardIDs(b app.Board) []int64 {
	var ids []int64
	for _, column := range b.Columns {
		for _, card := range column.Cards {
			ids = append(ids, card.ID)
		}
	}

	return ids
}
