package data

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// ReportChoices returns the choices of the report filters: the IDs of the
// pipelines that have deals, the owners of deals, and the sources of deals
// and leads. Names are trimmed and sorted in byte order, without blanks or
// repeats. It reads only these columns in one read-only transaction, so it
// stays cheap where [Store.DealFacts] would load every stage history.
func (s *Store) ReportChoices(ctx context.Context) (pipelineIDs []int64, owners, sources []string, err error) {
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		queries := []struct {
			label string
			query string
			into  any
		}{
			{"pipelines with deals", `SELECT DISTINCT pipeline_id FROM opportunities ORDER BY pipeline_id`, &pipelineIDs},
			{"deal owners", `SELECT DISTINCT trim(owner) AS name FROM opportunities
				WHERE trim(owner) <> '' ORDER BY name`, &owners},
			{"deal and lead sources", `SELECT DISTINCT trim(source) AS name
				FROM (SELECT source FROM opportunities UNION ALL SELECT source FROM leads) AS s
				WHERE trim(source) <> '' ORDER BY name`, &sources},
		}

		for _, q := range queries {
			if err := tx.Raw(q.query).Scan(q.into).Error; err != nil {
				return fmt.Errorf("load %s: %w", q.label, err)
			}
		}

		return nil
	}, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, nil, nil, err
	}

	// ORDER BY follows the database's collation, which in PostgreSQL may
	// be a language's rather than byte order.
	slices.Sort(owners)
	slices.Sort(sources)

	return pipelineIDs, owners, sources, nil
}
