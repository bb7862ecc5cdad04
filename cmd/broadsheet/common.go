package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/markdown"
	"github.com/broadsheet/broadsheet/sanitize"
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
	inputs []string // files the command read: -o must not be one of them
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
		fmt.Fprintln(w, "\nARTICLE is a path to article JSON or Markdown (.md, YAML front matter), - for\nstandard input, or left out for the built-in sample article.")
	}
}

// out returns where the command's output goes and a function that
// finishes it: for -o FILE the output is written to the file only when the
// command succeeds, atomically (see writeFile), and never over one of the
// command's own input files.
func (f *flags) out() (io.Writer, func(error) error) {
	if f.output == nil || *f.output == "" || *f.output == "-" {
		return f.e.stdout, func(err error) error { return err }
	}
	var buf bytes.Buffer
	return &buf, func(err error) error {
		if err != nil {
			return err
		}
		return writeFile(*f.output, buf.Bytes(), f.inputs)
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

// article is the start every command taking one optional ARTICLE shares:
// it parses args, runs check (the command's own flag checks, so usage
// errors come before any reading), and reads and validates the article.
// It returns the article and the ARTICLE argument ("" for the sample).
func (f *flags) article(args []string, check func() error) (*article.Article, string, error) {
	pos, err := f.parse(args)
	if err != nil {
		return nil, "", err
	}
	if check != nil {
		if err := check(); err != nil {
			return nil, "", err
		}
	}
	arg, err := oneArticle(pos)
	if err != nil {
		return nil, "", err
	}
	a, err := f.readArticle(arg)
	return a, arg, err
}

// readArticle reads and validates the article named by arg ("" for the
// sample, "-" for stdin). Every finding goes to stderr with its path; an
// unreadable document or an error-severity finding returns errSilent once
// they are printed.
func (f *flags) readArticle(arg string) (*article.Article, error) {
	a, findings, err := f.loadArticle(arg)
	for _, fd := range findings {
		fmt.Fprintf(f.e.stderr, "%s: %s\n", source(arg), describe(fd))
	}
	switch {
	case a == nil:
		return nil, fmt.Errorf("%s: %w", source(arg), err)
	case err != nil:
		return nil, errSilent
	}
	return a, nil
}

// loadArticle decodes and validates arg: article JSON, or Markdown with
// YAML front matter when the file name ends in .md (or, on standard input,
// when the text starts with a line "---"). It records a file argument as
// one of the command's inputs.
func (f *flags) loadArticle(arg string) (*article.Article, []article.Finding, error) {
	var r io.Reader
	md := false
	switch arg {
	case "":
		r = bytes.NewReader(sample.JSON())
	case "-":
		br := bufio.NewReader(f.e.stdin)
		head, _ := br.Peek(4)
		md = bytes.HasPrefix(bytes.TrimPrefix(head, []byte("\ufeff")), []byte("---"))
		r = br
	default:
		file, err := os.Open(arg)
		if err != nil {
			return nil, nil, err
		}
		defer file.Close()
		f.inputs = append(f.inputs, arg)
		r = file
		md = strings.EqualFold(filepath.Ext(arg), ".md") || strings.EqualFold(filepath.Ext(arg), ".markdown")
	}
	var a *article.Article
	var findings []article.Finding
	var err error
	if md {
		a, findings, err = markdown.DecodeAndValidate(r, "", markdown.Options{}) // the caller names the source
	} else {
		a, findings, err = article.DecodeAndValidate(r, article.DecodeOptions{})
	}
	if a != nil {
		findings = append(findings, droppedText(a)...)
	}
	return a, findings, err
}

// droppedText warns about each HTML field that leaves something open at
// its end, so that the sanitiser would drop the rest of it without a word
// (see sanitize.Swallowed).
func droppedText(a *article.Article) []article.Finding {
	var out []article.Finding
	check := func(path, html string) {
		if sw, ok := sanitize.Swallowed(html); ok {
			out = append(out, article.Finding{Path: path, Code: "dropped_text", Severity: article.SeverityWarning,
				Message: sw.String() + "; close it, or the page loses that text", Err: article.ErrDroppedText})
		}
	}
	for i, kp := range a.KeyPoints {
		check(fmt.Sprintf("key_points[%d]", i), kp)
	}
	check("body", a.Body)
	for i, e := range a.Explainers {
		check(fmt.Sprintf("explainers[%d].body", i), e.Body)
	}
	return out
}

// describe formats a finding for people: "error: url: message [code]",
// with "line N: " before the path when the finding has a line.
func describe(f article.Finding) string {
	path := f.Path
	if path == "" {
		path = "(document)"
	}
	if f.Line > 0 {
		path = fmt.Sprintf("line %d: %s", f.Line, path)
	}
	return fmt.Sprintf("%s: %s: %s [%s]", f.Severity, path, f.Message, f.Code)
}

// oneArticle returns the single optional ARTICLE argument, for a command
// that reads other files before the article (card reads fonts and images).
func oneArticle(pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return "", nil
	case 1:
		return pos[0], nil
	}
	return "", usagef("takes at most one ARTICLE, got %d arguments", len(pos))
}
