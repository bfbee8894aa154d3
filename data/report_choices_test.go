package data

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// choicesFromFacts derives the report choices from every deal and lead
// fact, as the Reports tab did before ReportChoices existed.
func choicesFromFacts(t *testing.T, s *Store) (pipelineIDs []int64, owners, sources []string) {
	t.Helper()

	ctx := context.Background()
	deals, err := s.DealFacts(ctx, app.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	leads, err := s.LeadFacts(ctx, app.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}

	for _, d := range deals {
		pipelineIDs = append(pipelineIDs, d.PipelineID)
		owners = append(owners, strings.TrimSpace(d.Owner))
		sources = append(sources, strings.TrimSpace(d.Source))
	}
	for _, l := range leads {
		sources = append(sources, strings.TrimSpace(l.Source))
	}

	return distinctSorted(pipelineIDs), withoutBlank(distinctSorted(owners)), withoutBlank(distinctSorted(sources))
}

func distinctSorted[T int64 | string](values []T) []T {
	slices.Sort(values)

	return slices.Compact(values)
}

func withoutBlank(values []string) []string {
	return slices.DeleteFunc(values, func(s string) bool { return s == "" })
}

func TestReportChoicesMatchDemoFacts(t *testing.T) {
	s := openTestStore(t)
	batch := demo.Generate(demo.DefaultSeed, app.DateOf(time.Now()))
	if _, err := s.LoadDemo(context.Background(), batch, nil); err != nil {
		t.Fatal(err)
	}

	pipelineIDs, owners, sources, err := s.ReportChoices(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	wantIDs, wantOwners, wantSources := choicesFromFacts(t, s)
	if len(wantOwners) < 2 || len(wantSources) < 2 {
		t.Fatalf("demo data has owners %q and sources %q, too few to compare", wantOwners, wantSources)
	}
	if !slices.Equal(pipelineIDs, wantIDs) {
		t.Errorf("pipeline IDs = %v, want %v", pipelineIDs, wantIDs)
	}
	if !slices.Equal(owners, wantOwners) {
		t.Errorf("owners = %q, want %q", owners, wantOwners)
	}
	if !slices.Equal(sources, wantSources) {
		t.Errorf("sources = %q, want %q", sources, wantSources)
	}
}

func TestReportChoicesTrimAndDropBlanks(t *testing.T) {
	s := openTestStore(t)
	batch := sampleBatch()
	batch.Opportunities[0].Owner = "  Anna Schmidt "
	batch.Opportunities[1].Owner = "   "
	batch.Opportunities[2].Owner = "Ben Wolf"
	batch.Opportunities[0].Source = " web "
	batch.Leads[0].Source = "web"
	batch.Leads[1].Source = "event"
	mustImport(t, s, batch)

	pipelineIDs, owners, sources, err := s.ReportChoices(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	if len(pipelineIDs) != 1 {
		t.Errorf("pipeline IDs = %v, want the one pipeline of the batch", pipelineIDs)
	}
	if want := []string{"Anna Schmidt", "Ben Wolf"}; !slices.Equal(owners, want) {
		t.Errorf("owners = %q, want %q", owners, want)
	}
	if want := []string{"event", "web"}; !slices.Equal(sources, want) {
		t.Errorf("sources = %q, want %q", sources, want)
	}
}

func TestReportChoicesEmptyDatabase(t *testing.T) {
	s := openTestStore(t)

	pipelineIDs, owners, sources, err := s.ReportChoices(context.Background())
	if err != nil {
		t.Fatal(err)
	}

	if len(pipelineIDs) != 0 {
		t.Errorf("empty database offers pipelines %v", pipelineIDs)
	}
	if len(owners) != 0 {
		t.Errorf("empty database offers owners %q", owners)
	}
	if len(sources) != 0 {
		t.Errorf("empty database offers sources %q", sources)
	}
}
