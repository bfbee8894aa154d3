// Package demo generates deterministic, realistic sample data for a new
// Leadwerk database: companies, leads, and opportunities with stage
// histories and activities. The data is that of an imagined German seller
// of business software and hardware with customers in Germany, Austria,
// Switzerland, the United Kingdom and the United States.
package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"leadwerk/app"
)

// Source is the batch source name; every SourceRef starts with Source+":".
const Source = "demo"

// The sizes of the default demo batch.
const (
	CompanyCount     = 200
	LeadCount        = 1000
	OpportunityCount = 300
	// HistoryMonths is how far back before today the data reaches.
	HistoryMonths = 18
)

// Size is the number of records [GenerateSize] makes.
type Size struct {
	Companies, Leads, Opportunities int
	// ContactsPerCompany is how many contacts each company gets.
	ContactsPerCompany int
	// Activities is the number of deal and lead activities together.
	// Zero gives each deal 1 to 5 and each worked lead 0 to 4.
	Activities int
}

// Small is the default demo: [CompanyCount] companies, [LeadCount] leads
// and [OpportunityCount] deals, without contacts.
var Small = Size{Companies: CompanyCount, Leads: LeadCount, Opportunities: OpportunityCount}

// Large is the dataset the speed and memory budgets are measured on:
// 30,000 companies with two contacts each, 100,000 leads, 20,000 deals
// and 200,000 activities.
var Large = Size{
	Companies: 30_000, Leads: 100_000, Opportunities: 20_000, ContactsPerCompany: 2, Activities: 200_000,
}

// Dataset is a generated batch plus the contacts of its companies, which
// [app.ImportBatch] has no field for.
type Dataset struct {
	app.ImportBatch
	Contacts []Contact
}

// Contact is a contact with its company's SourceRef in place of the
// company's ID.
type Contact struct {
	app.Contact
	CompanyRef string
	SourceRef  string
}

// DefaultSeed is the seed the window and the command line use, so both
// load the same demo data.
const DefaultSeed uint64 = 20240601

// pcgStream is the second PCG seed word. It is fixed, so the caller's
// seed alone decides the batch.
const pcgStream = 0x9e3779b97f4a7c15

// Generate returns a batch of [CompanyCount] companies, [LeadCount] leads
// and [OpportunityCount] opportunities in [app.DefaultPipeline]. The same
// seed and today give the same batch.
//
// Every timestamp is in UTC, at or after midnight [HistoryMonths] months
// before today and before midnight of today, except the expected close
// dates of open deals and the due times of planned activities, which may
// lie in the future.
func Generate(seed uint64, today app.Date) app.ImportBatch {
	return GenerateSize(seed, today, Small).ImportBatch
}

// GenerateSize returns a dataset of the given size with the same rules
// and time window as [Generate]. Each kind's source references are
// padded to the digits of its count, such as "demo:lead:000001" at
// 100,000 leads. When size.Activities is set, the leads get the
// activities that the deals leave over, so the total is exact.
func GenerateSize(seed uint64, today app.Date, size Size) Dataset {
	g := newGenerator(seed, today)
	g.size = size

	companies := g.companies()
	leads := g.leads(companies)
	deals := g.opportunities(companies)

	b := app.ImportBatch{
		Source:         Source,
		Pipeline:       app.DefaultPipeline(),
		Companies:      make([]app.CompanyImport, len(companies)),
		Leads:          leads,
		Opportunities:  deals,
		Qualifications: g.qualifications(leads),
		Profile:        profile(),
	}
	for i, c := range companies {
		b.Companies[i] = c.CompanyImport
	}

	if size.Activities > 0 {
		b.LeadActivities = g.leadActivitiesUpTo(leads, size.Activities-dealActivityCount(deals))
	} else {
		b.LeadActivities = g.leadActivities(leads)
	}

	return Dataset{ImportBatch: b, Contacts: g.contacts(companies)}
}

// generator holds the random source and the time window of one batch.
type generator struct {
	rng  *rand.Rand
	size Size
	// start is midnight UTC HistoryMonths months before today, the
	// earliest time generated.
	start time.Time
	// end is midnight UTC of today; generated history lies before it.
	end time.Time
}

func newGenerator(seed uint64, today app.Date) *generator {
	end := time.Date(today.Year, today.Month, today.Day, 0, 0, 0, 0, time.UTC)

	return &generator{
		rng:   rand.New(rand.NewPCG(seed, pcgStream)),
		start: end.AddDate(0, -HistoryMonths, 0),
		end:   end,
	}
}

// sourceRef returns the reference of the n-th record of a kind, with
// n counted from 1 and padded to the digits of count.
func sourceRef(kind string, n, count int) string {
	return fmt.Sprintf("%s:%s:%0*d", Source, kind, len(strconv.Itoa(count)), n)
}

// pick returns a random element of list.
func pick[T any](g *generator, list []T) T {
	return list[g.rng.IntN(len(list))]
}

// chance returns true with the given probability in percent.
func (g *generator) chance(percent int) bool {
	return g.rng.IntN(100) < percent
}

// between returns a random int from lo to hi inclusive.
func (g *generator) between(lo, hi int) int {
	return lo + g.rng.IntN(hi-lo+1)
}

// days returns the number of whole days from a to b, both midnights.
func days(a, b time.Time) int {
	return int(b.Sub(a).Hours() / 24)
}

// dayIn returns a random midnight from first to last inclusive, both
// midnights.
func (g *generator) dayIn(first, last time.Time) time.Time {
	n := days(first, last)
	if n <= 0 {
		return first
	}

	return first.AddDate(0, 0, g.rng.IntN(n+1))
}

// officeHour returns a time between 07:00 and 16:55 UTC on the given
// midnight, on a five-minute step.
func (g *generator) officeHour(day time.Time) time.Time {
	return day.Add(time.Duration(g.between(7, 16))*time.Hour + time.Duration(5*g.rng.IntN(12))*time.Minute)
}

// weighted returns an index into weights, chosen in proportion to them.
func (g *generator) weighted(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}

	n := g.rng.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}

	return len(weights) - 1
}
