// Package assets embeds the files Leadwerk ships inside its binary: the
// app icon and the translations of the user interface.
package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Translations holds the texts of the user interface in folders under
// "translations": the folder itself and one subfolder per area of the
// app, such as "translations/reports". Each folder has one JSON file per
// language, named after it ("en.json", "de.json"), in the format that
// Fyne's lang.AddTranslationsFS reads. A key lives in one folder only.
//
//go:embed translations
var Translations embed.FS

//go:embed icon.png
var iconPNG []byte

// Icon is the 512×512 PNG app icon, also named in FyneApp.toml.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)

// TranslationDirs returns every folder of Translations that holds
// language files, "translations" first and the rest sorted.
func TranslationDirs() ([]string, error) {
	var dirs []string
	err := fs.WalkDir(Translations, "translations", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && path.Ext(p) == ".json" {
			dir := path.Dir(p)
			if !slices.Contains(dirs, dir) {
				dirs = append(dirs, dir)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list translation folders: %w", err)
	}

	slices.Sort(dirs)

	return dirs, nil
}

// AddTranslations adds the texts of every translation folder to Fyne's
// lang package, which then picks the language closest to the system
// locale. It adds file by file, because lang.AddTranslationsFS fails on
// a folder that contains subfolders.
func AddTranslations() error {
	dirs, err := TranslationDirs()
	if err != nil {
		return err
	}

	for _, dir := range dirs {
		files, err := fs.Glob(Translations, path.Join(dir, "*.json"))
		if err != nil {
			return fmt.Errorf("list translations in %s: %w", dir, err)
		}

		for _, file := range files {
			data, err := Translations.ReadFile(file)
			if err != nil {
				return fmt.Errorf("read %s: %w", file, err)
			}

			// lang takes the language from the file name, as in "de.json".
			if err := lang.AddTranslations(fyne.NewStaticResource(path.Base(file), data)); err != nil {
				return fmt.Errorf("load translations from %s: %w", file, err)
			}
		}
	}

	return nil
}

// AddTranslationsAs adds the texts of language, such as "de", once more
// under the tag of the system locale, so that lang shows them although
// the operating system's locale names another language. Call it after
// AddTranslations. The texts replace the system language's own for every
// key of Leadwerk's folders.
func AddTranslationsAs(language string) error {
	dirs, err := TranslationDirs()
	if err != nil {
		return err
	}

	system := lang.SystemLocale()
	for _, dir := range dirs {
		file := path.Join(dir, language+".json")
		data, err := Translations.ReadFile(file)
		if err != nil {
			return fmt.Errorf("read %s: %w", file, err)
		}

		if err := lang.AddTranslationsForLocale(data, system); err != nil {
			return fmt.Errorf("load translations from %s as %s: %w", file, system, err)
		}
	}

	return nil
}

// Messages returns every entry for one language file name, such as
// "de.json", across all translation folders. A plural entry is reduced to
// its "other" form. A key found in two folders is an error, because lang
// would keep only one of them.
func Messages(name string) (map[string]string, error) {
	dirs, err := TranslationDirs()
	if err != nil {
		return nil, err
	}

	messages := map[string]string{}
	for _, dir := range dirs {
		file := path.Join(dir, name)
		data, err := Translations.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", file, err)
		}

		raw := map[string]json.RawMessage{}
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, fmt.Errorf("read %s: %w", file, err)
		}

		for key, value := range raw {
			if _, dup := messages[key]; dup {
				return nil, fmt.Errorf("%s: entry %q is also in another folder", file, key)
			}

			text, err := otherForm(value)
			if err != nil {
				return nil, fmt.Errorf("%s: entry %q: %w", file, key, err)
			}
			messages[key] = text
		}
	}

	return messages, nil
}

// otherForm returns a plain message, or the "other" form of a plural
// entry such as {"one": "…", "other": "…"}.
func otherForm(value json.RawMessage) (string, error) {
	var text string
	if json.Unmarshal(value, &text) == nil {
		return text, nil
	}

	var forms map[string]string
	if err := json.Unmarshal(value, &forms); err != nil {
		return "", err
	}

	return forms["other"], nil
}
