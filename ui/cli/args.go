package cli

import (
	"flag"
	"io"
)

// newFlagSet returns a flag set that reports errors to the caller instead
// of printing them, so Run prints one message and the usage.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}

	return fs
}

// parseMixed parses args with fs and returns the positional arguments.
// Unlike [flag.FlagSet.Parse] it also accepts flags after a positional
// argument, as in "import DIR -preset maven-crm".
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, flagError(fs.Name(), err)
		}

		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}

		positional = append(positional, args[0])
		args = args[1:]
	}
}
