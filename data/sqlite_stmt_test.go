package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
)

// TestRawStatementReachesTheDriver fails when the SQLite driver no longer
// has the connection fields that rawConnOf reads, as after an upgrade of
// github.com/glebarez/go-sqlite, and checks that a raw insert stores its
// texts, numbers and timestamp as the driver stores them.
func TestRawStatementReachesTheDriver(t *testing.T) {
	requireSQLite(t, "raw SQLite statements")
	s := openTestStore(t)
	ctx := context.Background()
	conn, db, err := s.importConn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	at := time.Date(2026, 12, 4, 9, 30, 15, 123456789, time.UTC)
	st, err := prepareRaw(conn, `INSERT INTO leads (created_at, updated_at, first_name, company_name, score)
		VALUES (?1, ?1, ?2, ?3, ?4)`)
	if err != nil {
		t.Fatalf("prepareRaw: %v", err)
	}
	err = conn.Raw(func(any) error {
		defer st.close()

		for _, name := range []string{"Jörg", ""} {
			if err := st.reserve(len(at.Format(driverTimeFormat)) + len(name) + len("Müller & Söhne")); err != nil {
				return err
			}
			if err := st.bindText(1, at.Format(driverTimeFormat)); err != nil {
				return err
			}
			if err := st.bindText(2, name); err != nil {
				return err
			}
			if err := st.bindText(3, "Müller & Söhne"); err != nil {
				return err
			}
			if err := st.bindInt(4, 42); err != nil {
				return err
			}
			if err := st.exec(); err != nil {
				return err
			}
		}

		return nil
	})
	if err != nil {
		t.Fatalf("raw insert: %v", err)
	}

	var rows []leadRow
	if err := db.Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].FirstName != "Jörg" || rows[1].FirstName != "" ||
		rows[1].CompanyName != "Müller & Söhne" || rows[0].Score != 42 || !rows[0].CreatedAt.Equal(at) {
		t.Fatalf("read back %+v", rows)
	}
}

// TestRawStatementReportsRuleErrors checks that a rule trigger's error
// reaches the caller of a raw insert as the rule's message.
func TestRawStatementReportsRuleErrors(t *testing.T) {
	requireSQLite(t, "raw SQLite statements")
	s := openTestStore(t)
	conn, _, err := s.importConn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	st, err := prepareRaw(conn, `INSERT INTO leads (created_at, updated_at, first_name) VALUES (?1, ?1, ?2)`)
	if err != nil {
		t.Fatal(err)
	}
	err = conn.Raw(func(any) error {
		defer st.close()

		if err := st.reserve(64); err != nil {
			return err
		}
		if err := st.bindText(1, time.Now().UTC().Format(driverTimeFormat)); err != nil {
			return err
		}
		if err := st.bindText(2, " "); err != nil {
			return err
		}

		return constraintError(st.exec())
	})
	if !errors.Is(err, app.ErrInvalid) || !strings.HasPrefix(err.Error(), "a lead has neither a name nor a company") {
		t.Fatalf("raw insert of a lead without a name = %v", err)
	}
}

// TestRawStatementRefusesAutocommit checks that a raw statement refuses
// to run once the transaction has ended, where its insert would be
// committed on its own.
func TestRawStatementRefusesAutocommit(t *testing.T) {
	requireSQLite(t, "raw SQLite statements")
	s := openTestStore(t)
	conn, _, err := s.importConn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()

	st, err := prepareRaw(conn, `SELECT 1`)
	if err != nil {
		t.Fatal(err)
	}
	err = conn.Raw(func(any) error {
		defer st.close()

		return st.inTransaction()
	})
	if !errors.Is(err, errNoTransaction) {
		t.Fatalf("inTransaction outside a transaction = %v, want errNoTransaction", err)
	}
}
