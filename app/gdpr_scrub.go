package app

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// minNeedleRunes is the length in runes of the shortest name or e-mail
// address that an erasure removes from the texts of other records.
// Shorter ones, such as a name of two letters, would also cut those
// letters out of unrelated words.
const minNeedleRunes = 4

// ErasureNeedles returns the texts to remove from other records when the
// person of d is erased: each full name and e-mail address of their
// records and of the query that has at least [minNeedleRunes] runes. The
// longest come first, so a name inside an address goes with the address.
func ErasureNeedles(d PersonalData) []string {
	var needles []string
	for _, text := range append(append(d.Emails(), d.Names()...), d.Query.Email, d.Query.Name) {
		text = strings.Join(strings.Fields(text), " ")
		if utf8.RuneCountInString(text) >= minNeedleRunes {
			needles = appendDistinct(needles, text)
		}
	}

	sortLongestFirst(needles)

	return needles
}

// ScrubText replaces every occurrence of each needle in text, ignoring
// case as Unicode simple folding does, with [ErasedText]. It returns the
// new text and whether anything was replaced.
func ScrubText(text string, needles []string) (string, bool) {
	changed := false
	for _, needle := range needles {
		var replaced bool
		text, replaced = replaceFold(text, needle)
		changed = changed || replaced
	}

	return text, changed
}

// replaceFold replaces the case-insensitive matches of needle in text
// with ErasedText, scanning from left to right without overlaps.
func replaceFold(text, needle string) (string, bool) {
	size := utf8.RuneCountInString(needle)
	if size == 0 {
		return text, false
	}

	var b strings.Builder
	replaced := false
	for i := 0; i < len(text); {
		end := runeEnd(text[i:], size)
		if end > 0 && strings.EqualFold(text[i:i+end], needle) {
			b.WriteString(ErasedText)
			i += end
			replaced = true
			continue
		}

		_, width := utf8.DecodeRuneInString(text[i:])
		b.WriteString(text[i : i+width])
		i += width
	}

	return b.String(), replaced
}

// runeEnd returns the byte length of the first n runes of s, or 0 when s
// is shorter.
func runeEnd(s string, n int) int {
	end := 0
	for range n {
		if end >= len(s) {
			return 0
		}
		_, width := utf8.DecodeRuneInString(s[end:])
		end += width
	}

	return end
}

func sortLongestFirst(texts []string) {
	slices.SortStableFunc(texts, func(a, b string) int { return len(b) - len(a) })
}

func appendDistinct(list []string, text string) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return list
	}

	for _, known := range list {
		if strings.EqualFold(known, text) {
			return list
		}
	}

	return append(list, text)
}

func joinName(first, last string) string {
	return strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
}
