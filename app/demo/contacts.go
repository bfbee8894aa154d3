package demo

import "leadwerk/app"

// buyingRoles are the buying roles of generated contacts, the first one
// of each company being its decision maker.
var buyingRoles = []app.AuthorityRole{app.DecisionMaker, app.Influencer, app.User, app.Gatekeeper}

// contacts returns g.size.ContactsPerCompany people at each company, with
// names and addresses of the company's country. Contacts draw their
// e-mail addresses apart from the leads, so a contact may share one with
// a lead, as a converted lead does.
func (g *generator) contacts(companies []company) []Contact {
	total := len(companies) * g.size.ContactsPerCompany
	emails := map[string]int{}
	list := make([]Contact, 0, total)
	for _, c := range companies {
		for k := range g.size.ContactsPerCompany {
			p := g.person(c.country, emails)
			list = append(list, Contact{
				Contact: app.Contact{
					FirstName: p.FirstName, LastName: p.LastName, Role: p.Role,
					BuyingRole: buyingRoles[min(k, len(buyingRoles)-1)], Email: p.Email, Phone: p.Phone,
					CreatedAt: g.officeHour(g.dayIn(g.start, g.end.AddDate(0, 0, -1))),
				},
				CompanyRef: c.SourceRef,
				SourceRef:  sourceRef("contact", len(list)+1, total),
			})
		}
	}

	return list
}
