package gdprdoc

import (
	"bytes"
	"time"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/gdprpdf"
)

// OfferReplacement returns the renderer of the PDF that replaces the
// stored PDF of an offer whose recipient is erased. The page names the
// offer, its dates and totals, and why the original is gone. now is the
// erasure time printed on it.
func OfferReplacement(language string, now time.Time) func(app.Offer) ([]byte, error) {
	return func(o app.Offer) ([]byte, error) {
		d := gdprpdf.Document{
			Title: lang.X("gdpr.offer.title", "Offer {{.Number}}", map[string]any{"Number": o.Number}),
			Intro: []string{lang.X("gdpr.offer.intro",
				"The PDF of this offer was replaced on {{.Date}} because the personal data of its recipient were erased. The offer's number, dates, lines and totals stay in Leadwerk.",
				map[string]any{"Date": app.FormatDate(app.DateOf(now), language)})},
			Sections: []gdprpdf.Section{{Heading: lang.X("gdpr.offer.summary", "Summary"),
				Entries: []gdprpdf.Entry{{Heading: o.Number, Fields: []gdprpdf.Field{
					{Label: lang.X("gdpr.field.issued_on", "Issued on"), Value: app.FormatDate(o.IssuedOn, language)},
					{Label: lang.X("gdpr.field.valid_until", "Valid until"),
						Value: app.FormatDate(o.ValidUntil, language)},
					{Label: lang.X("gdpr.offer.net", "Net"), Value: app.FormatMoney(o.Net, language)},
					{Label: lang.X("gdpr.field.gross", "Gross"), Value: app.FormatMoney(o.Gross, language)},
				}}}}},
			Created: now,
		}

		var buf bytes.Buffer
		err := gdprpdf.Write(&buf, d)

		return buf.Bytes(), err
	}
}
