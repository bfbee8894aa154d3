package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// postgresBackend is the backend of a PostgreSQL database.
type postgresBackend struct{}

func (postgresBackend) isPostgres() bool { return true }

func (postgresBackend) noLimit() any { return nil }

// foldedLike lower-cases column with lw_fold, because PostgreSQL's LIKE
// matches letter case exactly.
func (postgresBackend) foldedLike(column, _ string) string {
	return "lw_fold(" + column + `) LIKE ? ESCAPE '\'`
}

// searchQuery returns a tsquery for to_tsquery('simple', …) that matches
// every word of search as the prefix of a word of the lead at weight D,
// for each of the search's searchSpellings. So "mul" finds "Müller", but
// unlike SQLite's trigram index "ller" does not. The words are split at
// every character that is neither a letter nor a digit, as
// lw_search_words splits the stored text, so no character of search acts
// as tsquery syntax.
func (postgresBackend) searchQuery(search string, openOnly bool) (string, bool) {
	spellings := searchSpellings(strings.TrimSpace(search))
	if utf8.RuneCountInString(spellings[0]) < minTrigramSearch {
		return "", false
	}

	alternatives := make([]string, 0, len(spellings))
	for _, spelling := range spellings {
		words := strings.FieldsFunc(spelling, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(words) == 0 {
			continue
		}

		terms := make([]string, 0, len(words))
		for _, w := range words {
			terms = append(terms, "'"+w+"':*D")
		}
		alternatives = append(alternatives, "("+strings.Join(terms, " & ")+")")
	}

	if len(alternatives) == 0 {
		return "", false
	}

	query := strings.Join(alternatives, " | ")
	if openOnly {
		query = "(" + query + ") & 'open':A"
	}

	return query, true
}

func (postgresBackend) matchSQL() string {
	return "l.id IN (SELECT lead_id FROM leads_search WHERE document @@ to_tsquery('simple', ?))"
}

func (postgresBackend) matchEachSQL() string {
	return "EXISTS (SELECT 1 FROM leads_search ls WHERE ls.lead_id = l.id AND ls.document @@ to_tsquery('simple', ?))"
}

func (postgresBackend) countSQL() string {
	return "SELECT COUNT(*) FROM leads_search WHERE document @@ to_tsquery('simple', ?)"
}
