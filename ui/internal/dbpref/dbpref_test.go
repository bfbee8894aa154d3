package dbpref

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadDatabase(t *testing.T) {
	cases := map[string]struct {
		content string
		want    string
		wantErr bool
	}{
		"server":       {`{"database":"postgres://anna@db.example/crm","language":"de"}`, "postgres://anna@db.example/crm", false},
		"file":         {`{"database":"/home/anna/sales.db"}`, "/home/anna/sales.db", false},
		"default file": {`{"database":""}`, "", false},
		"not a string": {`{"database":1}`, "", false},
		"no choice":    {`{"language":"en"}`, "", false},
		"broken":       {`{"database":`, "", true},
	}

	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "preferences.json")
			if err := os.WriteFile(path, []byte(c.content), 0o600); err != nil {
				t.Fatal(err)
			}

			got, err := Read(path)
			if (err != nil) != c.wantErr {
				t.Errorf("error %v, want error %v", err, c.wantErr)
			}
			if got != c.want {
				t.Errorf("database %q, want %q", got, c.want)
			}
		})
	}
}

func TestReadMissingFile(t *testing.T) {
	got, err := Read(filepath.Join(t.TempDir(), "preferences.json"))
	if err != nil {
		t.Errorf("missing file: error %v, want none", err)
	}
	if got != "" {
		t.Errorf("missing file: database %q, want none", got)
	}
}
