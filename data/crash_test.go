package data

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// crashBatchSize is the number of leads and of deals in each import of
// the crash test, unless LEADWERK_CRASH_BATCH sets another.
const crashBatchSize = 100

// Environment variables that change a crash test run.
const (
	crashKillsEnv = "LEADWERK_CRASH_KILLS"
	crashSeedEnv  = "LEADWERK_CRASH_SEED"
	crashBatchEnv = "LEADWERK_CRASH_BATCH"
)

// crashStats counts what the kills of one run met, for docs/RELIABILITY.md.
type crashStats struct {
	kills int
	// idleKills were kills before the writer started its first operation,
	// while the process started or opened the database.
	idleKills int
	saved     int
	// savedKinds counts the saved operations per kind.
	savedKinds map[string]int
	// pendingCommitted and pendingLost count the operations running at a
	// kill whose transaction had and had not committed.
	pendingCommitted, pendingLost int
	importsAtKill                 int
	// walRecoveries counts kills that left a non-empty WAL file for the
	// next open to recover.
	walRecoveries int
}

// TestCrashKills starts a writer process on one database file, kills it
// with SIGKILL after a random 5 to 300 ms and reopens the file. It then
// checks SQLite's integrity, every operation that the writer journaled as
// saved, that the operation running at the kill is whole or absent, that
// no import is half stored, and the derived data. The next round writes
// to the same file. It makes 100 kills, 10 with -short, or as many as
// LEADWERK_CRASH_KILLS sets, and LEADWERK_CRASH_SEED repeats a run's
// choices. The kill times depend on the machine's speed, so one seed does
// not repeat a run exactly.
func TestCrashKills(t *testing.T) {
	requireSQLite(t, "the crash harness kills a process writing the file")
	if runtime.GOOS == "windows" {
		t.Skip("the crash test sends SIGKILL, which Windows lacks")
	}

	kills := 100
	if testing.Short() {
		kills = 10
	}
	kills = envInt(t, crashKillsEnv, kills)
	seed := uint64(envInt(t, crashSeedEnv, int(time.Now().UnixNano()%1_000_000)))
	t.Logf("seed %d: repeat the choices with %s=%d", seed, crashSeedEnv, seed)

	h := &crashHarness{t: t, dir: t.TempDir(), seed: seed, batchSize: envInt(t, crashBatchEnv, crashBatchSize),
		facts: map[string]string{}, stats: crashStats{savedKinds: map[string]int{}}}
	h.db = filepath.Join(h.dir, "leadwerk.db")
	rng := rand.New(rand.NewPCG(seed, 0))
	start := time.Now()

	for round := range kills {
		delay := time.Duration(5+rng.IntN(296)) * time.Millisecond
		h.runRound(round, delay)
	}

	st := h.stats
	t.Logf("%d kills in %v: %d ops saved, %d kills before the first op, %d running ops committed and %d rolled back "+
		"(%d of them imports), %d WAL recoveries, %d facts checked at the end",
		st.kills, time.Since(start).Round(time.Second), st.saved, st.idleKills, st.pendingCommitted, st.pendingLost,
		st.importsAtKill, st.walRecoveries, len(h.facts))
	t.Logf("saved ops per kind: %v", st.savedKinds)
}

// crashHarness carries what the rounds of TestCrashKills share: the
// database file and every fact saved so far.
type crashHarness struct {
	t         *testing.T
	dir       string
	db        string
	seed      uint64
	batchSize int
	facts     map[string]string
	stats     crashStats
}

// runRound runs the writer for delay, kills it and checks the database.
func (h *crashHarness) runRound(round int, delay time.Duration) {
	journal := filepath.Join(h.dir, fmt.Sprintf("journal-%03d.jsonl", round))
	output := h.killWriter(round, journal, delay)

	records, err := readJournal(journal)
	if err != nil {
		h.t.Fatalf("round %d: %v", round, err)
	}

	saved, pending, err := foldJournal(records)
	if err != nil {
		h.t.Fatalf("round %d: %v\nwriter output:\n%s", round, err, output)
	}
	h.stats.kills++
	h.stats.saved += len(saved)
	for _, r := range saved {
		h.stats.savedKinds[r.Kind]++
	}
	if len(records) == 0 {
		h.stats.idleKills++
	}
	if pending != nil && pending.Kind == "import" {
		h.stats.importsAtKill++
	}

	if err := h.checkRound(saved, pending); err != nil {
		h.t.Fatalf("round %d after %v (seed %d): %v\nwriter output:\n%s", round, delay, h.seed, err, output)
	}
}

// killWriter starts the writer, kills it after delay and returns its
// output. A writer that ended by itself fails the test.
func (h *crashHarness) killWriter(round int, journal string, delay time.Duration) string {
	cfg, err := json.Marshal(crashWriterConfig{DB: h.db, Journal: journal, Seed: h.seed, Round: round,
		BatchSize: h.batchSize})
	if err != nil {
		h.t.Fatal(err)
	}

	var output bytes.Buffer
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashWriterEnv+"="+string(cfg))
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		h.t.Fatalf("round %d: start writer: %v", round, err)
	}

	time.Sleep(delay)
	killErr := cmd.Process.Kill()
	_ = cmd.Wait()

	// ExitCode is -1 for a process ended by a signal.
	if killErr != nil || cmd.ProcessState.ExitCode() != -1 {
		h.t.Fatalf("round %d: the writer ended before the kill with %v:\n%s", round, cmd.ProcessState, output.String())
	}

	return output.String()
}

// checkRound reopens the database, checks it and adds the saved facts and
// those of a pending operation that committed to h.facts.
func (h *crashHarness) checkRound(saved []journalRecord, pending *journalRecord) error {
	if info, err := os.Stat(h.db + "-wal"); err == nil && info.Size() > 0 {
		h.stats.walRecoveries++
	}

	s, err := Open(h.db)
	if err != nil {
		return fmt.Errorf("reopen database: %w", err)
	}
	defer s.Close()

	for _, r := range saved {
		maps.Copy(h.facts, r.Facts)
	}

	if err := h.checkStore(s, pending); err != nil {
		return err
	}

	return nil
}

func (h *crashHarness) checkStore(s *Store, pending *journalRecord) error {
	ctx := context.Background()
	if err := checkSQLite(s); err != nil {
		return err
	}

	if err := checkDerived(ctx, s); err != nil {
		return err
	}

	snap, err := readCrashSnapshot(ctx, s)
	if err != nil {
		return err
	}

	var pendingFacts map[string]string
	if pending != nil {
		pendingFacts = pending.Facts
	}

	if err := checkBatches(snap, h.facts, pendingFacts, h.batchSize); err != nil {
		return err
	}

	committed, err := settlePending(snap, h.facts, pendingFacts)
	if err != nil {
		return err
	}

	switch {
	case pending == nil:
	case committed:
		h.stats.pendingCommitted++
		maps.Copy(h.facts, pendingFacts)
	default:
		h.stats.pendingLost++
	}

	return checkFacts(snap, h.facts)
}

// readJournal reads the records of a journal file. A last line without
// its newline was cut off by the kill and is left out.
func readJournal(path string) ([]journalRecord, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read journal: %w", err)
	}

	if cut := bytes.LastIndexByte(data, '\n'); cut+1 < len(data) {
		data = data[:cut+1]
	}

	var records []journalRecord
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var r journalRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("journal %s line %d: %w", path, len(records)+1, err)
		}
		records = append(records, r)
	}

	return records, sc.Err()
}

// foldJournal pairs each started record with its saved record. It returns
// the saved operations, with their facts, and the one operation that was
// started but not saved, or nil.
func foldJournal(records []journalRecord) ([]journalRecord, *journalRecord, error) {
	var saved []journalRecord
	var pending *journalRecord
	for _, r := range records {
		switch {
		case r.State == journalStarted && pending == nil:
			pending = &r
		case r.State == journalSaved && pending != nil && pending.Op == r.Op:
			saved = append(saved, *pending)
			pending = nil
		default:
			return nil, nil, fmt.Errorf("journal record op %d %s is out of order", r.Op, r.State)
		}
	}

	return saved, pending, nil
}

// envInt returns the number in the environment variable name, or def when
// it is unset.
func envInt(t *testing.T, name string, def int) int {
	t.Helper()

	text := os.Getenv(name)
	if text == "" {
		return def
	}

	n, err := strconv.Atoi(text)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q is not a whole number of 0 or more", name, text)
	}

	return n
}
