package tabular

import (
	"strings"
)

// ProbabilityScale is the unit of a probability column: percent,
// fraction, or decided per value.
type ProbabilityScale int

const (
	// ScaleAuto decides per value: a number with a "%" sign is a
	// percentage, a number with a decimal separator from 0 to 1 is a
	// fraction, and every other number is a percentage. So "0.4" and "40"
	// are both 40 %, "1.0" is 100 % and "1" is 1 %. Salesforce and most
	// spreadsheets write a whole number of percent, and a fraction column
	// usually writes "1.0" or is detected as ScaleFraction as a whole.
	ScaleAuto ProbabilityScale = iota
	// ScalePercent reads every number as a percentage, so "1" is 1 %.
	ScalePercent
	// ScaleFraction reads every number without "%" as a fraction of 1, so
	// "1" is 100 %, as in HubSpot's deal probability.
	ScaleFraction
)

// ParseProbability reads a probability with [ScaleAuto] and returns it in
// whole percent from 0 to 100, rounded half away from zero.
func ParseProbability(text string) (int, error) {
	return ParseProbabilityAs(text, ScaleAuto)
}

// ParseProbabilityAs reads a probability written as a fraction ("0.4",
// "0,4") or a percentage ("40", "40 %", "12,5%") and returns it in whole
// percent from 0 to 100, rounded half away from zero. A "%" sign always
// means a percentage; otherwise scale decides.
func ParseProbabilityAs(text string, scale ProbabilityScale) (int, error) {
	s := trimSpace(text)
	if s == "" {
		return 0, cellError(text, ReasonEmpty, "")
	}

	core, percentSign := strings.CutSuffix(s, "%")
	core = strings.Replace(trimSpace(core), ",", ".", 1)
	number, err := ParseNumber(core, NumberFormat{Decimal: '.', Thousands: ' '})
	if err != nil || number.Currency != "" || strings.ContainsAny(core, "()") {
		return 0, cellError(text, ReasonInvalidProbability, "")
	}

	fraction := !percentSign && (scale == ScaleFraction ||
		(scale == ScaleAuto && strings.Contains(core, ".") && number.Unscaled >= 0 && atMostOne(number)))
	if fraction {
		number.Scale -= 2
	}

	percent, ok := roundToInt(number)
	if !ok || percent < 0 || percent > 100 {
		return 0, cellError(text, ReasonInvalidProbability, "")
	}

	return int(percent), nil
}

// atMostOne reports whether a non-negative number is at most 1.
func atMostOne(d Decimal) bool {
	d = d.trimZeros()
	limit := int64(1)
	for range d.Scale {
		limit *= 10
		if limit > 1e17 {
			return true
		}
	}

	return d.Unscaled <= limit
}

// roundToInt rounds a decimal half away from zero to a whole number.
func roundToInt(d Decimal) (int64, bool) {
	for d.Scale < 0 {
		if d.Unscaled > 1e17 || d.Unscaled < -1e17 {
			return 0, false
		}
		d.Unscaled *= 10
		d.Scale++
	}

	for d.Scale > 1 {
		d.Unscaled /= 10
		d.Scale--
	}
	if d.Scale == 0 {
		return d.Unscaled, true
	}

	half := int64(5)
	if d.Unscaled < 0 {
		half = -5
	}

	return (d.Unscaled + half) / 10, true
}
