package tabular

import (
	"bytes"
	"io"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// property is one parsed vCard content line.
type property struct {
	name   string
	params map[string][]string
	raw    []byte
}

// parseContentLine splits "item1.TEL;TYPE=work,voice:+49 30 1234" into
// the upper-case name without group, the parameters and the raw value. A
// colon inside a quoted parameter value does not end the parameters.
func parseContentLine(line []byte) (property, bool) {
	colon := valueStart(line)
	if colon < 0 {
		return property{}, false
	}

	segments := splitParams(string(line[:colon]))
	name := strings.ToUpper(trimSpace(segments[0]))
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		name = name[dot+1:]
	}
	if name == "" {
		return property{}, false
	}

	p := property{name: name, params: map[string][]string{}, raw: line[colon+1:]}
	for _, segment := range segments[1:] {
		p.addParam(segment)
	}

	return p, true
}

// valueStart returns the index of the colon that ends name and
// parameters, or -1.
func valueStart(line []byte) int {
	quoted := false
	for i, b := range line {
		switch {
		case b == '"':
			quoted = !quoted
		case b == ':' && !quoted:
			return i
		}
	}

	return -1
}

// splitParams splits the part before the value at semicolons outside
// quotes.
func splitParams(s string) []string {
	var segments []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			quoted = !quoted
		case s[i] == ';' && !quoted:
			segments = append(segments, s[start:i])
			start = i + 1
		}
	}

	return append(segments, s[start:])
}

// addParam stores "KEY=a,b" or a vCard 2.1 bare parameter such as "WORK"
// (a TYPE) or "QUOTED-PRINTABLE" (an ENCODING).
func (p *property) addParam(segment string) {
	key, value, hasValue := strings.Cut(segment, "=")
	key = strings.ToUpper(trimSpace(key))
	if !hasValue {
		value = key
		switch key {
		case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
			key = "ENCODING"
		default:
			key = "TYPE"
		}
	}

	for _, v := range strings.Split(value, ",") {
		v = strings.Trim(trimSpace(v), `"`)
		if v != "" {
			p.params[key] = append(p.params[key], v)
		}
	}
}

// text decodes the value to UTF-8: quoted-printable first, then the
// CHARSET parameter. Without CHARSET, valid UTF-8 stays as it is and other
// bytes are read in fallback, a single-byte encoding. Binary values
// (ENCODING=b or BASE64, as in PHOTO) return false.
func (p property) text(fallback Encoding) (string, bool) {
	raw := p.raw
	switch strings.ToUpper(first(p.params["ENCODING"])) {
	case "B", "BASE64":
		return "", false
	case "QUOTED-PRINTABLE":
		raw = decodeQuotedPrintable(raw)
	}

	if charset := first(p.params["CHARSET"]); charset != "" && !strings.EqualFold(charset, "utf-8") {
		if enc, err := htmlindex.Get(charset); err == nil {
			if decoded, err := enc.NewDecoder().Bytes(raw); err == nil {
				return string(decoded), true
			}
		}
	}

	if utf8.Valid(raw) {
		return string(raw), true
	}

	decoded, err := charmapOf(fallback).NewDecoder().Bytes(raw)
	if err != nil {
		return strings.ToValidUTF8(string(raw), "\uFFFD"), true
	}

	return string(decoded), true
}

// decodeQuotedPrintable decodes as much of a quoted-printable value as is
// valid and keeps the rest as written.
func decodeQuotedPrintable(raw []byte) []byte {
	decoded, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return raw
	}

	return decoded
}

func first(values []string) string {
	if len(values) == 0 {
		return ""
	}

	return values[0]
}

// phoneOfTelURI returns the number of a tel: URI (RFC 3966), which vCard
// 4.0 writes as TEL;VALUE=uri:tel:+1-555-555-5555;ext=5555. An extension
// follows the number after a hyphen, as DIN 5008 writes extensions, and
// other URI parameters are dropped. Any other value is returned as it is.
func phoneOfTelURI(value string) string {
	number, ok := cutPrefixFold(value, "tel:")
	if !ok {
		return value
	}

	number, params, _ := strings.Cut(number, ";")
	for _, param := range strings.Split(params, ";") {
		if ext, ok := cutPrefixFold(param, "ext="); ok && ext != "" {
			number += "-" + ext
		}
	}

	return trimSpace(number)
}

// cutPrefixFold is strings.CutPrefix ignoring the case of ASCII letters.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}

	return s[len(prefix):], true
}
