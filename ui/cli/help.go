package cli

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// commands lists the command names of the command line, for the help
// and for naming the command of a usage error.
var commands = []string{"import", "leads", "pipeline", "chart", "demo", "forecast", "report", "export", "gdpr",
	"backup", "restore", "check", "version", "help"}

// commandOf returns the command that args name after the global flags, or
// "" when they name none or an unknown one.
func commandOf(args []string) string {
	global := newFlagSet("leadwerk")
	global.String("db", "", "database file or postgres:// URL")
	if err := global.Parse(args); err != nil || global.NArg() == 0 {
		return ""
	}

	if name := global.Arg(0); slices.Contains(commands, name) {
		return name
	}

	return ""
}

// printUsageError writes err and a line naming the help to read, instead
// of the whole help, which would push the error off the screen.
func printUsageError(w io.Writer, err error, command string) {
	hint := lang.X("cli.usage.hint_all", `Run "leadwerk help" for the commands and options.`)
	if command != "" && command != "help" {
		hint = lang.X("cli.usage.hint", `Run "leadwerk help {{.Command}}" for its options.`,
			map[string]any{"Command": command})
	}

	fmt.Fprintf(w, "leadwerk: %v\n%s\n", err, hint)
}

// runHelp prints the help for "leadwerk help [COMMAND]" and reports
// whether args were that command.
func runHelp(args []string, env Env) (int, bool) {
	if commandOf(args) != "help" {
		return 0, false
	}

	global := newFlagSet("leadwerk")
	global.String("db", "", "database file or postgres:// URL")
	_ = global.Parse(args)
	rest := global.Args()[1:]

	switch {
	case len(rest) == 0:
		fmt.Fprint(env.Stdout, usage())
	case len(rest) > 1:
		printUsageError(env.Stderr, unexpectedArgument("help", rest[1]), "help")
		return ExitUsage, true
	case !slices.Contains(commands, rest[0]):
		printUsageError(env.Stderr, usageError{message: lang.X("cli.usage.unknown_command",
			"unknown command {{.Name}}", map[string]any{"Name": strconv.Quote(rest[0])})}, "")
		return ExitUsage, true
	default:
		fmt.Fprint(env.Stdout, commandUsage(usage(), rest[0]))
	}

	return ExitOK, true
}

// commandUsage returns the parts of the help text that concern command:
// its usage lines, the options marked with the command in brackets, such
// as "(export)", and the global options -db and -h. An entry is a line
// indented by two spaces with the deeper indented lines below it.
func commandUsage(help, command string) string {
	var out strings.Builder
	var entry []string
	flush := func() {
		if len(entry) > 0 && entryConcerns(entry, command) {
			out.WriteString(strings.Join(entry, "\n") + "\n")
		}
		entry = nil
	}

	for _, line := range strings.Split(help, "\n") {
		switch {
		case strings.HasPrefix(line, "   "):
			if entry != nil {
				entry = append(entry, line)
			}
		case strings.HasPrefix(line, "  "):
			flush()
			entry = []string{line}
		default:
			flush()
			if strings.HasSuffix(line, ":") {
				out.WriteString(line + "\n")
			}
		}
	}
	flush()

	return out.String()
}

var globalOption = regexp.MustCompile(`^  -(db|h)\b`)

// entryConcerns reports whether a help entry is a usage line of command,
// an option that names command in brackets, or a global option.
func entryConcerns(entry []string, command string) bool {
	fields := strings.Fields(entry[0])
	if len(fields) > 0 && fields[0] == "leadwerk" {
		return usedCommand(fields[1:]) == command
	}

	mentions := regexp.MustCompile(`\([^)]*\b` + regexp.QuoteMeta(command) + `\b[^)]*\)`)

	return mentions.MatchString(strings.Join(entry, " ")) || globalOption.MatchString(entry[0])
}

// usedCommand returns the first word of a usage line after the global
// flags in brackets, such as "import" in "[-db PATH] import FILE".
func usedCommand(fields []string) string {
	inBrackets := false
	for _, f := range fields {
		switch {
		case strings.HasPrefix(f, "["):
			inBrackets = !strings.HasSuffix(f, "]")
		case inBrackets:
			inBrackets = !strings.HasSuffix(f, "]")
		default:
			return f
		}
	}

	return ""
}

// dealsAlias returns "opportunities" for "deals", the word the help and
// most CRMs use, and any other value of -kind or -what unchanged.
func dealsAlias(value string) string {
	if value == "deals" {
		return "opportunities"
	}

	return value
}
