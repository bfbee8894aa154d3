package demo

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"leadwerk/app"
)

// activityKinds are the kinds of generated activities, each with subjects
// in which %s is the product or the company's city.
var activityKinds = []struct {
	kind     string
	subjects []string
}{
	{app.ActivityCall, []string{"Discovery call", "Follow-up call on %s", "Clarify budget and timeline"}},
	{app.ActivityEmail, []string{"Send brochure on %s", "Send customer references", "Answer technical questions"}},
	{app.ActivityMeeting, []string{"On-site visit in %s", "Requirements workshop", "Kick-off with the project team"}},
	{app.ActivityOffer, []string{"Send offer for %s", "Send revised offer"}},
	{app.ActivityPresentation, []string{"Product demo of %s", "Presentation to the management board"}},
}

// activities returns 1 to 5 activities of a deal, ordered by due time.
// A closed deal's activities lie between its creation and its last stage
// change and are all done. An open deal's activities may be due up to
// three weeks after today. Of those, 85 % of the past ones are done and
// none of the future ones.
func (g *generator) activities(d app.OpportunityImport, c company, created, lastChange time.Time, open bool) []app.Activity {
	lastDay := lastChange.Truncate(24 * time.Hour)
	if open {
		lastDay = g.end.AddDate(0, 0, 21)
	}

	n := g.between(1, 5)
	list := make([]app.Activity, 0, n)
	for range n {
		kind := pick(g, activityKinds)
		subject := pick(g, kind.subjects)
		switch {
		case !strings.Contains(subject, "%s"):
		case kind.kind == app.ActivityMeeting:
			subject = fmt.Sprintf(subject, c.city)
		default:
			subject = fmt.Sprintf(subject, d.Product)
		}

		due := g.officeHour(g.dayIn(created, lastDay))
		if !open && due.After(lastChange) {
			due = lastChange
		}

		list = append(list, app.Activity{
			Kind:    kind.kind,
			Subject: subject,
			Due:     due,
			Done:    due.Before(g.end) && (!open || g.chance(85)),
		})
	}
	slices.SortFunc(list, func(a, b app.Activity) int { return a.Due.Compare(b.Due) })

	return list
}

// leadActivities returns up to four activities for each lead that has
// been worked (not New), dated between its creation and today, so the
// worklist's engagement points and last activity column have data. Some
// fall within the last 30 days.
func (g *generator) leadActivities(leads []app.Lead) []app.LeadActivityImport {
	var out []app.LeadActivityImport
	for _, l := range leads {
		if l.Status == app.LeadNew {
			continue
		}

		for range g.between(0, 4) {
			out = append(out, g.leadActivity(l))
		}
	}

	return out
}

// dealActivityCount returns the number of activities of all deals.
func dealActivityCount(deals []app.OpportunityImport) int {
	n := 0
	for _, d := range deals {
		n += len(d.Activities)
	}

	return n
}

// leadActivitiesUpTo returns n activities, each of a random worked lead
// (not New) and dated between its creation and yesterday. It returns none
// when n is not positive or no lead has been worked.
func (g *generator) leadActivitiesUpTo(leads []app.Lead, n int) []app.LeadActivityImport {
	var worked []app.Lead
	for _, l := range leads {
		if l.Status != app.LeadNew {
			worked = append(worked, l)
		}
	}
	if n <= 0 || len(worked) == 0 {
		return nil
	}

	out := make([]app.LeadActivityImport, 0, n)
	for range n {
		out = append(out, g.leadActivity(pick(g, worked)))
	}

	return out
}

// leadActivity returns one done activity of l, dated between its
// creation and yesterday.
func (g *generator) leadActivity(l app.Lead) app.LeadActivityImport {
	kind := pick(g, activityKinds)
	created := l.CreatedAt.Truncate(24 * time.Hour)
	at := g.officeHour(g.dayIn(created, g.end.AddDate(0, 0, -1)))
	if at.Before(l.CreatedAt) {
		at = l.CreatedAt
	}

	subject := pick(g, kind.subjects)
	if strings.Contains(subject, "%s") {
		subject = fmt.Sprintf(subject, l.City)
	}

	return app.LeadActivityImport{
		LeadRef:  l.SourceRef,
		Activity: app.Activity{Kind: kind.kind, Subject: subject, Done: true, CreatedAt: at},
	}
}
