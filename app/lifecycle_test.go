package app

import (
	"errors"
	"testing"
)

func TestCheckStatusChange(t *testing.T) {
	allowed := [][2]LeadStatus{
		{LeadNew, LeadContacted}, {LeadContacted, LeadQualified}, {LeadNurturing, LeadQualified},
		{LeadQualified, LeadHandedOver}, {LeadHandedOver, LeadQualified}, {LeadDisqualified, LeadNurturing},
	}
	for _, c := range allowed {
		if err := CheckStatusChange(c[0], c[1], ""); err != nil {
			t.Errorf("%s → %s rejected: %v", c[0], c[1], err)
		}
	}

	rejected := [][2]LeadStatus{
		{LeadNew, LeadConverted}, {LeadNew, LeadHandedOver}, {LeadConverted, LeadNew},
		{LeadQualified, LeadQualified}, {LeadDisqualified, LeadQualified},
	}
	for _, c := range rejected {
		if err := CheckStatusChange(c[0], c[1], ""); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s → %s: error = %v, want ErrInvalid", c[0], c[1], err)
		}
	}
}

func TestDisqualifyNeedsReason(t *testing.T) {
	if err := CheckStatusChange(LeadNew, LeadDisqualified, ""); !errors.Is(err, ErrInvalid) {
		t.Errorf("disqualifying without a reason: error = %v, want ErrInvalid", err)
	}

	if err := CheckStatusChange(LeadNew, LeadDisqualified, "no budget until 2028"); err != nil {
		t.Errorf("disqualifying with a reason: %v", err)
	}
}

func TestIsOpenLead(t *testing.T) {
	for _, s := range LeadStatuses() {
		want := s == LeadNew || s == LeadContacted || s == LeadNurturing || s == LeadQualified
		if IsOpenLead(s) != want {
			t.Errorf("IsOpenLead(%s) = %v, want %v", s, !want, want)
		}
	}
}
