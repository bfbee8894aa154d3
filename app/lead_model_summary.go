package app

import "time"

// The lead orders by the stored learned chance and expected value, which
// RefreshLeadPredictions writes. Leads without one sort as the lowest:
// last in descending order, first in ascending order.
const (
	SortLeadsByLearned LeadSort = "learned"
	SortLeadsByValue   LeadSort = "value"
	// SortLeadsByWorklistLearned and SortLeadsByWorklistValue rank the
	// worklist like SortLeadsByWorklist, but by the learned chance or the
	// expected value first; the score and the waiting time break ties.
	SortLeadsByWorklistLearned LeadSort = "worklist_learned"
	SortLeadsByWorklistValue   LeadSort = "worklist_value"
)

// MaxSummaryWeights is how many of the strongest weights a
// LeadModelSummary keeps.
const MaxSummaryWeights = 12

// LeadModelSummary describes one refresh of the stored predictions.
type LeadModelSummary struct {
	// Learned is false when the history was too short to learn from, and
	// then no lead has a learned chance.
	Learned bool
	// Closed counts the closed leads of the history, Converted and Lost
	// split them by outcome.
	Closed    int
	Converted int
	Lost      int
	// Strongest are the model's weights furthest from zero, strongest
	// first, at most MaxSummaryWeights of them; empty unless Learned.
	Strongest []LeadWeight

	// Predicted counts the open leads given a learned chance, Valued those
	// given an expected value.
	Predicted int
	Valued    int
	// WonDeals counts the won deals the values average over, all in
	// ValueCurrency, which is "" when no deal is won.
	WonDeals      int
	ValueCurrency string

	// RefreshedAt is when the predictions were stored, in UTC; the zero
	// time means never.
	RefreshedAt time.Time
}
