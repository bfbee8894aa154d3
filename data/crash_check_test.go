package data

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"leadwerk/app"
)

// crashBatchTables are the tables whose rows carry an import batch's
// SourceRef prefix, so a batch is counted in each.
var crashBatchTables = []string{"companies", "leads", "opportunities"}

// batchKey returns the fact key of the row count of one import batch in
// table, such as "batch/crash:r3o17:leads".
func batchKey(prefix, table string) string {
	return "batch/" + prefix + table
}

// crashSnapshot is what the reopened database holds for every kind of
// fact key, read in a few queries per round.
type crashSnapshot struct {
	deals map[int64]app.OpportunityRow
	// leadStatus maps a lead's id to its status.
	leadStatus map[int64]app.LeadStatus
	// activities maps an activity's subject to "deal ID" or "lead ID".
	activities map[string]string
	// leadEmails counts the leads per e-mail address of the crash domain.
	leadEmails map[string]int
	// batchRows counts the rows per fact key of kind batch.
	batchRows map[string]int
}

// readCrashSnapshot reads deals and leads through the public Store API
// and the rest with plain queries.
func readCrashSnapshot(ctx context.Context, s *Store) (crashSnapshot, error) {
	snap := crashSnapshot{deals: map[int64]app.OpportunityRow{}, leadStatus: map[int64]app.LeadStatus{},
		activities: map[string]string{}, leadEmails: map[string]int{}, batchRows: map[string]int{}}

	deals, err := s.ListOpportunities(ctx, app.OpportunityQuery{})
	if err != nil {
		return snap, err
	}
	for _, d := range deals {
		snap.deals[d.ID] = d
	}

	leads, err := s.ListLeads(ctx, app.LeadQuery{})
	if err != nil {
		return snap, err
	}
	for _, l := range leads {
		snap.leadStatus[l.ID] = l.Status
		if strings.HasSuffix(l.Email, "@crash.example") {
			snap.leadEmails[l.Email]++
		}
	}

	if err := snap.readActivities(s); err != nil {
		return snap, err
	}

	return snap, snap.readBatches(s)
}

func (snap *crashSnapshot) readActivities(s *Store) error {
	var rows []struct {
		Subject       string
		OpportunityID *int64
		LeadID        *int64
	}
	err := s.db.Raw(`SELECT subject, opportunity_id, lead_id FROM activities
		WHERE subject LIKE 'Call r%' OR subject LIKE 'E-mail r%'`).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read activities: %w", err)
	}

	for _, r := range rows {
		owner := "none"
		switch {
		case r.OpportunityID != nil:
			owner = fmt.Sprintf("deal %d", *r.OpportunityID)
		case r.LeadID != nil:
			owner = fmt.Sprintf("lead %d", *r.LeadID)
		}

		if snap.activities[r.Subject] != "" {
			owner = "twice"
		}
		snap.activities[r.Subject] = owner
	}

	return nil
}

// readBatches counts the rows of each batch prefix, "crash:" and the
// operation's name up to the second colon, in every batch table.
func (snap *crashSnapshot) readBatches(s *Store) error {
	for _, table := range crashBatchTables {
		var refs []string
		err := s.db.Raw(fmt.Sprintf(`SELECT source_ref FROM %s WHERE source_ref LIKE 'crash:%%'`, table)).
			Scan(&refs).Error
		if err != nil {
			return fmt.Errorf("read source refs of %s: %w", table, err)
		}

		for _, ref := range refs {
			name, _, _ := strings.Cut(strings.TrimPrefix(ref, "crash:"), ":")
			snap.batchRows[batchKey(crashPrefix(name), table)]++
		}
	}

	return nil
}

// value returns the stored value of a fact key and whether the record it
// names exists. A batch, activity or e-mail that is absent has the value
// absentValue(key) and exists.
func (snap crashSnapshot) value(key string) (string, bool) {
	kind, rest, _ := strings.Cut(key, "/")
	switch kind {
	case "batch":
		return fmt.Sprint(snap.batchRows[key]), true
	case "activity":
		return snap.activities[rest], true
	case "lead-email":
		return fmt.Sprint(snap.leadEmails[rest]), true
	case "deal":
		return snap.dealValue(rest)
	case "lead":
		var id int64
		if _, err := fmt.Sscanf(rest, "%d/status", &id); err != nil {
			return "", false
		}
		status, ok := snap.leadStatus[id]

		return string(status), ok
	}

	return "", false
}

func (snap crashSnapshot) dealValue(rest string) (string, bool) {
	idText, field, _ := strings.Cut(rest, "/")
	var id int64
	if _, err := fmt.Sscan(idText, &id); err != nil {
		return "", false
	}

	d, ok := snap.deals[id]
	if !ok {
		return "", false
	}

	switch field {
	case "stage":
		return d.Stage, true
	case "probability":
		return fmt.Sprint(d.Probability), true
	case "owner":
		return d.Owner, true
	case "close_date":
		return d.CloseDate.String(), true
	case "title":
		return d.Title, true
	case "amount":
		return d.Amount.String(), true
	}

	return "", false
}

// absentValue returns the value of a fact key whose record does not
// exist: a batch with no rows, an activity or an e-mail not stored. It
// returns false for keys of records that an operation never creates.
func absentValue(key string) (string, bool) {
	switch kind, _, _ := strings.Cut(key, "/"); kind {
	case "batch", "lead-email":
		return "0", true
	case "activity":
		return "", true
	}

	return "", false
}

// checkFacts returns an error for every saved fact that the snapshot does
// not hold.
func checkFacts(snap crashSnapshot, facts map[string]string) error {
	var errs []error
	for key, want := range facts {
		got, ok := snap.value(key)
		if !ok {
			errs = append(errs, fmt.Errorf("saved fact %s = %q: the record is missing", key, want))
		} else if got != want {
			errs = append(errs, fmt.Errorf("saved fact %s = %q: the database holds %q", key, want, got))
		}
	}

	return errors.Join(errs...)
}

// checkBatches returns an error for each import batch in the database that
// has not all its rows, or that no saved or pending operation imported.
func checkBatches(snap crashSnapshot, facts, pending map[string]string, batchSize int) error {
	want := map[string]int{"companies": crashCompaniesPerBatch, "leads": batchSize, "opportunities": batchSize}

	var errs []error
	for key, n := range snap.batchRows {
		table := key[strings.LastIndex(key, ":")+1:]
		if n != want[table] {
			errs = append(errs, fmt.Errorf("half import: %s has %d rows, want 0 or %d", key, n, want[table]))
		}

		if _, ok := facts[key]; !ok {
			if _, ok := pending[key]; !ok {
				errs = append(errs, fmt.Errorf("import %s has %d rows but was never started", key, n))
			}
		}
	}

	return errors.Join(errs...)
}

// settlePending decides whether the operation that was running at the kill
// committed: its facts must all hold, or all keep their values from before.
// It returns true when they all hold. Facts whose value before is unknown,
// such as the stage of a deal that no journaled operation touched yet, fit
// either case.
func settlePending(snap crashSnapshot, facts, pending map[string]string) (bool, error) {
	allNew, allOld := true, true
	for key, want := range pending {
		got, ok := snap.value(key)
		allNew = allNew && ok && got == want

		before, known := facts[key]
		if !known {
			before, known = absentValue(key)
		}
		allOld = allOld && (!known || (ok && got == before))
	}

	if !allNew && !allOld {
		return false, fmt.Errorf("operation at the kill is half applied: %s", describePending(snap, facts, pending))
	}

	return allNew, nil
}

func describePending(snap crashSnapshot, facts, pending map[string]string) string {
	var parts []string
	for key, want := range pending {
		got, _ := snap.value(key)
		parts = append(parts, fmt.Sprintf("%s: before %q, after %q, stored %q", key, facts[key], want, got))
	}

	return strings.Join(parts, "; ")
}

// TestCrashChecksFindDamage breaks a database in the ways the crash test
// looks for and expects each check to report it.
func TestCrashChecksFindDamage(t *testing.T) {
	requireSQLite(t, "the crash harness kills a process writing the file")
	ctx := context.Background()
	s := openTestStore(t)
	mustImport(t, s, crashBatch(rand.New(rand.NewPCG(1, 1)), "r0o1", 8))

	prefix := crashPrefix("r0o1")
	facts := map[string]string{batchKey(prefix, "leads"): "8", batchKey(prefix, "opportunities"): "8",
		batchKey(prefix, "companies"): fmt.Sprint(crashCompaniesPerBatch)}
	snap, err := readCrashSnapshot(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkBatches(snap, facts, nil, 8); err != nil {
		t.Fatalf("checkBatches on a whole import: %v", err)
	}
	if err := checkDerived(ctx, s); err != nil {
		t.Fatalf("checkDerived on a whole import: %v", err)
	}

	var dealID int64
	if err := s.db.Raw("SELECT MIN(id) FROM opportunities").Scan(&dealID).Error; err != nil {
		t.Fatal(err)
	}

	facts[dealKey(dealID, "owner")] = "Someone else"
	if err := checkFacts(snap, facts); err == nil {
		t.Error("checkFacts accepts an owner that the database does not hold")
	}
	delete(facts, dealKey(dealID, "owner"))

	before := map[string]string{dealKey(dealID, "owner"): "Jonas Keller", dealKey(dealID, "title"): "Old title"}
	pending := map[string]string{dealKey(dealID, "owner"): "Anna Schmidt",
		dealKey(dealID, "title"): snap.deals[dealID].Title}
	if _, err := settlePending(snap, before, pending); err == nil {
		t.Error("settlePending accepts an operation with one fact stored and one not")
	}

	crashExec(t, s, `UPDATE opportunities SET stage_id = (SELECT MIN(s.id) FROM stages s
		WHERE s.pipeline_id = opportunities.pipeline_id AND s.id <> opportunities.stage_id) WHERE id = ?`, dealID)
	if err := checkDerived(ctx, s); err == nil {
		t.Error("checkDerived accepts a deal whose stage is not its last stage change's target")
	}

	crashExec(t, s, "DELETE FROM opportunities WHERE id = ?", dealID)
	snap, err = readCrashSnapshot(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkBatches(snap, facts, nil, 8); err == nil {
		t.Error("checkBatches accepts an import that lost one deal")
	}
}

func crashExec(t *testing.T, s *Store, query string, args ...any) {
	t.Helper()

	if err := s.db.Exec(query, args...).Error; err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
