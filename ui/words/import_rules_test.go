package words

import (
	"strings"
	"testing"

	"leadwerk/app/mapping"
)

func TestPhoneRejectionNamesSpaces(t *testing.T) {
	text := ImportRejection(mapping.Rejection{Reason: mapping.ReasonInvalidPhone}, "en")

	if !strings.Contains(text, "spaces") {
		t.Errorf("phone rejection %q does not say that spaces are accepted", text)
	}
}
