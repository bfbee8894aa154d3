package data

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"leadwerk/app"
)

func TestMigrationsCreateSchema(t *testing.T) {
	s := openTestStore(t)

	version, err := s.SchemaVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if want := migrations[len(migrations)-1].version; version != want {
		t.Errorf("SchemaVersion = %d, want %d", version, want)
	}

	tables := []string{"schema_migrations", "companies", "contacts", "leads", "pipelines", "stages",
		"opportunities", "activities", "stage_changes"}
	for _, table := range tables {
		var n int
		s.db.Raw(tableCountSQL(s), table).Scan(&n)
		if n != 1 {
			t.Errorf("table %s missing", table)
		}
	}

	uniqueIndexes := `SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '%UNIQUE%source_ref%'
		ORDER BY name`
	if s.backend.isPostgres() {
		uniqueIndexes = `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
			AND indexdef LIKE '%UNIQUE%source_ref%' ORDER BY indexname`
	}

	var unique []string
	s.db.Raw(uniqueIndexes).Scan(&unique)
	want := []string{"companies_source_ref", "contacts_source_ref", "leads_source_ref", "opportunities_source_ref"}
	if !reflect.DeepEqual(unique, want) {
		t.Errorf("unique source_ref indexes = %v, want %v", unique, want)
	}
}

func TestSecondOpenRunsNoDDL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	first, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var before int
	first.db.Raw("PRAGMA schema_version").Scan(&before)
	first.Close()

	second, err := Open(path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer second.Close()

	var after int
	second.db.Raw("PRAGMA schema_version").Scan(&after)
	if before == 0 {
		t.Fatal("schema_version is 0 after the first Open, so the check below proves nothing")
	}
	if after != before {
		t.Errorf("schema_version changed from %d to %d on the second Open", before, after)
	}
	if n := countRows(t, second, "pipelines"); n != 1 {
		t.Errorf("pipelines after second Open = %d, want 1 (seed ran twice?)", n)
	}
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leadwerk.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '2030-01-01 00:00:00+00:00')")
	s.Close()

	s, err = Open(path)
	if err == nil {
		s.Close()
		t.Fatal("Open accepted a schema from a newer version")
	}
	if !strings.Contains(err.Error(), "999") {
		t.Errorf("error %q does not name the schema version", err)
	}
}

func TestDefaultPipelineSeeded(t *testing.T) {
	s := openTestStore(t)

	pipelines, err := s.Pipelines(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(pipelines) != 1 {
		t.Fatalf("got %d pipelines, want 1", len(pipelines))
	}

	want := app.DefaultPipeline()
	got := pipelines[0]
	if got.Name != want.Name || got.Currency != want.Currency {
		t.Errorf("pipeline = %q in %s, want %q in %s", got.Name, got.Currency, want.Name, want.Currency)
	}
	if len(got.Stages) != len(want.Stages) {
		t.Fatalf("got %d stages, want %d", len(got.Stages), len(want.Stages))
	}
	for i, st := range got.Stages {
		w := want.Stages[i]
		if st.Name != w.Name || st.Probability != w.Probability || st.Kind != w.Kind || st.Position != i {
			t.Errorf("stage %d = %+v, want %+v", i, st, w)
		}
		if st.ID == 0 || st.PipelineID != got.ID {
			t.Errorf("stage %d has id %d and pipeline %d, want ids set", i, st.ID, st.PipelineID)
		}
	}

	empty, err := s.IsEmpty(context.Background())
	if err != nil || !empty {
		t.Errorf("IsEmpty on a fresh database = %v, %v; want true", empty, err)
	}
}
