package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

func TestImportStoresBatch(t *testing.T) {
	s := openTestStore(t)

	res := mustImport(t, s, sampleBatch())

	if res.Companies != 2 || res.Leads != 2 || res.OpportunitiesCreated != 3 || res.OpportunitiesUpdated != 0 {
		t.Errorf("result = %+v, want 2 companies, 2 leads, 3 created, 0 updated", res)
	}
	if n := countRows(t, s, "pipelines"); n != 2 {
		t.Errorf("pipelines = %d, want the default and Hardware", n)
	}
	if n := countRows(t, s, "stage_changes"); n != 3 {
		t.Errorf("stage changes = %d, want one creation change per deal", n)
	}

	var parent string
	s.db.Raw(`SELECT p.name FROM companies c JOIN companies p ON p.id = c.parent_id WHERE c.source_ref = 'acc:cancity'`).
		Scan(&parent)
	if parent != "Acme Corporation" {
		t.Errorf("parent of Cancity = %q, want Acme Corporation", parent)
	}

	var companyID *int64
	s.db.Raw("SELECT company_id FROM opportunities WHERE source_ref = 'opp:3'").Scan(&companyID)
	if companyID != nil {
		t.Errorf("deal without company has company_id %d, want NULL", *companyID)
	}
}

func TestImportIsIdempotent(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	b.Opportunities[0].Activities = []app.Activity{{Kind: "call", Subject: "First call"}}
	mustImport(t, s, b)

	tables := []string{"companies", "leads", "pipelines", "stages", "opportunities", "stage_changes", "activities"}
	before := map[string]int{}
	for _, table := range tables {
		before[table] = countRows(t, s, table)
	}

	res := mustImport(t, s, b)

	if res.OpportunitiesCreated != 0 || res.OpportunitiesUpdated != 0 || res.Activities != 0 {
		t.Errorf("second import result = %+v, want 0 created, 0 updated, 0 activities", res)
	}
	for _, table := range tables {
		if after := countRows(t, s, table); after != before[table] {
			t.Errorf("%s: %d rows after the second import, want %d", table, after, before[table])
		}
	}
}

func TestImportAppendsStageChange(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	mustImport(t, s, b)

	b.Opportunities[0].Stage = "Won"
	b.Opportunities[0].Amount = usd(99900)
	res := mustImport(t, s, b)
	if res.OpportunitiesCreated != 0 || res.OpportunitiesUpdated != 1 {
		t.Errorf("result = %+v, want 0 created and the one changed deal updated", res)
	}

	detail, err := s.Opportunity(context.Background(), idByRef(t, s, "opp:1"))
	if err != nil {
		t.Fatal(err)
	}
	if len(detail.History) != 2 {
		t.Fatalf("history has %d changes, want 2", len(detail.History))
	}
	last := detail.History[1]
	if last.From != "Engaging" || last.To != "Won" {
		t.Errorf("last change %q → %q, want Engaging → Won", last.From, last.To)
	}
	if last.Amount != usd(99900) || last.Probability != 100 {
		t.Errorf("last change amount %v at %d %%, want 999.00 USD at 100 %%", last.Amount, last.Probability)
	}
	if detail.Stage.Name != "Won" || detail.Probability != 100 {
		t.Errorf("deal is in %q at %d %%, want Won at 100 %%", detail.Stage.Name, detail.Probability)
	}
}

func TestReimportKeepsManualProbability(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	mustImport(t, s, b)

	id := idByRef(t, s, "opp:1")
	if err := s.db.Exec("UPDATE opportunities SET probability = 77, probability_manual = 1 WHERE id = ?", id).Error; err != nil {
		t.Fatal(err)
	}

	mustImport(t, s, b)
	detail, err := s.Opportunity(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if detail.Probability != 77 || !detail.ProbabilityManual {
		t.Errorf("after re-import the open deal is at %d %% (manual %v), want the hand-set 77 %%",
			detail.Probability, detail.ProbabilityManual)
	}

	b.Opportunities[0].Stage = "Lost"
	mustImport(t, s, b)
	detail, err = s.Opportunity(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if detail.Probability != 0 {
		t.Errorf("after the source closed the deal as lost it is at %d %%, want 0 %%", detail.Probability)
	}
}

func TestImportRollsBackOnBadDeal(t *testing.T) {
	cases := map[string]struct {
		change func(*app.ImportBatch)
		want   []string
	}{
		"unknown stage": {
			change: func(b *app.ImportBatch) { b.Opportunities[2].Stage = "Closing" },
			want:   []string{`"Closing"`, `"opp:3"`},
		},
		"unknown company": {
			change: func(b *app.ImportBatch) { b.Opportunities[2].CompanyRef = "acc:nobody" },
			want:   []string{`"acc:nobody"`, `"opp:3"`},
		},
		"unknown history stage": {
			change: func(b *app.ImportBatch) {
				b.Opportunities[2].History = []app.StageChangeImport{{To: "Demo", At: time.Now()}}
			},
			want: []string{`"Demo"`, `"opp:3"`},
		},
		"unknown parent": {
			change: func(b *app.ImportBatch) { b.Companies[1].ParentRef = "acc:ghost" },
			want:   []string{`"acc:ghost"`},
		},
		"duplicate deal": {
			change: func(b *app.ImportBatch) { b.Opportunities[2].SourceRef = "opp:1" },
			want:   []string{`"opp:1"`},
		},
		"manual probability over 100": {
			change: func(b *app.ImportBatch) {
				b.Opportunities[2].ProbabilityManual = true
				b.Opportunities[2].Probability = 120
			},
			want: []string{"120", `"opp:3"`},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			s := openTestStore(t)
			b := sampleBatch()
			tc.change(&b)

			_, err := s.Import(context.Background(), b, nil)
			if !errors.Is(err, app.ErrInvalid) {
				t.Fatalf("Import error = %v, want ErrInvalid", err)
			}
			for _, text := range tc.want {
				if !strings.Contains(err.Error(), text) {
					t.Errorf("error %q does not name %s", err, text)
				}
			}
			assertUntouched(t, s)
		})
	}
}

// assertUntouched checks that a fresh store still holds only the seeded
// default pipeline.
func assertUntouched(t *testing.T, s *Store) {
	t.Helper()

	for _, table := range []string{"companies", "leads", "opportunities", "stage_changes", "activities"} {
		if n := countRows(t, s, table); n != 0 {
			t.Errorf("%s has %d rows after a failed import, want 0", table, n)
		}
	}
	if n := countRows(t, s, "pipelines"); n != 1 {
		t.Errorf("pipelines = %d after a failed import, want only the default", n)
	}
}

func TestImportRollsBackOnCancel(t *testing.T) {
	s := openTestStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	b := generatedBatch(2000)
	progress := func(done, total int) {
		if done >= 1000 {
			cancel()
		}
	}

	_, err := s.Import(ctx, b, progress)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Import error = %v, want context.Canceled", err)
	}
	assertUntouched(t, s)
}

func TestImportAddsMissingStage(t *testing.T) {
	s := openTestStore(t)
	b := sampleBatch()
	mustImport(t, s, b)

	b.Pipeline.Stages = append(b.Pipeline.Stages, app.Stage{Name: "Demo", Probability: 30, Kind: app.StageOpen})
	b.Pipeline.Stages[0].Probability = 15
	b.Opportunities[2].Stage = "Demo"
	mustImport(t, s, b)

	pipelines, err := s.Pipelines(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	hw := pipelines[1]
	if len(hw.Stages) != 5 {
		t.Fatalf("Hardware has %d stages, want 5", len(hw.Stages))
	}
	if st := hw.Stages[4]; st.Name != "Demo" || st.Position != 4 || st.Probability != 30 {
		t.Errorf("added stage = %+v, want Demo at position 4 with 30 %%", st)
	}
	if p := hw.Stages[0].Probability; p != 10 {
		t.Errorf("existing stage probability = %d, want it kept at 10", p)
	}
}

func TestImportReportsProgress(t *testing.T) {
	s := openTestStore(t)
	b := generatedBatch(1200)

	var calls, lastDone, lastTotal int
	_, err := s.Import(context.Background(), b, func(done, total int) {
		calls++
		lastDone, lastTotal = done, total
	})
	if err != nil {
		t.Fatal(err)
	}

	want := len(b.Companies) + len(b.Opportunities)
	if lastDone != want || lastTotal != want {
		t.Errorf("last progress = %d of %d, want %d of %d", lastDone, lastTotal, want, want)
	}
	if calls < 3 || calls > 20 {
		t.Errorf("progress called %d times, want a few calls, not one per row", calls)
	}
}

// BenchmarkImport measures a first import of 8,800 generated deals, the
// size of the Maven sample export, into a fresh database.
func BenchmarkImport(b *testing.B) {
	batch := generatedBatch(8800)

	for b.Loop() {
		b.StopTimer()
		s := openTestStore(b)
		b.StartTimer()

		if _, err := s.Import(context.Background(), batch, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReimport measures importing the same 8,800 deals again, which
// changes nothing and so is mostly the lookup of existing records.
func BenchmarkReimport(b *testing.B) {
	batch := generatedBatch(8800)
	s := openTestStore(b)
	if _, err := s.Import(context.Background(), batch, nil); err != nil {
		b.Fatal(err)
	}

	for b.Loop() {
		if _, err := s.Import(context.Background(), batch, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLoadDemoRejectsNonEmpty(t *testing.T) {
	s := openTestStore(t)
	if _, err := s.LoadDemo(context.Background(), sampleBatch(), nil); err != nil {
		t.Fatalf("LoadDemo on an empty database: %v", err)
	}

	_, err := s.LoadDemo(context.Background(), generatedBatch(10), nil)
	if !errors.Is(err, app.ErrNotEmpty) {
		t.Fatalf("LoadDemo error = %v, want ErrNotEmpty", err)
	}
	if n := countRows(t, s, "opportunities"); n != 3 {
		t.Errorf("opportunities = %d after the rejected load, want 3", n)
	}
}
