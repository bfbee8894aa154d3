// Package words turns domain values into the words a person reads, in the
// language Fyne's lang package has chosen. The window and the command
// line share it, so both say the same.
package words

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"leadwerk/app"
)

// LeadStatus translates a lead status.
func LeadStatus(status app.LeadStatus) string {
	switch status {
	case app.LeadNew:
		return lang.L("New")
	case app.LeadContacted:
		return lang.L("Contacted")
	case app.LeadNurturing:
		return lang.L("Nurturing")
	case app.LeadQualified:
		return lang.L("Qualified")
	case app.LeadHandedOver:
		return lang.L("Handed over")
	case app.LeadConverted:
		return lang.L("Converted")
	case app.LeadDisqualified:
		return lang.L("Disqualified")
	default:
		return string(status)
	}
}

// LeadSource translates the sources Leadwerk offers and returns any
// other source as it is stored.
func LeadSource(source string) string {
	switch source {
	case app.SourceTradeFair:
		return lang.L("trade fair")
	case app.SourceWebsite:
		return lang.L("website")
	case app.SourceEmailCampaign:
		return lang.L("e-mail campaign")
	case app.SourceReferral:
		return lang.L("referral")
	case app.SourceColdCall:
		return lang.L("cold call")
	case app.SourcePartner:
		return lang.L("partner")
	case app.SourceOther:
		return lang.X("source.other", "other")
	default:
		return source
	}
}

// Temperature translates a lead temperature.
func Temperature(t app.Temperature) string {
	switch t {
	case app.Hot:
		return lang.L("hot")
	case app.Warm:
		return lang.L("warm")
	case app.Cold:
		return lang.L("cold")
	default:
		return string(t)
	}
}

// ScoreExplanation writes a score's reasons in words, such as
// "+25 budget confirmed, +20 decision maker, −10 no timeframe". For a
// score without reasons it returns a phrase that names the missing
// inputs, so the explanation is never empty.
func ScoreExplanation(reasons []app.ScoreReason) string {
	if len(reasons) == 0 {
		return lang.X("score.none", "no profile match, qualification or recent activity yet")
	}

	parts := make([]string, len(reasons))
	for i, r := range reasons {
		parts[i] = app.FormatPoints(r.Points) + " " + ScoreReason(r)
	}

	return strings.Join(parts, ", ")
}

// ScoreReason describes one score term without its points.
func ScoreReason(r app.ScoreReason) string {
	data := map[string]any{"Detail": r.Detail}
	switch r.Code {
	case app.ReasonFit:
		return lang.X("score.fit", "fits the ideal customer ({{.Detail}})", data)
	case app.ReasonBudgetConfirmed:
		return lang.X("score.budget_confirmed", "budget confirmed", data)
	case app.ReasonBudgetIndicated:
		return lang.X("score.budget_indicated", "budget range indicated", data)
	case app.ReasonBudgetNone:
		return lang.X("score.budget_none", "no budget", data)
	case app.ReasonDecisionMaker:
		return lang.X("score.decision_maker", "decision maker", data)
	case app.ReasonInfluencer:
		return lang.X("score.influencer", "influencer", data)
	case app.ReasonUser:
		return lang.X("score.user", "user of the product", data)
	case app.ReasonNeedPriority:
		return lang.X("score.need_priority", "need priority {{.Detail}} of 5", data)
	case app.ReasonTimeframe:
		timeframe := map[string]any{"Detail": Timeframe(app.Timeframe(r.Detail))}
		return lang.X("score.timeframe", "timeframe: {{.Detail}}", timeframe)
	case app.ReasonNoTimeframe:
		return lang.X("score.no_timeframe", "no timeframe", data)
	case app.ReasonEngagement:
		count, _ := strconv.Atoi(r.Detail)
		return lang.XN("score.engagement", "{{.Detail}} recent activities", count, data)
	default:
		return r.Code
	}
}

// Timeframe translates a purchase timeframe as a label on its own, such
// as "1–3 months", so German uses the nominative.
func Timeframe(t app.Timeframe) string {
	switch t {
	case app.TimeUnder1Month:
		return lang.L("under 1 month")
	case app.Time1To3Months:
		return lang.L("1–3 months")
	case app.Time3To6Months:
		return lang.L("3–6 months")
	case app.Time6To12Months:
		return lang.L("6–12 months")
	case app.TimeOver12Months:
		return lang.L("over 12 months")
	case app.TimeframeUnknown:
		return lang.L("unknown")
	default:
		return string(t)
	}
}

// Budget translates a BANT budget status.
func Budget(b app.BudgetStatus) string {
	switch b {
	case app.BudgetConfirmed:
		return lang.L("confirmed")
	case app.BudgetIndicated:
		return lang.L("indicated range")
	case app.BudgetUnknown:
		return lang.X("budget.unknown", "unknown")
	case app.BudgetNone:
		return lang.L("no budget")
	default:
		return string(b)
	}
}

// Authority translates a contact's BANT authority role.
func Authority(a app.AuthorityRole) string {
	switch a {
	case app.DecisionMaker:
		return lang.L("decision maker")
	case app.Influencer:
		return lang.L("influencer")
	case app.User:
		return lang.L("user")
	case app.Gatekeeper:
		return lang.L("gatekeeper")
	default:
		return string(a)
	}
}

// LegalBasis translates a GDPR legal basis.
func LegalBasis(b app.LegalBasis) string {
	switch b {
	case app.BasisConsent:
		return lang.L("consent")
	case app.BasisContract:
		return lang.L("contract")
	case app.BasisLegitimateInterest:
		return lang.L("legitimate interest")
	default:
		return string(b)
	}
}

// FieldProblem describes a [app.FieldError] code as a message shown under
// the field, saying what to enter.
func FieldProblem(code string) string {
	switch code {
	case app.CodeRequired:
		return lang.L("Required.")
	case app.CodeInvalidEmail:
		return lang.L("Enter an e-mail address such as anna@example.de.")
	case app.CodeInvalidPhone:
		return lang.L("Enter a phone number of at least five digits, such as +49 30 1234567.")
	case app.CodeInvalidURL:
		return lang.L("Enter a web address such as example.de.")
	case app.CodeFutureDate:
		return lang.L("The date lies in the future.")
	default:
		return code
	}
}

// ActivityKind translates the activity kinds Leadwerk offers and returns
// any other kind, such as one from an import, as it is stored.
func ActivityKind(kind string) string {
	switch kind {
	case app.ActivityCall:
		return lang.L("call")
	case app.ActivityEmail:
		return lang.L("e-mail")
	case app.ActivityMeeting:
		return lang.L("meeting")
	case app.ActivityOffer:
		return lang.L("offer")
	case app.ActivityPresentation:
		return lang.L("presentation")
	case app.ActivityNote:
		return lang.L("note")
	case app.ActivityTask:
		return lang.L("task")
	default:
		return kind
	}
}
