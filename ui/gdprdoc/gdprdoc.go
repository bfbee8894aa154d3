// Package gdprdoc writes a person's data access export (GDPR Art. 15) to
// a .json or .pdf file, and lays out the PDF that replaces an erased
// recipient's offer. The window and the command line share it, so both
// write the same texts in the same language.
package gdprdoc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/gdprpdf"
	"leadwerk/ui/words"
)

// ErrFormat means a file name ends in neither .json nor .pdf.
var ErrFormat = errors.New("file name must end in .json or .pdf")

// WriteFile writes d to path as JSON or PDF, chosen by the extension,
// through a temporary file in the same folder that replaces path only
// when complete. The file is readable by the user only.
func WriteFile(path string, d app.PersonalData, language string) error {
	var buf bytes.Buffer
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		err = app.WritePersonalDataJSON(&buf, d)
	case ".pdf":
		err = gdprpdf.Write(&buf, Document(d, language))
	default:
		return fmt.Errorf("%s: %w", path, ErrFormat)
	}
	if err != nil {
		return err
	}

	return writeAtomically(path, buf.Bytes())
}

func writeAtomically(path string, content []byte) error {
	temp, err := os.CreateTemp(filepath.Dir(path), ".leadwerk-gdpr-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() { _ = os.Remove(temp.Name()) }()

	_, err = temp.Write(content)
	if closeErr := temp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(temp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}

	return nil
}

// Document lays out d as the readable access export in language.
func Document(d app.PersonalData, language string) gdprpdf.Document {
	return gdprpdf.Document{
		Title: lang.X("gdpr.pdf.title", "Personal data stored in Leadwerk"),
		Intro: intro(d, language),
		Sections: []gdprpdf.Section{
			contactSection(d, language),
			leadSection(d, language),
			dealSection(d, language),
			activitySection(d, language),
			historySection(d, language),
			offerSection(d, language),
		},
		PageLabel: pageLabel,
		Created:   d.ExportedAt,
	}
}

func pageLabel(page, pages int) string {
	return lang.X("gdpr.pdf.page", "Page {{.Page}} of {{.Pages}}", map[string]any{"Page": page, "Pages": pages})
}

func intro(d app.PersonalData, language string) []string {
	query := strings.TrimSpace(d.Query.Email)
	if query == "" {
		query = d.Query.Name
	}
	paragraphs := []string{lang.X("gdpr.pdf.intro",
		"This export lists every record Leadwerk stores about {{.Query}}, as of {{.Date}}.",
		map[string]any{"Query": query, "Date": formatTime(d.ExportedAt, language)})}
	if d.MatchedBy == app.MatchedByName {
		paragraphs = append(paragraphs, lang.X("gdpr.pdf.matched_by_name",
			"No record has the e-mail address, so the records were found by the name {{.Name}}.",
			map[string]any{"Name": d.Query.Name}))
	}

	return paragraphs
}

func formatTime(t time.Time, language string) string {
	if t.IsZero() {
		return ""
	}

	local := t.Local()

	return app.FormatDate(app.DateOf(local), language) + " " + local.Format("15:04")
}

func formatDay(text, language string) string {
	d, err := app.ParseDate(text)
	if err != nil || d.IsZero() {
		return text
	}

	return app.FormatDate(d, language)
}

func yesNo(b bool) string {
	if b {
		return lang.X("gdpr.pdf.yes", "yes")
	}

	return lang.X("gdpr.pdf.no", "no")
}

func privacyFields(p app.PersonPrivacy, language string) []gdprpdf.Field {
	return []gdprpdf.Field{
		{Label: lang.X("gdpr.field.legal_basis", "Legal basis"), Value: words.LegalBasis(p.LegalBasis)},
		{Label: lang.X("gdpr.field.consent_date", "Consent given on"), Value: formatDay(p.ConsentDate, language)},
		{Label: lang.X("gdpr.field.consent_obtained", "Consent given how"), Value: p.ConsentObtained},
		{Label: lang.X("gdpr.field.withdrawn_on", "Consent withdrawn on"), Value: formatDay(p.WithdrawnOn, language)},
		{Label: lang.X("gdpr.field.marketing_opt_out", "Marketing opt-out"), Value: yesNo(p.MarketingOptOut)},
	}
}

// BackupNotice is the text that tells the person that backups made
// before the erasure still contain the erased data until the rotation of
// automatic backups deletes them.
func BackupNotice() string {
	return lang.X("gdpr.backup_notice",
		"Automatic backups made before the erasure still contain the person's data. They expire by rotation within 4 weeks. Copies you saved elsewhere yourself are not deleted.")
}
