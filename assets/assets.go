// Package assets embeds the files Leadwerk ships inside its binary: the
// app icon and the translations of the user interface.
package assets

import (
	"embed"

	"fyne.io/fyne/v2"
)

// Translations contains one JSON file per language under "translations",
// named after the language ("en.json", "de.json"), in the format that
// Fyne's lang.AddTranslationsFS reads.
//
//go:embed translations/*.json
var Translations embed.FS

//go:embed icon.png
var iconPNG []byte

// Icon is the 512×512 PNG app icon, also named in FyneApp.toml.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)
