package data

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// rowScanner reads the rows of a raw statement into a struct of type T,
// one column per field with a gorm column tag. It stores the values that
// GORM's Scan would store: NULL sets the zero value, or nil for a
// pointer field, and a DATETIME text is parsed as the driver parses it.
// It exists for speed: through GORM, reading 200 rows of the wide leads
// table cost about 9 ms of CPU time on the large demo dataset.
type rowScanner[T any] struct {
	// columns is the SELECT list, in the order of fields.
	columns string
	fields  []scannedField
}

// scannedField is one field of a rowScanner's struct.
type scannedField struct {
	index  int
	column string
	kind   columnKind
}

// columnKind is the class of field type that decides how a column is read.
type columnKind int

const (
	textField columnKind = iota
	intField
	boolField
	floatField
	optionalIntField
	optionalFloatField
	timeField
	optionalTimeField
)

var (
	timeType         = reflect.TypeFor[time.Time]()
	optionalTimeType = reflect.TypeFor[*time.Time]()
)

// newRowScanner returns the scanner of T's tagged fields. It panics on a
// field type it cannot read. leadScanner is built when the package
// loads, so a new field of such a type in leadRow fails every test.
func newRowScanner[T any]() *rowScanner[T] {
	t := reflect.TypeFor[T]()
	scanner := &rowScanner[T]{}
	var names []string
	for i := range t.NumField() {
		column := gormColumn(t.Field(i).Tag.Get("gorm"))
		if column == "" {
			continue
		}

		kind, ok := columnKindOf(t.Field(i).Type)
		if !ok {
			panic(fmt.Sprintf("rowScanner: field %s.%s has the unsupported type %s", t.Name(), t.Field(i).Name, t.Field(i).Type))
		}
		scanner.fields = append(scanner.fields, scannedField{index: i, column: column, kind: kind})
		names = append(names, column)
	}
	scanner.columns = strings.Join(names, ", ")

	return scanner
}

// gormColumn returns the column name in a gorm struct tag, or "".
func gormColumn(tag string) string {
	for part := range strings.SplitSeq(tag, ";") {
		if name, ok := strings.CutPrefix(part, "column:"); ok {
			return name
		}
	}

	return ""
}

func columnKindOf(t reflect.Type) (columnKind, bool) {
	switch {
	case t == timeType:
		return timeField, true
	case t == optionalTimeType:
		return optionalTimeField, true
	case t.Kind() == reflect.String:
		return textField, true
	case t.Kind() == reflect.Int || t.Kind() == reflect.Int64:
		return intField, true
	case t.Kind() == reflect.Bool:
		return boolField, true
	case t.Kind() == reflect.Float64:
		return floatField, true
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Int64:
		return optionalIntField, true
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Float64:
		return optionalFloatField, true
	default:
		return 0, false
	}
}

// scan reads the current row of st, whose columns are s.columns.
func (s *rowScanner[T]) scan(st *rawStmt) (T, error) {
	var row T
	v := reflect.ValueOf(&row).Elem()
	for i, f := range s.fields {
		if err := setField(v.Field(f.index), f.kind, st, i); err != nil {
			return row, fmt.Errorf("read column %s: %w", f.column, err)
		}
	}

	return row, nil
}

func setField(field reflect.Value, kind columnKind, st *rawStmt, i int) error {
	if kind >= optionalIntField && st.columnIsNull(i) {
		return nil
	}

	switch kind {
	case textField:
		field.SetString(st.columnText(i))
	case intField:
		field.SetInt(st.columnInt(i))
	case boolField:
		field.SetBool(st.columnInt(i) > 0)
	case floatField:
		field.SetFloat(st.columnFloat(i))
	case optionalIntField:
		n := st.columnInt(i)
		field.Set(reflect.ValueOf(&n))
	case optionalFloatField:
		x := st.columnFloat(i)
		field.Set(reflect.ValueOf(&x))
	case timeField, optionalTimeField:
		return setTime(field, kind, st, i)
	}

	return nil
}

// setTime reads a stored timestamp. GORM would also accept an integer or
// a text in a layout beyond the driver's, and this fails on either.
func setTime(field reflect.Value, kind columnKind, st *rawStmt, i int) error {
	if st.columnIsNull(i) {
		return nil
	}
	if !st.columnIsText(i) {
		return fmt.Errorf("invalid timestamp: stored as a number, want text")
	}

	text := st.columnText(i)
	t, ok := parseDriverTime(text)
	if !ok {
		return fmt.Errorf("invalid timestamp %q: unknown layout", text)
	}

	if kind == optionalTimeField {
		field.Set(reflect.ValueOf(&t))
	} else {
		field.Set(reflect.ValueOf(t))
	}

	return nil
}
