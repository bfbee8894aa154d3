package data

import (
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// reverseWalkMin is the smallest offset at which a page counts the rows
// of its list to learn whether walking the order from the other end is
// shorter, so a page near the start never counts.
var reverseWalkMin = 10_000

// idPage is the query for the ids of one page of a list, in the list's
// order: "SELECT id" + from + " ORDER BY " + order, with args bound to
// from. The order must end with a unique column, so that it is total.
type idPage struct {
	from  string
	args  []any
	order []string
	// count is the query that counts the rows of from, or "" when the
	// page must not be read from the other end. SQLite counts the rows of
	// a table without a condition from its b-tree pages alone. With a
	// condition it walks every row, which costs more than the reverse
	// walk saves, so only a list without a condition should set count.
	count string
	// limit is at most how many ids to read, where 0 means no limit.
	limit, offset int
}

// readPageIDs runs p on db, a session of s. A page in the second half
// of a list of at least reverseWalkMin rows is read in the reversed
// order with the offset counted from the end, so the deepest page walks
// as few index entries as the first. SQLite walks an index backwards as
// cheaply as forwards, and it skips the entries before an offset one by
// one.
func (s *Store) readPageIDs(db *gorm.DB, idColumn string, p idPage) ([]int64, error) {
	offset, limit, order := p.offset, p.limit, p.order
	reversed := false
	if p.count != "" && p.limit > 0 && p.offset >= reverseWalkMin {
		var total int
		if err := db.Raw(p.count, p.args...).Scan(&total).Error; err != nil {
			return nil, fmt.Errorf("count the rows of a list: %w", err)
		}
		if p.offset >= total {
			return nil, nil
		}

		if 2*p.offset+p.limit > total {
			reversed = true
			limit = min(p.limit, total-p.offset)
			offset = total - p.offset - limit
			order = reverseOrder(p.order)
		}
	}

	query := "SELECT " + idColumn + p.from + " ORDER BY " + strings.Join(order, ", ") + " LIMIT ? OFFSET ?"
	args := append(slices.Clip(p.args), s.limitArg(limit), offset)
	var ids []int64
	if err := db.Raw(query, args...).Scan(&ids).Error; err != nil {
		return nil, fmt.Errorf("read the ids of a page: %w", err)
	}

	if reversed {
		slices.Reverse(ids)
	}

	return ids, nil
}

// reverseOrder returns ORDER BY terms in the opposite direction. A term
// without a direction is ascending. A term without NULLS FIRST or NULLS
// LAST puts NULL where the database puts it for its direction. SQLite
// and PostgreSQL both move NULL to the other end when the direction
// flips, so the reversed order lists exactly the rows of the original
// from the other end.
func reverseOrder(terms []string) []string {
	reversed := make([]string, len(terms))
	for i, term := range terms {
		nulls := ""
		switch {
		case strings.HasSuffix(term, " NULLS FIRST"):
			term, nulls = strings.TrimSuffix(term, " NULLS FIRST"), " NULLS LAST"
		case strings.HasSuffix(term, " NULLS LAST"):
			term, nulls = strings.TrimSuffix(term, " NULLS LAST"), " NULLS FIRST"
		}

		switch {
		case strings.HasSuffix(term, " DESC"):
			reversed[i] = strings.TrimSuffix(term, " DESC") + " ASC" + nulls
		case strings.HasSuffix(term, " ASC"):
			reversed[i] = strings.TrimSuffix(term, " ASC") + " DESC" + nulls
		default:
			reversed[i] = term + " DESC" + nulls
		}
	}

	return reversed
}
