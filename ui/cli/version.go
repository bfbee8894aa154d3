package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime"

	"fyne.io/fyne/v2/lang"
)

// Version is Leadwerk's release version in SemVer, the same as Version in
// FyneApp.toml, which fyne package writes into the Windows and macOS
// packages. A test fails when the two differ.
const Version = "0.1.0"

// errShowVersion is the sentinel error that parse returns for the version
// command, so that Run prints the version without opening the database,
// as it prints the help for flag.ErrHelp.
var errShowVersion = errors.New("show version")

func parseVersion(args []string) (action, error) {
	fs := newFlagSet("version")
	positional, err := parseMixed(fs, args)
	if err != nil {
		return nil, err
	}

	if len(positional) > 0 {
		return nil, unexpectedArgument("version", positional[0])
	}

	return nil, errShowVersion
}

// printVersion writes the version and the Go release and platform the
// binary was built with, such as "Leadwerk 0.1.0, built with go1.26.8 for
// windows/amd64".
func printVersion(w io.Writer) {
	fmt.Fprintln(w, lang.X("cli.version", "Leadwerk {{.Version}}, built with {{.Go}} for {{.Platform}}",
		map[string]any{"Version": Version, "Go": runtime.Version(), "Platform": runtime.GOOS + "/" + runtime.GOARCH}))
}
