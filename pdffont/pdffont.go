// Package pdffont registers the Go fonts with an fpdf document. They are
// embedded as UTF-8 TrueType fonts that cover Latin-1, "€" and the rest
// of the WGL4 set, so German text such as "Größe: 12 €" prints as typed,
// which fpdf's built-in core fonts cannot do.
package pdffont

import (
	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Family is the font family name that [Register] adds, for
// [fpdf.Fpdf.SetFont] with style "" or "B".
const Family = "go"

// Register adds the regular and bold Go fonts to pdf as [Family]. Errors
// surface in pdf.Error, as fpdf reports all its errors.
func Register(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(Family, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(Family, "B", gobold.TTF)
}
