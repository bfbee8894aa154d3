package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"leadwerk/assets"
)

// text is one lang.L, lang.X or lang.XN call with literal arguments.
type text struct {
	key, fallback, where string
}

// sourceTexts returns the texts that the non-test files of this package
// pass to lang.L, lang.X and lang.XN, by key.
func sourceTexts(t *testing.T) map[string]text {
	t.Helper()

	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}

	texts := map[string]text{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}

		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}

		ast.Inspect(file, func(n ast.Node) bool {
			if found, ok := langCall(n); ok {
				found.where = fset.Position(n.Pos()).String()
				texts[found.key] = found
			}
			return true
		})
	}

	return texts
}

// langCall returns the key and the English fallback of a lang call. The
// fallback of lang.L is its key. A fallback built from constants, such as
// usageText, is left empty.
func langCall(n ast.Node) (text, bool) {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return text{}, false
	}

	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !slices.Contains([]string{"L", "X", "XN"}, sel.Sel.Name) {
		return text{}, false
	}

	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
		return text{}, false
	}

	key, ok := stringLiteral(call.Args[0])
	if !ok {
		return text{}, false
	}

	if sel.Sel.Name == "L" {
		return text{key: key, fallback: key}, true
	}

	fallback, _ := stringLiteral(call.Args[1])

	return text{key: key, fallback: fallback}, true
}

// stringLiteral returns the value of a string literal or of a "+"
// concatenation of string literals.
func stringLiteral(e ast.Expr) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		left, okLeft := stringLiteral(e.X)
		right, okRight := stringLiteral(e.Y)
		return left + right, okLeft && okRight && e.Op == token.ADD
	default:
		return "", false
	}
}

// readMessages returns the entries of one language across every
// translation folder. A plural entry is reduced to its "other" form.
func readMessages(t *testing.T, name string) map[string]string {
	t.Helper()

	messages, err := assets.Messages(name)
	if err != nil {
		t.Fatal(err)
	}

	return messages
}

var placeholder = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

// placeholders returns the sorted template fields that message uses.
func placeholders(message string) []string {
	var fields []string
	for _, m := range placeholder.FindAllStringSubmatch(message, -1) {
		fields = append(fields, m[1])
	}
	slices.Sort(fields)

	return slices.Compact(fields)
}

func TestTranslationsCoverCommandLine(t *testing.T) {
	texts := sourceTexts(t)
	if len(texts) < 30 {
		t.Fatalf("found only %d translated texts, so the source scan is broken", len(texts))
	}

	english := readMessages(t, "en.json")
	german := readMessages(t, "de.json")
	for key, found := range texts {
		if english[key] == "" {
			t.Errorf("en.json has no entry for %q, used at %s", key, found.where)
		}

		if german[key] == "" {
			t.Errorf("de.json has no entry for %q, used at %s", key, found.where)
		}

		if found.fallback != "" && english[key] != found.fallback {
			t.Errorf("en.json entry %q = %q, but the code's fallback at %s is %q",
				key, english[key], found.where, found.fallback)
		}

		if !slices.Equal(placeholders(english[key]), placeholders(german[key])) {
			t.Errorf("entry %q uses the fields %v in en.json but %v in de.json",
				key, placeholders(english[key]), placeholders(german[key]))
		}
	}
}

func TestTranslationKeysAvoidPluralNames(t *testing.T) {
	// go-i18n reads an entry with one of these names as a plural form.
	reserved := []string{"zero", "one", "two", "few", "many", "other"}
	for key := range sourceTexts(t) {
		if slices.Contains(reserved, key) {
			t.Errorf("translation key %q is a plural form name of go-i18n", key)
		}
	}
}

func TestUsageMatchesEnglishEntry(t *testing.T) {
	if got := readMessages(t, "en.json")["cli.usage"]; got != usageText {
		t.Errorf("en.json entry cli.usage differs from usageText:\n%s\nwant:\n%s", got, usageText)
	}
}
