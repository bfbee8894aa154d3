package assets

import (
	"path"
	"testing"
)

func TestEveryTranslationFolderHasBothLanguages(t *testing.T) {
	dirs, err := TranslationDirs()
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 || dirs[0] != "translations" {
		t.Fatalf("folders = %v, want \"translations\" first", dirs)
	}

	for _, dir := range dirs {
		for _, name := range []string{"en.json", "de.json"} {
			if _, err := Translations.ReadFile(path.Join(dir, name)); err != nil {
				t.Errorf("%s has no %s: %v", dir, name, err)
			}
		}
	}
}

func TestMessagesJoinFoldersAndReducePlurals(t *testing.T) {
	messages, err := Messages("de.json")
	if err != nil {
		t.Fatal(err)
	}

	if len(messages) < 100 {
		t.Fatalf("found %d German messages, want the whole interface", len(messages))
	}
	for key, text := range messages {
		if text == "" {
			t.Errorf("entry %q has no text (or no \"other\" form)", key)
		}
	}
}
