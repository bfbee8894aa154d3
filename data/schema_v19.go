package data

// schemaV19 adds two indexes, so that the opportunity list reads a page of
// ids in its order instead of sorting every deal. One indexes each deal's
// weighted amount with the expression of weightedSQL. The other orders
// the pipelines by position, which the stage order walks first (see
// pageFrom).
const schemaV19 = `
CREATE INDEX opportunities_weighted ON opportunities (
	((amount_minor * probability + CASE WHEN amount_minor * probability < 0 THEN -50 ELSE 50 END) / 100));
CREATE INDEX pipelines_order ON pipelines (position);
`
