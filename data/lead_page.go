package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"leadwerk/app"
)

// leadScanner reads the columns of leadRow.
var leadScanner = newRowScanner[leadRow]()

// leadsByIDSQL reads the leads whose ids are in the JSON array ?1. One
// statement, and so one read transaction, serves the whole page.
var leadsByIDSQL = "SELECT " + leadScanner.columns + " FROM leads WHERE id IN (SELECT value FROM json_each(?1))"

// readLeadPage reads the ids of page p and then those leads, in p's
// order. Both steps run on one connection taken from the pool, so no
// other statement of this process runs between them.
func (s *Store) readLeadPage(ctx context.Context, p idPage) ([]app.Lead, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, fmt.Errorf("open the database connection: %w", err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("open the database connection: %w", err)
	}
	defer conn.Close()

	db := s.db.Session(&gorm.Session{Context: ctx})
	db.Statement.ConnPool = conn

	ids, err := s.readPageIDs(db, "l.id", p)
	if err != nil {
		return nil, err
	}

	var rows []leadRow
	err = errNoRawConn
	if !s.backend.isPostgres() {
		rows, err = readLeadRows(conn, ids)
	}
	if errors.Is(err, errNoRawConn) {
		rows, err = readLeadRowsPlain(db, ids)
	}
	if err != nil {
		return nil, fmt.Errorf("read the leads of a page: %w", err)
	}

	return leadsOf(rows)
}

// readLeadRows reads the leads with ids, in that order, past GORM and
// the driver (see rowScanner). A lead deleted since is left out. It
// returns errNoRawConn when conn is not one of SQLite's.
func readLeadRows(conn *sql.Conn, ids []int64) ([]leadRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}

	idsJSON, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}

	var rows []leadRow
	err = conn.Raw(func(driverConn any) error {
		c, err := rawConnOf(driverConn)
		if err != nil {
			return err
		}

		st := &rawStmt{c: c}
		defer st.close()
		if err := st.prepare(leadsByIDSQL); err != nil {
			return err
		}
		if err := st.reserve(len(idsJSON)); err != nil {
			return err
		}
		if err := st.bindText(1, string(idsJSON)); err != nil {
			return err
		}

		rows, err = scanLeadRows(st, len(ids))

		return err
	})
	if err != nil {
		return nil, err
	}

	return inIDOrder(rows, ids), nil
}

// scanLeadRows reads every result row of st.
func scanLeadRows(st *rawStmt, capacity int) ([]leadRow, error) {
	rows := make([]leadRow, 0, capacity)
	for {
		more, err := st.step()
		if err != nil || !more {
			return rows, err
		}

		row, err := leadScanner.scan(st)
		if err != nil {
			return nil, fmt.Errorf("lead %d: %w", row.ID, err)
		}
		rows = append(rows, row)
	}
}

// inIDOrder returns rows in the order of ids, leaving out the ids that
// no row has.
func inIDOrder(rows []leadRow, ids []int64) []leadRow {
	byID := make(map[int64]leadRow, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}

	ordered := make([]leadRow, 0, len(rows))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			ordered = append(ordered, r)
		}
	}

	return ordered
}

// readLeadRowsPlain reads the leads with ids through GORM, in the order
// of ids, for a connection that readLeadRows cannot use.
func readLeadRowsPlain(db *gorm.DB, ids []int64) ([]leadRow, error) {
	var found []leadRow
	for start := 0; start < len(ids); start += idChunk {
		chunk := ids[start:min(start+idChunk, len(ids))]
		var rows []leadRow
		if err := db.Raw("SELECT * FROM leads WHERE id IN ?", chunk).Scan(&rows).Error; err != nil {
			return nil, err
		}
		found = append(found, rows...)
	}

	return inIDOrder(found, ids), nil
}
