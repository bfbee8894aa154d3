package data

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// literalRowsPerInsert is how many rows one INSERT of [insertLiterals]
// carries. With every value written into the SQL text, a statement costs
// its parsing and no binding, so larger statements only save the fixed
// cost per statement, which is small from about 100 rows on.
const literalRowsPerInsert = 100

// literalInserter writes rows of GORM row types (such as leadRow) as
// multi-row INSERT statements with their values written into the SQL
// text, on the connection of one transaction.
//
// The driver parses the SQL text of every execution and finds each bound
// parameter's value by scanning all arguments, so binding costs grow
// with the square of the values per statement. Literals avoid that, and
// [sqlLiteral] quotes every value, so no value can change the statement.
type literalInserter struct {
	ctx context.Context
	tx  *gorm.DB
	sql strings.Builder
	// inserted is called with the number of rows after each statement,
	// and its error stops the insert.
	inserted func(rows int) error
}

// insertLiterals inserts rows into the table of T with every column of T,
// ids included. A column GORM fills on Create, such as created_at, must
// be set, because zero values are written as they are.
func insertLiterals[T any](w *literalInserter, rows []T) error {
	stmt := &gorm.Statement{DB: w.tx}
	if err := stmt.Parse(new(T)); err != nil {
		return fmt.Errorf("read the columns of %T: %w", *new(T), err)
	}

	fields := make([]*schema.Field, 0, len(stmt.Schema.Fields))
	columns := make([]string, 0, len(stmt.Schema.Fields))
	for _, f := range stmt.Schema.Fields {
		if f.DBName != "" {
			fields = append(fields, f)
			columns = append(columns, `"`+f.DBName+`"`)
		}
	}
	head := "INSERT INTO " + stmt.Schema.Table + " (" + strings.Join(columns, ", ") + ") VALUES "

	for start := 0; start < len(rows); start += literalRowsPerInsert {
		chunk := rows[start:min(start+literalRowsPerInsert, len(rows))]
		if err := w.insertChunk(head, fields, reflect.ValueOf(chunk)); err != nil {
			return fmt.Errorf("insert into %s: %w", stmt.Schema.Table, err)
		}

		if err := w.inserted(len(chunk)); err != nil {
			return err
		}
	}

	return nil
}

// insertChunk runs one INSERT of the rows in the slice value chunk.
func (w *literalInserter) insertChunk(head string, fields []*schema.Field, chunk reflect.Value) error {
	w.sql.Reset()
	w.sql.WriteString(head)
	for i := range chunk.Len() {
		if i > 0 {
			w.sql.WriteString(", ")
		}

		row := chunk.Index(i)
		w.sql.WriteByte('(')
		for k, f := range fields {
			if k > 0 {
				w.sql.WriteString(", ")
			}

			value, _ := f.ValueOf(w.ctx, row)
			if err := writeLiteral(&w.sql, value); err != nil {
				return fmt.Errorf("column %s: %w", f.DBName, err)
			}
		}
		w.sql.WriteByte(')')
	}

	_, err := w.tx.Statement.ConnPool.ExecContext(w.ctx, w.sql.String())

	return err
}

// sqlLiteral returns value as an SQLite literal: NULL for nil, a quoted
// string with each ' doubled, an integer, 0 or 1 for a bool, or a time
// in [driverTimeFormat]. It rejects a string with a NUL byte, which
// would end the SQL text early, and any other type.
func sqlLiteral(value any) (string, error) {
	var b strings.Builder
	err := writeLiteral(&b, value)

	return b.String(), err
}

func writeLiteral(b *strings.Builder, value any) error {
	switch v := value.(type) {
	case nil:
		b.WriteString("NULL")
	case string:
		return writeText(b, v)
	case int:
		b.WriteString(strconv.Itoa(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	case bool:
		if v {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	case float64:
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	case time.Time:
		return writeText(b, v.Format(driverTimeFormat))
	case *int64:
		return writePointer(b, v)
	case *float64:
		return writePointer(b, v)
	case *time.Time:
		return writePointer(b, v)
	default:
		return fmt.Errorf("no SQL literal for a value of type %T", value)
	}

	return nil
}

func writePointer[T any](b *strings.Builder, p *T) error {
	if p == nil {
		b.WriteString("NULL")
		return nil
	}

	return writeLiteral(b, *p)
}

func writeText(b *strings.Builder, s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return fmt.Errorf("text %q contains a NUL byte", s)
	}

	b.WriteByte('\'')
	b.WriteString(strings.ReplaceAll(s, "'", "''"))
	b.WriteByte('\'')

	return nil
}
