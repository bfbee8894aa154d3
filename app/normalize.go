package app

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// umlautFolds spells German letters the way a person without them types
// them, so "Müller" and "Mueller" compare equal.
var umlautFolds = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "é", "e", "è", "e", "á", "a", "à", "a")

// legalSuffixes are company legal forms that do not tell firms apart.
// Multi-word forms come first so "GmbH & Co. KG" is removed whole.
var legalSuffixes = [][]string{
	{"gmbh", "co", "kg"}, {"gmbh", "co", "kgaa"}, {"ag", "co", "kg"}, {"ag", "co", "kgaa"},
	{"ug", "haftungsbeschraenkt"}, {"e", "k"}, {"e", "kfm"}, {"e", "kfr"}, {"e", "v"}, {"pty", "ltd"},
	{"gmbh"}, {"ggmbh"}, {"mbh"}, {"ag"}, {"kg"}, {"kgaa"}, {"ohg"}, {"ug"}, {"ek"}, {"ekfm"}, {"ekfr"},
	{"eg"}, {"ev"}, {"se"}, {"gbr"},
	{"ltd"}, {"limited"}, {"plc"}, {"llc"}, {"inc"}, {"incorporated"}, {"corp"}, {"corporation"},
	{"co"}, {"sa"}, {"sarl"}, {"srl"}, {"bv"}, {"nv"}, {"ab"}, {"oy"}, {"as"},
}

// NormalizeName folds a person's name for duplicate matching: lower
// case, umlauts spelled out, punctuation removed, spaces collapsed.
func NormalizeName(s string) string {
	return strings.Join(words(s), " ")
}

// NormalizeCompany folds a company name like NormalizeName and drops
// trailing legal forms, so "Müller GmbH" matches "mueller gmbh & co. kg"
// and "Mueller".
func NormalizeCompany(s string) string {
	w := words(s)
	for trimmed := true; trimmed && len(w) > 1; {
		trimmed = false
		for _, suffix := range legalSuffixes {
			if len(w) > len(suffix) && hasSuffixWords(w, suffix) {
				w = w[:len(w)-len(suffix)]
				trimmed = true
				break
			}
		}
	}

	return strings.Join(w, " ")
}

// NormalizeEmail lower-cases an e-mail address and trims spaces.
func NormalizeEmail(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// connectives are the words for "and" that a name may spell out where
// another writes "&", so "Müller und Söhne" matches "Müller & Söhne".
var connectives = map[string]bool{"und": true, "and": true}

// words splits s into folded words. "&" and "+" separate words like
// spaces; other punctuation is dropped, so "Co." is "co". The text is
// composed (NFC) before the umlauts are spelled out, so a decomposed "u"
// with a combining diaeresis folds like "ü". It is decomposed (NFD)
// afterwards, so other accents drop off their letter: "José" is "jose".
// "und" and "and" are dropped unless they are the only word.
func words(s string) []string {
	folded := umlautFolds.Replace(strings.ToLower(norm.NFC.String(s)))
	folded = norm.NFD.String(folded)
	var b strings.Builder
	for _, r := range folded {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '&' || r == '+' || r == '-' || r == '/':
			b.WriteRune(' ')
		}
	}

	return dropConnectives(strings.Fields(b.String()))
}

func dropConnectives(w []string) []string {
	kept := w[:0:0]
	for _, word := range w {
		if !connectives[word] {
			kept = append(kept, word)
		}
	}

	if len(kept) == 0 {
		return w
	}

	return kept
}

func hasSuffixWords(w, suffix []string) bool {
	offset := len(w) - len(suffix)
	for i, s := range suffix {
		if w[offset+i] != s {
			return false
		}
	}

	return true
}

// DuplicateKeys are the folded values two leads are compared on.
type DuplicateKeys struct {
	Email   string
	Name    string
	Company string
}

// KeysOf returns the duplicate keys of a lead.
func KeysOf(l Lead) DuplicateKeys {
	return DuplicateKeys{
		Email:   NormalizeEmail(l.Email),
		Name:    NormalizeName(l.FirstName + " " + l.LastName),
		Company: NormalizeCompany(l.CompanyName),
	}
}

// IsLikelyDuplicate reports whether two leads are probably the same
// person: the same e-mail address, or the same name at the same company.
func IsLikelyDuplicate(a, b DuplicateKeys) bool {
	if a.Email != "" && a.Email == b.Email {
		return true
	}

	return a.Name != "" && a.Name == b.Name && a.Company != "" && a.Company == b.Company
}
