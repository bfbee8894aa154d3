package data

import (
	"context"
	"slices"
	"testing"
	"time"

	"leadwerk/app"
)

// todayLines returns each Today item as its activity's subject or its
// next step, sorted.
func todayLines(items []app.TodayItem) []string {
	lines := make([]string, 0, len(items))
	for _, item := range items {
		if item.Kind == app.TodayNextStep {
			lines = append(lines, item.NextStep)
			continue
		}
		lines = append(lines, item.Activity.Subject)
	}
	slices.Sort(lines)

	return lines
}

func TestTodayKeepsOwnersItems(t *testing.T) {
	ctx := context.Background()
	anna, ben := openTeam(t)
	_, annaDeal := convertedOwnDeal(t, anna, "Anna", "anna@example.com")
	_, benDeal := convertedOwnDeal(t, ben, "Ben", "ben@example.com")
	annaID, benID := signedInID(t, anna), signedInID(t, ben)

	err := anna.db.Exec(`UPDATE opportunities SET next_step = 'Step of ' || owner, close_date = '2026-03-04'`).Error
	if err != nil {
		t.Fatal(err)
	}

	due := todayNow.Add(-time.Hour)
	mustAddDealActivity(t, anna, app.Activity{OpportunityID: annaDeal, Kind: app.ActivityCall,
		Subject: "no owner on anna's deal", Due: due})
	mustAddDealActivity(t, anna, app.Activity{OpportunityID: annaDeal, Kind: app.ActivityCall,
		Subject: "ben's on anna's deal", Due: due, OwnerID: benID})
	mustAddDealActivity(t, ben, app.Activity{OpportunityID: benDeal, Kind: app.ActivityCall,
		Subject: "no owner on ben's deal", Due: due})
	benLead := mustCreate(t, ben, person("Jana", "Berg", "Bergbau AG", "jana@example.com"))
	_, err = ben.AddLeadActivity(ctx, app.Activity{LeadID: benLead.ID, Kind: app.ActivityTask,
		Subject: "no owner on ben's lead", Due: due})
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name    string
		ownerID int64
		want    []string
	}{
		{"anna", annaID, []string{"Step of anna", "no owner on anna's deal"}},
		{"ben", benID, []string{"Step of ben", "ben's on anna's deal", "no owner on ben's deal",
			"no owner on ben's lead"}},
		{"everyone", 0, []string{"Step of anna", "Step of ben", "ben's on anna's deal",
			"no owner on anna's deal", "no owner on ben's deal", "no owner on ben's lead"}},
		{"unknown user", 9999, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items, err := anna.Today(ctx, app.TodayQuery{Now: todayNow, OwnerID: c.ownerID})
			if err != nil {
				t.Fatal(err)
			}

			if got := todayLines(items); !slices.Equal(got, c.want) {
				t.Errorf("Today items %q, want %q", got, c.want)
			}
		})
	}
}
