package data

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"leadwerk/app"
	"leadwerk/app/mapping"
	"leadwerk/app/tabular"
)

// presetKeyPrefix starts the settings key of every import preset, which
// is followed by the preset's name.
const presetKeyPrefix = "import_preset:"

// presetJSON is the stored form of a [mapping.Preset]. The tags fix the
// stored names.
type presetJSON struct {
	Name       string            `json:"name"`
	Kind       string            `json:"kind,omitempty"`
	Columns    map[string]string `json:"columns,omitempty"`
	Encoding   string            `json:"encoding,omitempty"`
	Delimiter  string            `json:"delimiter,omitempty"`
	HeaderLine int               `json:"header_line,omitempty"`
	Locale     string            `json:"locale,omitempty"`
	Decimal    string            `json:"decimal,omitempty"`
	// Thousands is nil when the preset keeps the detected group
	// separator, and "" when it accepts any.
	Thousands  *string           `json:"thousands,omitempty"`
	DateFormat string            `json:"date_format,omitempty"`
	Source     string            `json:"source,omitempty"`
	Pipeline   string            `json:"pipeline,omitempty"`
	Currency   string            `json:"currency,omitempty"`
	Stages     map[string]string `json:"stages,omitempty"`
}

func presetToJSON(p mapping.Preset) presetJSON {
	stored := presetJSON{Name: p.Name, Kind: string(p.Kind), Encoding: string(p.Encoding),
		HeaderLine: p.HeaderLine, Locale: p.Locale, Source: p.Source, Pipeline: p.Pipeline,
		Currency: p.Currency, Stages: p.Stages}
	if p.Delimiter != 0 {
		stored.Delimiter = string(p.Delimiter)
	}
	stored.storeFormats(p.Formats)
	if len(p.Columns) > 0 {
		stored.Columns = make(map[string]string, len(p.Columns))
		for name, f := range p.Columns {
			stored.Columns[name] = string(f)
		}
	}

	return stored
}

func (p presetJSON) toApp() mapping.Preset {
	preset := mapping.Preset{Name: p.Name, Kind: mapping.Kind(p.Kind), Encoding: tabular.Encoding(p.Encoding),
		HeaderLine: p.HeaderLine, Locale: p.Locale, Source: p.Source, Pipeline: p.Pipeline,
		Currency: p.Currency, Stages: p.Stages}
	preset.Delimiter = runeOf(p.Delimiter)
	preset.Formats = p.formats()
	if len(p.Columns) > 0 {
		preset.Columns = make(map[string]mapping.Field, len(p.Columns))
		for name, f := range p.Columns {
			preset.Columns[name] = mapping.Field(f)
		}
	}

	return preset
}

// storeFormats sets the stored form of the number and date formats f.
// The zero rune is stored as "", so a stored thousands separator of ""
// accepts any separator.
func (p *presetJSON) storeFormats(f mapping.Formats) {
	if f.Decimal != 0 {
		p.Decimal = string(f.Decimal)
	}
	if f.ThousandsSet {
		thousands := ""
		if f.Thousands != 0 {
			thousands = string(f.Thousands)
		}
		p.Thousands = &thousands
	}
	p.DateFormat = string(f.Date)
}

func (p presetJSON) formats() mapping.Formats {
	f := mapping.Formats{Decimal: runeOf(p.Decimal), Date: tabular.DateFormat(p.DateFormat)}
	if p.Thousands != nil {
		f.Thousands, f.ThousandsSet = runeOf(*p.Thousands), true
	}

	return f
}

// runeOf returns the only rune of text, or 0 when text has none or more
// than one.
func runeOf(text string) rune {
	if r := []rune(text); len(r) == 1 {
		return r[0]
	}

	return 0
}

// ImportPresets returns the saved import presets, sorted by name.
func (s *Store) ImportPresets(ctx context.Context) ([]mapping.Preset, error) {
	var rows []settingRow
	err := s.db.WithContext(ctx).Where("key LIKE ?", presetKeyPrefix+"%").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("read import presets: %w", err)
	}

	presets := make([]mapping.Preset, 0, len(rows))
	for _, row := range rows {
		var stored presetJSON
		if _, err := readSetting(s.db.WithContext(ctx), row.Key, &stored); err != nil {
			return nil, err
		}
		presets = append(presets, stored.toApp())
	}
	sort.Slice(presets, func(i, j int) bool { return presets[i].Name < presets[j].Name })

	return presets, nil
}

// SaveImportPreset stores p under its name, replacing a preset of that
// name. A name that is empty after trimming spaces wraps
// [app.ErrInvalid].
func (s *Store) SaveImportPreset(ctx context.Context, p mapping.Preset) error {
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		return fmt.Errorf("import preset has no name: %w", app.ErrInvalid)
	}

	err := writeSetting(s.db.WithContext(ctx), presetKeyPrefix+p.Name, presetToJSON(p), s.now())
	if err != nil {
		return fmt.Errorf("save import preset %q: %w", p.Name, err)
	}

	return nil
}

// DeleteImportPreset removes the preset named name. An unknown name wraps
// [app.ErrNotFound].
func (s *Store) DeleteImportPreset(ctx context.Context, name string) error {
	result := s.db.WithContext(ctx).Where("key = ?", presetKeyPrefix+name).Delete(&settingRow{})
	if result.Error != nil {
		return fmt.Errorf("delete import preset %q: %w", name, result.Error)
	}
	if result.RowsAffected == 0 {
		return fmt.Errorf("import preset %q: %w", name, app.ErrNotFound)
	}

	return nil
}

var _ mapping.Importer = (*Store)(nil)
