package main

import (
	"fmt"
	"io"
	"os"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/sanitize"
)

func sanitizeCommand() command {
	return command{
		name:    "sanitize",
		args:    "[--policy body|inline|text] [--base URL] [--embeds] [-o FILE] [FILE]",
		summary: "sanitise untrusted HTML from FILE (or standard input) with the body, inline or text policy",
		run:     runSanitize,
	}
}

// maxSanitizeInput is the most HTML sanitize reads: 10 MiB, the limit on
// article documents (article.DefaultMaxBytes), so a body that fits in an
// article fits here.
const maxSanitizeInput = article.DefaultMaxBytes

// readLimited reads r whole, or fails without reading more than max+1
// bytes when r holds more than max.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("input larger than %d bytes (10 MiB)", max)
	}
	return b, nil
}

func runSanitize(e *env, args []string) error {
	f := newFlags(e, sanitizeCommand(), true)
	policy := f.String("policy", "body", "`policy`: body (article bodies), inline (key points, captions) or text (no markup)")
	base := f.String("base", "", "the article's own absolute `URL`: links elsewhere get rel, relative URLs are resolved")
	embeds := f.Bool("embeds", false, "allow YouTube and Vimeo players as sandboxed iframes (body policy)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("takes at most one FILE, got %d arguments", len(pos))
	}
	opts := sanitize.Options{BaseURL: *base, Embeds: *embeds}
	var p *sanitize.Policy
	switch *policy {
	case "body":
		p, err = sanitize.BodyPolicy(opts)
	case "inline":
		p, err = sanitize.InlinePolicy(opts)
	case "text":
		p = sanitize.TextPolicy()
	default:
		return usagef("--policy must be body, inline or text, not %q", *policy)
	}
	if err != nil {
		return usagef("%v", err)
	}
	var r io.Reader = e.stdin
	name := "stdin"
	if len(pos) == 1 && pos[0] != "-" {
		name = pos[0]
		file, err := os.Open(pos[0])
		if err != nil {
			return err
		}
		defer file.Close()
		f.inputs = append(f.inputs, pos[0])
		r = file
	}
	in, err := readLimited(r, maxSanitizeInput)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if sw, ok := sanitize.Swallowed(string(in)); ok {
		fmt.Fprintf(e.stderr, "%s: warning: %s; close it, or that text is lost\n", name, sw)
	}
	w, finish := f.out()
	return finish(p.SanitizeTo(w, string(in)))
}
