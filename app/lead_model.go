package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// The history a learned lead score needs. With about fifteen attributes
// of several values each, fewer outcomes leave most values seen only a
// handful of times, and their weights would describe chance rather than
// the firm's buyers.
const (
	MinClosedLeads     = 200
	MinLeadsPerOutcome = 30
)

// ErrTooFewClosedLeads is returned by TrainLeadModel when the history is
// shorter than MinClosedLeads or one outcome has fewer than
// MinLeadsPerOutcome leads.
var ErrTooFewClosedLeads = errors.New("too few closed leads to learn from")

// TooFewClosedLeadsError is the error TrainLeadModel returns for too
// short a history, with the counts a person needs to judge how far it
// is. It matches ErrTooFewClosedLeads with errors.Is.
type TooFewClosedLeadsError struct {
	Closed, Converted, Lost int
}

func (e *TooFewClosedLeadsError) Error() string {
	return fmt.Sprintf("%d closed leads (%d converted, %d lost), need %d with at least %d of each: %v",
		e.Closed, e.Converted, e.Lost, MinClosedLeads, MinLeadsPerOutcome, ErrTooFewClosedLeads)
}

func (e *TooFewClosedLeadsError) Unwrap() error { return ErrTooFewClosedLeads }

// rareValueCount is how often a value must occur in the training leads
// to get a weight of its own; rarer values share their attribute's
// "rare" weight.
const rareValueCount = 10

const rareValue = "\x00rare"

// Training settings of the logistic regression. The penalty keeps the
// weights of values seen in few leads near zero; the step count is
// enough for the weights to settle on files of up to 100,000 leads.
const (
	trainingSteps = 400
	learningRate  = 0.5
	l2Penalty     = 1e-3
)

// LeadModelService learns lead scores from the firm's closed leads.
type LeadModelService interface {
	// LeadModel returns the model learned from the closed leads; too short
	// a history wraps ErrTooFewClosedLeads.
	LeadModel(ctx context.Context) (*LeadModel, error)
	// PredictLeads returns the learned conversion chance of each lead in
	// ids, by id; too short a history wraps ErrTooFewClosedLeads.
	PredictLeads(ctx context.Context, ids []int64) (map[int64]LeadPrediction, error)
	// RefreshLeadPredictions learns from the closed leads and stores each
	// open lead's learned chance, reasons and value, so lists sort by
	// them. A cancelled ctx leaves the stored predictions as they were.
	RefreshLeadPredictions(ctx context.Context, progress Progress) (LeadModelSummary, error)
	// LeadPredictionStatus returns the summary of the last refresh and
	// whether the leads or won deals changed since, so a refresh is due.
	LeadPredictionStatus(ctx context.Context) (status LeadModelSummary, stale bool, err error)
}

// LeadOutcome is one closed lead: what was known about it and whether it
// became a customer.
type LeadOutcome struct {
	Input     ScoreInput
	Converted bool
}

// ClosedLeadOutcome returns a lead's outcome for learning: converted
// leads (or leads linked to a deal) count as won, disqualified ones as
// lost, and every other lead is still open, so ok is false.
func ClosedLeadOutcome(in ScoreInput) (o LeadOutcome, ok bool) {
	switch {
	case in.Lead.Status == LeadConverted || in.Lead.ConvertedOpportunityID != 0:
		return LeadOutcome{Input: in, Converted: true}, true
	case in.Lead.Status == LeadDisqualified:
		return LeadOutcome{Input: in, Converted: false}, true
	default:
		return LeadOutcome{}, false
	}
}

// LeadWeight is the learned effect of one attribute value on the odds of
// conversion, as a log odds ratio: positive raises the chance.
type LeadWeight struct {
	Attribute string
	// Value is empty for leads without one; Rare is true for the shared
	// weight of values seen fewer than ten times.
	Value  string
	Rare   bool
	Weight float64
	// Leads is how many training leads had this value.
	Leads int
}

// LeadModel is a logistic regression over a lead's attributes, one
// weight per attribute value. It is small enough to explain: a lead's
// log odds are the base weight plus the weights of its values.
type LeadModel struct {
	Base    float64
	Weights []LeadWeight
	// Trained counts the closed leads learned from; Converted of them
	// became customers.
	Trained   int
	Converted int

	index map[string]int
}

// LeadPrediction is a lead's learned conversion probability and the
// values that moved it most, strongest first.
type LeadPrediction struct {
	Probability float64
	Reasons     []LeadWeight
}

// TrainLeadModel learns a model from closed leads. It returns a
// *TooFewClosedLeadsError when the history is too short.
func TrainLeadModel(outcomes []LeadOutcome) (*LeadModel, error) {
	converted := 0
	for _, o := range outcomes {
		if o.Converted {
			converted++
		}
	}

	lost := len(outcomes) - converted
	if len(outcomes) < MinClosedLeads || converted < MinLeadsPerOutcome || lost < MinLeadsPerOutcome {
		return nil, &TooFewClosedLeadsError{Closed: len(outcomes), Converted: converted, Lost: lost}
	}

	m := newLeadModel(outcomes)
	m.Trained, m.Converted = len(outcomes), converted
	m.fit(outcomes)

	return m, nil
}

// newLeadModel creates one zero weight per attribute value that occurs
// at least rareValueCount times, and one rare weight per attribute.
func newLeadModel(outcomes []LeadOutcome) *LeadModel {
	counts := map[[2]string]int{}
	for _, o := range outcomes {
		for _, f := range leadFeatures(o.Input) {
			counts[f]++
		}
	}

	m := &LeadModel{index: map[string]int{}}
	rare := map[string]int{}
	for f, n := range counts {
		if n < rareValueCount {
			rare[f[0]] += n
			continue
		}
		m.Weights = append(m.Weights, LeadWeight{Attribute: f[0], Value: f[1], Leads: n})
	}
	for attribute, n := range rare {
		m.Weights = append(m.Weights, LeadWeight{Attribute: attribute, Value: rareValue, Rare: true, Leads: n})
	}

	slices.SortFunc(m.Weights, func(a, b LeadWeight) int {
		return cmp.Or(cmp.Compare(a.Attribute, b.Attribute), cmp.Compare(a.Value, b.Value))
	})
	for i, w := range m.Weights {
		m.index[featureKey(w.Attribute, w.Value)] = i
	}

	return m
}

// fit runs full-batch gradient descent, so the result does not depend on
// the order of the leads.
func (m *LeadModel) fit(outcomes []LeadOutcome) {
	rows := make([][]int, len(outcomes))
	for i, o := range outcomes {
		rows[i] = m.active(o.Input)
	}

	n := float64(len(outcomes))
	gradient := make([]float64, len(m.Weights))
	for range trainingSteps {
		clear(gradient)
		base := 0.0
		for i, o := range outcomes {
			diff := m.probability(rows[i]) - label(o.Converted)
			base += diff
			for _, j := range rows[i] {
				gradient[j] += diff
			}
		}

		m.Base -= learningRate * base / n
		for j := range m.Weights {
			step := gradient[j]/n + l2Penalty*m.Weights[j].Weight
			m.Weights[j].Weight -= learningRate * step
		}
	}
}

func label(converted bool) float64 {
	if converted {
		return 1
	}
	return 0
}

// active returns the indexes of the weights that a lead's values select.
func (m *LeadModel) active(in ScoreInput) []int {
	features := leadFeatures(in)
	rows := make([]int, 0, len(features))
	for _, f := range features {
		if i, ok := m.index[featureKey(f[0], f[1])]; ok {
			rows = append(rows, i)
		} else if i, ok := m.index[featureKey(f[0], rareValue)]; ok {
			rows = append(rows, i)
		}
	}

	return rows
}

func (m *LeadModel) probability(rows []int) float64 {
	z := m.Base
	for _, j := range rows {
		z += m.Weights[j].Weight
	}

	return 1 / (1 + math.Exp(-z))
}

// Predict returns a lead's conversion probability and up to three
// reasons: the values with the largest weights either way.
func (m *LeadModel) Predict(in ScoreInput) LeadPrediction {
	rows := m.active(in)
	p := LeadPrediction{Probability: m.probability(rows)}

	for _, j := range rows {
		p.Reasons = append(p.Reasons, m.Weights[j])
	}
	slices.SortStableFunc(p.Reasons, func(a, b LeadWeight) int {
		return cmp.Compare(math.Abs(b.Weight), math.Abs(a.Weight))
	})
	if len(p.Reasons) > 3 {
		p.Reasons = p.Reasons[:3]
	}

	return p
}

// StrongestWeights returns the n weights furthest from zero, the ones
// that explain the model best.
func (m *LeadModel) StrongestWeights(n int) []LeadWeight {
	weights := slices.Clone(m.Weights)
	slices.SortStableFunc(weights, func(a, b LeadWeight) int {
		return cmp.Compare(math.Abs(b.Weight), math.Abs(a.Weight))
	})

	return weights[:min(n, len(weights))]
}

// The attributes the model learns from, as LeadWeight.Attribute names
// them.
const (
	AttrSource     = "source"
	AttrOrigin     = "origin"
	AttrCampaign   = "campaign"
	AttrIndustry   = "industry"
	AttrSize       = "size"
	AttrRegion     = "region"
	AttrRole       = "role"
	AttrCountry    = "country"
	AttrHasEmail   = "has_email"
	AttrHasPhone   = "has_phone"
	AttrActivities = "activities"
	AttrBudget     = "budget"
	AttrAuthority  = "authority"
	AttrNeed       = "need_priority"
	AttrTimeframe  = "timeframe"
)

// leadFeatures returns a lead's attribute values as attribute-value
// pairs. Text values are folded to lower case, so "Google" and "google"
// share a weight. A lead without a qualification has empty BANT values.
func leadFeatures(in ScoreInput) [][2]string {
	l := in.Lead
	features := [][2]string{
		{AttrSource, fold(l.Source)},
		{AttrOrigin, fold(l.Origin)},
		{AttrCampaign, fold(l.Campaign)},
		{AttrIndustry, fold(l.Industry)},
		{AttrSize, string(l.SizeBand)},
		{AttrRegion, fold(l.Region)},
		{AttrRole, fold(l.Persona)},
		{AttrCountry, fold(l.Country)},
		{AttrHasEmail, yesNo(strings.TrimSpace(l.Email) != "")},
		{AttrHasPhone, yesNo(strings.TrimSpace(l.Phone) != "")},
		{AttrActivities, activityBand(in.RecentActivities)},
	}

	q := Qualification{}
	if in.Qualification != nil {
		q = *in.Qualification
	}

	return append(features,
		[2]string{AttrBudget, string(q.Budget)},
		[2]string{AttrAuthority, string(q.Authority)},
		[2]string{AttrNeed, needBand(q.NeedPriority)},
		[2]string{AttrTimeframe, string(q.Timeframe)},
	)
}

func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// activityBand groups activity counts, so that 7 and 8 activities share
// a weight.
func activityBand(n int) string {
	switch {
	case n <= 0:
		return "0"
	case n == 1:
		return "1"
	case n <= 3:
		return "2-3"
	default:
		return "4+"
	}
}

func needBand(priority int) string {
	if priority <= 0 {
		return ""
	}
	return fmt.Sprint(priority)
}

func featureKey(attribute, value string) string {
	return attribute + "\x00" + value
}

// ROCAUC returns the area under the ROC curve of scores against outcomes:
// the chance that a random converted lead scores above a random lost
// one, ties counting half. It is NaN unless both outcomes occur.
func ROCAUC(scores []float64, converted []bool) float64 {
	type pair struct {
		score float64
		won   bool
	}
	pairs := make([]pair, len(scores))
	for i := range scores {
		pairs[i] = pair{scores[i], converted[i]}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(a.score, b.score) })

	// Mann-Whitney U: sum the ranks of the converted leads, giving tied
	// scores their average rank.
	rankSum, won := 0.0, 0
	for i := 0; i < len(pairs); {
		j := i
		for j < len(pairs) && pairs[j].score == pairs[i].score {
			j++
		}
		rank := float64(i+j+1) / 2
		for k := i; k < j; k++ {
			if pairs[k].won {
				rankSum += rank
				won++
			}
		}
		i = j
	}

	lost := len(pairs) - won
	if won == 0 || lost == 0 {
		return math.NaN()
	}

	return (rankSum - float64(won*(won+1))/2) / float64(won*lost)
}
