// Package exporting writes Leadwerk's lists and its whole database to a
// file for other programs: CSV for Excel or RFC 4180, XLSX, the JSON
// export and an iCalendar file of open activities. The window and the
// command line share it, so both write the same columns in the same
// language.
package exporting

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"leadwerk/app"
	"leadwerk/app/export"
)

// Source is the store an export reads. data.Store implements it.
type Source interface {
	CountLeads(ctx context.Context, q app.LeadQuery) (int, error)
	ListLeads(ctx context.Context, q app.LeadQuery) ([]app.Lead, error)
	CountOpportunities(ctx context.Context, q app.OpportunityQuery) (int, error)
	ListOpportunities(ctx context.Context, q app.OpportunityQuery) ([]app.OpportunityRow, error)
	EachCompany(ctx context.Context, fn func(app.Company) error) error
	EachContact(ctx context.Context, fn func(app.Contact, string) error) error
	EachActivity(ctx context.Context, openOnly bool, now time.Time, fn func(app.TodayItem) error) error
	EachNextStep(ctx context.Context, now time.Time, fn func(app.TodayItem) error) error
	ExportJSON(ctx context.Context, w io.Writer, progress app.Progress) error
}

// What is the kind of records an export writes.
type What string

// The record kinds an export can write. All is the whole database, which
// only the JSON format holds.
const (
	Leads         What = "leads"
	Contacts      What = "contacts"
	Companies     What = "companies"
	Opportunities What = "opportunities"
	Activities    What = "activities"
	All           What = "all"
)

// Whats lists the record kinds in the order the help names them.
var Whats = []What{Leads, Contacts, Companies, Opportunities, Activities, All}

// Format is the file format of an export.
type Format string

// The export formats.
const (
	ExcelCSV Format = "excel-csv"
	PlainCSV Format = "csv"
	XLSX     Format = "xlsx"
	JSON     Format = "json"
	ICS      Format = "ics"
)

// ErrFormat means a file name whose extension names no export format, or
// a format that cannot hold the chosen records.
var ErrFormat = errors.New("unsupported export format")

// FormatOf returns the format a file name's extension names: .csv is the
// Excel form unless plain requests RFC 4180, .xlsx, .json and .ics. Any
// other extension wraps ErrFormat.
func FormatOf(path string, plain bool) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		if plain {
			return PlainCSV, nil
		}
		return ExcelCSV, nil
	case ".xlsx":
		return XLSX, nil
	case ".json":
		return JSON, nil
	case ".ics":
		return ICS, nil
	default:
		return "", fmt.Errorf("file name %q does not end in .csv, .xlsx, .json or .ics: %w", path, ErrFormat)
	}
}

// Request is one export.
type Request struct {
	What   What
	Format Format
	// Locale decides the separators and date forms of the Excel formats.
	Locale export.Locale
	// Language is the language tag of the column titles' words, such as
	// "de-DE".
	Language string
	// Location is the zone timestamps are written in by the Excel
	// formats; nil means the local zone.
	Location *time.Location
	// Leads and Opportunities are the filters and order of those lists;
	// their Offset and Limit are ignored.
	Leads         app.LeadQuery
	Opportunities app.OpportunityQuery
	Now           time.Time
}

// Write writes the export of req to w and reports progress where the
// total is known. It does not close w. JSON always writes the whole
// database and ICS the open activities and next steps, whatever
// req.What; All with a table format wraps ErrFormat.
func Write(ctx context.Context, w io.Writer, src Source, req Request, progress app.Progress) error {
	switch req.Format {
	case JSON:
		return src.ExportJSON(ctx, w, progress)
	case ICS:
		return writeCalendar(ctx, w, src, req)
	}

	if req.What == All {
		return fmt.Errorf("the whole database fits only the JSON format: %w", ErrFormat)
	}

	table, err := newTableWriter(w, req)
	if err != nil {
		return err
	}

	err = writeTable(ctx, table, src, req, progress)
	if closeErr := table.Close(); err == nil {
		err = closeErr
	}

	return err
}

func newTableWriter(w io.Writer, req Request) (export.TableWriter, error) {
	switch req.Format {
	case ExcelCSV:
		return export.NewExcelCSV(w, req.Locale, req.Location)
	case PlainCSV:
		return export.NewRFC4180CSV(w), nil
	case XLSX:
		return export.NewXLSX(w, sheetName(req.What), req.Locale, req.Location)
	default:
		return nil, fmt.Errorf("format %q: %w", req.Format, ErrFormat)
	}
}

// writeCalendar writes the open activities with a due time as one-hour
// events and the next steps of open deals as all-day events on their
// close dates.
func writeCalendar(ctx context.Context, w io.Writer, src Source, req Request) error {
	calendar := export.NewCalendar(w, req.Now)
	err := src.EachActivity(ctx, true, req.Now, func(item app.TodayItem) error {
		return calendar.Add(activityEvent(item))
	})
	if err == nil {
		err = src.EachNextStep(ctx, req.Now, func(item app.TodayItem) error {
			return calendar.Add(nextStepEvent(item))
		})
	}

	if closeErr := calendar.Close(); err == nil {
		err = closeErr
	}

	return err
}
