package app

import (
	"cmp"
	"slices"
)

// SimilarNameThreshold is the lowest [NameSimilarity] at which two
// normalized names count as similar: one edit per five letters, so
// "meyer" and "meier" (0.8) match while "schmidt" and "schmitz" (0.71)
// do not.
const SimilarNameThreshold = 0.8

// NameSimilarity returns 1 minus the optimal string alignment distance
// (Levenshtein with swaps of neighbouring letters) of a and b, divided by
// the length of the longer one in runes. Equal names give 1, names with
// nothing in common 0. Pass names folded by [NormalizeName] or
// [NormalizeCompany], so that case, umlauts and legal forms cost nothing.
func NameSimilarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	longer := max(len(ra), len(rb))
	if longer == 0 {
		return 1
	}

	return 1 - float64(alignmentDistance(ra, rb))/float64(longer)
}

// SimilarNames returns the [NameSimilarity] of two normalized names and
// whether it reaches [SimilarNameThreshold]. It gives the same results as
// comparing NameSimilarity with the threshold, but computes the distance
// only as far as the threshold allows. Names whose lengths differ too
// much are rejected at once, and the distance stops once it exceeds the
// bound. The score of a rejected pair is 0, not its similarity.
func SimilarNames(a, b string) (float64, bool) {
	if a == "" || b == "" {
		return 0, false
	}

	var bufferA, bufferB [64]rune
	na := preparedName{runes: appendRunes(bufferA[:0], a)}
	nb := preparedName{runes: appendRunes(bufferB[:0], b)}
	na.counts = countLetters(na.runes)
	nb.counts = countLetters(nb.runes)

	return similarPrepared(&na, &nb)
}

// preparedName is a non-empty normalized name as [similarPrepared]
// compares it, so that a name compared with many others is converted
// once.
type preparedName struct {
	runes  []rune
	counts letterCounts
}

func prepareName(name string) preparedName {
	runes := []rune(name)

	return preparedName{runes: runes, counts: countLetters(runes)}
}

// letterCounts counts a name's runes in 32 buckets: one per letter a to
// z and six shared by every other rune. A count stops at 255.
type letterCounts [32]uint8

func countLetters(runes []rune) letterCounts {
	var counts letterCounts
	for _, r := range runes {
		bucket := 26 + int(uint32(r)%6)
		if r >= 'a' && r <= 'z' {
			bucket = int(r - 'a')
		}
		if counts[bucket] < 255 {
			counts[bucket]++
		}
	}

	return counts
}

// letterCountDistance returns a lower bound of the alignment distance of
// two names from their letter counts: the larger of the number of runes
// that a has beyond b and b beyond a, bucket by bucket. Each insert,
// delete or substitution lowers each of the two by at most one, and a
// swap of neighbours changes neither. Shared buckets and counts stopped
// at 255 only make the bound lower.
func letterCountDistance(a, b *letterCounts) int {
	surplusA, surplusB := 0, 0
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d > 0 {
			surplusA += d
		} else {
			surplusB -= d
		}
	}

	return max(surplusA, surplusB)
}

// similarPrepared is [SimilarNames] of two prepared names. It rejects a
// pair at once when the lengths or the letter counts already need more
// edits than the threshold allows, and computes the bounded distance
// only for the rest.
func similarPrepared(a, b *preparedName) (float64, bool) {
	longer := max(len(a.runes), len(b.runes))
	bound := maxSimilarDistance(longer)
	if longer-min(len(a.runes), len(b.runes)) > bound {
		return 0, false
	}

	if letterCountDistance(&a.counts, &b.counts) > bound {
		return 0, false
	}

	distance := boundedAlignmentDistance(a.runes, b.runes, bound)
	if distance > bound {
		return 0, false
	}

	return 1 - float64(distance)/float64(longer), true
}

// maxSimilarDistance returns the largest alignment distance at which two
// names, the longer of which has length runes, still reach
// [SimilarNameThreshold]. It tests the same float expression as
// [NameSimilarity], so the two never disagree at the boundary.
func maxSimilarDistance(length int) int {
	reaches := func(d int) bool {
		return 1-float64(d)/float64(length) >= SimilarNameThreshold-1e-9
	}

	d := int((1-SimilarNameThreshold)*float64(length)) + 1
	for d > 0 && !reaches(d) {
		d--
	}

	return d
}

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}

	return dst
}

// boundedAlignmentDistance returns the optimal string alignment distance
// of a and b when it is at most bound, and a value above bound otherwise.
// It computes only the cells within bound of the diagonal, because every
// cell further out is above bound, and it stops once two rows in a row
// are above bound: no later cell can then come back down.
func boundedAlignmentDistance(a, b []rune, bound int) int {
	over := bound + 1
	if max(len(a), len(b))-min(len(a), len(b)) > bound {
		return over
	}

	width := len(b) + 1

	var buffer [3 * 65]int
	cells := buffer[:0]
	if 3*width > len(buffer) {
		cells = make([]int, 3*width)
	}
	cells = cells[:3*width]
	previous2, previous, current := cells[:width], cells[width:2*width], cells[2*width:]

	for j := range previous {
		previous[j] = min(j, over)
		previous2[j] = over
	}

	previousMin := 0
	for i := 1; i <= len(a); i++ {
		rowMin := fillBoundedRow(a, b, i, bound, previous2, previous, current)
		if rowMin > bound && previousMin > bound-1 {
			return over
		}

		previousMin = rowMin
		previous2, previous, current = previous, current, previous2
	}

	return previous[len(b)]
}

// fillBoundedRow fills row i of the distance table into current and
// returns the row's smallest cell. It writes the cells within bound of
// the diagonal and bound+1 into the cell on each side of them, which are
// the only cells outside the band that the next rows read. No cell is
// larger than bound+1.
func fillBoundedRow(a, b []rune, i, bound int, previous2, previous, current []int) int {
	over := bound + 1
	lo, hi := max(1, i-bound), min(len(b), i+bound)
	current[0] = over
	if i <= bound {
		current[0] = i
	}
	if lo > 1 {
		current[lo-1] = over
	}
	if hi < len(b) {
		current[hi+1] = over
	}

	rowMin := current[0]
	for j := lo; j <= hi; j++ {
		cost := 1
		if a[i-1] == b[j-1] {
			cost = 0
		}

		cell := min(previous[j]+1, current[j-1]+1, previous[j-1]+cost)
		if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
			cell = min(cell, previous2[j-2]+1)
		}

		current[j] = min(cell, over)
		rowMin = min(rowMin, current[j])
	}

	return rowMin
}

// alignmentDistance is the optimal string alignment distance: inserts,
// deletes, substitutions and swaps of two neighbours each cost 1.
func alignmentDistance(a, b []rune) int {
	previous2 := make([]int, len(b)+1)
	previous := make([]int, len(b)+1)
	current := make([]int, len(b)+1)
	for j := range previous {
		previous[j] = j
	}

	for i := 1; i <= len(a); i++ {
		current[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}

			current[j] = min(previous[j]+1, current[j-1]+1, previous[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				current[j] = min(current[j], previous2[j-2]+1)
			}
		}

		previous2, previous, current = previous, current, previous2
	}

	return previous[len(b)]
}

// DuplicateLinker joins records into duplicate groups: every link puts
// its two records into one group (a union-find over record ids) and keeps
// the link's reason for that group.
type DuplicateLinker struct {
	parent  map[int64]int64
	matches map[int64][]DuplicateMatch
}

// NewDuplicateLinker returns an empty linker.
func NewDuplicateLinker() *DuplicateLinker {
	return &DuplicateLinker{parent: map[int64]int64{}, matches: map[int64][]DuplicateMatch{}}
}

// Link puts a and b into one group for reason m.
func (l *DuplicateLinker) Link(a, b int64, m DuplicateMatch) {
	ra, rb := l.root(a), l.root(b)
	if ra != rb {
		l.parent[rb] = ra
		l.matches[ra] = append(l.matches[ra], l.matches[rb]...)
		delete(l.matches, rb)
	}

	l.matches[ra] = addMatch(l.matches[ra], m)
}

// LinkAll puts all ids into one group for reason m.
func (l *DuplicateLinker) LinkAll(ids []int64, m DuplicateMatch) {
	for _, id := range ids[1:] {
		l.Link(ids[0], id, m)
	}
}

func (l *DuplicateLinker) root(id int64) int64 {
	p, ok := l.parent[id]
	if !ok {
		l.parent[id] = id
		return id
	}

	if p == id {
		return id
	}

	r := l.root(p)
	l.parent[id] = r

	return r
}

// LinkedGroup is one group of record ids with the reasons that joined them.
type LinkedGroup struct {
	IDs     []int64
	Matches []DuplicateMatch
}

// Groups returns the groups of two or more records, each with its ids in
// ascending order, ordered by their first id.
func (l *DuplicateLinker) Groups() []LinkedGroup {
	members := map[int64][]int64{}
	for id := range l.parent {
		r := l.root(id)
		members[r] = append(members[r], id)
	}

	var groups []LinkedGroup
	for r, ids := range members {
		if len(ids) < 2 {
			continue
		}

		slices.Sort(ids)
		groups = append(groups, LinkedGroup{IDs: ids, Matches: l.matches[r]})
	}

	slices.SortFunc(groups, func(a, b LinkedGroup) int { return cmp.Compare(a.IDs[0], b.IDs[0]) })

	return groups
}

// addMatch appends m unless the same reason and value are there, keeping
// the lowest score of a similar name.
func addMatch(list []DuplicateMatch, m DuplicateMatch) []DuplicateMatch {
	for i, old := range list {
		if old.Reason == m.Reason && old.Value == m.Value {
			list[i].Score = min(old.Score, m.Score)
			return list
		}
	}

	return append(list, m)
}

// NamedID is a record id with its normalized name.
type NamedID struct {
	ID   int64
	Name string
}

// LinkSameEmail links the records that share one e-mail address. Records
// with the same or a similar name, or with no name, are linked as
// [MatchSameEmail]. It returns true when the address is left with two or
// more different people, such as an info@ address of a whole team: those
// people are not linked, and the caller reports the address as a
// [MatchSharedEmail] group of its own.
func (l *DuplicateLinker) LinkSameEmail(email string, records []NamedID) bool {
	people := clusterByName(records)
	if len(people) == 1 {
		l.LinkAll(idsOf(records), DuplicateMatch{Reason: MatchSameEmail, Value: email, Score: 1})
		return false
	}

	for _, person := range people {
		if len(person) > 1 {
			l.LinkAll(person, DuplicateMatch{Reason: MatchSameEmail, Value: email, Score: 1})
		}
	}

	return true
}

// clusterByName splits records into people: the same or a similar name
// is one person, and a record without a name joins the first person.
func clusterByName(records []NamedID) [][]int64 {
	var people [][]int64
	var names []string
	var unnamed []int64
	for _, r := range records {
		if r.Name == "" {
			unnamed = append(unnamed, r.ID)
			continue
		}

		people, names = addToPerson(people, names, r)
	}

	if len(people) == 0 {
		return [][]int64{unnamed}
	}

	people[0] = append(people[0], unnamed...)

	return people
}

func addToPerson(people [][]int64, names []string, r NamedID) ([][]int64, []string) {
	for i, name := range names {
		if _, similar := SimilarNames(name, r.Name); similar || name == r.Name {
			people[i] = append(people[i], r.ID)
			return people, names
		}
	}

	return append(people, []int64{r.ID}), append(names, r.Name)
}

func idsOf(records []NamedID) []int64 {
	ids := make([]int64, len(records))
	for i, r := range records {
		ids[i] = r.ID
	}

	return ids
}

// similarBlockAllPairs is the largest block whose names are all compared
// with each other. A larger block compares each name with the
// [similarWindow] names after it in sorted order only (the sorted
// neighbourhood method), so one huge company costs linear time.
const (
	similarBlockAllPairs = 400
	similarWindow        = 30
)

// LinkSimilarNames links the records of one block (such as the people at
// one company) whose normalized names are equal ([MatchSameName]) or
// similar ([MatchSimilarName]). It sorts records by name.
func (l *DuplicateLinker) LinkSimilarNames(records []NamedID) {
	slices.SortFunc(records, func(a, b NamedID) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})

	window := len(records)
	if window > similarBlockAllPairs {
		window = similarWindow
	}

	prepared := make([]preparedName, len(records))
	for i, r := range records {
		prepared[i] = prepareName(r.Name)
	}

	for i, a := range records {
		for j := i + 1; j < min(len(records), i+1+window); j++ {
			l.linkIfSimilar(a, records[j], &prepared[i], &prepared[j])
		}
	}
}

// linkIfSimilar links a and b, whose prepared names are pa and pb, when
// their names are equal or similar.
func (l *DuplicateLinker) linkIfSimilar(a, b NamedID, pa, pb *preparedName) {
	if a.Name == "" || b.Name == "" {
		return
	}

	if a.Name == b.Name {
		l.Link(a.ID, b.ID, DuplicateMatch{Reason: MatchSameName, Value: a.Name, Score: 1})
		return
	}

	if score, ok := similarPrepared(pa, pb); ok {
		l.Link(a.ID, b.ID, DuplicateMatch{Reason: MatchSimilarName, Value: a.Name + " ~ " + b.Name, Score: score})
	}
}
