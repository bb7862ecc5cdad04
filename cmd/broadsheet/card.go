package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/broadsheet/broadsheet/render/card"
)

func cardCommand() command {
	return command{
		name: "card",
		args: "[--size 1200x630|og|x|square|WxH] [--layout standard|photo|keypoint] [--format png|jpeg] [--image FILE] [--fallback FONT,...] [-o FILE] [ARTICLE]",
		summary: "draw the article's share card as PNG (or JPEG); without -o the image goes to standard output,\n" +
			"which must then not be a terminal",
		run: runCard,
	}
}

func runCard(e *env, args []string) error {
	f := newFlags(e, cardCommand(), true)
	size := f.String("size", "1200x630", "card `size`: WxH, og (1200x630), x (1200x675) or square (1080x1080)")
	layout := f.String("layout", "standard", "`layout`: standard, photo (needs --image) or keypoint")
	format := f.String("format", "", "image `format`: png or jpeg (default png; jpeg for the photo layout)")
	imageFile := f.String("image", "", "lead image `FILE` (JPEG, PNG or WebP) for the photo layout")
	keyPoint := f.Int("keypoint", 1, "which key point (`N`, from 1) the keypoint layout shows")
	bold := f.String("font-bold", "", "headline font `FILE` (TTF, OTF, TTC or WOFF; default Go Bold)")
	regular := f.String("font", "", "text font `FILE` (default Go Regular)")
	fallback := f.String("fallback", "", "comma-separated fallback font `FILES` tried per grapheme (script and emoji fonts)")
	strict := f.Bool("strict", false, "fail (exit 1) when some text has no glyph in any font, instead of warning")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	arg, err := oneArticle(pos)
	if err != nil {
		return err
	}
	var o card.Options
	if o.Size, err = card.ParseSize(*size); err != nil {
		return usagef("--size: %v", err)
	}
	if err := o.Layout.UnmarshalText([]byte(*layout)); err != nil {
		return usagef("--layout: %v", err)
	}
	if err := o.Format.UnmarshalText([]byte(*format)); err != nil {
		return usagef("--format: %v", err)
	}
	if *keyPoint < 1 {
		return usagef("--keypoint counts from 1, got %d", *keyPoint)
	}
	o.KeyPoint = *keyPoint - 1
	o.Strict = *strict
	if o.Layout == card.LayoutPhoto && *imageFile == "" {
		return usagef("--layout photo needs --image FILE (broadsheet does no network I/O)")
	}
	toStdout := f.output == nil || *f.output == "" || *f.output == "-"
	if toStdout && isTerminal(e.stdout) {
		return usagef("will not write an image to a terminal: use -o FILE or redirect standard output")
	}

	var theme card.Theme
	if theme.Bold, err = fontFile(*bold); err != nil {
		return err
	}
	if theme.Regular, err = fontFile(*regular); err != nil {
		return err
	}
	for _, p := range strings.Split(*fallback, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		fnt, err := fontFile(p)
		if err != nil {
			return err
		}
		theme.Fallback = append(theme.Fallback, fnt)
	}
	if *imageFile != "" {
		if o.ImageData, err = os.ReadFile(*imageFile); err != nil {
			return err
		}
	}
	a, err := f.readArticle(arg)
	if err != nil {
		return err
	}
	r, err := card.New(theme)
	if err != nil {
		return err
	}
	w, finish := f.out()
	info, err := r.Render(w, a, o)
	if len(info.Missing) > 0 && !o.Strict {
		fmt.Fprintf(e.stderr, "broadsheet card: warning: no font has %q; left out (add a --fallback font)\n", info.Missing)
	}
	return finish(err)
}

// fontFile parses the font at path; "" means the default (nil).
func fontFile(path string) (*card.Font, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fnt, err := card.ParseFont(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return fnt, nil
}

// isTerminal reports whether w is a terminal (not merely a character
// device: writing to /dev/null is fine).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
