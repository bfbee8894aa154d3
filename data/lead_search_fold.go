package data

import (
	"database/sql/driver"
	"strings"
	"unicode"

	sqlite "github.com/glebarez/go-sqlite"
	"golang.org/x/text/unicode/norm"
)

// searchTextFunction names the SQL function that turns a lead's text into
// what leads_fts stores: see searchText. The triggers of schemaV18 and the
// bulk fill of a file import call it, so every connection that writes
// leads needs it. The sqlite3 shell has no such function and can read a
// Leadwerk file but not change its leads.
const searchTextFunction = "lw_search_text"

// searchVariantSeparator joins the two spellings that searchText stores.
// The search box is a single-line entry, so a search matches no text
// across the join.
const searchVariantSeparator = "\n"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(searchTextFunction, 1, searchTextSQL)
}

func searchTextSQL(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	switch v := args[0].(type) {
	case string:
		return searchText(v), nil
	case []byte:
		return searchText(string(v)), nil
	default:
		return v, nil
	}
}

// umlautSpellings spells German letters as a person without them types
// them, so "mueller" finds "Müller".
var umlautSpellings = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue")

// searchText returns text folded for the trigram index: its
// searchSpellings joined by searchVariantSeparator, such as
// "muller\nmueller" for "Müller".
func searchText(text string) string {
	return strings.Join(searchSpellings(text), searchVariantSeparator)
}

// searchSpellings returns text in lower case with every accent dropped
// ("Müller" is "muller", "José" is "jose", ß is ss) and, when text has an
// umlaut, its German spelling without one ("mueller"). A search matches
// either spelling, so "müller" finds a stored "Mueller" too.
func searchSpellings(text string) []string {
	// Most e-mail addresses, cities and many names are plain ASCII, which
	// needs neither normalization nor spelling out.
	if isASCII(text) {
		return []string{strings.ToLower(text)}
	}

	lower := strings.ToLower(norm.NFC.String(text))
	base := dropAccents(lower)
	spelled := dropAccents(umlautSpellings.Replace(lower))
	if spelled == base {
		return []string{base}
	}

	return []string{base, spelled}
}

// letterSpellings are the letters without a combining accent in Unicode
// that a person types as one or two plain letters.
var letterSpellings = strings.NewReplacer("ß", "ss", "æ", "ae", "œ", "oe", "ø", "o", "ł", "l", "đ", "d",
	"ð", "d", "þ", "th", "ı", "i")

// dropAccents decomposes lower-case text (NFD), drops the combining marks
// and spells out the letters of letterSpellings.
func dropAccents(lower string) string {
	decomposed := norm.NFD.String(letterSpellings.Replace(lower))

	var b strings.Builder
	b.Grow(len(decomposed))
	for _, r := range decomposed {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}

	return b.String()
}
