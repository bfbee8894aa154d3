package app

import "fmt"

// leadTransitions lists the statuses each status may change to. A
// converted lead goes back only through UndoConversion, and a
// disqualified one can be picked up again for nurturing.
var leadTransitions = map[LeadStatus][]LeadStatus{
	LeadNew:          {LeadContacted, LeadNurturing, LeadQualified, LeadDisqualified},
	LeadContacted:    {LeadNurturing, LeadQualified, LeadDisqualified},
	LeadNurturing:    {LeadContacted, LeadQualified, LeadDisqualified},
	LeadQualified:    {LeadHandedOver, LeadNurturing, LeadDisqualified},
	LeadHandedOver:   {LeadQualified, LeadDisqualified},
	LeadConverted:    {},
	LeadDisqualified: {LeadNurturing},
}

// LeadStatuses lists the statuses in lifecycle order.
func LeadStatuses() []LeadStatus {
	return []LeadStatus{LeadNew, LeadContacted, LeadNurturing, LeadQualified, LeadHandedOver, LeadConverted, LeadDisqualified}
}

// NextStatuses returns the statuses a lead in status s may move to by
// hand. Converting and handing over have their own actions.
func NextStatuses(s LeadStatus) []LeadStatus {
	return leadTransitions[s]
}

// CheckStatusChange returns an error wrapping ErrInvalid when a lead may
// not move from one status to another, or when a disqualification has no
// reason.
func CheckStatusChange(from, to LeadStatus, reason string) error {
	allowed := false
	for _, s := range leadTransitions[from] {
		allowed = allowed || s == to
	}

	if !allowed {
		return fmt.Errorf("a lead cannot move from status %s to %s: %w", from, to, ErrInvalid)
	}

	if to == LeadDisqualified && reason == "" {
		return fmt.Errorf("disqualifying a lead needs a reason: %w", ErrInvalid)
	}

	return nil
}

// IsOpenLead reports whether a lead is still being worked by marketing:
// not handed over, converted or disqualified.
func IsOpenLead(s LeadStatus) bool {
	return s == LeadNew || s == LeadContacted || s == LeadNurturing || s == LeadQualified
}
