package app_test

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// similarPairs returns the pairs of names that similar accepts. It visits
// the same pairs as [app.DuplicateLinker.LinkSimilarNames]. That is all
// pairs of a block of up to 400 names, and in a larger block each name
// with the 30 names after it in sorted order.
func similarPairs(blocks map[string][]string, similar func(a, b string) (float64, bool)) []string {
	var pairs []string
	for _, key := range slices.Sorted(maps.Keys(blocks)) {
		names := slices.Sorted(slices.Values(blocks[key]))
		window := len(names)
		if window > 400 {
			window = 30
		}

		for i, a := range names {
			for _, b := range names[i+1 : min(len(names), i+1+window)] {
				if a == b || a == "" || b == "" {
					continue
				}
				if score, ok := similar(a, b); ok {
					pairs = append(pairs, fmt.Sprintf("%s ~ %s %.6f", a, b, score))
				}
			}
		}
	}

	return pairs
}

// fullSimilarity is the matching before the bounded distance: the full
// [app.NameSimilarity] compared with the threshold.
func fullSimilarity(a, b string) (float64, bool) {
	score := app.NameSimilarity(a, b)

	return score, score >= app.SimilarNameThreshold-1e-9
}

// nameBlocks returns the blocks that "Find duplicates…" compares in a
// generated dataset: companies by the first letter of the folded name,
// contacts by company, and leads by folded company name.
func nameBlocks(d demo.Dataset) map[string][]string {
	blocks := map[string][]string{}
	for _, c := range d.Companies {
		name := app.NormalizeCompany(c.Name)
		if name != "" {
			blocks["company "+name[:1]] = append(blocks["company "+name[:1]], name)
		}
	}

	for _, c := range d.Contacts {
		key := "contact " + c.CompanyRef
		blocks[key] = append(blocks[key], app.NormalizeName(c.FirstName+" "+c.LastName))
	}

	for _, l := range d.Leads {
		keys := app.KeysOf(l)
		blocks["lead "+keys.Company] = append(blocks["lead "+keys.Company], keys.Name)
	}

	return blocks
}

func comparePairLists(t *testing.T, blocks map[string][]string) {
	t.Helper()

	want := similarPairs(blocks, fullSimilarity)
	got := similarPairs(blocks, app.SimilarNames)
	if len(want) == 0 {
		t.Fatal("the reference matching found no similar names, so the comparison proves nothing")
	}

	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("pair %d: bounded matching gives %q, full matching %q", i, got[i], want[i])
			}
		}
		t.Fatalf("bounded matching finds %d pairs, full matching %d", len(got), len(want))
	}

	t.Logf("%d similar pairs", len(want))
}

func TestSimilarNamesMatchFullDemo(t *testing.T) {
	today := app.DateOf(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	comparePairLists(t, nameBlocks(demo.GenerateSize(demo.DefaultSeed, today, demo.Small)))
}

func TestSimilarNamesMatchFullLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("generating the large dataset takes seconds")
	}

	today := app.DateOf(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
	comparePairLists(t, nameBlocks(demo.GenerateSize(demo.DefaultSeed, today, demo.Large)))
}

// TestSimilarNamesMatchFullEdits compares the bounded and full matching
// on names with random edits near the threshold, including swaps,
// umlauts and lengths beyond the 64 runes kept on the stack.
func TestSimilarNamesMatchFullEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	letters := []rune("abcdeümnoßø ")
	random := func(n int) string {
		r := make([]rune, n)
		for i := range r {
			r[i] = letters[rng.IntN(len(letters))]
		}
		return string(r)
	}

	for range 20_000 {
		a := []rune(random(1 + rng.IntN(80)))
		b := slices.Clone(a)
		for range rng.IntN(len(a)/3 + 2) {
			b = randomEdit(rng, b, letters)
		}

		wantScore, wantOK := fullSimilarity(string(a), string(b))
		gotScore, gotOK := app.SimilarNames(string(a), string(b))
		if gotOK != wantOK {
			t.Fatalf("SimilarNames(%q, %q) = %v, full matching %v (score %v)", string(a), string(b), gotOK, wantOK, wantScore)
		}
		if gotOK && gotScore != wantScore {
			t.Fatalf("SimilarNames(%q, %q) score = %v, want %v", string(a), string(b), gotScore, wantScore)
		}
	}
}

// randomEdit applies one insert, delete, substitution or swap of two
// neighbours to name.
func randomEdit(rng *rand.Rand, name, letters []rune) []rune {
	i := rng.IntN(len(name) + 1)
	letter := letters[rng.IntN(len(letters))]
	switch kind := rng.IntN(4); {
	case kind == 0:
		return slices.Insert(name, i, letter)
	case i == len(name):
		return name
	case kind == 1 && len(name) > 1:
		return slices.Delete(name, i, i+1)
	case kind == 2:
		name[i] = letter
	case i+1 < len(name):
		name[i], name[i+1] = name[i+1], name[i]
	}

	return name
}
