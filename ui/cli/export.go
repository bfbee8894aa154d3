package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/app/export"
	"leadwerk/ui/exporting"
)

// exportRequest is a parsed "export" command.
type exportRequest struct {
	path    string
	what    exporting.What
	format  exporting.Format
	locale  export.Locale
	rfc4180 bool
}

func parseExport(args []string) (action, error) {
	fs := newFlagSet("export")
	var req exportRequest
	var what, locale string
	var excel bool
	fs.StringVar(&req.path, "o", "", "output file")
	fs.StringVar(&what, "what", "", "records to export")
	fs.StringVar(&locale, "locale", "", "locale of the Excel formats")
	fs.BoolVar(&excel, "excel", false, "CSV for Excel")
	fs.BoolVar(&req.rfc4180, "rfc4180", false, "plain RFC 4180 CSV")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	if len(positional) > 0 {
		return nil, unexpectedArgument("export", positional[0])
	}

	if err := req.check(what, locale, excel); err != nil {
		return nil, err
	}

	return func(ctx context.Context, s session) error {
		return runExport(ctx, s, req)
	}, nil
}

// check reads the flags into req: the format from the extension, the
// records, which depend on the format, and the locale.
func (req *exportRequest) check(what, locale string, excel bool) error {
	if req.path == "" {
		return usageError{message: lang.X("export.cli.missing_output", "export: missing -o FILE")}
	}

	if excel && req.rfc4180 {
		return usageError{message: lang.X("export.cli.excel_and_plain",
			"export: choose -excel or -rfc4180, not both")}
	}

	format, err := exporting.FormatOf(req.path, req.rfc4180)
	if err != nil {
		return usageError{message: lang.X("export.cli.bad_extension",
			"export: the file name {{.Path}} must end in .csv, .xlsx, .json or .ics",
			map[string]any{"Path": strconv.Quote(req.path)})}
	}
	req.format = format

	if err := req.setWhat(what); err != nil {
		return err
	}

	switch locale {
	case "":
		req.locale = export.LocaleOf(language())
	case "de", "en":
		req.locale = export.Locale(locale)
	default:
		return usageError{message: lang.X("export.cli.bad_locale", "export: -locale {{.Value}} is not de or en",
			map[string]any{"Value": strconv.Quote(locale)})}
	}

	return nil
}

func (req *exportRequest) setWhat(what string) error {
	what = dealsAlias(what)
	req.what = exporting.What(what)
	if what != "" && !slices.Contains(exporting.Whats, req.what) {
		return usageError{message: lang.X("export.cli.bad_what",
			"export: -what {{.Value}} is not leads, contacts, companies, opportunities, activities or all",
			map[string]any{"Value": strconv.Quote(what)})}
	}

	switch {
	case req.format == exporting.JSON && what != "" && req.what != exporting.All:
		return usageError{message: lang.X("export.cli.json_is_all",
			"export: a .json file always holds the whole database; leave -what out or use -what all")}
	case req.format == exporting.JSON:
		req.what = exporting.All
	case req.format == exporting.ICS:
		req.what = exporting.Activities
	case req.what == exporting.All:
		return usageError{message: lang.X("export.cli.all_needs_json",
			"export: -what all needs a .json file; a .csv or .xlsx file holds one list")}
	case req.what == "":
		req.what = exporting.Leads
	}

	return nil
}

// runExport writes the export to a temporary file beside the target and
// renames it, so a failed or cancelled export leaves no partial file and
// an existing file is replaced only by a complete one.
func runExport(ctx context.Context, s session, req exportRequest) error {
	source, ok := s.store.(exporting.Source)
	if !ok {
		return errors.New(lang.X("export.cli.unsupported", "this database cannot be exported"))
	}

	temp, err := os.CreateTemp(filepath.Dir(req.path), ".leadwerk-export-*")
	if err != nil {
		return writeFailed(req.path, err)
	}
	defer func() { _ = os.Remove(temp.Name()) }()

	request := exporting.Request{What: req.what, Format: req.format, Locale: req.locale, Language: language(),
		Location: time.Local, Now: s.env.Now(),
		Leads:         app.LeadQuery{Sort: app.SortLeadsByCreated, Descending: true},
		Opportunities: app.OpportunityQuery{Sort: app.SortByCloseDate, Descending: true}}
	err = exporting.Write(ctx, temp, source, request, nil)
	if closeErr := temp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(temp.Name(), req.path)
	}
	if err != nil {
		return writeFailed(req.path, err)
	}

	fmt.Fprintln(s.env.Stdout, lang.X("export.cli.written", "Wrote the export to {{.Path}}.",
		map[string]any{"Path": req.path}))

	return nil
}

func writeFailed(path string, err error) error {
	return wrap(lang.X("export.cli.write_failed", "writing the export to {{.Path}} failed: {{.Err}}",
		map[string]any{"Path": strconv.Quote(path), "Err": err}), err)
}
