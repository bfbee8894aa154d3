package app

import "testing"

func TestNormalizeCompany(t *testing.T) {
	cases := map[string]string{
		"Müller GmbH":             "mueller",
		"mueller gmbh & co. kg":   "mueller",
		"  MÜLLER   GmbH & Co KG": "mueller",
		"Acme Inc.":               "acme",
		"Acme, Ltd":               "acme",
		"Weiß Bau AG":             "weiss bau",
		"AG":                      "ag",
		"Hoffmann Medizintechnik": "hoffmann medizintechnik",
	}

	for in, want := range cases {
		if got := NormalizeCompany(in); got != want {
			t.Errorf("NormalizeCompany(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	cases := map[string]string{
		"Jürgen  Müller":    "juergen mueller",
		"JUERGEN MUELLER":   "juergen mueller",
		"Anne-Marie O'Neil": "anne marie oneil",
		"Björn Weiß":        "bjoern weiss",
	}

	for in, want := range cases {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsLikelyDuplicate(t *testing.T) {
	stored := KeysOf(Lead{FirstName: "Jürgen", LastName: "Müller", CompanyName: "Müller GmbH & Co. KG", Email: "J.Mueller@Example.de"})

	cases := []struct {
		name string
		lead Lead
		want bool
	}{
		{"same e-mail, other case", Lead{Email: " j.mueller@example.de"}, true},
		{"same name and company spelled out", Lead{FirstName: "juergen", LastName: "mueller", CompanyName: "Mueller GmbH"}, true},
		{"same name, other company", Lead{FirstName: "Jürgen", LastName: "Müller", CompanyName: "Schmidt AG"}, false},
		{"same name, no company", Lead{FirstName: "Jürgen", LastName: "Müller"}, false},
		{"other person, same company", Lead{FirstName: "Anna", LastName: "Müller", CompanyName: "Müller GmbH"}, false},
		{"both e-mails empty", Lead{FirstName: "X"}, false},
	}

	for _, c := range cases {
		if got := IsLikelyDuplicate(KeysOf(c.lead), stored); got != c.want {
			t.Errorf("%s: IsLikelyDuplicate = %v, want %v", c.name, got, c.want)
		}
	}
}
