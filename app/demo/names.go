package demo

import "strings"

// country is a market with its cities, legal forms and naming language.
type country struct {
	name     string
	german   bool
	cities   []string
	suffixes []string
	domain   string
	// phone is the prefix of generated phone numbers. The numbers are
	// fictitious: the UK and US ones use the ranges reserved for drama
	// (020 7946 0xxx, 555-01xx), and the others have a subscriber number
	// starting with 0, which these countries never assign.
	phone string
	// phoneDigits is how many random digits follow phone.
	phoneDigits int
	// weight is the market's share of companies and leads.
	weight int
}

var countries = []country{
	{
		name:   "Germany",
		german: true,
		cities: []string{"Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart",
			"Düsseldorf", "Leipzig", "Nürnberg", "Hannover", "Bremen", "Dresden", "Münster", "Freiburg"},
		suffixes: []string{"GmbH", "GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG"},
		domain:   "example.de", phone: "+49 30 0", phoneDigits: 6, weight: 50,
	},
	{
		name: "Austria", german: true,
		cities:   []string{"Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt"},
		suffixes: []string{"GmbH", "GmbH", "AG", "KG"},
		domain:   "example.at", phone: "+43 1 0", phoneDigits: 6, weight: 12,
	},
	{
		name: "Switzerland", german: true,
		cities:   []string{"Zürich", "Basel", "Bern", "Luzern", "St. Gallen", "Winterthur"},
		suffixes: []string{"AG", "AG", "GmbH"},
		domain:   "example.ch", phone: "+41 44 0", phoneDigits: 6, weight: 12,
	},
	{
		name:     "United Kingdom",
		cities:   []string{"London", "Manchester", "Birmingham", "Leeds", "Bristol", "Edinburgh", "Glasgow"},
		suffixes: []string{"Ltd"},
		domain:   "example.co.uk", phone: "+44 20 7946 0", phoneDigits: 3, weight: 13,
	},
	{
		name:     "United States",
		cities:   []string{"New York", "Chicago", "Boston", "Austin", "Seattle", "Denver", "Atlanta"},
		suffixes: []string{"Inc"},
		domain:   "example.com", phone: "+1 202 555 01", phoneDigits: 2, weight: 13,
	},
}

// branch is a line of business: the word used in firm names and the
// sector it belongs to.
type branch struct {
	german  string
	english string
	sector  string
}

var branches = []branch{
	{"Maschinenbau", "Engineering", "Manufacturing"},
	{"Logistik", "Logistics", "Logistics"},
	{"Elektrotechnik", "Electrics", "Electrical engineering"},
	{"Bau", "Construction", "Construction"},
	{"Medizintechnik", "Medical", "Healthcare"},
	{"Software", "Systems", "Software"},
	{"Energie", "Energy", "Energy"},
	{"Feinkost", "Foods", "Food and beverage"},
	{"Chemie", "Chemicals", "Chemicals"},
	{"Fahrzeugtechnik", "Automotive", "Automotive"},
	{"Handel", "Trading", "Wholesale"},
	{"Druck", "Print", "Printing"},
}

var germanFirmWords = []string{"Alpen", "Rhein", "Nord", "Süd", "Isar", "Elbe", "Donau", "Bergwerk",
	"Tal", "Hansa", "Main", "Schwarzwald", "Bodensee", "Neckar"}

var englishFirmWords = []string{"Bluewater", "Oakridge", "Northgate", "Redstone", "Silverline",
	"Harbour", "Kingsway", "Brightfield", "Summit", "Westbrook", "Ironbridge", "Crescent"}

var germanFirstNames = []string{"Jürgen", "Jörg", "Björn", "Sören", "Günter", "Käthe", "Bärbel",
	"Anna", "Lena", "Lukas", "Maximilian", "Sophie", "Jonas", "Mia", "Felix", "Hannah", "Leon",
	"Katrin", "Stefan", "Sabine", "Thomas", "Claudia", "Matthias", "Ursula", "Dominik", "Jana"}

var germanLastNames = []string{"Müller", "Schröder", "Köhler", "Weiß", "Groß", "Jäger", "Schäfer",
	"Krüger", "Hoffmann", "Becker", "Wagner", "Fischer", "Schmidt", "Meyer", "Wolf", "Neumann",
	"Zimmermann", "Hartmann", "Braun", "Lehmann", "Böhm", "Huber", "Brunner", "Gerber", "Keller"}

var englishFirstNames = []string{"James", "Oliver", "Emily", "Charlotte", "Harry", "Amelia",
	"George", "Olivia", "Jack", "Isla", "Michael", "Jessica", "David", "Sarah", "Daniel", "Laura"}

var englishLastNames = []string{"Smith", "Johnson", "Taylor", "Brown", "Wilson", "Davies",
	"Evans", "Thomas", "Roberts", "Walker", "Wright", "Thompson", "Harrington", "Clarke", "Hughes"}

// owners are the seller's sales representatives.
var owners = []string{"Katrin Bäumer", "Jonas Weber", "Sabine Öztürk", "Tobias Krämer",
	"Emily Carter", "Daniel Hughes"}

var roles = []string{"Managing Director", "Head of Purchasing", "IT Manager", "Operations Manager",
	"Procurement Specialist", "Chief Financial Officer", "Plant Manager", "Head of Sales"}

// transliterate spells a name in ASCII for an e-mail address.
var transliterate = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss",
	"Ä", "Ae", "Ö", "Oe", "Ü", "Ue", " ", "-")
