package cli

import (
	"context"
	"strings"
	"testing"

	"leadwerk/app"
	"leadwerk/app/demo"
)

// datasetStore is a fake store with the bulk path of data.Store.
type datasetStore struct {
	*fakeStore
	loads, leads int
}

func (s *datasetStore) LoadDataset(ctx context.Context, d demo.Dataset, progress app.Progress) (app.ImportResult, error) {
	s.loads++
	s.leads = len(d.Leads)
	progress(len(d.Leads), len(d.Leads))

	return app.ImportResult{Leads: len(d.Leads), LeadsCreated: len(d.Leads)}, nil
}

func TestRunDemoLargeUsesBulkPath(t *testing.T) {
	fake := salesStore()
	fake.empty = true
	store := &datasetStore{fakeStore: fake}
	h := newHarness(fake)
	env := h.env()
	env.Open = func(string) (app.Store, error) { return store, nil }

	code := Run(context.Background(), []string{"demo", "-size", "large"}, env)

	if code != ExitOK {
		t.Fatalf("exit code = %d, want 0; stderr: %s", code, h.stderr.String())
	}
	if store.loads != 1 {
		t.Errorf("LoadDataset called %d times, want 1", store.loads)
	}
	if store.leads != demo.Large.Leads {
		t.Errorf("dataset has %d leads, want %d", store.leads, demo.Large.Leads)
	}
	if fake.demoLoads != 0 {
		t.Errorf("LoadDemo called %d times, want 0", fake.demoLoads)
	}
	if !strings.Contains(h.stdout.String(), "Loaded demo data into") {
		t.Errorf("stdout = %q, want the time it took", h.stdout.String())
	}
}

func TestRunDemoLargeRejectsNonEmpty(t *testing.T) {
	store := &datasetStore{fakeStore: salesStore()}
	h := newHarness(store.fakeStore)
	env := h.env()
	env.Open = func(string) (app.Store, error) { return store, nil }

	code := Run(context.Background(), []string{"-db", "/crm.db", "demo", "-size", "large"}, env)

	if code != ExitFailure {
		t.Fatalf("exit code = %d, want %d", code, ExitFailure)
	}
	if store.loads != 0 {
		t.Errorf("LoadDataset called %d times, want 0", store.loads)
	}
}

func TestRunDemoLargeWithoutBulkPath(t *testing.T) {
	store := salesStore()
	store.empty = true
	h := newHarness(store)

	if code := h.run("demo", "-size", "large"); code != ExitFailure {
		t.Fatalf("exit code = %d, want %d", code, ExitFailure)
	}
	if got := h.stderr.String(); !strings.Contains(got, "cannot load the large demo dataset") {
		t.Errorf("stderr = %q, want the reason", got)
	}
}

func TestRunDemoInvalidSize(t *testing.T) {
	store := salesStore()
	store.empty = true
	h := newHarness(store)

	if code := h.run("demo", "-size", "huge"); code != ExitUsage {
		t.Fatalf("exit code = %d, want %d", code, ExitUsage)
	}
	if got := h.stderr.String(); !strings.Contains(got, "-size huge is invalid") {
		t.Errorf("stderr = %q, want the invalid size", got)
	}
	if store.demoLoads != 0 {
		t.Errorf("LoadDemo called %d times, want 0", store.demoLoads)
	}
}
