package charts

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is the image encoding a chart is written in.
type Format int

// The supported chart formats.
const (
	PNG Format = iota
	SVG
)

// String returns the file extension of the format without the dot.
func (f Format) String() string {
	switch f {
	case PNG:
		return "png"
	case SVG:
		return "svg"
	default:
		return fmt.Sprintf("Format(%d)", int(f))
	}
}

// FormatFromPath returns the format that matches the extension of path,
// ignoring case. It returns an error for any extension other than .png or
// .svg.
func FormatFromPath(path string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch ext {
	case ".png":
		return PNG, nil
	case ".svg":
		return SVG, nil
	case "":
		return 0, fmt.Errorf("chart file %q has no extension: use .png or .svg", path)
	default:
		return 0, fmt.Errorf("chart file %q has the unsupported extension %s: use .png or .svg", path, ext)
	}
}
