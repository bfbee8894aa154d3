package data

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"leadwerk/app"
)

// parsePlainReasons parses text when it has the exact form in which
// encodeReasons stores score reasons, with no escaped character, and
// returns false for any other text, which json.Unmarshal then reads.
// json.Unmarshal took about a quarter of the CPU time of a page of 200
// leads in a CPU profile of BenchmarkLargeLeadPages.
func parsePlainReasons(text string) ([]app.ScoreReason, bool) {
	// An escape, a control character or invalid UTF-8 would need the
	// full decoder, which unescapes or replaces them.
	if strings.ContainsFunc(text, func(r rune) bool { return r == '\\' || r < 0x20 }) || !utf8.ValidString(text) {
		return nil, false
	}

	rest, ok := strings.CutPrefix(text, "[")
	if !ok {
		return nil, false
	}

	reasons := []app.ScoreReason{}
	if rest == "]" {
		return reasons, true
	}

	for {
		var r app.ScoreReason
		if r, rest, ok = parsePlainReason(rest); !ok {
			return nil, false
		}
		reasons = append(reasons, r)

		switch {
		case rest == "]":
			return reasons, true
		case strings.HasPrefix(rest, ","):
			rest = rest[1:]
		default:
			return nil, false
		}
	}
}

// parsePlainReason parses one reason object at the start of text and
// returns the text after it.
func parsePlainReason(text string) (app.ScoreReason, string, bool) {
	var r app.ScoreReason

	rest, ok := strings.CutPrefix(text, `{"points":`)
	if !ok {
		return r, "", false
	}

	end := strings.IndexByte(rest, ',')
	if end < 0 || !isJSONInteger(rest[:end]) {
		return r, "", false
	}
	points, err := strconv.Atoi(rest[:end])
	if err != nil {
		return r, "", false
	}
	r.Points = points

	if r.Code, rest, ok = parsePlainString(rest[end:], `,"code":"`); !ok {
		return r, "", false
	}
	if strings.HasPrefix(rest, `,"detail":"`) {
		if r.Detail, rest, ok = parsePlainString(rest, `,"detail":"`); !ok {
			return r, "", false
		}
	}

	rest, ok = strings.CutPrefix(rest, "}")

	return r, rest, ok
}

// parsePlainString reads the string after prefix, which ends with the
// opening quote, up to the closing quote. text has no escapes.
func parsePlainString(text, prefix string) (string, string, bool) {
	rest, ok := strings.CutPrefix(text, prefix)
	if !ok {
		return "", "", false
	}

	value, rest, ok := strings.Cut(rest, `"`)

	return value, rest, ok
}

// isJSONInteger reports whether text is an integer as JSON writes it:
// an optional minus and digits without a leading zero.
func isJSONInteger(text string) bool {
	digits := strings.TrimPrefix(text, "-")
	if digits == "" || (len(digits) > 1 && digits[0] == '0') {
		return false
	}

	return strings.Trim(digits, "0123456789") == ""
}
