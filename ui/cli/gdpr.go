package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/ui/gdprdoc"
)

// privacyStore is the store access of the gdpr commands.
type privacyStore interface {
	PersonalData(ctx context.Context, q app.PersonQuery) (app.PersonalData, error)
	ErasePerson(ctx context.Context, r app.ErasureRequest) (app.ErasureResult, error)
}

// gdprRequest is a parsed "gdpr export" or "gdpr erase" command.
type gdprRequest struct {
	query app.PersonQuery
	path  string
	yes   bool
}

// parseGDPR reads "gdpr export -email ADDRESS -o FILE" or
// "gdpr erase -email ADDRESS [-yes]". With -name, the person is found by
// name when no record has the address.
func parseGDPR(args []string) (action, error) {
	if len(args) == 0 {
		return nil, usageError{message: lang.X("gdpr.cli.missing_command", "gdpr: missing export or erase")}
	}

	name := args[0]
	fs := newFlagSet("gdpr " + name)
	var req gdprRequest
	fs.StringVar(&req.query.Email, "email", "", "e-mail address of the person")
	fs.StringVar(&req.query.Name, "name", "", "full name of the person")
	switch name {
	case "export":
		fs.StringVar(&req.path, "o", "", "output file")
	case "erase":
		fs.BoolVar(&req.yes, "yes", false, "erase without asking")
	default:
		return nil, usageError{message: lang.X("gdpr.cli.unknown_command",
			"gdpr: unknown command {{.Name}}; use export or erase", map[string]any{"Name": strconv.Quote(name)})}
	}

	positional, err := parseMixed(fs, args[1:])
	if err != nil {
		return nil, err
	}
	if len(positional) > 0 {
		return nil, unexpectedArgument("gdpr "+name, positional[0])
	}

	if err := req.check(name); err != nil {
		return nil, err
	}

	if name == "export" {
		return func(ctx context.Context, s session) error { return runGDPRExport(ctx, s, req) }, nil
	}

	return func(ctx context.Context, s session) error { return runGDPRErase(ctx, s, req) }, nil
}

func (req *gdprRequest) check(command string) error {
	req.query = req.query.Normalized()
	if req.query.IsEmpty() {
		return usageError{message: lang.X("gdpr.cli.missing_person",
			"gdpr {{.Command}}: missing -email ADDRESS or -name NAME", map[string]any{"Command": command})}
	}

	if command != "export" {
		return nil
	}

	lower := strings.ToLower(req.path)
	if !strings.HasSuffix(lower, ".json") && !strings.HasSuffix(lower, ".pdf") {
		return usageError{message: lang.X("gdpr.cli.bad_output",
			"gdpr export: missing -o FILE ending in .json or .pdf")}
	}

	return nil
}

func privacyOf(s session) (privacyStore, error) {
	store, ok := s.store.(privacyStore)
	if !ok {
		return nil, errors.New(lang.X("gdpr.cli.unsupported", "this database cannot export or erase personal data"))
	}

	return store, nil
}

// findPersonalData loads the person's data and prints a note to stderr
// when the records were found by name, because the address matched none.
func findPersonalData(ctx context.Context, s session, store privacyStore, q app.PersonQuery) (app.PersonalData, error) {
	d, err := store.PersonalData(ctx, q)
	var ambiguous *app.AmbiguousPersonError
	if errors.As(err, &ambiguous) {
		return d, wrap(ambiguousPersonMessage(ambiguous), err)
	}
	if errors.Is(err, app.ErrNotFound) {
		return d, wrap(lang.X("gdpr.cli.not_found",
			"no lead or contact has the e-mail address {{.Email}} or the name {{.Name}}; check the spelling",
			map[string]any{"Email": strconv.Quote(q.Email), "Name": strconv.Quote(q.Name)}), err)
	}
	if err != nil {
		return d, wrap(lang.X("gdpr.cli.read_failed", "reading the personal data failed: {{.Err}}",
			map[string]any{"Err": err}), err)
	}

	if d.MatchedBy == app.MatchedByName && q.Email != "" {
		fmt.Fprintln(s.env.Stderr, lang.X("gdpr.cli.matched_by_name",
			"No record has the e-mail address {{.Email}}, so the records were found by the name {{.Name}}.",
			map[string]any{"Email": q.Email, "Name": q.Name}))
	}

	return d, nil
}

// ambiguousPersonMessage lists the people who share the e-mail address
// and how to pick one with -name.
func ambiguousPersonMessage(e *app.AmbiguousPersonError) string {
	quoted := make([]string, len(e.Candidates))
	for i, name := range e.CandidateNames() {
		quoted[i] = strconv.Quote(name)
	}
	args := map[string]any{"Email": e.Email, "Count": len(e.Candidates), "Names": strings.Join(quoted, ", "),
		"Name": strconv.Quote(e.Name), "Example": quoted[0]}

	if e.Name == "" {
		return lang.X("gdpr.cli.ambiguous",
			"the e-mail address {{.Email}} belongs to {{.Count}} people: {{.Names}}; choose one with -name, such as -name {{.Example}}",
			args)
	}

	return lang.X("gdpr.cli.ambiguous_name",
		"none of the {{.Count}} people with the e-mail address {{.Email}} is named {{.Name}}: {{.Names}}; choose one with -name, such as -name {{.Example}}",
		args)
}

func runGDPRExport(ctx context.Context, s session, req gdprRequest) error {
	store, err := privacyOf(s)
	if err != nil {
		return err
	}

	d, err := findPersonalData(ctx, s, store, req.query)
	if err != nil {
		return err
	}

	if err := gdprdoc.WriteFile(req.path, d, language()); err != nil {
		return wrap(lang.X("gdpr.cli.write_failed", "writing the personal data to {{.Path}} failed: {{.Err}}",
			map[string]any{"Path": strconv.Quote(req.path), "Err": err}), err)
	}

	fmt.Fprintln(s.env.Stdout, lang.X("gdpr.cli.written",
		"Wrote {{.Records}} records about the person to {{.Path}}.",
		map[string]any{"Records": len(d.Contacts) + len(d.Leads), "Path": req.path}))

	return nil
}

func runGDPRErase(ctx context.Context, s session, req gdprRequest) error {
	store, err := privacyOf(s)
	if err != nil {
		return err
	}

	d, err := findPersonalData(ctx, s, store, req.query)
	if err != nil {
		return err
	}

	fmt.Fprintln(s.env.Stdout, erasureSummary(d))
	if !req.yes && !confirmErasure(s.env.Stdin, s.env.Stdout) {
		return errors.New(lang.X("gdpr.cli.cancelled", "erasure cancelled; nothing was changed"))
	}

	result, err := store.ErasePerson(ctx, app.ErasureRequest{Query: req.query,
		ReplaceOfferPDF: gdprdoc.OfferReplacement(language(), s.env.Now())})
	if err != nil {
		return wrap(lang.X("gdpr.cli.erase_failed", "erasing the person failed: {{.Err}}",
			map[string]any{"Err": err}), err)
	}

	fmt.Fprintln(s.env.Stdout, lang.X("gdpr.cli.erased",
		"Erased {{.Leads}} leads, {{.Contacts}} contacts and {{.Activities}} activities; removed the person from {{.Scrubbed}} texts and {{.Offers}} offer PDFs.",
		map[string]any{"Leads": result.Leads, "Contacts": result.Contacts, "Activities": result.Activities,
			"Scrubbed": result.Scrubbed, "Offers": result.Offers}))
	fmt.Fprintln(s.env.Stdout, gdprdoc.BackupNotice())

	return nil
}

func erasureSummary(d app.PersonalData) string {
	return lang.X("gdpr.cli.summary",
		"Found {{.Leads}} leads and {{.Contacts}} contacts of {{.Names}}, on {{.Deals}} opportunities with {{.Activities}} activities and {{.Offers}} offers.",
		map[string]any{"Leads": len(d.Leads), "Contacts": len(d.Contacts), "Names": strings.Join(d.Names(), ", "),
			"Deals": len(d.Opportunities), "Activities": len(d.Activities), "Offers": len(d.Offers)})
}

// confirmErasure prints the question to out and reads one line from in.
// Only "yes" or the translated word confirms. Any other answer, or the
// end of input, cancels.
func confirmErasure(in io.Reader, out io.Writer) bool {
	word := lang.X("gdpr.cli.yes_word", "yes")
	fmt.Fprint(out, lang.X("gdpr.cli.confirm",
		"Erase this person for good? Type {{.Yes}} and press Enter: ", map[string]any{"Yes": word}))

	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && line == "" {
		return false
	}

	answer := strings.TrimSpace(strings.ToLower(line))

	return answer == "yes" || answer == strings.ToLower(word)
}
