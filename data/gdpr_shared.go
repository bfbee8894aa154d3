package data

import (
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"

	"leadwerk/app"
)

// personRecord is a lead or contact found by e-mail, with its full name.
type personRecord struct {
	Kind string `gorm:"column:kind"`
	ID   int64  `gorm:"column:id"`
	Name string `gorm:"column:name"`
}

// narrowSharedEmail keeps the records of one person when found's e-mail
// address belongs to several people, distinguished by full name. The
// query's name picks the person. Without a name, or with one that matches
// none, it returns an [app.AmbiguousPersonError] listing the people.
func narrowSharedEmail(tx *gorm.DB, found personIDs, q app.PersonQuery) (personIDs, error) {
	candidates, err := personCandidates(tx, found)
	if err != nil || len(candidates) < 2 {
		return found, err
	}

	wanted := foldName(q.Name)
	for _, c := range candidates {
		if q.Name == "" || foldName(c.Name) != wanted {
			continue
		}

		narrowed := personIDs{matchedBy: found.matchedBy, sharedEmail: q.Email}
		for _, ref := range c.Records {
			if ref.Kind == app.PersonKindLead {
				narrowed.leads = append(narrowed.leads, ref.ID)
			} else {
				narrowed.contacts = append(narrowed.contacts, ref.ID)
			}
		}
		narrowed.trash, err = findPersonTrash(tx, narrowed, q.Name)

		return narrowed, err
	}

	return personIDs{}, fmt.Errorf("find person: %w",
		&app.AmbiguousPersonError{Email: q.Email, Name: q.Name, Candidates: candidates})
}

// personCandidates groups the leads and contacts of found by folded full
// name, sorted by name.
func personCandidates(tx *gorm.DB, found personIDs) ([]app.PersonCandidate, error) {
	var records []personRecord
	err := tx.Raw(`SELECT 'lead' AS kind, id, trim(first_name) || ' ' || trim(last_name) AS name
			FROM leads WHERE id IN ?
		UNION ALL
		SELECT 'contact', id, trim(first_name) || ' ' || trim(last_name) FROM contacts WHERE id IN ?
		ORDER BY kind, id`, found.leads, found.contacts).Scan(&records).Error
	if err != nil {
		return nil, fmt.Errorf("read names of the people sharing an e-mail address: %w", err)
	}

	var candidates []app.PersonCandidate
	for _, r := range records {
		name := strings.Join(strings.Fields(r.Name), " ")
		ref := app.PersonRef{Kind: app.PersonKind(r.Kind), ID: r.ID}
		i := slices.IndexFunc(candidates, func(c app.PersonCandidate) bool { return foldName(c.Name) == foldName(name) })
		if i < 0 {
			candidates = append(candidates, app.PersonCandidate{Name: name})
			i = len(candidates) - 1
		}
		candidates[i].Records = append(candidates[i].Records, ref)
	}

	slices.SortFunc(candidates, func(a, b app.PersonCandidate) int { return strings.Compare(a.Name, b.Name) })

	return candidates, nil
}

func foldName(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// personNeedles returns the texts that name the person of d in other
// records. An e-mail address that other people share is left out,
// because it names them as well.
func personNeedles(ids personIDs, d app.PersonalData) []string {
	needles := app.ErasureNeedles(d)
	if ids.sharedEmail == "" {
		return needles
	}

	return slices.DeleteFunc(needles, func(n string) bool { return strings.EqualFold(n, ids.sharedEmail) })
}
