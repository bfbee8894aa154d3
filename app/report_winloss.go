package app

import (
	"sort"
	"strings"
)

// WinLossDimension is the attribute a win/loss report groups closed deals
// by.
type WinLossDimension string

// The dimensions of a win/loss report.
const (
	// WinLossByReason groups by the close reason.
	WinLossByReason WinLossDimension = "reason"
	// WinLossBySource groups by where the deal came from.
	WinLossBySource WinLossDimension = "source"
	// WinLossByCompetitor groups by every competitor named on the deal,
	// in its competitor list or as the one who won it.
	WinLossByCompetitor WinLossDimension = "competitor"
	// WinLossByOwner groups by the deal's owner.
	WinLossByOwner WinLossDimension = "owner"
)

// WinLossAmount is the won and lost amount of one group in one currency.
type WinLossAmount struct {
	Won  Money
	Lost Money
}

// WinLossRow is one group of a win/loss report.
type WinLossRow struct {
	// Key is the reason, source, competitor or owner; "" groups the deals
	// without one, for the UI to label.
	Key  string
	Won  int
	Lost int
	// Amounts has one entry per currency of the group, in code order.
	Amounts []WinLossAmount
}

// WinRate returns Won ÷ (Won + Lost), or 0 for an empty row.
func (r WinLossRow) WinRate() float64 { return rate(r.Won, r.Won+r.Lost) }

// WinLossBy groups the deals closed in period, by ClosedOn, along one
// dimension. By competitor, a deal with several competitors counts once
// under each of them, so the rows add up to more deals than were closed.
// Rows come with the most closed deals first, then by key, and the row
// with the empty key last. An unknown dimension puts every deal under "".
func WinLossBy(deals []DealFact, period Period, by WinLossDimension) []WinLossRow {
	won := map[string]currencySums{}
	lost := map[string]currencySums{}
	rows := map[string]*WinLossRow{}
	for _, d := range deals {
		if d.Open() || !period.Contains(d.ClosedOn) {
			continue
		}

		for _, key := range winLossKeys(d, by) {
			addToWinLoss(rows, won, lost, key, d)
		}
	}

	out := make([]WinLossRow, 0, len(rows))
	for key, r := range rows {
		r.Amounts = winLossAmounts(won[key], lost[key])
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return winLossBefore(out[i], out[j]) })

	return out
}

func addToWinLoss(rows map[string]*WinLossRow, won, lost map[string]currencySums, key string, d DealFact) {
	r := rows[key]
	if r == nil {
		r = &WinLossRow{Key: key}
		rows[key] = r
		won[key], lost[key] = currencySums{}, currencySums{}
	}

	if d.Won() {
		r.Won++
		won[key].add(d.Amount)

		return
	}

	r.Lost++
	lost[key].add(d.Amount)
}

// winLossKeys returns the groups a deal counts in, trimmed of spaces.
func winLossKeys(d DealFact, by WinLossDimension) []string {
	switch by {
	case WinLossByReason:
		return []string{strings.TrimSpace(d.CloseReason)}
	case WinLossBySource:
		return []string{strings.TrimSpace(d.Source)}
	case WinLossByOwner:
		return []string{strings.TrimSpace(d.Owner)}
	case WinLossByCompetitor:
		return competitorKeys(d)
	default:
		return []string{""}
	}
}

// competitorKeys returns the deal's competitors once each, or "" for a
// deal without any.
func competitorKeys(d DealFact) []string {
	seen := map[string]bool{}
	var keys []string
	for _, name := range append([]string{d.CloseCompetitor}, d.Competitors...) {
		name = strings.TrimSpace(name)
		if name != "" && !seen[name] {
			seen[name] = true
			keys = append(keys, name)
		}
	}

	if len(keys) == 0 {
		return []string{""}
	}

	return keys
}

func winLossAmounts(won, lost currencySums) []WinLossAmount {
	codes := currencySums{}
	for code := range won {
		codes[code] = 0
	}
	for code := range lost {
		codes[code] = 0
	}

	out := make([]WinLossAmount, 0, len(codes))
	for _, code := range codes.codes() {
		out = append(out, WinLossAmount{
			Won:  Money{Minor: won[code], Currency: code},
			Lost: Money{Minor: lost[code], Currency: code},
		})
	}

	return out
}

func winLossBefore(a, b WinLossRow) bool {
	if (a.Key == "") != (b.Key == "") {
		return b.Key == ""
	}
	if a.Won+a.Lost != b.Won+b.Lost {
		return a.Won+a.Lost > b.Won+b.Lost
	}

	return a.Key < b.Key
}
