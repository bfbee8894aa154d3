package data

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"leadwerk/app"
)

var _ app.DuplicateService = (*Store)(nil)

// duplicateProgressEvery is how many scanned rows pass between progress reports
// and cancellation checks.
const duplicateProgressEvery = 2000

// FindDuplicateGroups returns the duplicate groups of companies, contacts
// and leads. SQL delivers the records in blocks that may hold duplicates:
// leads and contacts by shared e-mail and by company, companies by the
// first letter of their folded name. Names are compared with each other
// only within a block (see [app.DuplicateLinker.LinkSimilarNames]). An
// e-mail address used by people with different names comes back as a
// group whose only match is [app.MatchSharedEmail].
func (s *Store) FindDuplicateGroups(ctx context.Context, progress app.Progress) ([]app.DuplicateGroup, error) {
	start := time.Now()
	var groups []app.DuplicateGroup
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		f, err := newDuplicateFinder(ctx, tx, progress)
		if err != nil {
			return err
		}

		groups, err = f.findAll()

		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find duplicates: %w", err)
	}

	slog.Info("duplicates found", "groups", len(groups), "duration", time.Since(start))

	return groups, nil
}

// duplicateFinder scans one kind after the other and counts the rows it
// has read for the progress callback.
type duplicateFinder struct {
	ctx      context.Context
	tx       *gorm.DB
	progress app.Progress
	total    int
	done     int
}

func newDuplicateFinder(ctx context.Context, tx *gorm.DB, progress app.Progress) (*duplicateFinder, error) {
	var total int64
	err := tx.Raw(`SELECT (SELECT COUNT(*) FROM leads) * 2 + (SELECT COUNT(*) FROM contacts) +
		(SELECT COUNT(*) FROM companies)`).Scan(&total).Error
	if err != nil {
		return nil, fmt.Errorf("count records: %w", err)
	}

	if progress == nil {
		progress = func(int, int) {}
	}

	return &duplicateFinder{ctx: ctx, tx: tx, progress: progress, total: int(total)}, nil
}

func (f *duplicateFinder) findAll() ([]app.DuplicateGroup, error) {
	var all []app.DuplicateGroup
	for _, find := range []func() ([]app.DuplicateGroup, error){f.companies, f.contacts, f.leads} {
		groups, err := find()
		if err != nil {
			return nil, err
		}
		all = append(all, groups...)
	}

	f.progress(f.total, f.total)

	return all, nil
}

// step counts one scanned row and reports progress and cancellation every
// duplicateProgressEvery rows.
func (f *duplicateFinder) step() error {
	f.done++
	if f.done%duplicateProgressEvery != 0 {
		return nil
	}

	f.progress(min(f.done, f.total), f.total)

	return f.ctx.Err()
}

// blockRow is a scanned record with the key of its block.
type blockRow struct {
	block string
	app.NamedID
}

// scanBlocks runs query, whose rows are (id, block key, name) ordered by
// block key, and calls visit with the records of each block of two or
// more.
func (f *duplicateFinder) scanBlocks(query string, fold func(string) string, visit func(block string,
	records []app.NamedID)) error {
	rows, err := f.tx.Raw(query).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()

	var block string
	var records []app.NamedID
	flush := func() {
		if len(records) > 1 {
			visit(block, records)
		}
		records = nil
	}

	for rows.Next() {
		r, err := scanBlockRow(rows, fold)
		if err != nil {
			return err
		}

		if r.block != block {
			flush()
			block = r.block
		}
		records = append(records, r.NamedID)

		if err := f.step(); err != nil {
			return err
		}
	}
	flush()

	return rows.Err()
}

func scanBlockRow(rows *sql.Rows, fold func(string) string) (blockRow, error) {
	var r blockRow
	var name string
	if err := rows.Scan(&r.ID, &r.block, &name); err != nil {
		return blockRow{}, err
	}

	r.Name = fold(name)

	return r, nil
}

func unchanged(s string) string { return s }

// emailBlocks links the records that share an e-mail address and returns
// the addresses that different people share, with their ids.
func (f *duplicateFinder) emailBlocks(linker *app.DuplicateLinker, query string,
	fold func(string) string) (map[string][]int64, error) {
	shared := map[string][]int64{}
	err := f.scanBlocks(query, fold, func(email string, records []app.NamedID) {
		if linker.LinkSameEmail(email, records) {
			ids := make([]int64, len(records))
			for i, r := range records {
				ids[i] = r.ID
			}
			shared[email] = ids
		}
	})

	return shared, err
}

func (f *duplicateFinder) leads() ([]app.DuplicateGroup, error) {
	linker := app.NewDuplicateLinker()
	shared, err := f.emailBlocks(linker, `
		SELECT id, email_key, name_key FROM leads
		WHERE email_key IN (SELECT email_key FROM leads WHERE email_key <> '' GROUP BY email_key HAVING COUNT(*) > 1)
		ORDER BY email_key, id`, unchanged)
	if err != nil {
		return nil, fmt.Errorf("scan leads by e-mail: %w", err)
	}

	err = f.scanBlocks(`
		SELECT id, company_key, name_key FROM leads
		WHERE company_key <> '' AND name_key <> ''
		ORDER BY company_key`, unchanged, func(_ string, records []app.NamedID) { linker.LinkSimilarNames(records) })
	if err != nil {
		return nil, fmt.Errorf("scan leads by company: %w", err)
	}

	return f.groups(app.DuplicateLeads, linker, shared)
}

func (f *duplicateFinder) contacts() ([]app.DuplicateGroup, error) {
	linker := app.NewDuplicateLinker()
	shared, err := f.emailBlocks(linker, `
		SELECT id, lower(trim(email)), first_name || ' ' || last_name FROM contacts
		WHERE lower(trim(email)) IN (SELECT lower(trim(email)) FROM contacts WHERE trim(email) <> ''
			GROUP BY lower(trim(email)) HAVING COUNT(*) > 1)
		ORDER BY lower(trim(email)), id`, app.NormalizeName)
	if err != nil {
		return nil, fmt.Errorf("scan contacts by e-mail: %w", err)
	}

	err = f.scanBlocks(`
		SELECT id, CAST(company_id AS TEXT), first_name || ' ' || last_name FROM contacts
		WHERE company_id IS NOT NULL
		ORDER BY company_id`, app.NormalizeName, func(_ string, records []app.NamedID) { linker.LinkSimilarNames(records) })
	if err != nil {
		return nil, fmt.Errorf("scan contacts by company: %w", err)
	}

	return f.groups(app.DuplicateContacts, linker, shared)
}

// companies compares company names within blocks of the same first
// letter of the folded name. name_key is folded by app.NormalizeCompany
// on every write, so SQL can order by it.
func (f *duplicateFinder) companies() ([]app.DuplicateGroup, error) {
	linker := app.NewDuplicateLinker()
	err := f.scanBlocks(`
		SELECT id, substr(name_key, 1, 1), name_key FROM companies
		WHERE name_key <> ''
		ORDER BY name_key, id`, unchanged, func(_ string, records []app.NamedID) { linker.LinkSimilarNames(records) })
	if err != nil {
		return nil, fmt.Errorf("scan companies by name: %w", err)
	}

	return f.groups(app.DuplicateCompanies, linker, nil)
}

// groups loads the records of the linked groups and of the shared e-mail
// addresses.
func (f *duplicateFinder) groups(kind app.DuplicateKind, linker *app.DuplicateLinker,
	shared map[string][]int64) ([]app.DuplicateGroup, error) {
	linked := linker.Groups()
	var groups []app.DuplicateGroup
	var ids []int64
	for _, g := range linked {
		groups = append(groups, app.DuplicateGroup{Kind: kind, Matches: g.Matches})
		ids = append(ids, g.IDs...)
	}

	members := make([][]int64, 0, len(linked)+len(shared))
	for _, g := range linked {
		members = append(members, g.IDs)
	}

	for _, email := range sortedKeys(shared) {
		match := app.DuplicateMatch{Reason: app.MatchSharedEmail, Value: email, Score: 1}
		groups = append(groups, app.DuplicateGroup{Kind: kind, Matches: []app.DuplicateMatch{match}})
		members = append(members, shared[email])
		ids = append(ids, shared[email]...)
	}

	records, err := loadDuplicateRecords(f.tx, kind, ids)
	if err != nil {
		return nil, err
	}

	for i := range groups {
		for _, id := range members[i] {
			groups[i].Records = append(groups[i].Records, records[id])
		}
	}

	return groups, nil
}
