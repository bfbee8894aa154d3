package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// ellipsis ends a text shortened to fit its column.
const ellipsis = "…"

// fitText returns text when it fits in width pixels at the given text
// size and style, or else its longest prefix that fits with "…" after it.
// It measures a text as the sum of its characters' advances, which
// fyne.MeasureText gives once per character, so fitting a cell shapes no
// text and allocates only the shortened string.
//
// NOTE: The sum leaves out kerning, which Fyne's shaper applies when it
// draws, so a text within a pixel or two of width may be shortened or
// may reach into the cell's padding.
func fitText(text string, width, size float32, style fyne.TextStyle) string {
	if text == "" {
		return ""
	}

	glyphs := glyphWidthsFor(size, style)
	if glyphs.textWidth(text) <= width {
		return text
	}

	used := glyphs.runeWidth('…')
	for i, r := range text {
		used += glyphs.runeWidth(r)
		if used > width {
			return text[:i] + ellipsis
		}
	}

	return text
}

// textHeight returns the height of one line of text at the theme's text
// size in style.
func textHeight(style fyne.TextStyle) float32 {
	return glyphWidthsFor(theme.TextSize(), style).height
}

// glyphWidths caches the advance of each character measured at one text
// size and style.
type glyphWidths struct {
	size   float32
	style  fyne.TextStyle
	height float32
	ascii  [128]float32
	other  map[rune]float32
	mu     sync.Mutex
}

// glyphTables holds one glyphWidths per text size and style in use, which
// is two (regular and bold) unless the theme's text size changes.
var glyphTables struct {
	mu     sync.Mutex
	tables []*glyphWidths
}

// glyphWidthsFor returns the cache for size and style, measuring the
// printable ASCII characters when it is new.
func glyphWidthsFor(size float32, style fyne.TextStyle) *glyphWidths {
	glyphTables.mu.Lock()
	defer glyphTables.mu.Unlock()

	for _, t := range glyphTables.tables {
		if t.size == size && t.style == style {
			return t
		}
	}

	t := &glyphWidths{size: size, style: style, other: map[rune]float32{}}
	t.height = fyne.MeasureText("M", size, style).Height
	for r := ' '; r < 127; r++ {
		t.ascii[r] = fyne.MeasureText(string(r), size, style).Width
	}
	glyphTables.tables = append(glyphTables.tables, t)

	return t
}

func (g *glyphWidths) textWidth(text string) float32 {
	width := float32(0)
	for _, r := range text {
		width += g.runeWidth(r)
	}

	return width
}

// runeWidth returns the advance of r, measuring it on first use. The
// control characters below a space count as zero wide.
func (g *glyphWidths) runeWidth(r rune) float32 {
	if r >= 0 && r < 128 {
		return g.ascii[r]
	}

	g.mu.Lock()
	defer g.mu.Unlock()

	width, ok := g.other[r]
	if !ok {
		width = fyne.MeasureText(string(r), g.size, g.style).Width
		g.other[r] = width
	}

	return width
}
