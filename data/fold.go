package data

import (
	"database/sql/driver"
	"strings"
	"unicode/utf8"

	sqlite "github.com/glebarez/go-sqlite"
)

// foldFunction names the SQL function that lower-cases text by Unicode
// rules. SQLite's own lower() and LIKE fold ASCII letters only, so without
// it a search for "öztürk" would not find "Öztürk".
const foldFunction = "lw_fold"

func init() {
	sqlite.MustRegisterDeterministicScalarFunction(foldFunction, 1, fold)
}

func fold(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	switch v := args[0].(type) {
	case string:
		return strings.ToLower(v), nil
	case []byte:
		return strings.ToLower(string(v)), nil
	default:
		return v, nil
	}
}

// foldedLike returns the SQL condition that column contains search in any
// letter case, for use with the argument from likePattern. SQLite's LIKE
// already ignores the case of ASCII letters, and a pattern without other
// letters matches no other letter anyway, so the slower Go function is
// called only for a search with non-ASCII letters.
func foldedLike(column, search string) string {
	if isASCII(search) {
		return column + ` LIKE ? ESCAPE '\'`
	}

	return foldFunction + "(" + column + `) LIKE ? ESCAPE '\'`
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}

	return true
}
