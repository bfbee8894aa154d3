package demo

import (
	"fmt"

	"leadwerk/app"
)

// company is a generated company with the facts that deals and leads
// reuse.
type company struct {
	app.CompanyImport
	country country
	city    string
	branch  branch
}

// companies returns g.size.Companies companies with distinct names. About
// one in twenty is a subsidiary of one of the first twenty firms.
func (g *generator) companies() []company {
	weights := make([]int, len(countries))
	for i, c := range countries {
		weights[i] = c.weight
	}

	used := map[string]bool{}
	list := make([]company, 0, g.size.Companies)
	for i := range g.size.Companies {
		c := company{country: countries[g.weighted(weights)], branch: pick(g, branches)}
		c.city = pick(g, c.country.cities)
		c.Name = g.uniqueFirmName(c.country, c.branch, c.city, used)
		c.Sector = c.branch.sector
		c.Country = c.country.name
		c.Employees = g.employees()
		c.Revenue = g.revenue(c.Employees, c.country)
		c.YearFounded = g.between(1890, 2020)
		c.SourceRef = sourceRef("company", i+1, g.size.Companies)
		if i >= 20 && g.chance(5) {
			c.ParentRef = list[g.rng.IntN(20)].SourceRef
		}

		list = append(list, c)
	}

	return list
}

// uniqueFirmName returns a firm name not in used and adds it there. After
// a few clashes it adds the city, which keeps the name plausible.
func (g *generator) uniqueFirmName(c country, b branch, city string, used map[string]bool) string {
	name := ""
	for try := 0; try < 20; try++ {
		name = g.firmName(c, b)
		if !used[name] {
			break
		}
	}
	if used[name] {
		name = fmt.Sprintf("%s %s", name, city)
	}
	for n := 2; used[name]; n++ {
		name = fmt.Sprintf("%s %s %d", g.firmName(c, b), city, n)
	}

	used[name] = true

	return name
}

// firmName returns a name such as "Hoffmann Maschinenbau GmbH" or
// "Bluewater Logistics Ltd", with a legal form of the country.
func (g *generator) firmName(c country, b branch) string {
	suffix := pick(g, c.suffixes)
	if !c.german {
		if g.chance(50) {
			return fmt.Sprintf("%s %s %s", pick(g, englishLastNames), b.english, suffix)
		}

		return fmt.Sprintf("%s %s %s", pick(g, englishFirmWords), b.english, suffix)
	}

	switch g.rng.IntN(3) {
	case 0:
		return fmt.Sprintf("%s %s %s", pick(g, germanLastNames), b.german, suffix)
	case 1:
		return fmt.Sprintf("%s-%s %s", pick(g, germanFirmWords), b.german, suffix)
	default:
		return fmt.Sprintf("%s & %s %s %s", pick(g, germanLastNames), pick(g, germanLastNames), b.german, suffix)
	}
}

// employees returns a head count from 5 to about 12,000, with small firms
// more common than large ones.
func (g *generator) employees() int {
	switch g.weighted([]int{45, 35, 15, 5}) {
	case 0:
		return g.between(5, 49)
	case 1:
		return g.between(50, 249)
	case 2:
		return g.between(250, 1999)
	default:
		return g.between(2000, 12000)
	}
}

// revenue returns an annual revenue of 90,000 to 300,000 per employee in
// the country's currency, rounded to 100,000.
func (g *generator) revenue(employees int, c country) app.Money {
	perHead := int64(g.between(90_000, 300_000))
	major := int64(employees) * perHead / 100_000 * 100_000

	return app.Major(major, revenueCurrency(c))
}

// revenueCurrency returns the currency a company reports in.
func revenueCurrency(c country) string {
	switch c.name {
	case "Switzerland":
		return "CHF"
	case "United Kingdom":
		return "GBP"
	case "United States":
		return "USD"
	default:
		return "EUR"
	}
}
