package data

import (
	"database/sql/driver"
	"strings"

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

// foldedLike returns the SQL condition that column contains the search
// text in any letter case, for use with the argument from likePattern.
func foldedLike(column string) string {
	return foldFunction + "(" + column + `) LIKE ? ESCAPE '\'`
}
