package data

import (
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"

	"gorm.io/gorm"
)

// A file import that adds many leads drops the leads table's secondary
// indexes, the trigger that fills leads_fts and the rule trigger that
// checks each new lead. Then it inserts the leads and checks the rules in
// one query per rule. Last it recreates the indexes and fills leads_fts
// in one statement. All of it runs in the import's transaction, so a
// cancel or an error before the commit rolls the dropped schema back with
// the rows, because SQLite's DDL is transactional.
const (
	// bulkLeadsMin is the fewest new leads that switch to the bulk path.
	// It and the two limits below are estimates of where rebuilding the
	// indexes starts to cost less than updating them row by row.
	bulkLeadsMin = fileBatchSize
	// bulkLeadsAlways is the number of new leads that switch to the bulk
	// path whatever the table's size.
	bulkLeadsAlways = 10_000
	// bulkLeadsShare is the share of the stored leads, in percent, above
	// which new leads switch to the bulk path.
	bulkLeadsShare = 20
)

// bulkFTSHashSize is the FTS5 option hashsize, in bytes, while the bulk
// path fills leads_fts. FTS5 writes a new index segment each time its
// pending data reach hashsize and merges the segments as they pile up,
// so 64 MiB in place of the default 1 MiB spares most of the merging.
// The option is stored in leads_fts_config, and restore sets it back.
const bulkFTSHashSize = 64 << 20

// defaultFTSHashSize is FTS5's hashsize when leads_fts_config has none,
// FTS5_DEFAULT_HASHSIZE in SQLite 3.41 as modernc.org/sqlite v1.23.1
// bundles it.
const defaultFTSHashSize = 1 << 20

// importCacheKiB is the page cache of the connection during a file
// import, in KiB, in place of the 32 MiB that dsn sets. SQLite allocates
// pages only as it uses them, so a small import uses no more memory. An
// import that changes up to 128 MiB of pages writes them once at the
// commit instead of spilling some to the WAL file before it.
const importCacheKiB = 128 << 10

// fillLeadsFTSSQL adds the leads_fts rows of the leads above an id, with
// the values the trigger leads_fts_insert of schemaV18 gives one lead.
const fillLeadsFTSSQL = `INSERT INTO leads_fts (rowid, name, company, email, city, state)
SELECT id, lw_search_text(trim(first_name || ' ' || last_name)), lw_search_text(company_name),
	lw_search_text(email), lw_search_text(city),
	CASE WHEN ` + openLeadsWhere + ` THEN 'open' ELSE 'done' END
FROM leads WHERE id > ?`

// bulkLeads is the schema that the bulk path dropped.
type bulkLeads struct {
	// afterID is the largest lead id before the drop. Leads above it have
	// no leads_fts row yet.
	afterID int64
	// schema holds the dropped indexes and triggers.
	schema []schemaObject
}

// schemaObject is an index or trigger with the CREATE statement that
// sqlite_master stores.
type schemaObject struct {
	Type, Name, SQL string
}

// wantsBulk reports whether an import that adds created leads to a table
// of stored leads should take the bulk path.
func wantsBulk(created, stored int) bool {
	return created >= bulkLeadsMin && (created >= bulkLeadsAlways || created*100 > stored*bulkLeadsShare)
}

// dropLeadIndexes drops the secondary indexes of leads and the triggers
// leads_fts_insert and leads_rules_insert. Leads with ids above afterID
// get their leads_fts rows and their rule check from
// [bulkLeads.restore]. In SQLite 3.40 the rule trigger alone took five
// times as long as inserting 100,000 leads without it, because SQLite
// runs a trigger as a subprogram per row.
func dropLeadIndexes(tx *gorm.DB, afterID int64) (*bulkLeads, error) {
	b := &bulkLeads{afterID: afterID}
	err := tx.Raw(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'leads' AND sql IS NOT NULL
		AND (type = 'index' OR (type = 'trigger' AND name IN ('leads_fts_insert', 'leads_rules_insert')))
		ORDER BY type, name`).
		Scan(&b.schema).Error
	if err != nil {
		return nil, fmt.Errorf("read lead indexes: %w", err)
	}

	for _, o := range b.schema {
		if err := tx.Exec(fmt.Sprintf(`DROP %s "%s"`, o.Type, o.Name)).Error; err != nil {
			return nil, fmt.Errorf("drop %s %s: %w", o.Type, o.Name, err)
		}
	}

	return b, nil
}

// restore checks the inserted leads against the dropped rule trigger,
// recreates what dropLeadIndexes dropped and adds the leads_fts rows of
// the leads inserted since.
func (b *bulkLeads) restore(tx *gorm.DB) error {
	if err := b.checkRules(tx); err != nil {
		return err
	}

	for _, o := range b.schema {
		if err := tx.Exec(o.SQL).Error; err != nil {
			return fmt.Errorf("recreate %s %s: %w", o.Type, o.Name, err)
		}
	}

	hashSize := defaultFTSHashSize
	err := tx.Raw(`SELECT v FROM leads_fts_config WHERE k = 'hashsize'`).Scan(&hashSize).Error
	if err != nil {
		return fmt.Errorf("read the hashsize of leads_fts: %w", err)
	}

	if err := setFTSHashSize(tx, bulkFTSHashSize); err != nil {
		return err
	}
	if err := tx.Exec(fillLeadsFTSSQL, b.afterID).Error; err != nil {
		return fmt.Errorf("fill the lead search index: %w", err)
	}

	return setFTSHashSize(tx, hashSize)
}

func setFTSHashSize(tx *gorm.DB, bytes int) error {
	if err := tx.Exec(`INSERT INTO leads_fts (leads_fts, rank) VALUES ('hashsize', ?)`, bytes).Error; err != nil {
		return fmt.Errorf("set the hashsize of leads_fts to %d: %w", bytes, err)
	}

	return nil
}

// raiseImportCache sets the page cache to importCacheKiB and returns the
// function that sets the previous size again. The store has one
// connection, so both statements reach the connection of the import.
//
// On PostgreSQL it does nothing, because the server sizes its own cache.
func (s *Store) raiseImportCache() (func(), error) {
	if s.backend.isPostgres() {
		return func() {}, nil
	}

	var previous int
	if err := s.db.Raw(`PRAGMA cache_size`).Scan(&previous).Error; err != nil {
		return nil, fmt.Errorf("read the page cache size: %w", err)
	}
	if err := s.db.Exec(fmt.Sprintf(`PRAGMA cache_size = %d`, -importCacheKiB)).Error; err != nil {
		return nil, fmt.Errorf("set the page cache size: %w", err)
	}

	return func() {
		err := s.db.Exec(fmt.Sprintf(`PRAGMA cache_size = %d`, previous)).Error
		if err != nil {
			slog.Error("file import: restoring the page cache size failed", "size", previous, "err", err)
		}
	}, nil
}

// raiseLine matches one rule of a trigger that [writeTrigger] wrote: the
// message, with quotes doubled, and the condition on the NEW row.
var raiseLine = regexp.MustCompile(`(?m)^\s*SELECT RAISE\(ABORT, '((?:[^']|'')*)'\) WHERE (.+);$`)

// checkRules runs each rule of the dropped leads_rules_insert over the
// leads inserted since the drop, as one query per rule, and returns the
// rule's error for the first lead that breaks it.
func (b *bulkLeads) checkRules(tx *gorm.DB) error {
	for _, o := range b.schema {
		if o.Name != "leads_rules_insert" {
			continue
		}

		for _, m := range raiseLine.FindAllStringSubmatch(o.SQL, -1) {
			message := strings.ReplaceAll(m[1], "''", "'")
			condition := strings.ReplaceAll(m[2], "NEW.", "")

			var ids []int64
			query := "SELECT id FROM leads WHERE id > ? AND (" + condition + ") LIMIT 1"
			if err := tx.Raw(query, b.afterID).Scan(&ids).Error; err != nil {
				return fmt.Errorf("check the imported leads: %w", err)
			}
			if len(ids) > 0 {
				return fmt.Errorf("lead %d: %w", ids[0], constraintError(errors.New(message)))
			}
		}
	}

	return nil
}
