package main

import (
	"io"
	"os"

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
	var in []byte
	if len(pos) == 0 || pos[0] == "-" {
		in, err = io.ReadAll(e.stdin)
	} else {
		in, err = os.ReadFile(pos[0])
	}
	if err != nil {
		return err
	}
	w, finish := f.out()
	return finish(p.SanitizeTo(w, string(in)))
}
