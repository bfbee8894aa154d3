// Package maven reads the Maven Analytics "CRM Sales Opportunities" export
// (a fictitious B2B hardware seller, values in US dollars) into an
// [app.ImportBatch].
//
// The export is a folder of CSV files with a header row: accounts.csv,
// products.csv and sales_pipeline.csv are required, sales_teams.csv is
// optional. Columns are found by header name, so their order may change.
package maven

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"leadwerk/app"
)

// Source is the batch source name and the prefix of every SourceRef that
// [Load] creates.
const Source = "maven-crm"

// PipelineName is the name of the sales process the export is imported
// into. A second import finds the pipeline again by this name.
const PipelineName = "Maven CRM"

// Currency is the ISO 4217 code of every amount in the export.
const Currency = "USD"

// The file names of the export.
const (
	AccountsFile   = "accounts.csv"
	ProductsFile   = "products.csv"
	PipelineFile   = "sales_pipeline.csv"
	SalesTeamsFile = "sales_teams.csv"
)

// The export's deal stages, in the order a deal passes through them.
const (
	StageProspecting = "Prospecting"
	StageEngaging    = "Engaging"
	StageWon         = "Won"
	StageLost        = "Lost"
)

// Pipeline returns the sales process of the export: Prospecting, Engaging,
// Won and Lost.
//
// The export gives no win probabilities. The open stages get 10 % for
// Prospecting and 40 % for Engaging, the values of the comparable stages
// (Prospecting and Needs analysis) of [app.DefaultPipeline]. This is a
// choice of Leadwerk, not a figure from the data.
func Pipeline() app.Pipeline {
	stages := []app.Stage{
		{Name: StageProspecting, Probability: 10, Kind: app.StageOpen},
		{Name: StageEngaging, Probability: 40, Kind: app.StageOpen},
		{Name: StageWon, Probability: 100, Kind: app.StageWon},
		{Name: StageLost, Probability: 0, Kind: app.StageLost},
	}
	for i := range stages {
		stages[i].Position = i
	}

	return app.Pipeline{Name: PipelineName, Currency: Currency, Stages: stages}
}

// pipelineStage returns the stage of [Pipeline] with the given name.
func pipelineStage(name string) app.Stage {
	for _, s := range Pipeline().Stages {
		if s.Name == name {
			return s
		}
	}

	panic("maven: no pipeline stage " + name)
}

// Load reads the export in dir and returns its companies and deals as one
// batch, without touching any database.
//
// A malformed row stops the load: the error is a [*RowError] naming the
// file and line, and it wraps [app.ErrInvalid]. A missing required file
// returns an error wrapping [fs.ErrNotExist].
func Load(dir string) (app.ImportBatch, error) {
	companies, err := readAccounts(filepath.Join(dir, AccountsFile))
	if err != nil {
		return app.ImportBatch{}, err
	}

	products, err := readProducts(filepath.Join(dir, ProductsFile))
	if err != nil {
		return app.ImportBatch{}, err
	}

	teams, err := readSalesTeams(filepath.Join(dir, SalesTeamsFile))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return app.ImportBatch{}, err
	}

	deals, err := readOpportunities(filepath.Join(dir, PipelineFile), opportunityLookups{
		accounts: accountNames(companies),
		products: products,
		teams:    teams,
	})
	if err != nil {
		return app.ImportBatch{}, err
	}

	return app.ImportBatch{
		Source:        Source,
		Pipeline:      Pipeline(),
		Companies:     companies,
		Opportunities: deals,
	}, nil
}

// RowError is a problem at one line of one file of the export.
type RowError struct {
	// File is the base name of the file, such as "sales_pipeline.csv".
	File string
	// Line is the 1-based line number in the file, where the header is
	// line 1.
	Line int
	// Err describes the problem and wraps [app.ErrInvalid].
	Err error
}

// Error returns the file, line and reason, as in
// "sales_pipeline.csv line 12: unknown product "GTX Mega": invalid value".
func (e *RowError) Error() string {
	return fmt.Sprintf("%s line %d: %v", e.File, e.Line, e.Err)
}

// Unwrap returns the reason, so errors.Is finds [app.ErrInvalid].
func (e *RowError) Unwrap() error {
	return e.Err
}

// accountRef returns the SourceRef of the account with the given name.
func accountRef(name string) string {
	return Source + ":account:" + name
}

// opportunityRef returns the SourceRef of the opportunity with the given
// id.
func opportunityRef(id string) string {
	return Source + ":opportunity:" + id
}
