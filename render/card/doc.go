// Package card draws share-card images of an article: the picture Facebook,
// LinkedIn, X and messaging apps show with a link (og:image,
// twitter:image). It writes PNG (an exact paletted PNG for text cards) or
// JPEG (the default for the photo layout), at 1200×630 (OpenGraph),
// 1200×675 (XCard), 1080×1080 (Square) or any size.
//
//	r, err := card.New(card.Theme{}) // once: parses fonts, owns the glyph cache
//	if err != nil { … }
//	f, _ := os.Create("card.png")
//	info, err := r.Render(f, art, card.Options{})           // 1200×630 standard PNG
//	_, err = r.Render(w, art, card.Options{
//		Layout: card.LayoutPhoto, ImageData: leadJPEG, Size: card.XCard(),
//	})
//
// # Layouts
//
// LayoutStandard shows the site's logo (Theme.Logo) or an initial tile and
// name, a BREAKING badge when Article.Breaking, the kicker or section, the
// social headline, the standfirst (or the first key point) and a footer with
// the site's domain and the publication date. LayoutPhoto sets the headline
// over the lead image, cover-cropped around Options.Focus under a scrim.
// LayoutKeyPoint shows one key point large with the headline under it.
//
// # Text
//
// Text is shaped with go-text/typesetting (a HarfBuzz port): kerning,
// ligatures, Arabic joining and marks, bidi (UAX #9) for right-to-left and
// mixed paragraphs, and line breaking by UAX #14. A paragraph whose first
// strong character is right-to-left is right-aligned. Fonts are chosen per
// grapheme cluster: the theme's Bold or Regular font, then each
// Theme.Fallback (or Theme.FallbackBold) font in order, then, unless
// Theme.NoSystemFonts, a font installed on the machine found through
// go-text's fontscan in the weight the text asks for (the search is per
// Renderer, loads at most 24 font files and remembers its answers);
// emoji-presentation clusters prefer a colour font (CBDT/sbix bitmaps such
// as Noto Color Emoji are drawn in colour). Text that no font can draw is
// an error wrapping ErrMissingGlyph, never a card with holes in its
// headline; with Options.AllowMissingGlyphs such graphemes are left out of
// the image (never drawn as boxes) and listed in Info.Missing.
//
// Headlines are auto-fitted: the largest size between the layout's minimum
// and maximum at which the wrapped headline fits its line limit and its box,
// found by measuring. When even the minimum size does not fit, the headline
// is set at the minimum and clamped to the lines that fit with an ellipsis
// "…", cut at a grapheme boundary; the text never leaves its box.
//
// Fonts are TTF, OTF (CFF and CFF2), collections (TTC/OTC) or WOFF 1.0;
// variable fonts render at any instance (Font.WithVariations). Known gaps:
// WOFF2 is refused with an error (convert it to TTF); COLR colour glyphs
// are drawn from their monochrome outline, if any, in the text colour (CBDT
// and sbix bitmap emoji are drawn in colour); Thai, Lao and Khmer break only
// at spaces (no dictionary).
//
// # Languages
//
// Options.Labels carries the words a card prints besides the article's
// text — the BREAKING and key-point badges, the footer's date and the
// reading time. Fields left empty come from package locale's catalogue
// for the article's language (CLDR dates, plural reading times), English
// for an English article; LabelsFor fills them from a site's own
// catalogue or from words with a display time zone.
// A card for a right-to-left language (the article's Language is Arabic,
// Hebrew, Persian, Urdu…; Options.Direction overrides) is mirrored: the
// logo or tile, the badges, the headline and the key point's bar start at
// the right, and the footer's date and domain swap sides. Fallback fonts
// come in two lists, Theme.Fallback for regular text and
// Theme.FallbackBold for the headline and labels, so a standfirst in a
// script the theme's fonts lack is not set bold.
//
// # Performance and concurrency
//
// A Renderer parses its fonts once and keeps a cache of rasterised glyphs
// shared by all goroutines (bounded at 16 MB); shaping and encoding
// scratch is pooled. Glyph and shape edges are anti-aliased in 16 steps, so
// a text card has few colours and is written as an exact (lossless)
// paletted PNG, which is several times faster to compress than RGB. A
// Renderer is safe for concurrent use; a *Font is read-only and may be
// shared by many Renderers. The same article, options and theme give the
// same bytes, so a hash of them is a good cache key.
//
// Photo cards from a baseline JPEG (Options.ImageData; what newsroom
// photographs are) never build the full-size image: the package's own
// decoder (written from ITU-T T.81) decodes each 8×8 block with an M×M
// inverse DCT, M/8 the smallest scale at which the focal crop still covers
// the card, so a 1600×900 photograph arrives as 1200×675 planes of luma
// and chroma for a 1200×630 card. The planes are cropped (and, when the
// scale is not exact, resampled with a tent filter in 8-bit fixed point),
// the scrim is laid on them in YCbCr, and only the 16×16 tiles that the
// logo, badges and text touch are converted to RGBA to be drawn on; the
// package's baseline JPEG writer takes every other tile straight from the
// planes. A decoded *image.YCbCr (image/jpeg's result) takes the same path
// at full scale. Progressive, arithmetic-coded, 12-bit, CMYK and RGB
// JPEGs (and JPEGs using codes T.81 forbids, which image/jpeg tolerates),
// PNG and WebP are decoded by image/jpeg, image/png or x/image/webp and
// resampled from RGBA, which costs about twice as much:
// pass an already decoded Options.Image when a site renders several cards
// from one such image. BENCHMARKS.md has the numbers.
//
// # Security
//
// Article text, font files and lead images are untrusted; every one is
// bounded before the work it would cost is done:
//
//   - Text: at most 1,200 runes of a paragraph are shaped; card sizes are
//     limited to MaxSide.
//   - Fonts (ParseFont): only the font asked for is read, never the other
//     fonts of a collection. Before any table is read the directory must
//     list at most MaxFontTables tables and MaxCollectionFonts fonts, each
//     table inside the file; WOFF tables must not overlap, may not claim
//     more than deflate can expand their bytes to, and inflate to at most
//     MaxFontBytes in all. ParseCollection refuses collections whose fonts
//     add up to more than MaxFontBytes of tables. Glyph outlines and
//     bitmaps far larger than their em are not rasterised.
//   - Lead images (Options.ImageData): the header is read first; an image
//     over MaxImagePixels, claiming more than 2,000 pixels per byte of
//     image data (padding, comments and metadata do not count), or whose
//     decoder would need more than MaxImageDecodeBytes (estimated per
//     format: a progressive JPEG keeps a coefficient per sample, an
//     interlaced PNG a second copy, a lossless WebP a word per pixel) is
//     refused before decoding. The same limits hold for the package's own
//     JPEG decoder, which also checks the frame's size before allocating
//     its planes, every segment length, table and code against the data
//     it has, and never reads past the end: a malformed file is an error
//     naming what is wrong, and a scan stops at the first block that would
//     need bits past its data. The resampler reads the image one row at a
//     time.
//
// With these bounds a card costs at most a few hundred megabytes and a
// few seconds whatever the input (BENCHMARKS.md has the red team's
// inputs before and after). The font parser and the image decoders of
// other packages are not hardened against every malformed file, so a
// panic inside them is recovered and returned as an error. The package does no network I/O and writes no
// files; it reads font files only for the system font search (see
// Theme.NoSystemFonts), whose index fontscan keeps in Theme.FontCacheDir.
package card
