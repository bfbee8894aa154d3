package data

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"leadwerk/app"
)

// pagedLeadsFixture stores 300 generated leads whose sort keys tie in
// groups, so each order has ties for the id to break. Some leads have
// NULL learned chances, values and activity times, some names differ
// only in case, and every optional column is set on some leads. The
// timestamps are text literals, which SQLite stores as written and
// PostgreSQL converts to TIMESTAMPTZ, rounding them to microseconds.
func pagedLeadsFixture(t *testing.T) *Store {
	t.Helper()

	s := openTestStore(t)
	mustImport(t, s, generatedLeads(300))
	updates := []string{`UPDATE leads SET score = id % 5`}
	for day := 1; day <= 3; day++ {
		updates = append(updates, fmt.Sprintf(
			`UPDATE leads SET created_at = '2024-02-0%d 10:00:00+00:00' WHERE id %% 3 = %d`, day, day-1))
	}
	for day := 1; day <= 4; day++ {
		updates = append(updates, fmt.Sprintf(`UPDATE leads SET last_activity_at = '2024-03-0%d 08:30:00.123456789+00:00'
			WHERE id %% 5 <> 0 AND id %% 4 = %d`, day, day-1))
	}
	updates = append(updates,
		`UPDATE leads SET predicted = (id % 4) / 4.0, lead_value_minor = (id % 3) * 1000,
			lead_value_currency = 'EUR' WHERE id % 6 <> 0`,
		`UPDATE leads SET last_name = lower(last_name) WHERE id % 7 = 0`,
		`UPDATE leads SET handed_over_at = '2024-04-01 12:00:00+00:00', handed_over_by = 'Anna',
			temperature_manual = 1, predicted_reasons = '[{"attribute":"source","value":"web","weight":0.5,"leads":3}]'
			WHERE id % 11 = 0`,
		`UPDATE leads SET score_reasons = '[{"points":3,"code":"fit","detail":"a \"quoted\" detail"}]'
			WHERE id % 13 = 0`,
		// Layouts that no writer of Leadwerk uses, but SQLite's driver
		// reads.
		`UPDATE leads SET updated_at = '2024-05-01T09:15:00Z' WHERE id % 17 = 0`,
		`UPDATE leads SET updated_at = '2024-05-02' WHERE id % 19 = 0`,
	)
	for _, u := range updates {
		if err := s.db.Exec(u).Error; err != nil {
			t.Fatalf("%s: %v", u, err)
		}
	}

	return s
}

// plainLeadPage reads q's page with one plain query through GORM, as
// ListLeads did before its pages were read in two steps. On PostgreSQL
// the order puts NULL where SQLite does, as ListLeads does there.
func plainLeadPage(t *testing.T, s *Store, q app.LeadQuery) []app.Lead {
	t.Helper()

	order, err := leadOrder(q)
	if err != nil {
		t.Fatal(err)
	}
	if s.backend.isPostgres() {
		order = nullsAsInSQLite(order)
	}
	where, args := leadWhere(s.backend, q)
	query := "SELECT l.* FROM leads l" + where + " ORDER BY " + strings.Join(order, ", ") + " LIMIT ? OFFSET ?"

	var rows []leadRow
	if err := s.db.Raw(query, append(args, s.limitArg(q.Limit), q.Offset)...).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	leads, err := leadsOf(rows)
	if err != nil {
		t.Fatal(err)
	}

	return leads
}

// giveOwnerToHalf stores a user and makes it the owner of the rows of
// table with an even id, and returns the user's id.
func giveOwnerToHalf(t *testing.T, s *Store, table string) int64 {
	t.Helper()

	user := userRow{Login: "half", Name: "Half Owner", CreatedAt: testNow, UpdatedAt: testNow}
	if err := s.db.Create(&user).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec("UPDATE "+table+" SET owner_id = ? WHERE id % 2 = 0", user.ID).Error; err != nil {
		t.Fatal(err)
	}

	return user.ID
}

// lowerReverseWalkMin lets pages of a small list walk from the end.
func lowerReverseWalkMin(t *testing.T) {
	saved := reverseWalkMin
	reverseWalkMin = 1
	t.Cleanup(func() { reverseWalkMin = saved })
}

func TestLeadPagesMatchPlainQuery(t *testing.T) {
	s := pagedLeadsFixture(t)
	ownerID := giveOwnerToHalf(t, s, "leads")
	lowerReverseWalkMin(t)
	ctx := context.Background()

	for _, sort := range everyLeadSort {
		for _, desc := range []bool{false, true} {
			for _, open := range []bool{false, true} {
				for _, owner := range []int64{0, ownerID} {
					base := app.LeadQuery{Sort: sort, Descending: desc, OpenOnly: open, OwnerID: owner}
					n, err := s.CountLeads(ctx, base)
					if err != nil {
						t.Fatal(err)
					}

					for _, offset := range []int{0, 1, n/2 - 10, n/2 + 3, n - 20, n - 7, n, n + 5} {
						name := fmt.Sprintf("%s/desc=%v/open=%v/owner=%d/offset=%d", sortName(sort), desc, open, owner,
							offset)
						t.Run(name, func(t *testing.T) {
							q := base
							q.Offset, q.Limit = offset, 20

							got, err := s.ListLeads(ctx, q)
							if err != nil {
								t.Fatal(err)
							}
							want := plainLeadPage(t, s, q)
							if !reflect.DeepEqual(got, want) {
								t.Errorf("ids %v, want %v", idsOfLeads(got), idsOfLeads(want))
							}
						})
					}
				}
			}
		}
	}
}

func TestLeadPageOfWholeListMatchesPlainQuery(t *testing.T) {
	s := pagedLeadsFixture(t)
	ownerID := giveOwnerToHalf(t, s, "leads")
	ctx := context.Background()

	queries := []app.LeadQuery{{}, {Sort: app.SortLeadsByName, Offset: 40}, {Search: "müller"},
		{OwnerID: ownerID}, {Search: "müller", OwnerID: ownerID}}
	for _, q := range queries {
		got, err := s.ListLeads(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want := plainLeadPage(t, s, q)
		if len(want) == 0 {
			t.Fatalf("%+v: the plain query lists no leads, so the comparison proves nothing", q)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: ids %v, want %v", q, idsOfLeads(got), idsOfLeads(want))
		}
	}
}

// TestLeadRowsReadPastDriverMatchGORM compares the rows that a lead page
// reads with GORM's. On PostgreSQL readLeadRows must return errNoRawConn,
// so that readLeadPage reads the rows with readLeadRowsPlain, which the
// test checks in its place.
func TestLeadRowsReadPastDriverMatchGORM(t *testing.T) {
	s := pagedLeadsFixture(t)
	ctx := context.Background()

	var ids []int64
	if err := s.db.Raw("SELECT id FROM leads ORDER BY id DESC").Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	withUnknown := append(slices.Clip(ids), 999_999)

	sqlDB, err := s.db.DB()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := readLeadRows(conn, withUnknown)
	conn.Close()
	if s.backend.isPostgres() {
		if !errors.Is(err, errNoRawConn) {
			t.Fatalf("readLeadRows on PostgreSQL: error %v, want errNoRawConn", err)
		}
		got, err = readLeadRowsPlain(s.db, withUnknown)
	}
	if err != nil {
		t.Fatal(err)
	}

	var want []leadRow
	if err := s.db.Order("id DESC").Find(&want).Error; err != nil {
		t.Fatal(err)
	}

	if len(want) != len(ids) {
		t.Fatalf("GORM read %d leads, want %d", len(want), len(ids))
	}
	if len(got) != len(ids) {
		t.Fatalf("read %d leads, want %d, leaving out the unknown id", len(got), len(ids))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("lead %d read for a page =\n%+v\nwant\n%+v", want[i].ID, got[i], want[i])
		}
	}
}

func TestRowScannerReadsEveryField(t *testing.T) {
	scanner := newRowScanner[leadRow]()
	fields := reflect.TypeFor[leadRow]().NumField()
	if len(scanner.fields) != fields {
		t.Errorf("the scanner reads %d of the %d fields of leadRow", len(scanner.fields), fields)
	}
	if !strings.HasPrefix(scanner.columns, "id, salutation, ") {
		t.Errorf("columns = %q, want the column names in field order", scanner.columns)
	}
}

func TestParseDriverTimeLayouts(t *testing.T) {
	cases := map[string]string{
		"2024-05-01 09:15:00.5+02:00":   "2024-05-01T07:15:00.5Z",
		"2024-05-01T09:15:00+00:00":     "2024-05-01T09:15:00Z",
		"2024-05-01T09:15:00Z":          "2024-05-01T09:15:00Z",
		"2024-05-01 09:15:00":           "2024-05-01T09:15:00Z",
		"2024-05-01 09:15":              "2024-05-01T09:15:00Z",
		"2024-05-01":                    "2024-05-01T00:00:00Z",
		"2024-05-01 09:15:00 +0000 UTC": "2024-05-01T09:15:00Z",
	}
	for text, want := range cases {
		got, ok := parseDriverTime(text)
		if !ok {
			t.Errorf("parseDriverTime(%q) failed", text)
			continue
		}
		if s := got.UTC().Format("2006-01-02T15:04:05.999999999Z07:00"); s != want {
			t.Errorf("parseDriverTime(%q) = %s, want %s", text, s, want)
		}
	}

	if _, ok := parseDriverTime("yesterday"); ok {
		t.Error(`parseDriverTime("yesterday") succeeded`)
	}
}

func TestPlainReasonsMatchJSONDecoder(t *testing.T) {
	texts := []string{
		`[]`,
		`[{"points":14,"code":"fit","detail":"50-249, Germany, Managing Director"}]`,
		`[{"points":-5,"code":"idle"},{"points":0,"code":"engagement","detail":"1"}]`,
		`[{"points":3,"code":"fit","detail":""}]`,
		`[{"points":3,"code":"fit","detail":"Köln – Düsseldorf"}]`,
		`[{"points":3,"code":"fit","detail":"a \"quoted\" detail"}]`,
		`[{"points":3,"code":"fit","detail":"\u003cb\u003e"}]`,
		`[{"code":"fit","points":3}]`,
		`[ {"points":3,"code":"fit"} ]`,
		`[{"points":03,"code":"fit"}]`,
		`[{"points":+3,"code":"fit"}]`,
		`[{"points":3.5,"code":"fit"}]`,
		`[{"points":99999999999999999999,"code":"fit"}]`,
		`[{"points":3,"code":"fit"}`,
		`[{"points":3,"code":"fit"}]x`,
		`null`,
		"[{\"points\":3,\"code\":\"f\x01t\"}]",
		"[{\"points\":3,\"code\":\"f\xfft\"}]",
	}
	for _, text := range texts {
		got, gotErr := decodeReasons(text, 1)

		var stored []scoreReasonJSON
		wantErr := json.Unmarshal([]byte(text), &stored)
		want := make([]app.ScoreReason, 0, len(stored))
		for _, r := range stored {
			want = append(want, app.ScoreReason(r))
		}

		if (gotErr != nil) != (wantErr != nil) {
			t.Errorf("%s: error %v, json.Unmarshal's error %v", text, gotErr, wantErr)
			continue
		}
		if wantErr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decoded %#v, want %#v", text, got, want)
		}
	}
}

func TestReverseOrderFlipsDirectionAndNulls(t *testing.T) {
	terms := []string{"l.score DESC", "l.name COLLATE NOCASE ASC", "COALESCE(a, b)",
		"l.predicted DESC NULLS LAST", "l.id ASC NULLS FIRST"}
	want := []string{"l.score ASC", "l.name COLLATE NOCASE DESC", "COALESCE(a, b) DESC",
		"l.predicted ASC NULLS FIRST", "l.id DESC NULLS LAST"}

	got := reverseOrder(terms)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("reverseOrder(%q) = %q, want %q", terms[i], got[i], want[i])
		}
	}
}
