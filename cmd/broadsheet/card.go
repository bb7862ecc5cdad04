package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/broadsheet/broadsheet/locale"
	"github.com/broadsheet/broadsheet/render/card"
)

func cardCommand() command {
	return command{
		name: "card",
		args: "[--size 1200x630|og|x|square|WxH] [--layout standard|photo|keypoint] [--format png|jpeg] [--image FILE] [--fallback FONT,...] [--fallback-bold FONT,...] [--allow-missing-glyphs] [--time-zone ZONE] [-o FILE] [ARTICLE]",
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
	fallbackBold := f.String("fallback-bold", "", "comma-separated bold fallback font `FILES` for the headline and labels (default: --fallback)")
	allowMissing := f.Bool("allow-missing-glyphs", false, "draw the card even when some text has no glyph in any font (left out, with a warning);\nby default that fails with exit status 1")
	noSystemFonts := f.Bool("no-system-fonts", false, "do not look in the system's fonts for text the card's fonts lack")
	zoneName := timeZoneFlag(f)
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
	zone, err := loadZone(*zoneName)
	if err != nil {
		return err
	}
	o.AllowMissingGlyphs = *allowMissing
	if o.Layout == card.LayoutPhoto && *imageFile == "" {
		return usagef("--layout photo needs --image FILE (broadsheet does no network I/O)")
	}
	toStdout := f.output == nil || *f.output == "" || *f.output == "-"
	if toStdout && isTerminal(e.stdout) {
		return usagef("will not write an image to a terminal: use -o FILE or redirect standard output")
	}

	theme := card.Theme{NoSystemFonts: *noSystemFonts}
	if theme.Bold, err = fontFile(*bold); err != nil {
		return err
	}
	if theme.Regular, err = fontFile(*regular); err != nil {
		return err
	}
	if theme.Fallback, err = fontFiles(*fallback); err != nil {
		return err
	}
	if theme.FallbackBold, err = fontFiles(*fallbackBold); err != nil {
		return err
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
	if zone != nil {
		// The footer's date in the zone, in the article's own language
		// (the words a card takes from the shipped catalogue by itself).
		words, err := locale.New().Words(a.Language)
		if err != nil {
			return fmt.Errorf("%s: %w", source(arg), err)
		}
		o.Labels = card.LabelsFor(words.InZone(zone))
	}
	r, err := card.New(theme)
	if err != nil {
		return err
	}
	w, finish := f.out()
	info, err := r.Render(w, a, o)
	if len(info.Missing) > 0 && o.AllowMissingGlyphs {
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

// fontFiles parses a comma-separated list of font files.
func fontFiles(list string) ([]*card.Font, error) {
	var fonts []*card.Font
	for _, p := range strings.Split(list, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		fnt, err := fontFile(p)
		if err != nil {
			return nil, err
		}
		fonts = append(fonts, fnt)
	}
	return fonts, nil
}

// isTerminal reports whether w is a terminal (not merely a character
// device: writing to /dev/null is fine).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
