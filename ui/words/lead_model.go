package words

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// LeadAttribute translates the name of an attribute the learned score
// weighs.
func LeadAttribute(attribute string) string {
	switch attribute {
	case app.AttrSource:
		return lang.L("Source")
	case app.AttrOrigin:
		return lang.L("Origin")
	case app.AttrCampaign:
		return lang.L("Campaign")
	case app.AttrIndustry:
		return lang.L("Industry")
	case app.AttrSize:
		return lang.L("Company size")
	case app.AttrRegion:
		return lang.L("Region")
	case app.AttrRole:
		return lang.L("Role")
	case app.AttrCountry:
		return lang.L("Country")
	case app.AttrHasEmail:
		return lang.L("Has an e-mail address")
	case app.AttrHasPhone:
		return lang.L("Has a phone number")
	case app.AttrActivities:
		return lang.L("Activities")
	case app.AttrBudget:
		return lang.L("Budget")
	case app.AttrAuthority:
		return lang.L("Authority")
	case app.AttrNeed:
		return lang.L("Need priority")
	case app.AttrTimeframe:
		return lang.L("Timeframe")
	default:
		return attribute
	}
}

// LeadWeightValue returns the value of a learned weight as a person reads
// it: "(none)" for leads without one, "(rare value)" for the shared
// weight of rarely seen values, yes or no translated.
func LeadWeightValue(w app.LeadWeight) string {
	switch {
	case w.Rare:
		return lang.L("(rare value)")
	case w.Value == "":
		return lang.L("(none)")
	case w.Value == "yes":
		return lang.L("yes")
	case w.Value == "no":
		return lang.L("no")
	default:
		return leadAttributeValue(w.Attribute, w.Value)
	}
}

// leadAttributeValue translates the stored value of an attribute whose
// values Leadwerk defines, and returns other values as they are.
func leadAttributeValue(attribute, value string) string {
	switch attribute {
	case app.AttrSource:
		return LeadSource(value)
	case app.AttrBudget:
		return Budget(app.BudgetStatus(value))
	case app.AttrAuthority:
		return Authority(app.AuthorityRole(value))
	case app.AttrTimeframe:
		return Timeframe(app.Timeframe(value))
	default:
		return value
	}
}

// LeadWeightText describes one learned weight in words, such as
// "Source is referral: raises the chance (+1.2, 386 leads)".
func LeadWeightText(w app.LeadWeight) string {
	data := map[string]any{
		"Attribute": LeadAttribute(w.Attribute),
		"Value":     LeadWeightValue(w),
		"Weight":    fmt.Sprintf("%+.1f", w.Weight),
		"Leads":     app.FormatCount(w.Leads, lang.SystemLocale().LanguageString()),
	}
	if w.Weight >= 0 {
		return lang.X("leadmodel.weight.raises", "{{.Attribute}} is {{.Value}}: raises the chance ({{.Weight}}, {{.Leads}} leads)", data)
	}

	return lang.X("leadmodel.weight.lowers", "{{.Attribute}} is {{.Value}}: lowers the chance ({{.Weight}}, {{.Leads}} leads)", data)
}
