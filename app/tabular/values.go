package tabular

import (
	"strings"
)

// BoolFormat is the notation of a yes/no column.
type BoolFormat struct {
	// Mark reports a column of check marks: a mark ("x", "X", "✓" or
	// "1") means true and an empty cell means false.
	Mark bool
}

// boolWords maps the lower-case words for yes and no in English and German
// exports to their value.
var boolWords = map[string]bool{
	"1": true, "0": false,
	"true": true, "false": false,
	"yes": true, "no": false,
	"y": true, "n": false,
	"ja": true, "nein": false,
	"j":    true,
	"wahr": true, "falsch": false,
	"x": true, "✓": true, "✔": true,
}

// ParseBool reads a yes or no: 1/0, true/false, yes/no, y/n, ja/nein, j/n,
// wahr/falsch, in any case, or a check mark "x". An empty cell is false in
// a Mark column and a *CellError with ReasonEmpty otherwise.
func ParseBool(text string, f BoolFormat) (bool, error) {
	s := strings.ToLower(trimSpace(text))
	if s == "" {
		if f.Mark {
			return false, nil
		}

		return false, cellError(text, ReasonEmpty, "")
	}

	value, ok := boolWords[s]
	if !ok {
		return false, cellError(text, ReasonInvalidBool, "")
	}

	return value, nil
}

// placeholders holds, in lower case, the texts that exports write for "no
// value": web form defaults such as "Select", dashes, and the English and
// German words for none.
var placeholders = map[string]bool{
	"select": true, "-": true, "--": true, "–": true, "—": true,
	"n/a": true, "#n/a": true, "n.a.": true, "none": true, "(none)": true,
	"null": true, "nil": true, "(null)": true, "(blank)": true, "(empty)": true,
	"(leer)": true, "leer": true, "k.a.": true, "k. a.": true, "keine angabe": true,
}

// IsPlaceholder reports whether text means "no value" although it is not
// empty, such as "Select", "-", "n/a", "none", "null", "(leer)" or "k.A.",
// in any case. The empty string is not a placeholder.
func IsPlaceholder(text string) bool {
	return placeholders[strings.ToLower(trimSpace(text))]
}

// isBlank reports whether a cell holds no value: empty, only spaces, or a
// placeholder.
func isBlank(text string) bool {
	return trimSpace(text) == "" || IsPlaceholder(text)
}
