package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/report"
	"leadwerk/ui/printing"
)

// reportRequest is a parsed "report" command.
type reportRequest struct {
	path     string
	pipeline string
	company  string
	logo     string
	// from and to are both zero for the current quarter.
	from, to app.Date
}

func parseReport(args []string) (action, error) {
	fs := newFlagSet("report")
	var req reportRequest
	var from, to string
	fs.StringVar(&req.path, "o", "", "output file")
	fs.StringVar(&req.pipeline, "pipeline", "", "pipeline name")
	fs.StringVar(&req.company, "company", "", "company name in the header")
	fs.StringVar(&req.logo, "logo", "", "logo image file")
	fs.StringVar(&from, "from", "", "first day of the period")
	fs.StringVar(&to, "to", "", "last day of the period")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	if len(positional) > 0 {
		return nil, unexpectedArgument("report", positional[0])
	}

	if req.path == "" {
		return nil, usageError{message: lang.X("cli.report.missing_output", "report: missing -o FILE")}
	}

	if !strings.EqualFold(filepath.Ext(req.path), ".pdf") {
		return nil, usageError{message: lang.X("cli.report.bad_extension",
			"report: the file name {{.Path}} must end in .pdf", map[string]any{"Path": strconv.Quote(req.path)})}
	}

	if err := req.setPeriod(from, to); err != nil {
		return nil, err
	}

	return func(ctx context.Context, s session) error {
		return runReport(ctx, s, req)
	}, nil
}

// setPeriod reads -from and -to, which must come together and in order.
func (req *reportRequest) setPeriod(from, to string) error {
	if from == "" && to == "" {
		return nil
	}

	if from == "" || to == "" {
		return usageError{message: lang.X("cli.report.half_period",
			"report: give both -from and -to, or neither for the current quarter")}
	}

	for _, f := range []struct {
		text, name string
		date       *app.Date
	}{{from, "-from", &req.from}, {to, "-to", &req.to}} {
		d, err := app.ParseDate(f.text)
		if err != nil {
			return usageError{message: lang.X("cli.report.bad_date",
				"report: {{.Flag}} {{.Value}} is not a date; write it as YYYY-MM-DD",
				map[string]any{"Flag": f.name, "Value": strconv.Quote(f.text)})}
		}
		*f.date = d
	}

	if req.to.Before(req.from) {
		return usageError{message: lang.X("cli.report.reversed_period", "report: -to {{.To}} is before -from {{.From}}",
			map[string]any{"From": from, "To": to})}
	}

	return nil
}

func runReport(ctx context.Context, s session, req reportRequest) error {
	var logo []byte
	if req.logo != "" {
		data, err := os.ReadFile(req.logo)
		if err != nil {
			return wrap(lang.X("cli.report.logo_unreadable", "reading the logo {{.Path}} failed: {{.Err}}",
				map[string]any{"Path": strconv.Quote(req.logo), "Err": err}), err)
		}
		logo = data
	}

	request := printing.Request{
		Pipeline: req.pipeline,
		Period:   app.Period{From: req.from, To: req.to},
		Company:  req.company,
		Logo:     logo,
		Language: language(),
		Now:      s.env.Now(),
	}

	var buf bytes.Buffer
	if err := printing.Write(ctx, &buf, s.store, request, nil); err != nil {
		return reportError(err, req.logo)
	}

	if err := os.WriteFile(req.path, buf.Bytes(), 0o644); err != nil {
		return wrap(lang.X("cli.report.write_failed", "writing the report to {{.Path}} failed: {{.Err}}",
			map[string]any{"Path": strconv.Quote(req.path), "Err": err}), err)
	}

	fmt.Fprintln(s.env.Stdout, lang.X("cli.report.written", "Wrote the pipeline report to {{.Path}}.",
		map[string]any{"Path": req.path}))

	return nil
}

// reportError returns the message for a failed report. The messages of a
// missing or unknown pipeline are already written for the person.
func reportError(err error, logoPath string) error {
	switch {
	case errors.Is(err, printing.ErrNoPipeline), errors.Is(err, app.ErrNotFound):
		return err
	case errors.Is(err, report.ErrLogoFormat):
		return wrap(lang.X("cli.report.bad_logo", "the logo {{.Path}} is not a PNG or JPEG image; convert it or leave -logo out",
			map[string]any{"Path": strconv.Quote(logoPath)}), err)
	default:
		return wrap(lang.X("cli.report.failed", "building the report failed: {{.Err}}", map[string]any{"Err": err}), err)
	}
}
