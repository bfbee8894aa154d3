package cli

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2/lang"

	"leadwerk/assets"

	// clocale must run before Fyne's lang package reads the locale.
	_ "leadwerk/ui/internal/clocale"
)

var (
	translationsOnce sync.Once
	translationsErr  error
)

// loadTranslations adds the English and German texts of assets to Fyne's
// lang package on the first call. lang then picks the language closest to
// the locale in LANGUAGE, LC_ALL, LC_MESSAGES and LANG. It needs no
// window.
func loadTranslations() error {
	translationsOnce.Do(func() {
		if err := assets.AddTranslations(); err != nil {
			translationsErr = fmt.Errorf("load translations: %w", err)
		}
	})

	return translationsErr
}

// language returns the language that money and counts are written in:
// the one chosen in the window's Preferences, such as "de", else the
// system locale's, such as "de-DE", as in the window.
//
// NOTE: lang picks the messages' language from the whole LANGUAGE list,
// but this returns only its first entry. With LANGUAGE=fr:de the messages
// are German and the numbers English.
func language() string {
	if languageOverride != "" {
		return languageOverride
	}

	return lang.SystemLocale().LanguageString()
}

// wrappedError is a translated message that keeps the error it describes
// in its chain for [errors.Is] and [errors.As].
type wrappedError struct {
	message string
	err     error
}

func (e wrappedError) Error() string { return e.message }

func (e wrappedError) Unwrap() error { return e.err }

// wrap returns an error with the translated message that wraps err.
func wrap(message string, err error) error {
	return wrappedError{message: message, err: err}
}

// translateFlagError rewrites the English messages of the flag package
// v1.26 in the current language and passes other messages through.
func translateFlagError(err error) string {
	message := strings.TrimSpace(err.Error())
	if name, ok := strings.CutPrefix(message, "flag needs an argument: "); ok {
		return lang.X("cli.flag.needs_value", "option {{.Flag}} needs a value", map[string]any{"Flag": name})
	}

	if name, ok := strings.CutPrefix(message, "flag provided but not defined: "); ok {
		return lang.X("cli.flag.unknown", "unknown option {{.Flag}}", map[string]any{"Flag": name})
	}

	if rest, ok := strings.CutPrefix(message, "invalid value "); ok {
		value, flagPart, found := strings.Cut(rest, " for flag ")
		name, _, _ := strings.Cut(flagPart, ":")
		if found {
			return lang.X("cli.flag.invalid", "invalid value {{.Value}} for option {{.Flag}}",
				map[string]any{"Value": value, "Flag": name})
		}
	}

	return message
}

// flagError turns an error of the flag package into a usage error. The
// message starts with the command, unless command is empty for the
// global flags, and [flag.ErrHelp] passes through.
func flagError(command string, err error) error {
	if err == flag.ErrHelp {
		return err
	}

	message := translateFlagError(err)
	if command == "" {
		return usageError{message: message}
	}

	return usageError{message: command + ": " + message}
}

// unexpectedArgument returns the usage error of a command that takes no
// positional argument.
func unexpectedArgument(command, argument string) error {
	return usageError{message: lang.X("cli.usage.unexpected_argument",
		"{{.Command}}: unexpected argument {{.Argument}}; this command takes only flags",
		map[string]any{"Command": command, "Argument": strconv.Quote(argument)})}
}
