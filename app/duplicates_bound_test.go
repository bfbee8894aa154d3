package app

import (
	"math/rand/v2"
	"testing"
)

// TestLetterCountDistanceIsLowerBound checks on random pairs of names,
// with letters outside a to z and, in every hundredth pair, more than
// 255 of one letter, that the letter-count bound never exceeds the
// alignment distance.
func TestLetterCountDistanceIsLowerBound(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	random := func(letters []rune, n int) []rune {
		r := make([]rune, n)
		for i := range r {
			r[i] = letters[rng.IntN(len(letters))]
		}
		return r
	}

	tight := 0
	for i := range 5_000 {
		letters, length := []rune("aabeümnoßø 1-"), 1+rng.IntN(20)
		if i%100 == 0 {
			letters, length = []rune("aaaab"), 400+rng.IntN(200)
		}
		a, b := random(letters, length), random(letters, max(1, length+rng.IntN(7)-3))

		ca, cb := countLetters(a), countLetters(b)
		bound := letterCountDistance(&ca, &cb)
		distance := alignmentDistance(a, b)
		if bound > distance {
			t.Fatalf("letter-count bound of %q and %q is %d, above their distance %d", string(a), string(b), bound, distance)
		}
		if bound == distance {
			tight++
		}
	}

	if tight == 0 {
		t.Error("the bound never reached the distance, so the pairs test nothing near it")
	}
}

func TestLetterCountDistanceOfSwap(t *testing.T) {
	a, b := countLetters([]rune("meier")), countLetters([]rune("meire"))
	if got := letterCountDistance(&a, &b); got != 0 {
		t.Errorf("bound of a swap = %d, want 0", got)
	}

	c, d := countLetters([]rune("meier")), countLetters([]rune("meyer"))
	if got := letterCountDistance(&c, &d); got != 1 {
		t.Errorf("bound of one substitution = %d, want 1", got)
	}
}
