package data

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"leadwerk/app"
)

// crashWriterEnv is the environment variable that turns the test binary
// into the writer process of TestCrashKills. It carries a crashWriterConfig
// as JSON.
const crashWriterEnv = "LEADWERK_CRASH_WRITER"

// crashWriterLifetime ends a writer that was never killed, such as one
// whose parent test died, so no process outlives the test for long.
const crashWriterLifetime = 20 * time.Second

// crashPipelineName names the pipeline that the writer's imports create.
const crashPipelineName = "Crash test"

// crashSampleSize is how many deals and leads the writer loads to choose
// from at its start and after each import.
const crashSampleSize = 300

// crashWriterConfig is the configuration that the parent passes to one
// writer process.
type crashWriterConfig struct {
	DB      string `json:"db"`
	Journal string `json:"journal"`
	Seed    uint64 `json:"seed"`
	Round   int    `json:"round"`
	// BatchSize is the number of leads and of deals per import.
	BatchSize int `json:"batch_size"`
}

// journalRecord is one line of the writer's journal. The writer appends a
// "started" record with the facts the operation will make true before it
// calls the store, and a "saved" record after the call returned nil, and
// it syncs the file after each. Facts map a key such as "deal/12/stage"
// to its expected value; crashFacts reads the same keys back.
type journalRecord struct {
	Op    int               `json:"op"`
	State string            `json:"state"`
	Kind  string            `json:"kind,omitempty"`
	Facts map[string]string `json:"facts,omitempty"`
}

// The states of a journal record.
const (
	journalStarted = "started"
	journalSaved   = "saved"
)

// TestCrashWriter is not a test of its own: TestCrashKills runs the test
// binary with crashWriterEnv set, and this function then writes to the
// database until the parent kills the process.
func TestCrashWriter(t *testing.T) {
	requireSQLite(t, "the crash harness kills a process writing the file")
	raw := os.Getenv(crashWriterEnv)
	if raw == "" {
		t.Skip("runs only as the writer process of TestCrashKills")
	}

	var cfg crashWriterConfig
	if err := json.Unmarshal([]byte(raw), &cfg); err != nil {
		t.Fatalf("%s holds invalid JSON %q: %v", crashWriterEnv, raw, err)
	}

	w, err := openCrashWriter(cfg)
	if err != nil {
		t.Fatal(err)
	}

	deadline := time.Now().Add(crashWriterLifetime)
	for time.Now().Before(deadline) {
		if err := w.step(); err != nil {
			t.Fatalf("round %d, op %d: %v", cfg.Round, w.op, err)
		}
	}

	t.Fatalf("round %d: the writer ran for %v without being killed", cfg.Round, crashWriterLifetime)
}

// crashWriter changes the database through the public Store API, one
// use case per step, and journals what each step saved.
type crashWriter struct {
	ctx     context.Context
	store   *Store
	journal *os.File
	rng     *rand.Rand
	cfg     crashWriterConfig
	op      int

	// pipeline is the crash pipeline with its stage ids, or the zero
	// Pipeline before the first import created it.
	pipeline app.Pipeline
	// deals maps the sampled deals to their current stage name, and
	// leads the sampled leads to their status.
	deals map[int64]string
	leads map[int64]app.LeadStatus
}

func openCrashWriter(cfg crashWriterConfig) (*crashWriter, error) {
	store, err := Open(cfg.DB)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}

	journal, err := os.OpenFile(cfg.Journal, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}

	w := &crashWriter{
		ctx: context.Background(), store: store, journal: journal, cfg: cfg,
		rng: rand.New(rand.NewPCG(cfg.Seed, uint64(cfg.Round))),
	}

	return w, w.loadSample()
}

// loadSample reads the crash pipeline and a random window of its deals
// and of the leads, so the writer's choices spread over the whole file.
func (w *crashWriter) loadSample() error {
	pipelines, err := w.store.Pipelines(w.ctx)
	if err != nil {
		return err
	}

	w.pipeline = app.Pipeline{}
	for _, p := range pipelines {
		if p.Name == crashPipelineName {
			w.pipeline = p
		}
	}

	w.deals = map[int64]string{}
	if w.pipeline.ID != 0 {
		if err := w.loadDeals(); err != nil {
			return err
		}
	}

	w.leads = map[int64]app.LeadStatus{}

	return w.loadLeads()
}

func (w *crashWriter) loadDeals() error {
	q := app.OpportunityQuery{PipelineID: w.pipeline.ID}
	count, err := w.store.CountOpportunities(w.ctx, q)
	if err != nil {
		return err
	}

	q.Offset, q.Limit = w.sampleOffset(count), crashSampleSize
	rows, err := w.store.ListOpportunities(w.ctx, q)
	if err != nil {
		return err
	}

	for _, r := range rows {
		w.deals[r.ID] = r.Stage
	}

	return nil
}

func (w *crashWriter) loadLeads() error {
	q := app.LeadQuery{Sort: app.SortLeadsByCreated}
	count, err := w.store.CountLeads(w.ctx, q)
	if err != nil {
		return err
	}

	q.Offset, q.Limit = w.sampleOffset(count), crashSampleSize
	leads, err := w.store.ListLeads(w.ctx, q)
	if err != nil {
		return err
	}

	for _, l := range leads {
		w.leads[l.ID] = l.Status
	}

	return nil
}

func (w *crashWriter) sampleOffset(count int) int {
	if count <= crashSampleSize {
		return 0
	}

	return w.rng.IntN(count - crashSampleSize)
}

// step runs one use case, chosen at random. Before the first import there
// is nothing to edit, so the writer imports. Later about one step in 8
// imports, because a round has only a few steps before the kill.
func (w *crashWriter) step() error {
	if len(w.deals) == 0 || w.rng.IntN(8) == 0 {
		return w.importBatch()
	}

	steps := []func() error{
		w.editDeal, w.moveDeal, w.moveDeal, w.closeDeal, w.reopenDeal, w.setProbability,
		w.bulkUpdate, w.changeLeadStatus, w.changeLeadStatus, w.addDealActivity,
		w.addLeadActivity, w.createLead,
	}

	return steps[w.rng.IntN(len(steps))]()
}

// run journals the start of operation kind with its facts, calls save
// and journals that it returned nil. An error from save ends the writer,
// because every step requests only changes that the rules allow.
func (w *crashWriter) run(kind string, facts map[string]string, save func() error) error {
	w.op++
	if err := w.append(journalRecord{Op: w.op, State: journalStarted, Kind: kind, Facts: facts}); err != nil {
		return err
	}

	if err := save(); err != nil {
		return fmt.Errorf("%s: %w", kind, err)
	}

	return w.append(journalRecord{Op: w.op, State: journalSaved})
}

// append writes one journal line and syncs it, so a line that the parent
// reads was written before the process went on.
func (w *crashWriter) append(r journalRecord) error {
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode journal record: %w", err)
	}

	if _, err := w.journal.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("write journal: %w", err)
	}

	if err := w.journal.Sync(); err != nil {
		return fmt.Errorf("sync journal: %w", err)
	}

	return nil
}

// name returns a text unique to the current round and the next operation,
// such as "r3o17".
func (w *crashWriter) name() string {
	return fmt.Sprintf("r%do%d", w.cfg.Round, w.op+1)
}

func (w *crashWriter) importBatch() error {
	prefix := crashPrefix(w.name())
	b := crashBatch(w.rng, w.name(), w.cfg.BatchSize)
	facts := map[string]string{
		"batch/" + prefix + "companies":     fmt.Sprint(len(b.Companies)),
		"batch/" + prefix + "leads":         fmt.Sprint(len(b.Leads)),
		"batch/" + prefix + "opportunities": fmt.Sprint(len(b.Opportunities)),
	}

	err := w.run("import", facts, func() error {
		_, err := w.store.Import(w.ctx, b, nil)

		return err
	})
	if err != nil {
		return err
	}

	return w.loadSample()
}

// editDeal saves the deal form with a new title and amount.
func (w *crashWriter) editDeal() error {
	id := w.pickDeal(func(string) bool { return true })
	detail, err := w.store.Opportunity(w.ctx, id)
	if err != nil {
		return err
	}

	o := detail.Opportunity
	o.Title = "Deal " + w.name()
	o.Amount.Minor = w.rng.Int64N(5_000_000)
	facts := map[string]string{
		dealKey(id, "title"):  o.Title,
		dealKey(id, "amount"): o.Amount.String(),
	}

	return w.run("edit", facts, func() error {
		_, err := w.store.UpdateOpportunity(w.ctx, o)

		return err
	})
}

// moveDeal moves an open deal to another open stage or to the won stage.
func (w *crashWriter) moveDeal() error {
	id := w.pickDeal(w.isOpen)
	if id == 0 {
		return nil
	}

	to := w.pickStage(func(s app.Stage) bool { return s.Kind != app.StageLost && s.Name != w.deals[id] })
	facts := w.stageFacts(id, to)

	err := w.run("move", facts, func() error { return w.store.MoveOpportunity(w.ctx, id, to.ID) })
	if err == nil {
		w.deals[id] = to.Name
	}

	return err
}

func (w *crashWriter) closeDeal() error {
	id := w.pickDeal(w.isOpen)
	if id == 0 {
		return nil
	}

	won := w.rng.IntN(2) == 0
	kind := app.StageLost
	if won {
		kind = app.StageWon
	}
	to := w.pickStage(func(s app.Stage) bool { return s.Kind == kind })
	reasons := app.DefaultCloseReasons().For(won)
	r := app.CloseRequest{Won: won, Reason: reasons[w.rng.IntN(len(reasons))], Note: "Closed in " + w.name()}

	err := w.run("close", w.stageFacts(id, to), func() error { return w.store.CloseOpportunity(w.ctx, id, r) })
	if err == nil {
		w.deals[id] = to.Name
	}

	return err
}

func (w *crashWriter) reopenDeal() error {
	id := w.pickDeal(func(stage string) bool { return !w.isOpen(stage) })
	if id == 0 {
		return nil
	}

	to := w.pickStage(func(s app.Stage) bool { return s.Kind == app.StageOpen })

	err := w.run("reopen", w.stageFacts(id, to), func() error { return w.store.ReopenOpportunity(w.ctx, id, to.ID) })
	if err == nil {
		w.deals[id] = to.Name
	}

	return err
}

func (w *crashWriter) setProbability() error {
	id := w.pickDeal(w.isOpen)
	if id == 0 {
		return nil
	}

	percent := w.rng.IntN(101)
	facts := map[string]string{dealKey(id, "probability"): fmt.Sprint(percent)}

	return w.run("probability", facts, func() error {
		return w.store.SetOpportunityProbability(w.ctx, id, percent)
	})
}

// bulkUpdate gives 5 to 30 deals a new owner and close date, and moves
// the open ones to an open stage one time in three.
func (w *crashWriter) bulkUpdate() error {
	var ids []int64
	for range 5 + w.rng.IntN(26) {
		ids = append(ids, w.pickDeal(func(string) bool { return true }))
	}

	owner := "Owner " + w.name()
	closeDate := app.Date{Year: 2026 + w.rng.IntN(3), Month: time.Month(1 + w.rng.IntN(12)), Day: 1 + w.rng.IntN(28)}
	change := app.BulkChange{Owner: &owner, CloseDate: &closeDate}

	var to app.Stage
	if w.rng.IntN(3) == 0 {
		to = w.pickStage(func(s app.Stage) bool { return s.Kind == app.StageOpen })
		change.StageID = &to.ID
	}

	facts := map[string]string{}
	for _, id := range ids {
		facts[dealKey(id, "owner")] = owner
		facts[dealKey(id, "close_date")] = closeDate.String()
		if to.ID != 0 && w.isOpen(w.deals[id]) && w.deals[id] != to.Name {
			maps.Copy(facts, w.stageFacts(id, to))
		}
	}

	err := w.run("bulk", facts, func() error {
		_, err := w.store.BulkUpdate(w.ctx, ids, change)

		return err
	})
	if err == nil && to.ID != 0 {
		for _, id := range ids {
			if w.isOpen(w.deals[id]) {
				w.deals[id] = to.Name
			}
		}
	}

	return err
}

func (w *crashWriter) changeLeadStatus() error {
	id := w.pickLead(func(s app.LeadStatus) bool { return len(app.NextStatuses(s)) > 0 })
	if id == 0 {
		return nil
	}

	next := app.NextStatuses(w.leads[id])
	to := next[w.rng.IntN(len(next))]
	reason := ""
	if to == app.LeadDisqualified {
		reason = "No budget this year"
	}
	facts := map[string]string{leadKey(id, "status"): string(to)}

	err := w.run("lead status", facts, func() error { return w.store.ChangeLeadStatus(w.ctx, id, to, reason) })
	if err == nil {
		w.leads[id] = to
	}

	return err
}

func (w *crashWriter) addDealActivity() error {
	id := w.pickDeal(func(string) bool { return true })
	a := app.Activity{OpportunityID: id, Kind: app.ActivityCall, Subject: "Call " + w.name()}
	facts := map[string]string{"activity/" + a.Subject: fmt.Sprintf("deal %d", id)}

	return w.run("deal activity", facts, func() error {
		_, err := w.store.AddOpportunityActivity(w.ctx, a)

		return err
	})
}

func (w *crashWriter) addLeadActivity() error {
	id := w.pickLead(func(app.LeadStatus) bool { return true })
	if id == 0 {
		return nil
	}

	a := app.Activity{LeadID: id, Kind: app.ActivityEmail, Subject: "E-mail " + w.name()}
	facts := map[string]string{"activity/" + a.Subject: fmt.Sprintf("lead %d", id)}

	return w.run("lead activity", facts, func() error {
		_, err := w.store.AddLeadActivity(w.ctx, a)

		return err
	})
}

// createLead adds a lead as quick capture does. Its fact is checked
// through the search index, by e-mail.
func (w *crashWriter) createLead() error {
	email := "new-" + w.name() + "@crash.example"
	l := app.Lead{FirstName: "Nora", LastName: "Neu " + w.name(), CompanyName: "Neu GmbH", Email: email,
		City: "Graz", Source: app.SourceTradeFair}
	facts := map[string]string{"lead-email/" + email: "1"}

	return w.run("create lead", facts, func() error {
		_, err := w.store.CreateLead(w.ctx, l)

		return err
	})
}

// stageFacts returns the facts of deal id after it moved to stage to:
// the stage and its default probability.
func (w *crashWriter) stageFacts(id int64, to app.Stage) map[string]string {
	return map[string]string{
		dealKey(id, "stage"):       to.Name,
		dealKey(id, "probability"): fmt.Sprint(app.EffectiveProbability(to, false, 0)),
	}
}

func (w *crashWriter) isOpen(stage string) bool {
	for _, s := range w.pipeline.Stages {
		if s.Name == stage {
			return s.Kind == app.StageOpen
		}
	}

	return false
}

// pickDeal returns a random sampled deal whose stage keep accepts, or 0
// when there is none.
func (w *crashWriter) pickDeal(keep func(stage string) bool) int64 {
	var ids []int64
	for id, stage := range w.deals {
		if keep(stage) {
			ids = append(ids, id)
		}
	}

	return pickID(w.rng, ids)
}

// pickLead returns a random sampled lead whose status keep accepts, or 0
// when there is none.
func (w *crashWriter) pickLead(keep func(app.LeadStatus) bool) int64 {
	var ids []int64
	for id, status := range w.leads {
		if keep(status) {
			ids = append(ids, id)
		}
	}

	return pickID(w.rng, ids)
}

// pickID returns a random element of ids after sorting them, because map
// order would make the choice differ between runs of one seed.
func pickID(rng *rand.Rand, ids []int64) int64 {
	if len(ids) == 0 {
		return 0
	}

	slices.Sort(ids)

	return ids[rng.IntN(len(ids))]
}

func (w *crashWriter) pickStage(keep func(app.Stage) bool) app.Stage {
	var stages []app.Stage
	for _, s := range w.pipeline.Stages {
		if keep(s) {
			stages = append(stages, s)
		}
	}

	return stages[w.rng.IntN(len(stages))]
}

func dealKey(id int64, field string) string {
	return fmt.Sprintf("deal/%d/%s", id, field)
}

func leadKey(id int64, field string) string {
	return fmt.Sprintf("lead/%d/%s", id, field)
}
