package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

var (
	junkURLRe  = regexp.MustCompile(`(?i)(pixel|spacer|blank\.gif|1x1|transparent\.(gif|png)|tracking|beacon|/b\.gif|clear\.gif|doubleclick|/ad[sv]?/|analytics|gravatar|feeds\.feedburner|/emoji/|placeholder|default[-_]?(image|share|og)|no[-_]?image)`)
	logoURLRe  = regexp.MustCompile(`(?i)(logo|favicon|icon|sprite|avatar|badge|masthead|wordmark|brand)`)
	logoHintRe = regexp.MustCompile(`(?i)(logo|avatar|icon|author|profile|badge|sponsor|advert|promo|social|share|footer|header|nav|comment|gravatar|thumb)`)
)

// junkImage reports an image that is not a lead image: a tracking pixel,
// a spacer, an icon, a logo or an avatar. For logos (wantLogo) only the
// pixel tests apply.
func junkImage(src string, w, h int, hint string, wantLogo bool) bool {
	if src == "" || strings.HasPrefix(src, "data:") {
		return true
	}
	if (w > 0 && w < 50) || (h > 0 && h < 50) {
		return true
	}
	if junkURLRe.MatchString(src) {
		return true
	}
	if wantLogo {
		return false
	}
	path := src
	if u, err := url.Parse(src); err == nil {
		path = u.Path
	}
	if logoURLRe.MatchString(path) || strings.HasSuffix(strings.ToLower(path), ".svg") || strings.HasSuffix(strings.ToLower(path), ".ico") {
		return true
	}
	return hint != "" && logoHintRe.MatchString(hint)
}

// ldImage reads a JSON-LD image value: a URL, an ImageObject, or a list
// (the largest one with known size, else the first).
func (x *extractor) ldImage(v any) *article.Image {
	var best *article.Image
	for _, i := range x.g.all(v) {
		var img article.Image
		switch i := i.(type) {
		case string:
			img.URL = x.p.abs(i)
		case node:
			u := x.g.str(i, "url")
			if u == "" {
				u = x.g.str(i, "contentUrl")
			}
			img.URL = x.p.abs(u)
			img.Width = dim(i["width"])
			img.Height = dim(i["height"])
			img.Caption = plainText(x.g.str(i, "caption"))
			img.Credit = plainText(x.g.str(i, "creditText"))
			if img.Credit == "" {
				img.Credit = plainText(x.g.str(i, "copyrightHolder"))
			}
		}
		if img.URL == "" {
			continue
		}
		if best == nil || img.Width*img.Height > best.Width*best.Height {
			c := img
			best = &c
		}
	}
	return best
}

// dim reads a JSON-LD width or height: 1200, "1200", "1200px" or a
// QuantitativeValue.
func dim(v any) int {
	switch v := v.(type) {
	case float64:
		if v > 0 && v < 100000 {
			return int(v)
		}
	case string:
		return atoiPx(v)
	case map[string]any:
		return dim(v["value"])
	case []any:
		if len(v) > 0 {
			return dim(v[0])
		}
	}
	return 0
}

func (x *extractor) metaInt(k string) int {
	v, _ := x.p.metaFirst(k)
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 || n > 100000 {
		return 0
	}
	return n
}

func (x *extractor) image() {
	type cand struct {
		img article.Image
		src string
	}
	var cs []cand
	if x.main != nil {
		if img := x.ldImage(x.main["image"]); img != nil {
			cs = append(cs, cand{*img, ldName(x.main) + " image"})
		}
	}
	if v, _ := x.p.metaFirst("og:image:secure_url", "og:image", "og:image:url"); v != "" {
		img := article.Image{URL: x.p.abs(v), Width: x.metaInt("og:image:width"), Height: x.metaInt("og:image:height")}
		img.Alt, _ = x.p.metaFirst("og:image:alt")
		img.Type, _ = x.p.metaFirst("og:image:type")
		cs = append(cs, cand{img, "meta og:image"})
	}
	if v, _ := x.p.metaFirst("twitter:image", "twitter:image:src"); v != "" {
		img := article.Image{URL: x.p.abs(v)}
		img.Alt, _ = x.p.metaFirst("twitter:image:alt")
		cs = append(cs, cand{img, "meta twitter:image"})
	}
	if v := x.p.link("image_src"); v != "" {
		cs = append(cs, cand{article.Image{URL: x.p.abs(v)}, "link rel=image_src"})
	}
	if x.mi != nil {
		if v := x.mi.text("image"); v != "" {
			cs = append(cs, cand{article.Image{URL: x.p.abs(v)}, "microdata image"})
		}
	}
	if x.main != nil {
		if v := x.g.str(x.main, "thumbnailUrl"); v != "" {
			cs = append(cs, cand{article.Image{URL: x.p.abs(v)}, ldName(x.main) + " thumbnailUrl"})
		}
	}
	var chosen *cand
	for i := range cs {
		c := &cs[i]
		if junkImage(c.img.URL, c.img.Width, c.img.Height, "", false) {
			if c.img.URL != "" {
				x.r.note("image: %s %s looks like a logo, icon or tracking pixel; skipped", c.src, c.img.URL)
			}
			continue
		}
		switch {
		case chosen == nil:
			chosen = c
		case c.img.Width*c.img.Height > chosen.img.Width*chosen.img.Height && chosen.img.Width > 0 && c.img.URL != chosen.img.URL:
			chosen = c // a larger stated image of the same standing
		}
	}
	if chosen == nil {
		// The largest picture in the article itself with a stated size.
		var best *imgTag
		for i := range x.p.images {
			im := &x.p.images[i]
			if !im.inArticle || im.width < 300 || im.height < 150 || junkImage(x.p.abs(im.src), im.width, im.height, im.hint, false) {
				continue
			}
			if best == nil || im.width*im.height > best.width*best.height {
				best = im
			}
		}
		if best != nil {
			cs = append(cs, cand{article.Image{URL: x.p.abs(best.src), Width: best.width, Height: best.height, Alt: best.alt}, "largest <img> in the article"})
			chosen = &cs[len(cs)-1]
		}
	}
	if chosen == nil {
		return
	}
	img := chosen.img
	// Fill size and text from the other candidates naming the same file.
	for _, c := range cs {
		if c.img.URL != img.URL {
			continue
		}
		if img.Width == 0 && img.Height == 0 {
			img.Width, img.Height = c.img.Width, c.img.Height
		}
		if img.Alt == "" {
			img.Alt = c.img.Alt
		}
		if img.Caption == "" {
			img.Caption = c.img.Caption
		}
		if img.Credit == "" {
			img.Credit = c.img.Credit
		}
	}
	if img.Alt == "" {
		for _, im := range x.p.images {
			if im.alt != "" && x.p.abs(im.src) == img.URL {
				img.Alt = im.alt
				break
			}
		}
	}
	img.Alt, img.Caption, img.Credit = plainText(img.Alt), plainText(img.Caption), plainText(img.Credit)
	if !strings.HasPrefix(img.Type, "image/") || strings.ContainsAny(img.Type, " ;") {
		img.Type = ""
	}
	if (img.Width == 0) != (img.Height == 0) {
		img.Width, img.Height = 0, 0
	}
	if img.Alt == "" && img.Caption != "" {
		img.Alt = img.Caption
		x.r.note("image: the page gives no alt text; the caption stands in for it")
	}
	x.res.Image = &img
	x.r.add("image.url", chosen.src, img.URL)
	var missing []string
	if img.Alt == "" {
		missing = append(missing, "alt text")
	}
	if img.Width < article.MinImageSide || img.Height < article.MinImageSide {
		missing = append(missing, "a stated size of at least 200×200")
	}
	if len(missing) > 0 && !x.opts.KeepIncompleteImage {
		x.r.note("image: %s has no %s, which a lead image needs; left out of the article (Result.Image has it; set KeepIncompleteImage to keep it)", img.URL, strings.Join(missing, " or "))
		return
	}
	x.a.Image = &img
}
