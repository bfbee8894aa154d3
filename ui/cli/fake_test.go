package cli

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"leadwerk/app"
)

// fakeStore is an app.Store with canned pipelines and summaries that
// records the batches it is asked to store.
type fakeStore struct {
	app.Store // nil: calling a method the test did not expect panics

	pipelines []app.Pipeline
	summary   []app.StageSummary
	empty     bool
	imported  []app.ImportBatch
	demoLoads int
	closed    bool

	// leads are returned by ListLeads in this order, filtered by the
	// query's search, statuses and sources.
	leads       []app.Lead
	leadQueries []app.LeadQuery
	// predictions are the learned chances PredictLeads returns; nil
	// stands for too short a history.
	predictions map[int64]app.LeadPrediction
}

// PredictLeads returns s.predictions for the ids it holds, or wraps
// ErrTooFewClosedLeads when s.predictions is nil.
func (s *fakeStore) PredictLeads(_ context.Context, ids []int64) (map[int64]app.LeadPrediction, error) {
	if s.predictions == nil {
		return nil, fmt.Errorf("fake history: %w", app.ErrTooFewClosedLeads)
	}

	out := map[int64]app.LeadPrediction{}
	for _, id := range ids {
		if p, ok := s.predictions[id]; ok {
			out[id] = p
		}
	}

	return out, nil
}

// ListLeads records the query and returns s.leads filtered by its search,
// statuses and sources. It keeps the order of s.leads and ignores the
// query's sort.
func (s *fakeStore) ListLeads(_ context.Context, q app.LeadQuery) ([]app.Lead, error) {
	s.leadQueries = append(s.leadQueries, q)

	var out []app.Lead
	for _, l := range s.leads {
		if len(q.Statuses) > 0 && !slices.Contains(q.Statuses, l.Status) {
			continue
		}
		if len(q.Sources) > 0 && !slices.Contains(q.Sources, l.Source) {
			continue
		}
		text := strings.ToLower(l.Name() + "\n" + l.CompanyName + "\n" + l.Email + "\n" + l.City)
		if !strings.Contains(text, strings.ToLower(q.Search)) {
			continue
		}
		out = append(out, l)
	}

	return out, nil
}

func (s *fakeStore) Pipelines(context.Context) ([]app.Pipeline, error) { return s.pipelines, nil }

func (s *fakeStore) PipelineSummary(context.Context) ([]app.StageSummary, error) {
	return s.summary, nil
}

func (s *fakeStore) IsEmpty(context.Context) (bool, error) { return s.empty, nil }

func (s *fakeStore) Import(ctx context.Context, b app.ImportBatch, progress app.Progress) (app.ImportResult, error) {
	s.imported = append(s.imported, b)
	total := len(b.Companies) + len(b.Leads) + len(b.Opportunities)
	progress(total, total)

	result := app.ImportResult{Companies: len(b.Companies), Leads: len(b.Leads), LeadsCreated: len(b.Leads), OpportunitiesCreated: len(b.Opportunities)}

	return result, ctx.Err()
}

func (s *fakeStore) LoadDemo(context.Context, app.ImportBatch, app.Progress) (app.ImportResult, error) {
	s.demoLoads++

	return app.ImportResult{Companies: 200, OpportunitiesCreated: 300}, nil
}

func (s *fakeStore) Close() error {
	s.closed = true

	return nil
}

// salesStore returns a store with one USD pipeline of two open stages, a
// won and a lost stage.
func salesStore() *fakeStore {
	pipeline := app.Pipeline{ID: 1, Name: "Sales", Currency: "USD", Stages: []app.Stage{
		{ID: 1, PipelineID: 1, Name: "Prospecting", Probability: 10, Kind: app.StageOpen},
		{ID: 2, PipelineID: 1, Name: "Engaging", Probability: 40, Kind: app.StageOpen},
		{ID: 3, PipelineID: 1, Name: "Won", Probability: 100, Kind: app.StageWon},
		{ID: 4, PipelineID: 1, Name: "Lost", Probability: 0, Kind: app.StageLost},
	}}

	usd := func(minor int64) app.Money { return app.Money{Minor: minor, Currency: "USD"} }
	summary := []app.StageSummary{
		{PipelineID: 1, Pipeline: "Sales", StageID: 1, Stage: "Prospecting", Kind: app.StageOpen,
			Count: 3, Amount: usd(150_000), Weighted: usd(15_000)},
		{PipelineID: 1, Pipeline: "Sales", StageID: 2, Stage: "Engaging", Kind: app.StageOpen,
			Count: 2, Amount: usd(1_234_567_89), Weighted: usd(49_382_716)},
		{PipelineID: 1, Pipeline: "Sales", StageID: 3, Stage: "Won", Kind: app.StageWon,
			Count: 1, Amount: usd(500_00), Weighted: usd(500_00)},
		{PipelineID: 1, Pipeline: "Sales", StageID: 4, Stage: "Lost", Kind: app.StageLost,
			Count: 0, Amount: usd(0), Weighted: usd(0)},
	}

	return &fakeStore{pipelines: []app.Pipeline{pipeline}, summary: summary}
}

// harness runs the command line against one store and captures what it
// writes.
type harness struct {
	store       *fakeStore
	stdout      bytes.Buffer
	stderr      bytes.Buffer
	openedPath  string
	opens       int
	windowCalls int
	environment map[string]string
}

func newHarness(store *fakeStore) *harness {
	return &harness{store: store, environment: map[string]string{}}
}

func (h *harness) env() Env {
	return Env{
		Stdout: &h.stdout,
		Stderr: &h.stderr,
		Getenv: func(name string) string { return h.environment[name] },
		Open: func(path string) (app.Store, error) {
			h.opens++
			h.openedPath = path

			return h.store, nil
		},
		DefaultPath: func() (string, error) { return "/default/leadwerk.db", nil },
		RunWindow: func(app.Store) error {
			h.windowCalls++

			return nil
		},
		Now: func() time.Time { return time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC) },
		// No saved language, whatever the preferences file of the machine contains.
		SavedLanguage: func() (string, error) { return "", nil },
	}
}

func (h *harness) run(args ...string) int {
	return Run(context.Background(), args, h.env())
}
