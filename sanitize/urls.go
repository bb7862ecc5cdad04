package sanitize

import (
	"html"
	"net/url"
	"regexp"
	"strings"
)

// URL policy.
//
// The containment pass calls these for every URL-bearing attribute
// bluemonday let through: which schemes each use takes, how relative URLs
// resolve against [Options].BaseURL, which links are foreign, how srcset is
// checked entry by entry, and which iframes are allowed embeds.

type urlUse uint8

const (
	urlLink  urlUse = iota // a[href]: http, https, mailto, tel, relative, #fragment
	urlMedia               // img[src], srcset, cite: http, https, relative
)

// checkURL checks an escaped attribute value as a URL for use u. It
// returns the escaped value to write (resolved against BaseURL, or with the
// fragment prefixed), whether it points to another origin, and whether it
// may be kept at all.
func (p *Policy) checkURL(escaped string, use urlUse) (string, bool, bool) {
	raw := escaped
	if strings.IndexByte(raw, '&') >= 0 {
		raw = html.UnescapeString(raw)
	}
	if raw == "" {
		return "", false, false
	}
	for i := 0; i < len(raw); i++ {
		if b := raw[i]; b <= ' ' || b == 0x7f || b == '\\' {
			return "", false, false
		}
	}
	if raw[0] == '#' {
		if use != urlLink || !p.ids {
			return "", false, false
		}
		if raw == "#" || strings.HasPrefix(raw[1:], IDPrefix) {
			return escaped, false, true
		}
		return escapeAttr("#" + IDPrefix + raw[1:]), false, true
	}
	if i := strings.IndexAny(raw, ":/?#"); i > 0 && raw[i] == ':' {
		switch strings.ToLower(raw[:i]) {
		case "http", "https":
			return escaped, p.foreign(raw), true
		case "mailto", "tel":
			low := strings.ToLower(raw)
			if use != urlLink || strings.Contains(low, "%0a") || strings.Contains(low, "%0d") || strings.Contains(low, "%00") {
				return "", false, false
			}
			return escaped, false, true
		}
		return "", false, false
	}
	// Relative.
	if p.base == nil {
		return escaped, strings.HasPrefix(raw, "//"), true
	}
	u, err := p.base.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false, false
	}
	abs := u.String()
	return escapeAttr(abs), p.foreign(abs), true
}

// foreign reports whether the absolute http(s) URL raw points outside the
// policy's origin. Anything unusual (user info, no BaseURL) is foreign.
func (p *Policy) foreign(raw string) bool {
	if p.origin == "" {
		return true
	}
	i := strings.Index(raw, "://")
	if i < 0 {
		return true
	}
	end := len(raw)
	if j := strings.IndexAny(raw[i+3:], "/?#"); j >= 0 {
		end = i + 3 + j
	}
	authority := raw[:end]
	if strings.IndexByte(authority[i+3:], '@') >= 0 {
		return true
	}
	return !strings.EqualFold(authority, p.origin)
}

var (
	reDensity = regexp.MustCompile(`^[0-9]{1,2}(\.[0-9]{1,3})?x$`)
	reWidthW  = regexp.MustCompile(`^[0-9]{1,5}w$`)
)

// checkSrcset keeps the srcset candidates whose URL passes as an image URL
// and whose descriptor is a width (480w) or density (2x), and rewrites
// them in canonical form ("url 480w, url 2x").
func (p *Policy) checkSrcset(escaped string) (string, bool) {
	raw := html.UnescapeString(escaped)
	var b strings.Builder
	for cand := range strings.SplitSeq(raw, ",") {
		fields := strings.Fields(cand)
		if len(fields) == 0 || len(fields) > 2 {
			continue
		}
		u, _, ok := p.checkURL(escapeAttr(fields[0]), urlMedia)
		if !ok {
			continue
		}
		if len(fields) == 2 && !reDensity.MatchString(fields[1]) && !reWidthW.MatchString(fields[1]) {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(u)
		if len(fields) == 2 {
			b.WriteByte(' ')
			b.WriteString(fields[1])
		}
	}
	return b.String(), b.Len() > 0
}

var (
	reYouTube = regexp.MustCompile(`^https://(?:www\.)?(?:youtube\.com|youtube-nocookie\.com)/embed/([A-Za-z0-9_-]{11})$`)
	reVimeo   = regexp.MustCompile(`^https://player\.vimeo\.com/video/([0-9]{1,12})$`)
	reStartT  = regexp.MustCompile(`^[0-9]{1,6}$`)
	reVimeoH  = regexp.MustCompile(`^[0-9a-f]{6,20}$`)
)

// embedSandbox is the fixed sandbox of an embed: the players need scripts
// and their own origin (which is not the page's, the src allow-list sees to
// that), and nothing else: no top navigation, forms or downloads.
const embedSandbox = "allow-scripts allow-same-origin allow-presentation allow-popups"

// iframe writes an allowed embed in canonical form, or reports false.
func (c *container) iframe(attrs string) bool {
	var src, width, height, title string
	for rest := attrs; ; {
		key, val, next, ok := nextAttr(rest)
		if !ok {
			break
		}
		rest = next
		switch {
		case key == "src" && src == "":
			src = embedSrc(html.UnescapeString(val))
		case key == "width" && width == "":
			width = val
		case key == "height" && height == "":
			height = val
		case key == "title" && title == "":
			title = val
		}
	}
	if src == "" || !c.p.embeds {
		return false
	}
	c.out = append(c.out, "<iframe"...)
	c.writeAttr("src", "", escapeAttr(src))
	if width != "" {
		c.writeAttr("width", "", width)
	}
	if height != "" {
		c.writeAttr("height", "", height)
	}
	if title != "" {
		c.writeAttr("title", "", title)
	}
	c.out = append(c.out, ` sandbox="`+embedSandbox+`" allow="fullscreen; picture-in-picture; encrypted-media" allowfullscreen="" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`...)
	c.afterPre = false
	return true
}

// embedSrc returns the canonical player URL for an allowed embed URL, or "".
func embedSrc(raw string) string {
	base, query, _ := strings.Cut(raw, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		q = nil
	}
	if m := reYouTube.FindStringSubmatch(base); m != nil {
		s := "https://www.youtube-nocookie.com/embed/" + m[1]
		if t := q.Get("start"); reStartT.MatchString(t) {
			s += "?start=" + t
		}
		return s
	}
	if m := reVimeo.FindStringSubmatch(base); m != nil {
		s := "https://player.vimeo.com/video/" + m[1]
		if h := q.Get("h"); reVimeoH.MatchString(h) {
			s += "?h=" + h
		}
		return s
	}
	return ""
}
