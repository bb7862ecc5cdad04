package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

// errHelp is returned after a command printed its help on request.
var errHelp = errors.New("help requested")

// flags is a command's flag set with the shared conventions: -h/--help
// prints help to stdout and exits 0; flags may come before or after the
// positional arguments; -o FILE redirects output.
type flags struct {
	*flag.FlagSet
	cmd    command
	e      *env
	output *string
}

// newFlags returns the flag set for c. withOutput adds -o FILE.
func newFlags(e *env, c command, withOutput bool) *flags {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f := &flags{FlagSet: fs, cmd: c, e: e}
	if withOutput {
		f.output = fs.String("o", "", "write the output to `FILE` instead of standard output")
	}
	return f
}

// parse parses args, allowing flags after positional arguments, and
// returns the positional arguments.
func (f *flags) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				f.help(f.e.stdout)
				return nil, errHelp
			}
			return nil, usagef("%v", err)
		}
		rest := f.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
		if rest[0] == "--" {
			pos = append(pos[:len(pos)-1], args...)
			return pos, nil
		}
	}
}

func (f *flags) help(w io.Writer) {
	fmt.Fprintf(w, "usage: broadsheet %s %s\n\n%s\n", f.cmd.name, f.cmd.args, f.cmd.summary)
	var any bool
	f.VisitAll(func(*flag.Flag) { any = true })
	if any {
		fmt.Fprintln(w, "\nflags:")
		f.SetOutput(w)
		f.PrintDefaults()
		f.SetOutput(io.Discard)
	}
	if strings.Contains(f.cmd.args, "ARTICLE") {
		fmt.Fprintln(w, "\nARTICLE is a path to article JSON, - for standard input, or left out for the\nbuilt-in sample article.")
	}
}

// out returns where the command's output goes and a function that
// finishes it: for -o FILE the output is written to the file only when the
// command succeeds.
func (f *flags) out() (io.Writer, func(error) error) {
	if f.output == nil || *f.output == "" || *f.output == "-" {
		return f.e.stdout, func(err error) error { return err }
	}
	var buf bytes.Buffer
	return &buf, func(err error) error {
		if err != nil {
			return err
		}
		if werr := os.WriteFile(*f.output, buf.Bytes(), 0o644); werr != nil {
			return fmt.Errorf("writing output: %w", werr)
		}
		return nil
	}
}

// source names an ARTICLE argument for messages.
func source(arg string) string {
	switch arg {
	case "":
		return "sample"
	case "-":
		return "stdin"
	}
	return arg
}

// readArticle reads and validates the article named by arg ("" for the
// sample, "-" for stdin). Warnings go to stderr; a decoding problem or an
// error-severity finding is printed with its path and returns errSilent.
func readArticle(e *env, arg string) (*article.Article, error) {
	a, err := loadArticle(e, arg)
	if err != nil && a == nil {
		return nil, fmt.Errorf("%s: %w", source(arg), err)
	}
	if err != nil {
		var ve *article.ValidationError
		if errors.As(err, &ve) {
			for _, f := range ve.Findings {
				fmt.Fprintf(e.stderr, "%s: %s\n", source(arg), describe(f))
			}
		}
		if article.Blocking(err) {
			return nil, errSilent
		}
	}
	return a, nil
}

// loadArticle decodes and validates arg; see article.DecodeOptions.Read.
func loadArticle(e *env, arg string) (*article.Article, error) {
	var r io.Reader
	switch arg {
	case "":
		r = bytes.NewReader(sample.JSON())
	case "-":
		r = e.stdin
	default:
		file, err := os.Open(arg)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		r = file
	}
	return article.DecodeOptions{}.Read(r)
}

// describe formats a finding for people: "error: url: message [code]".
func describe(f article.Finding) string {
	path := f.Path
	if path == "" {
		path = "(document)"
	}
	return fmt.Sprintf("%s: %s: %s [%s]", f.Severity, path, f.Message, f.Code)
}

// oneArticle returns the single optional ARTICLE argument.
func oneArticle(pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return "", nil
	case 1:
		return pos[0], nil
	}
	return "", usagef("takes at most one ARTICLE, got %d arguments", len(pos))
}
