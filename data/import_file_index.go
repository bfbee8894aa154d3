package data

import (
	"fmt"
	"strconv"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// matchKeys are the keys one record is found by: its source reference,
// its folded e-mail and its folded name with its company.
type matchKeys struct {
	ref, email, name string
}

// matchIndex holds the keys of the stored records of the file's kind,
// loaded once, and of the records the file adds, so memory grows with
// the number of distinct records, never with the rows read.
type matchIndex struct {
	refs, emails, names map[string]int64
	// touched holds the records that a row of this file created or
	// updated, so a later row matching one of them is a duplicate.
	touched map[int64]bool
	maxID   int64

	// The companies that contacts and deals link to.
	companyRefs, companyNames map[string]int64
	maxCompanyID              int64
	// contactEmails finds the contact a deal names by e-mail.
	contactEmails map[string]int64
	// status and stage hold the stored lead status and deal stage, which
	// an update compares to record a change.
	status map[int64]string
	stage  map[int64]int64
}

func (x *matchIndex) newID() int64 {
	x.maxID++

	return x.maxID
}

// add registers the keys of a new record.
func (x *matchIndex) add(k matchKeys, id int64) {
	put(x.refs, k.ref, id)
	put(x.emails, k.email, id)
	put(x.names, k.name, id)
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

// match finds the record of a row: by source reference, then by e-mail
// unless rows with different names share it, then by name and company.
// A company file matches by its folded name, and a deal without a source
// id by its folded title and company.
func (fi *fileImport) match(rec mapping.Record) matchResult {
	k := fi.keysOf(rec)
	for _, lookup := range []struct {
		m   map[string]int64
		key string
	}{{fi.idx.refs, k.ref}, {fi.idx.emails, k.email}, {fi.idx.names, k.name}} {
		if id, ok := lookup.m[lookup.key]; ok && lookup.key != "" {
			return matchResult{id: id, keys: k}
		}
	}

	return matchResult{keys: k}
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
		// Deals of one company often share a title, such as its name and
		// the product, so a deal with a source id matches by that id only.
		if k.ref == "" {
			k.name = nameCompanyKey(app.NormalizeName(rec.Deal.Title), idKey(rec.Company.ID))
		}
	}

	if fi.shared[k.email] {
		k.email = ""
	}

	return k
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

// loadIndex reads the keys of the stored records of the file's kind.
func (fi *fileImport) loadIndex() error {
	fi.idx = matchIndex{refs: map[string]int64{}, emails: map[string]int64{}, names: map[string]int64{},
		touched: map[int64]bool{}, companyRefs: map[string]int64{}, companyNames: map[string]int64{},
		contactEmails: map[string]int64{}, status: map[int64]string{}, stage: map[int64]int64{}}

	if err := fi.loadCompanies(); err != nil {
		return err
	}

	switch fi.plan.Mapping.Kind {
	case mapping.KindLeads:
		return fi.loadLeads()
	case mapping.KindContacts:
		return fi.loadContacts()
	case mapping.KindCompanies:
		fi.idx.refs, fi.idx.names, fi.idx.maxID = fi.idx.companyRefs, fi.idx.companyNames, fi.idx.maxCompanyID
		return nil
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
		fi.idx.maxCompanyID = max(fi.idx.maxCompanyID, r.ID)
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
		fi.idx.maxID = max(fi.idx.maxID, r.ID)
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
		fi.idx.maxID = max(fi.idx.maxID, r.ID)
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
		ID               int64
		SourceRef, Title string
		CompanyID        *int64
		StageID          int64
	}
	err := fi.tx.Raw(`SELECT id, source_ref, title, company_id, stage_id FROM opportunities`).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("read deal keys: %w", err)
	}

	for _, r := range rows {
		name := nameCompanyKey(app.NormalizeName(r.Title), idKey(idOf(r.CompanyID)))
		fi.idx.add(matchKeys{ref: r.SourceRef, name: name}, r.ID)
		fi.idx.stage[r.ID] = r.StageID
		fi.idx.maxID = max(fi.idx.maxID, r.ID)
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

	fi.idx.maxCompanyID++
	id := fi.idx.maxCompanyID
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
