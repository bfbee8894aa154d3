package data

import (
	"fmt"
	"strconv"
	"strings"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// matchKeys are the keys one record is found by: its source reference,
// its folded e-mail and its folded name with its company. A deal's name
// key also contains its amount and close date.
type matchKeys struct {
	ref, email, name string
}

// matchIndex holds the keys of the stored records of the file's kind,
// loaded once, and of the records the file adds, so memory grows with
// the number of distinct records, never with the rows read.
type matchIndex struct {
	refs, emails, names map[string]int64
	// freeEmails and freeNames contain the records without a source
	// reference of the import's source, the only ones that a row with a
	// source id may match by e-mail or name.
	freeEmails, freeNames map[string]int64
	// owned contains the records that a row with a source id matched by
	// e-mail or name, so a row with another id never matches them too.
	owned map[int64]bool
	// touched maps the records that a row of this file created or
	// matched to that row's line, so a later row matching one of them is
	// a duplicate of that line.
	touched map[int64]int
	// ids hands out the ids of the records of the file's kind.
	ids idSource
	// sourcePrefix starts every source reference of the file's kind that
	// the import writes, such as "hubspot:lead:".
	sourcePrefix string

	// The companies that contacts and deals link to, and the ids of the
	// companies that their rows create.
	companyRefs, companyNames map[string]int64
	companyIDs                idSource
	// contactEmails finds the contact a deal names by e-mail.
	contactEmails map[string]int64
	// status and stage hold the stored lead status and deal stage, which
	// an update compares to record a change.
	status map[int64]string
	stage  map[int64]int64
}

// add registers the keys of a record whose source reference is k.ref.
func (x *matchIndex) add(k matchKeys, id int64) {
	put(x.refs, k.ref, id)
	put(x.emails, k.email, id)
	put(x.names, k.name, id)
	if !strings.HasPrefix(k.ref, x.sourcePrefix) {
		put(x.freeEmails, k.email, id)
		put(x.freeNames, k.name, id)
	}
}

// put stores id under key unless key is empty or already taken.
func put(m map[string]int64, key string, id int64) {
	if _, taken := m[key]; key != "" && !taken {
		m[key] = id
	}
}

// matchResult is a row's match: the stored or earlier record, 0 for
// none, and the row's keys.
type matchResult struct {
	id   int64
	keys matchKeys
}

// match finds the record of a row by its source reference, else by
// e-mail unless rows with different names share it, else by name and
// company. If the row's source id is new, the e-mail and name match only
// records without a reference of the same source. A record with another
// id of that source is another person or deal. A company row matches by
// the folded company name, and a deal by its folded title, company,
// amount and close date.
func (fi *fileImport) match(rec mapping.Record) matchResult {
	k := fi.keysOf(rec)
	x := &fi.idx
	if k.ref == "" {
		return matchResult{id: firstMatch(x.emails, k.email, x.names, k.name, nil), keys: k}
	}

	if id, ok := x.refs[k.ref]; ok {
		return matchResult{id: id, keys: k}
	}

	id := firstMatch(x.freeEmails, k.email, x.freeNames, k.name, x.owned)
	if id != 0 {
		x.owned[id] = true
		x.refs[k.ref] = id
	}

	return matchResult{id: id, keys: k}
}

// firstMatch returns the record under email in emails, else under name
// in names, leaving out the records in skip, or 0.
func firstMatch(emails map[string]int64, email string, names map[string]int64, name string,
	skip map[int64]bool,
) int64 {
	if id, ok := emails[email]; ok && email != "" && !skip[id] {
		return id
	}
	if id, ok := names[name]; ok && name != "" && !skip[id] {
		return id
	}

	return 0
}

func (fi *fileImport) keysOf(rec mapping.Record) matchKeys {
	kind := fi.plan.Mapping.Kind
	k := matchKeys{ref: fi.plan.SourceRef(kind, rec.SourceID)}
	switch kind {
	case mapping.KindLeads:
		keys := app.KeysOf(rec.Lead)
		k.email = keys.Email
		k.name = nameCompanyKey(keys.Name, keys.Company)
	case mapping.KindContacts:
		k.email = app.NormalizeEmail(rec.Contact.Email)
		k.name = nameCompanyKey(app.NormalizeName(rec.Contact.FirstName+" "+rec.Contact.LastName),
			idKey(rec.Company.ID))
	case mapping.KindCompanies:
		k.name = app.NormalizeCompany(rec.Company.Name)
	default:
		d := rec.Deal
		k.name = dealMatchKey(d.Title, rec.Company.ID, d.Amount, d.CloseDate.String())
	}

	if fi.shared[k.email] {
		k.email = ""
	}

	return k
}

// dealMatchKey joins a deal's folded title, company, amount and close date.
// Deals of one company often share a title, such as "Renewal", so the
// title and company alone would fold different deals into one.
func dealMatchKey(title string, companyID int64, amount app.Money, closeDate string) string {
	if amount.Minor == 0 {
		amount.Currency = ""
	}

	return strings.Join([]string{app.NormalizeName(title), idKey(companyID),
		strconv.FormatInt(amount.Minor, 10), amount.Currency, closeDate}, "\x00")
}

// nameCompanyKey joins a folded name and company, "" when both are empty.
func nameCompanyKey(name, company string) string {
	if name == "" && company == "" {
		return ""
	}

	return name + "\x00" + company
}

func idKey(id int64) string {
	if id == 0 {
		return ""
	}

	return strconv.FormatInt(id, 10)
}

// newIDSource returns the source of new ids of table: its identity
// sequence when the import writes to PostgreSQL.
func (fi *fileImport) newIDSource(table string) idSource {
	if fi.write && isPostgresDB(fi.tx) {
		return idSource{tx: fi.tx, table: table}
	}

	return idSource{table: table}
}

// loadIndex reads the keys of the stored records of the file's kind.
func (fi *fileImport) loadIndex() error {
	fi.idx = matchIndex{refs: map[string]int64{}, emails: map[string]int64{}, names: map[string]int64{},
		freeEmails: map[string]int64{}, freeNames: map[string]int64{}, owned: map[int64]bool{},
		touched: map[int64]int{}, companyRefs: map[string]int64{}, companyNames: map[string]int64{},
		contactEmails: map[string]int64{}, status: map[int64]string{}, stage: map[int64]int64{},
		sourcePrefix: strings.TrimSuffix(fi.plan.SourceRef(fi.plan.Mapping.Kind, "-"), "-")}

	fi.idx.ids, fi.idx.companyIDs = fi.newIDSource(importTables[fi.plan.Mapping.Kind]), fi.newIDSource("companies")
	if err := fi.loadCompanies(); err != nil {
		return err
	}

	switch fi.plan.Mapping.Kind {
	case mapping.KindLeads:
		return fi.loadLeads()
	case mapping.KindContacts:
		return fi.loadContacts()
	case mapping.KindCompanies:
		return fi.loadCompanyKeys()
	default:
		if err := fi.loadContactEmails(); err != nil {
			return err
		}
		return fi.loadDeals()
	}
}

func (fi *fileImport) loadCompanies() error {
	var rows []struct {
		ID        int64
		SourceRef string
		NameKey   string
	}
	if err := fi.tx.Raw(`SELECT id, source_ref, name_key FROM companies`).Scan(&rows).Error; err != nil {
		return fmt.Errorf("read company keys: %w", err)
	}

	for _, r := range rows {
		put(fi.idx.companyRefs, r.SourceRef, r.ID)
		put(fi.idx.companyNames, r.NameKey, r.ID)
		fi.idx.companyIDs.highest = max(fi.idx.companyIDs.highest, r.ID)
	}

	return nil
}

// loadCompanyKeys indexes the stored companies for a company file. Its
// maps are the ones that contacts and deals use, so the free names are
// filled from them once.
func (fi *fileImport) loadCompanyKeys() error {
	var rows []struct {
		ID        int64
		SourceRef string
	}
	if err := fi.tx.Raw(`SELECT id, source_ref FROM companies`).Scan(&rows).Error; err != nil {
		return fmt.Errorf("read company keys: %w", err)
	}

	x := &fi.idx
	x.refs, x.names, x.ids = x.companyRefs, x.companyNames, x.companyIDs
	sameSource := map[int64]bool{}
	for _, r := range rows {
		sameSource[r.ID] = strings.HasPrefix(r.SourceRef, x.sourcePrefix)
	}
	for name, id := range x.names {
		if !sameSource[id] {
			x.freeNames[name] = id
		}
	}

	return nil
}

func (fi *fileImport) loadLeads() error {
	var rows []struct {
		ID                                       int64
		SourceRef, EmailKey, NameKey, CompanyKey string
		Status                                   string
	}
	err := fi.tx.Raw(`SELECT id, source_ref, email_key, name_key, company_key, status FROM leads`).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read lead keys: %w", err)
	}

	for _, r := range rows {
		fi.idx.add(matchKeys{ref: r.SourceRef, email: r.EmailKey, name: nameCompanyKey(r.NameKey, r.CompanyKey)}, r.ID)
		fi.idx.status[r.ID] = r.Status
		fi.idx.ids.highest = max(fi.idx.ids.highest, r.ID)
	}

	return nil
}

func (fi *fileImport) loadContacts() error {
	var rows []struct {
		ID                                    int64
		CompanyID                             *int64
		SourceRef, FirstName, LastName, Email string
	}
	err := fi.tx.Raw(`SELECT id, company_id, source_ref, first_name, last_name, email FROM contacts`).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read contact keys: %w", err)
	}

	for _, r := range rows {
		name := nameCompanyKey(app.NormalizeName(r.FirstName+" "+r.LastName), idKey(idOf(r.CompanyID)))
		fi.idx.add(matchKeys{ref: r.SourceRef, email: app.NormalizeEmail(r.Email), name: name}, r.ID)
		fi.idx.ids.highest = max(fi.idx.ids.highest, r.ID)
	}

	return nil
}

func (fi *fileImport) loadContactEmails() error {
	var rows []struct {
		ID    int64
		Email string
	}
	if err := fi.tx.Raw(`SELECT id, email FROM contacts WHERE email <> ''`).Scan(&rows).Error; err != nil {
		return fmt.Errorf("read contact e-mails: %w", err)
	}

	for _, r := range rows {
		put(fi.idx.contactEmails, app.NormalizeEmail(r.Email), r.ID)
	}

	return nil
}

func (fi *fileImport) loadDeals() error {
	var rows []struct {
		ID                                          int64
		SourceRef, Title, AmountCurrency, CloseDate string
		CompanyID                                   *int64
		StageID, AmountMinor                        int64
	}
	err := fi.tx.Raw(`SELECT id, source_ref, title, company_id, stage_id, amount_minor, amount_currency,
		COALESCE(close_date, '') AS close_date FROM opportunities`).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read deal keys: %w", err)
	}

	for _, r := range rows {
		amount := app.Money{Minor: r.AmountMinor, Currency: r.AmountCurrency}
		name := dealMatchKey(r.Title, idOf(r.CompanyID), amount, r.CloseDate)
		fi.idx.add(matchKeys{ref: r.SourceRef, name: name}, r.ID)
		fi.idx.stage[r.ID] = r.StageID
		fi.idx.ids.highest = max(fi.idx.ids.highest, r.ID)
	}

	return nil
}

// companyOf returns the company of a contact or deal row: the one with
// the row's company id from the same source, else the one with its
// folded name. A name that no company has creates one, so the contacts of
// one company share one company record. A row without a company name
// returns 0.
func (fi *fileImport) companyOf(rec mapping.Record) (int64, error) {
	ref := fi.plan.SourceRef(mapping.KindCompanies, rec.CompanyID)
	if id, ok := fi.idx.companyRefs[ref]; ok && ref != "" {
		return id, nil
	}

	key := app.NormalizeCompany(rec.CompanyName)
	if key == "" {
		return 0, nil
	}
	if id, ok := fi.idx.companyNames[key]; ok {
		return id, nil
	}

	id, err := fi.idx.companyIDs.next()
	if err != nil {
		return 0, err
	}
	fi.idx.companyNames[key] = id
	put(fi.idx.companyRefs, ref, id)
	fi.report.Companies++

	if !fi.write {
		return id, nil
	}

	row := companyRow{ID: id, Name: rec.CompanyName, NameKey: key, SourceRef: ref, CreatedAt: fi.now, UpdatedAt: fi.now}
	if err := fi.tx.Create(&row).Error; err != nil {
		return 0, fmt.Errorf("create company %q: %w", rec.CompanyName, err)
	}

	return id, nil
}
