package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"leadwerk/assets"
)

// translationKeys returns the message IDs that the non-test files of this
// package pass to lang.L, lang.X and lang.XN as string literals.
func translationKeys(t *testing.T) map[string]string {
	t.Helper()

	// The window and the command line share the translation files, so
	// the scan covers this package and every package below it.
	var files []string
	err := filepath.WalkDir(".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(name, ".go") {
			files = append(files, name)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	keys := map[string]string{}
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
			if key, ok := langKey(n); ok {
				keys[key] = fset.Position(n.Pos()).String()
			}
			return true
		})
	}

	return keys
}

func isLangFunc(name string) bool {
	return name == "L" || name == "X" || name == "XN"
}

// langKey returns the first argument of a lang.L, lang.X or lang.XN call.
func langKey(n ast.Node) (string, bool) {
	call, ok := n.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return "", false
	}

	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !isLangFunc(sel.Sel.Name) {
		return "", false
	}

	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
		return "", false
	}

	literal, ok := call.Args[0].(*ast.BasicLit)
	if !ok || literal.Kind != token.STRING {
		return "", false
	}

	key, err := strconv.Unquote(literal.Value)

	return key, err == nil
}

func readTranslation(t *testing.T, name string) map[string]string {
	t.Helper()

	messages, err := assets.Messages(name)
	if err != nil {
		t.Fatal(err)
	}

	return messages
}

func TestTranslationsCoverEveryText(t *testing.T) {
	keys := translationKeys(t)
	if len(keys) < 20 {
		t.Fatalf("found only %d translated texts, so the source scan is broken", len(keys))
	}

	for _, file := range []string{"en.json", "de.json"} {
		messages := readTranslation(t, file)
		for key, where := range keys {
			if messages[key] == "" {
				t.Errorf("%s has no entry for %q, used at %s", file, key, where)
			}
		}
	}
}

func TestTranslationsHaveNoUnusedEntries(t *testing.T) {
	keys := translationKeys(t)
	for _, file := range []string{"en.json", "de.json"} {
		for key := range readTranslation(t, file) {
			if _, ok := keys[key]; !ok {
				t.Errorf("%s has an entry %q that no code uses", file, key)
			}
		}
	}
}
