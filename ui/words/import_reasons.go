package words

import (
	"fyne.io/fyne/v2/lang"

	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
)

// ImportReason returns the translated description of why an import
// rejected a row, or the code itself for an unknown reason. The window's
// import wizard and the command line share it.
func ImportReason(r tabular.Reason) string {
	switch r {
	case tabular.ReasonEmpty:
		return lang.X("importing.reason.empty", "the cell is empty")
	case tabular.ReasonInvalidNumber:
		return lang.X("importing.reason.invalid_number", "not a number")
	case tabular.ReasonTooManyDecimals:
		return lang.X("importing.reason.too_many_decimals", "more decimals than the currency allows")
	case tabular.ReasonTooLarge:
		return lang.X("importing.reason.too_large", "the number is too large")
	case tabular.ReasonMissingCurrency:
		return lang.X("importing.reason.missing_currency", "the amount has no currency")
	case tabular.ReasonInvalidDate:
		return lang.X("importing.reason.invalid_date", "not a date")
	case tabular.ReasonImpossibleDate:
		return lang.X("importing.reason.impossible_date", "a day that does not exist")
	case tabular.ReasonInvalidBool:
		return lang.X("importing.reason.invalid_bool", "not yes or no")
	case tabular.ReasonInvalidProbability:
		return lang.X("importing.reason.invalid_probability", "not a probability from 0 to 1 or 0 to 100")
	case tabular.ReasonInvalidEncoding:
		return lang.X("importing.reason.invalid_encoding", "bytes that are invalid in the file's encoding")
	case tabular.ReasonTooManyCells:
		return lang.X("importing.reason.too_many_cells", "more cells than the header")
	case tabular.ReasonMalformedRecord:
		return lang.X("importing.reason.malformed_record", "not a valid CSV record")
	}

	return mappingReason(r)
}

// mappingReason translates the reasons of package mapping.
func mappingReason(r tabular.Reason) string {
	switch r {
	case mapping.ReasonMissingName:
		return lang.X("importing.reason.missing_name", "no name")
	case mapping.ReasonInvalidEmail:
		return lang.X("importing.reason.invalid_email", "not an e-mail address")
	case mapping.ReasonMissingTitle:
		return lang.X("importing.reason.missing_title", "no title, company or product")
	case mapping.ReasonInvalidCurrency:
		return lang.X("importing.reason.invalid_currency", "not a currency code such as EUR or a symbol such as €")
	case mapping.ReasonUnknownStage:
		return lang.X("importing.reason.unknown_stage", "a stage the pipeline does not have")
	}

	return string(r)
}
