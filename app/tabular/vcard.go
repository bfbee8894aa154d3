package tabular

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// The fixed column names of a vCard file's rows. N, ORG and ADR are split
// into their components, and TEL and EMAIL go to columns by their TYPE.
const (
	VCardUID             = "UID"
	VCardFullName        = "Full Name"
	VCardFamilyName      = "Family Name"
	VCardGivenName       = "Given Name"
	VCardAdditionalNames = "Additional Names"
	VCardPrefix          = "Honorific Prefix"
	VCardSuffix          = "Honorific Suffix"
	VCardOrganization    = "Organization"
	VCardDepartment      = "Department"
	// VCardTitle is the job title (TITLE). It is not named "Title", which
	// Outlook's CSV uses for the salutation.
	VCardTitle       = "Job Title"
	VCardEmail       = "Email"
	VCardEmail2      = "Email 2"
	VCardEmail3      = "Email 3"
	VCardWorkPhone   = "Work Phone"
	VCardMobilePhone = "Mobile Phone"
	VCardHomePhone   = "Home Phone"
	VCardOtherPhone  = "Other Phone"
	VCardFax         = "Fax"
	VCardStreet      = "Street"
	VCardCity        = "City"
	VCardRegion      = "Region"
	VCardPostalCode  = "Postal Code"
	VCardCountry     = "Country"
	VCardURL         = "URL"
	VCardNote        = "Note"
)

// VCardColumns returns the header of every vCard file's rows, in order.
func VCardColumns() []string {
	return []string{
		VCardUID, VCardFullName, VCardFamilyName, VCardGivenName, VCardAdditionalNames, VCardPrefix,
		VCardSuffix, VCardOrganization, VCardDepartment, VCardTitle, VCardEmail, VCardEmail2, VCardEmail3,
		VCardWorkPhone, VCardMobilePhone, VCardHomePhone, VCardOtherPhone, VCardFax, VCardStreet,
		VCardCity, VCardRegion, VCardPostalCode, VCardCountry, VCardURL, VCardNote,
	}
}

// vcardReader streams the cards of a vCard 2.1, 3.0 or 4.0 file, one row
// per card.
type vcardReader struct {
	file     *os.File
	lines    *logicalLines
	fallback Encoding
	index    map[string]int
}

func openVCard(path string, d Dialect) (*vcardReader, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}

	r, err := newVCardReader(file, d)
	if err != nil {
		file.Close()

		return nil, err
	}
	r.file = file

	return r, nil
}

// newVCardReader reads cards from source. It decodes UTF-16 files as a
// whole and other encodings per property.
func newVCardReader(source io.Reader, d Dialect) (*vcardReader, error) {
	if d.Encoding == EncodingUTF16LE || d.Encoding == EncodingUTF16BE {
		decoded, err := decodeReader(source, d.Encoding)
		if err != nil {
			return nil, err
		}
		source = decoded
	}

	index := map[string]int{}
	for i, name := range VCardColumns() {
		index[name] = i
	}

	fallback := d.Encoding
	if charmapOf(fallback) == nil {
		fallback = EncodingWindows1252
	}

	return &vcardReader{lines: newLogicalLines(source), fallback: fallback, index: index}, nil
}

func (r *vcardReader) Header() []string {
	return VCardColumns()
}

func (r *vcardReader) Close() error {
	if r.file == nil {
		return nil
	}

	return r.file.Close()
}

// Read returns the next card. Content lines outside BEGIN:VCARD and
// END:VCARD are ignored. A card cut off by the end of the file or by the
// next BEGIN:VCARD is returned with the properties read so far.
func (r *vcardReader) Read() (Row, error) {
	var card *vcard
	for {
		line, number, err := r.lines.next()
		if errors.Is(err, io.EOF) && card != nil {
			return r.row(card), nil
		}
		if err != nil {
			return Row{}, err
		}

		p, ok := parseContentLine(line)
		if !ok {
			continue
		}

		switch {
		case p.name == "BEGIN" && strings.EqualFold(trimSpace(string(p.raw)), "VCARD"):
			if card != nil {
				r.lines.unread(line, number)

				return r.row(card), nil
			}
			card = &vcard{line: number}
		case p.name == "END" && strings.EqualFold(trimSpace(string(p.raw)), "VCARD") && card != nil:
			return r.row(card), nil
		case card != nil:
			card.add(p, r.fallback)
		}
	}
}

// row turns a card into cells in the order of VCardColumns.
func (r *vcardReader) row(c *vcard) Row {
	cells := make([]string, len(r.index))
	set := func(column, value string) {
		cells[r.index[column]] = value
	}

	for column, value := range c.fields {
		set(column, value)
	}
	if c.fields[VCardFullName] == "" {
		set(VCardFullName, strings.Join(nonEmpty(c.fields[VCardGivenName], c.fields[VCardFamilyName]), " "))
	}

	c.placeEmails(set)
	c.placePhones(set)
	c.placeAddress(set)

	return Row{Line: c.line, Cells: cells}
}

// vcard collects one card's properties until END:VCARD.
type vcard struct {
	line      int
	fields    map[string]string
	emails    []typedValue
	phones    []typedValue
	addresses []typedValue
}

// typedValue is a property value with its TYPE parameters in lower case
// and its preference rank: 1 is the most preferred, and 100 means the
// property gave no preference.
type typedValue struct {
	value string
	parts []string
	types map[string]bool
	pref  int
}

// add stores one property of the card.
func (c *vcard) add(p property, fallback Encoding) {
	if c.fields == nil {
		c.fields = map[string]string{}
	}

	value, ok := p.text(fallback)
	if !ok {
		return
	}

	switch p.name {
	case "FN":
		c.setOnce(VCardFullName, unescapeText(value))
	case "UID":
		c.setOnce(VCardUID, unescapeText(value))
	case "TITLE":
		c.setOnce(VCardTitle, unescapeText(value))
	case "URL":
		c.setOnce(VCardURL, unescapeText(value))
	case "NOTE":
		c.fields[VCardNote] = strings.Join(nonEmpty(c.fields[VCardNote], unescapeText(value)), "\n")
	case "N":
		c.setParts(splitComponents(value), VCardFamilyName, VCardGivenName, VCardAdditionalNames, VCardPrefix, VCardSuffix)
	case "ORG":
		parts := splitComponents(value)
		c.setOnce(VCardOrganization, parts[0])
		c.setOnce(VCardDepartment, strings.Join(nonEmpty(parts[1:]...), ", "))
	case "EMAIL":
		c.emails = append(c.emails, p.typed(unescapeText(value), nil))
	case "TEL":
		c.phones = append(c.phones, p.typed(phoneOfTelURI(unescapeText(value)), nil))
	case "ADR":
		c.addresses = append(c.addresses, p.typed("", splitComponents(value)))
	}
}

func (c *vcard) setOnce(column, value string) {
	if c.fields[column] == "" {
		c.fields[column] = trimSpace(value)
	}
}

func (c *vcard) setParts(parts []string, columns ...string) {
	for i, column := range columns {
		if i < len(parts) {
			c.setOnce(column, strings.ReplaceAll(parts[i], ",", " "))
		}
	}
}

// placeEmails fills Email, Email 2 and Email 3 in order of preference; any
// further addresses are added to Email 3, separated by ", ".
func (c *vcard) placeEmails(set func(column, value string)) {
	sortByPref(c.emails)
	columns := []string{VCardEmail, VCardEmail2, VCardEmail3}
	var rest []string
	for i, e := range c.emails {
		if i < len(columns)-1 {
			set(columns[i], e.value)
		} else {
			rest = append(rest, e.value)
		}
	}

	if len(rest) > 0 {
		set(VCardEmail3, strings.Join(rest, ", "))
	}
}

// placePhones puts each number in the column of its TYPE: cell to Mobile
// Phone, fax to Fax, work to Work Phone, home to Home Phone, others to
// Other Phone. A number whose column is taken goes to Other Phone, which
// then lists its numbers separated by ", ".
func (c *vcard) placePhones(set func(column, value string)) {
	sortByPref(c.phones)
	taken := map[string]bool{}
	var other []string
	for _, p := range c.phones {
		column := phoneColumn(p.types)
		if column == VCardOtherPhone || taken[column] {
			other = append(other, p.value)

			continue
		}

		taken[column] = true
		set(column, p.value)
	}

	if len(other) > 0 {
		set(VCardOtherPhone, strings.Join(other, ", "))
	}
}

func phoneColumn(types map[string]bool) string {
	switch {
	case types["cell"]:
		return VCardMobilePhone
	case types["fax"]:
		return VCardFax
	case types["work"]:
		return VCardWorkPhone
	case types["home"]:
		return VCardHomePhone
	}

	return VCardOtherPhone
}

// placeAddress fills the address columns from one ADR: the most preferred
// one, and among equals a work address before the others.
//
// NOTE: a card's other addresses are not returned, because a row has one
// set of address columns.
func (c *vcard) placeAddress(set func(column, value string)) {
	if len(c.addresses) == 0 {
		return
	}

	sort.SliceStable(c.addresses, func(i, j int) bool {
		a, b := c.addresses[i], c.addresses[j]
		if a.pref != b.pref {
			return a.pref < b.pref
		}

		return a.types["work"] && !b.types["work"]
	})

	// ADR components: post office box, extended address, street, locality,
	// region, postal code, country.
	parts := append(c.addresses[0].parts, make([]string, 7)...)
	set(VCardStreet, strings.Join(nonEmpty(parts[2], parts[1], parts[0]), ", "))
	set(VCardCity, parts[3])
	set(VCardRegion, parts[4])
	set(VCardPostalCode, parts[5])
	set(VCardCountry, parts[6])
}

func sortByPref(values []typedValue) {
	sort.SliceStable(values, func(i, j int) bool { return values[i].pref < values[j].pref })
}

func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if v = trimSpace(v); v != "" {
			out = append(out, v)
		}
	}

	return out
}

// typed returns the value with its TYPE set and preference: PREF=n in
// vCard 4.0, TYPE=pref in 3.0, a bare PREF parameter in 2.1.
func (p property) typed(value string, parts []string) typedValue {
	v := typedValue{value: trimSpace(value), parts: parts, types: map[string]bool{}, pref: 100}
	for _, t := range p.params["TYPE"] {
		v.types[strings.ToLower(t)] = true
	}

	if v.types["pref"] {
		v.pref = 1
	}
	if prefs := p.params["PREF"]; len(prefs) > 0 {
		if n, err := strconv.Atoi(prefs[0]); err == nil && n >= 1 {
			v.pref = n
		}
	}

	return v
}

// unescapeText resolves the backslash escapes of vCard text values:
// "\n" and "\N" to a line break, "\,", "\;" and "\\" to the character.
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return trimSpace(s)
	}

	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])

			continue
		}

		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}

	return trimSpace(b.String())
}

// splitComponents splits a structured value (N, ORG, ADR) at unescaped
// semicolons and unescapes each component. It returns at least one.
func splitComponents(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ';':
			parts = append(parts, unescapeText(s[start:i]))
			start = i + 1
		}
	}

	return append(parts, unescapeText(s[start:]))
}

// logicalLines joins folded physical lines into content lines: a line
// that starts with a space or tab continues the previous one, and in a
// quoted-printable value a line ending in "=" continues on the next.
type logicalLines struct {
	source       *bufio.Reader
	physical     int
	queued       []byte
	queuedNumber int
	held         []byte
	heldNumber   int
}

func newLogicalLines(r io.Reader) *logicalLines {
	return &logicalLines{source: bufio.NewReaderSize(r, 64*1024)}
}

// unread makes the next call of next return line again.
func (l *logicalLines) unread(line []byte, number int) {
	l.held, l.heldNumber = line, number
}

// next returns the next content line and the physical line it starts on.
func (l *logicalLines) next() ([]byte, int, error) {
	if l.held != nil {
		line := l.held
		l.held = nil

		return line, l.heldNumber, nil
	}

	line, number, err := l.physicalLine()
	if err != nil {
		return nil, 0, err
	}

	for {
		following, followingNumber, err := l.physicalLine()
		if err != nil {
			return line, number, nil
		}

		switch {
		case len(following) > 0 && (following[0] == ' ' || following[0] == '\t'):
			line = append(line, following[1:]...)
		case bytes.HasSuffix(line, []byte("=")) && isQuotedPrintable(line):
			line = append(line[:len(line)-1], following...)
		default:
			l.queued, l.queuedNumber = following, followingNumber

			return line, number, nil
		}
	}
}

// physicalLine returns one line without its line break.
func (l *logicalLines) physicalLine() ([]byte, int, error) {
	if l.queued != nil {
		line := l.queued
		l.queued = nil

		return line, l.queuedNumber, nil
	}

	line, err := l.source.ReadBytes('\n')
	if len(line) == 0 && err != nil {
		return nil, 0, err
	}

	l.physical++
	line = bytes.TrimRight(line, "\r\n")
	if l.physical == 1 {
		line = bytes.TrimPrefix(line, bomUTF8)
	}

	return append([]byte(nil), line...), l.physical, nil
}

func isQuotedPrintable(line []byte) bool {
	colon := bytes.IndexByte(line, ':')
	if colon < 0 {
		return false
	}

	return bytes.Contains(bytes.ToUpper(line[:colon]), []byte("QUOTED-PRINTABLE"))
}
