// Command broadsheet renders, checks and shares news articles from the
// command line, and serves a demo site.
//
// Usage:
//
//	broadsheet COMMAND [flags] [ARTICLE]
//
// ARTICLE is a path to article JSON or to Markdown with YAML front matter
// (a .md file; on standard input, text starting with a line "---"), "-"
// for standard input, or left out for the built-in sample article. Output goes to standard output unless -o
// FILE is given. Exit status: 0 on success, 1 on invalid input (standard
// error names the field and the problem), 2 on usage errors.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// command is one subcommand. run parses its own flags from args.
type command struct {
	name    string
	args    string // the usage line after the name
	summary string
	run     func(e *env, args []string) error
}

// commands lists the subcommands in the order help shows them.
func commands() []command {
	return []command{
		validateCommand(),
		renderCommand(),
		metaCommand(),
		shareCommand(),
		postCommand(),
		cardCommand(),
		sanitizeCommand(),
		serveCommand(),
		buildCommand(),
		importCommand(),
		publishCommand(),
		outboxCommand(),
	}
}

// env is what a command may touch: its streams. Tests run commands in
// process with buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// usageError is a mistake in how the command was called: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errSilent reports failure whose details the command already printed.
var errSilent = errors.New("")

// run executes the command line args and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(e, args[1:])
		var ue usageError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, errHelp):
			return 0
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "broadsheet %s: %s\nrun 'broadsheet %s --help' for usage\n", name, ue.msg, name)
			return 2
		case errors.Is(err, errSilent):
			return 1
		default:
			fmt.Fprintf(stderr, "broadsheet %s: %s\n", name, err)
			return 1
		}
	}
	fmt.Fprintf(stderr, "broadsheet: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	var b strings.Builder
	b.WriteString("usage: broadsheet COMMAND [flags] [ARTICLE]\n\n")
	b.WriteString("ARTICLE is a path to article JSON or Markdown (.md, YAML front matter), - for\nstandard input, or left out for the built-in sample article.\n\ncommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.summary)
	}
	b.WriteString("\nrun 'broadsheet COMMAND --help' for a command's flags.\nexit status: 0 success, 1 invalid input, 2 usage error.\n")
	io.WriteString(w, b.String())
}
