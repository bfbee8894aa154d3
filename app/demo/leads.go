package demo

import (
	"fmt"
	"strings"

	"leadwerk/app"
)

// leadSources are the channels a lead comes from, with a note a sales
// representative might write for each.
var leadSources = []struct {
	name string
	note string
}{
	{app.SourceTradeFair, "Met at the booth, asked for a product demo."},
	{app.SourceWebsite, "Filled in the contact form after reading the pricing page."},
	{app.SourceEmailCampaign, "Clicked the spring newsletter offer."},
	{app.SourceReferral, "Recommended by an existing customer."},
	{app.SourceColdCall, "Open to a follow-up call next quarter."},
	{app.SourcePartner, "Introduced by a reseller partner."},
}

// leadStatuses are all lead statuses with their share in percent. The
// 23 % converted or disqualified leads give the default demo more than
// the 200 closed leads that the learned lead score needs.
var leadStatuses = []struct {
	status app.LeadStatus
	weight int
}{
	{app.LeadNew, 22},
	{app.LeadContacted, 20},
	{app.LeadNurturing, 15},
	{app.LeadQualified, 12},
	{app.LeadHandedOver, 8},
	{app.LeadConverted, 12},
	{app.LeadDisqualified, 11},
}

// leads returns g.size.Leads leads. Half of them work at one of the given
// companies, the others at firms not yet in the database. The first
// leads take each status once, so every status appears.
func (g *generator) leads(companies []company) []app.Lead {
	weights := make([]int, len(leadStatuses))
	for i, s := range leadStatuses {
		weights[i] = s.weight
	}
	countryWeights := make([]int, len(countries))
	for i, c := range countries {
		countryWeights[i] = c.weight
	}

	emails := map[string]int{}
	leads := make([]app.Lead, 0, g.size.Leads)
	for i := range g.size.Leads {
		var l app.Lead
		if g.chance(50) {
			c := pick(g, companies)
			l = g.person(c.country, emails)
			l.CompanyName, l.City, l.Country, l.Industry = c.Name, c.city, c.Country, c.Sector
			l.SizeBand = app.SizeBandFor(c.Employees)
		} else {
			c := countries[g.weighted(countryWeights)]
			b := pick(g, branches)
			l = g.person(c, emails)
			l.CompanyName, l.City, l.Country, l.Industry = g.firmName(c, b), pick(g, c.cities), c.name, b.sector
			l.SizeBand = app.SizeBandFor(g.employees())
		}

		status := i
		if i >= len(leadStatuses) {
			status = g.weighted(weights)
		}
		source := pick(g, leadSources)
		l.Status = leadStatuses[status].status
		l.Source = source.name
		if g.chance(40) {
			l.Notes = source.note
		}
		l.Region, l.Persona = l.Country, l.Role
		l.Owner = pick(g, owners)
		l.CreatedAt = g.officeHour(g.dayIn(g.start, g.end.AddDate(0, 0, -1)))
		l.SourceRef = sourceRef("lead", i+1, g.size.Leads)

		leads = append(leads, l)
	}

	return leads
}

// person returns a lead with a name, role, e-mail address and phone
// number fitting the country. The address is unique among the people
// made with the same emails, which counts the uses of each plain address:
// the second Anna Müller at example.de becomes anna.mueller2@example.de.
func (g *generator) person(c country, emails map[string]int) app.Lead {
	// 85 % of the people in a German-speaking country have German names,
	// and 15 % of the others.
	german := g.chance(85) == c.german
	first, last := pick(g, englishFirstNames), pick(g, englishLastNames)
	if german {
		first, last = pick(g, germanFirstNames), pick(g, germanLastNames)
	}

	local := strings.ToLower(transliterate.Replace(first) + "." + transliterate.Replace(last))
	email := local + "@" + c.domain
	emails[email]++
	if n := emails[email]; n > 1 {
		email = fmt.Sprintf("%s%d@%s", local, n, c.domain)
	}

	return app.Lead{
		FirstName: first,
		LastName:  last,
		Role:      pick(g, roles),
		Email:     email,
		Phone:     g.phone(c),
	}
}

// phone returns a fictitious phone number of the country.
func (g *generator) phone(c country) string {
	digits := make([]byte, c.phoneDigits)
	for i := range digits {
		digits[i] = byte('0' + g.rng.IntN(10))
	}

	return c.phone + string(digits)
}
