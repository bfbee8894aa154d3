package tabular

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding is the name of a character encoding, as IANA registers it.
type Encoding string

// The encodings that detection reports and readers decode.
const (
	EncodingUTF8        Encoding = "UTF-8"
	EncodingUTF16LE     Encoding = "UTF-16LE"
	EncodingUTF16BE     Encoding = "UTF-16BE"
	EncodingWindows1252 Encoding = "windows-1252"
	EncodingISO88591    Encoding = "ISO-8859-1"
	EncodingISO885915   Encoding = "ISO-8859-15"
	EncodingMacRoman    Encoding = "macintosh"
)

// Encodings lists every supported encoding, for a person to choose from.
func Encodings() []Encoding {
	return []Encoding{
		EncodingUTF8, EncodingUTF16LE, EncodingUTF16BE, EncodingWindows1252,
		EncodingISO88591, EncodingISO885915, EncodingMacRoman,
	}
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// singleByteCandidates are the single-byte encodings that detection weighs
// against each other, in order of preference on a tie. ISO-8859-1 is not
// among them: it decodes every printable byte as windows-1252 does, and
// differs only where windows-1252 has printable characters and ISO-8859-1
// has control codes that real text never contains.
var singleByteCandidates = []Encoding{EncodingWindows1252, EncodingISO885915, EncodingMacRoman}

// DetectEncoding returns the encoding of a sample from the start of a file
// and whether it starts with a byte order mark. atEOF reports whether the
// sample is the whole file; otherwise a character cut at the sample's end
// is ignored.
//
// The rules, in order: a byte order mark decides (UTF-8, UTF-16LE,
// UTF-16BE). Without one, a sample in which a third of the even or of the
// odd bytes are zero is UTF-16 in the matching byte order. A sample that
// is valid UTF-8 is UTF-8, pure ASCII included. Otherwise each single-byte
// candidate decodes the bytes from 0x80 up, and each decoded character
// scores by its context. A lower-case letter next to letters and "€"
// beside a digit score high. A control code, a symbol inside a word and a
// capital inside a lower-case word score low. So
// "Müller" in windows-1252 (0xFC) beats Mac Roman, which reads 0xFC as a
// cedilla, and "Müller" in Mac Roman (0x9F) beats windows-1252, which
// reads 0x9F as a capital Ÿ. The highest score wins, and a tie goes to
// windows-1252.
func DetectEncoding(sample []byte, atEOF bool) (enc Encoding, bom bool) {
	switch {
	case bytes.HasPrefix(sample, bomUTF8):
		return EncodingUTF8, true
	case bytes.HasPrefix(sample, bomUTF16LE):
		return EncodingUTF16LE, true
	case bytes.HasPrefix(sample, bomUTF16BE):
		return EncodingUTF16BE, true
	}

	if enc, ok := detectUTF16(sample); ok {
		return enc, false
	}

	if !atEOF {
		sample = trimPartialRune(sample)
	}
	if utf8.Valid(sample) {
		return EncodingUTF8, false
	}

	best, bestScore := singleByteCandidates[0], 0
	for i, candidate := range singleByteCandidates {
		score := scoreSingleByte(sample, charmapOf(candidate))
		if i == 0 || score > bestScore {
			best, bestScore = candidate, score
		}
	}

	return best, false
}

// detectUTF16 recognizes UTF-16 without a byte order mark by its zero
// bytes, which Latin text has in every other position.
func detectUTF16(sample []byte) (Encoding, bool) {
	n := min(len(sample), 4096) &^ 1
	if n < 8 {
		return "", false
	}

	evenZeros, oddZeros := 0, 0
	for i := 0; i < n; i += 2 {
		if sample[i] == 0 {
			evenZeros++
		}
		if sample[i+1] == 0 {
			oddZeros++
		}
	}

	pairs := n / 2
	switch {
	case oddZeros*3 > pairs && evenZeros*10 < pairs:
		return EncodingUTF16LE, true
	case evenZeros*3 > pairs && oddZeros*10 < pairs:
		return EncodingUTF16BE, true
	}

	return "", false
}

// trimPartialRune cuts an incomplete UTF-8 sequence at the end of a
// sample that stops in the middle of a file.
func trimPartialRune(sample []byte) []byte {
	for back := 1; back <= utf8.UTFMax && back <= len(sample); back++ {
		start := len(sample) - back
		if utf8.RuneStart(sample[start]) {
			if !utf8.FullRune(sample[start:]) {
				return sample[:start]
			}

			return sample
		}
	}

	return sample
}

// scoreSingleByte weighs how plausible text the bytes from 0x80 up are in
// one single-byte encoding. The rules are described at [DetectEncoding].
func scoreSingleByte(sample []byte, cm *charmap.Charmap) int {
	score := 0
	for i, b := range sample {
		if b < 0x80 {
			continue
		}

		r := cm.DecodeByte(b)
		prev, next := neighborRune(sample, i-1, cm), neighborRune(sample, i+1, cm)
		score += scoreRune(r, prev, next)
	}

	return score
}

func neighborRune(sample []byte, i int, cm *charmap.Charmap) rune {
	if i < 0 || i >= len(sample) {
		return ' '
	}

	return cm.DecodeByte(sample[i])
}

func scoreRune(r, prev, next rune) int {
	prevLetter, nextLetter := unicode.IsLetter(prev), unicode.IsLetter(next)

	switch {
	case r == utf8.RuneError || (r >= 0x80 && r <= 0x9F):
		return -5
	case unicode.IsLower(r) && (prevLetter || nextLetter):
		return 2
	case unicode.IsLower(r):
		return 1
	case unicode.IsUpper(r) && prevLetter && unicode.IsLower(next):
		return -1
	case unicode.IsLetter(r):
		return 1
	case r == '€' && (unicode.IsDigit(prev) || unicode.IsDigit(next) || prev == ' ' || next == ' '):
		return 1
	case r == '’' && prevLetter && nextLetter:
		return 1
	case r == '¤':
		return -1
	case prevLetter && nextLetter:
		return -2
	}

	return 0
}

// charmapOf returns the table of a single-byte encoding, or nil for the
// Unicode encodings.
func charmapOf(enc Encoding) *charmap.Charmap {
	switch enc {
	case EncodingWindows1252:
		return charmap.Windows1252
	case EncodingISO88591:
		return charmap.ISO8859_1
	case EncodingISO885915:
		return charmap.ISO8859_15
	case EncodingMacRoman:
		return charmap.Macintosh
	}

	return nil
}

// decoderOf returns the decoder from enc to UTF-8, or nil for UTF-8.
func decoderOf(enc Encoding) (*encoding.Decoder, error) {
	switch enc {
	case EncodingUTF8:
		return nil, nil
	case EncodingUTF16LE:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder(), nil
	case EncodingUTF16BE:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewDecoder(), nil
	}

	if cm := charmapOf(enc); cm != nil {
		return cm.NewDecoder(), nil
	}

	return nil, fmt.Errorf("encoding %q is not supported; choose one of %v: %w", enc, Encodings(), ErrUnsupportedFormat)
}

// decodeReader returns r decoded from enc to UTF-8, with any byte order
// mark removed.
func decodeReader(r io.Reader, enc Encoding) (*bufio.Reader, error) {
	decoder, err := decoderOf(enc)
	if err != nil {
		return nil, err
	}

	if decoder != nil {
		r = transform.NewReader(r, decoder)
	}

	buffered := bufio.NewReaderSize(r, 64*1024)
	if start, err := buffered.Peek(len(bomUTF8)); err == nil && bytes.Equal(start, bomUTF8) {
		_, _ = buffered.Discard(len(bomUTF8))
	}

	return buffered, nil
}

// decodeBytes converts a sample to UTF-8 text. Bytes that are invalid in
// the encoding become U+FFFD.
func decodeBytes(sample []byte, enc Encoding) (string, error) {
	decoder, err := decoderOf(enc)
	if err != nil {
		return "", err
	}

	sample = bytes.TrimPrefix(sample, bomUTF8)
	if decoder == nil {
		return string(sample), nil
	}

	text, err := decoder.Bytes(sample)
	if err != nil {
		return "", fmt.Errorf("decode sample as %s: %w", enc, err)
	}

	return string(bytes.TrimPrefix(text, bomUTF8)), nil
}
