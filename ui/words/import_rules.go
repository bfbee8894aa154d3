package words

import (
	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
	"leadwerk/app/mapping"
)

// ImportRejection returns the translated description of why an import
// rejected a row. It names the limit of a broken rule of the forms, such
// as the maximum length of the rule's field, formatted for language, and
// falls back to [ImportReason] for the other reasons.
func ImportRejection(r mapping.Rejection, language string) string {
	switch r.Reason {
	case mapping.ReasonTooLong:
		return lang.X("rules.reason.too_long", "longer than {{.Max}} characters: shorten the text in the file",
			map[string]any{"Max": app.FormatCount(app.MaxLength(r.Field), language)})
	case mapping.ReasonNegative:
		return lang.X("rules.reason.negative", "a negative amount: enter 0 or more in the file")
	case mapping.ReasonInvalidPhone:
		return lang.X("rules.reason.invalid_phone",
			"not a phone number: use at least five digits, with only spaces and + - / ( ) . between them")
	case mapping.ReasonInvalidURL:
		return lang.X("rules.reason.invalid_url", "not a web address such as example.de")
	}

	return ImportReason(r.Reason)
}
