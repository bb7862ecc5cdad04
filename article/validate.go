package article

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Limits the warnings know. The figures come from the platforms' documents
// (ogp.me, developer.x.com cards markup, Facebook's sharing images guide).
const (
	// MaxHeadline is the length past which a headline draws a warning.
	MaxHeadline = 110
	// MaxSocialHeadline is X's twitter:title limit.
	MaxSocialHeadline = 70
	// MaxStandfirst is the length past which a standfirst draws a warning;
	// X shows at most 200 characters of twitter:description.
	MaxStandfirst = 200
	// MaxAlt is X's twitter:image:alt limit.
	MaxAlt = 420
	// MinImageSide is Facebook's minimum og:image side (200×200).
	MinImageSide = 200
)

// Hard limits, in bytes of UTF-8 and in entries, far above real use: a
// field over its limit is an error (code too_large, unwrapping to
// [ErrTooLong]) and is not checked further, so a hostile document costs
// validation, rendering and sharing no more than these sizes allow. The
// package documentation lists them.
const (
	limID         = 200
	limURL        = 2048 // sitemaps.org's longest URL
	limHeadline   = 2000
	limText       = 5000 // standfirst, caption, key point text
	limLabel      = 500  // kicker, section, names, titles, credit, tagline
	limTag        = 200
	limShort      = 100 // language, locale, image type, button, app id
	limHandle     = 320
	limKeyPoint   = 10000
	limExplBody   = 100000
	limTags       = 100
	limHashtags   = 50
	limAuthors    = 100
	limKeyPoints  = 50
	limExplainers = 20
)

var (
	xHandle        = regexp.MustCompile(`^@?[A-Za-z0-9_]{1,15}$`)
	domainLabel    = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$`)
	mastodonUser   = regexp.MustCompile(`^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$`)
	digits         = regexp.MustCompile(`^[0-9]{1,20}$`)
	hashtagPattern = regexp.MustCompile(`^[\p{L}\p{N}_]+$`)
)

// Validate checks a against every rule in the package documentation and
// returns nil unless some finding is an error. The error is then a
// *[ValidationError] holding every error-severity finding, each with its
// field path; warnings never make Validate fail. [Article.Check] returns
// every finding, warnings included.
func (a *Article) Validate() error {
	return errorsOnly(a.Check())
}

// Check returns every finding about a, errors and warnings, in document
// order; nil when there is none.
func (a *Article) Check() []Finding {
	v := &validator{}
	v.article(a)
	return v.findings
}

type validator struct {
	findings []Finding
}

func (v *validator) errorf(path, code string, sentinel error, format string, args ...any) {
	v.findings = append(v.findings, Finding{Path: path, Code: code, Severity: SeverityError, Message: fmt.Sprintf(format, args...), Err: sentinel})
}

func (v *validator) warnf(path, code string, sentinel error, format string, args ...any) {
	v.findings = append(v.findings, Finding{Path: path, Code: code, Severity: SeverityWarning, Message: fmt.Sprintf(format, args...), Err: sentinel})
}

// size records a too_large error when s is over max bytes, and reports
// whether s is within it.
func (v *validator) size(path, s string, max int) bool {
	if len(s) > max {
		v.errorf(path, "too_large", ErrTooLong, "%d bytes; the limit is %d", len(s), max)
		return false
	}
	return true
}

// count records a too_large error when a list has more than max entries,
// and returns how many of them to check.
func (v *validator) count(path string, n, max int) int {
	if n > max {
		v.errorf(path, "too_large", ErrTooLong, "%d entries; the limit is %d", n, max)
		return max
	}
	return n
}

func (v *validator) article(a *Article) {
	v.size("id", a.ID, limID)
	var site *url.URL
	if a.Site != nil {
		site, _ = url.Parse(a.Site.URL)
	}
	if a.URL == "" {
		v.errorf("url", "required", ErrRequired, "required: the canonical URL")
	} else if u := v.url("url", a.URL); u != nil {
		if u.Fragment != "" || strings.Contains(a.URL, "#") {
			v.errorf("url", "url_fragment", ErrInvalidURL, "canonical URL must not have a fragment")
		}
		for key := range u.Query() {
			if isTracking(key) {
				v.errorf("url", "tracking_param", ErrTrackingParam, "canonical URL carries the tracking parameter %q", key)
			}
		}
		if site != nil && site.Host != "" && (!strings.EqualFold(u.Host, site.Host) || u.Scheme != site.Scheme) {
			v.errorf("url", "origin", ErrOrigin, "%s://%s is not the site's origin %s://%s", u.Scheme, u.Host, site.Scheme, site.Host)
		}
	}

	if strings.TrimSpace(a.Headline) == "" {
		v.errorf("headline", "required", ErrRequired, "required")
	} else if v.plain("headline", a.Headline, limHeadline) {
		v.tooLong("headline", a.Headline, MaxHeadline)
	}
	if a.SocialHeadline != "" && v.plain("social_headline", a.SocialHeadline, limHeadline) {
		v.tooLong("social_headline", a.SocialHeadline, MaxSocialHeadline)
	}
	if strings.TrimSpace(a.Standfirst) == "" {
		v.warnf("standfirst", "missing_description", ErrRequired, "empty: the description falls back to the body's first words")
	} else if v.plain("standfirst", a.Standfirst, limText) {
		v.tooLong("standfirst", a.Standfirst, MaxStandfirst)
	}
	v.plain("kicker", a.Kicker, limLabel)
	v.plain("section", a.Section, limLabel)
	v.stringList("tags", a.Tags, false, limTags)
	v.stringList("hashtags", a.Hashtags, true, limHashtags)

	if a.Language != "" && v.size("language", a.Language, limShort) {
		if _, err := language.Parse(a.Language); err != nil || strings.Contains(a.Language, "_") {
			v.errorf("language", "invalid_language", ErrInvalidLang, "%q is not a valid BCP 47 language tag (such as en-GB)", a.Language)
		}
	}

	if a.Published.IsZero() {
		v.errorf("published", "required", ErrRequired, "required: the first publication time with its UTC offset")
	}
	if !a.Modified.IsZero() && !a.Published.IsZero() && a.Modified.Before(a.Published) {
		v.warnf("modified", "modified_before_published", ErrTimeOrder, "%s is before published %s; it will be left out", a.Modified.Format("2006-01-02T15:04:05Z07:00"), a.Published.Format("2006-01-02T15:04:05Z07:00"))
	}

	for i, p := range a.Authors[:v.count("authors", len(a.Authors), limAuthors)] {
		v.person(fmt.Sprintf("authors[%d]", i), p)
	}
	for i, kp := range a.KeyPoints[:v.count("key_points", len(a.KeyPoints), limKeyPoints)] {
		path := fmt.Sprintf("key_points[%d]", i)
		if strings.TrimSpace(kp) == "" {
			v.errorf(path, "required", ErrRequired, "empty key point")
		}
		v.size(path, kp, limKeyPoint)
	}
	if strings.TrimSpace(a.Body) == "" {
		v.errorf("body", "required", ErrRequired, "required")
	}
	for i, e := range a.Explainers[:v.count("explainers", len(a.Explainers), limExplainers)] {
		path := fmt.Sprintf("explainers[%d]", i)
		switch {
		case e.Kind.DefaultTitle() == "" && e.Kind != KindCustom:
			v.errorf(path+".kind", "invalid_kind", ErrInvalidKind, "unknown explainer kind")
		case e.Kind == KindCustom && strings.TrimSpace(e.Title) == "":
			v.errorf(path+".title", "required", ErrRequired, "required for a custom explainer")
		}
		v.plain(path+".title", e.Title, limLabel)
		if strings.TrimSpace(e.Body) == "" {
			v.errorf(path+".body", "required", ErrRequired, "required")
		}
		v.size(path+".body", e.Body, limExplBody)
	}
	if a.Image != nil {
		v.image("image", a.Image, true)
	}
	if a.Site != nil {
		v.site(a.Site)
	}
}

func (v *validator) person(path string, p Person) {
	name := strings.TrimSpace(p.Name)
	switch {
	case name == "":
		v.errorf(path+".name", "required", ErrRequired, "required")
	case !v.plain(path+".name", p.Name, limLabel):
	default:
		lower := strings.ToLower(name)
		if strings.HasPrefix(lower, "by ") {
			v.warnf(path+".name", "name_prefix", ErrInvalidValue, "holds %q: give the name alone, without \"By\"", name)
		}
		if p.Kind != KindOrganization && (strings.Contains(name, ",") || strings.Contains(lower, " and ") || strings.Contains(name, " & ")) {
			v.warnf(path+".name", "several_people", ErrInvalidValue, "%q looks like several people; give each author their own entry", name)
		}
	}
	if p.URL != "" {
		v.url(path+".url", p.URL)
	}
	v.handles(path, p.X, p.Bluesky, p.Mastodon)
}

func (v *validator) handles(path, x, bluesky, mastodon string) {
	if !v.size(path+".x", x, limHandle) || !v.size(path+".bluesky", bluesky, limHandle) || !v.size(path+".mastodon", mastodon, limHandle) {
		return
	}
	if x != "" && !xHandle.MatchString(x) {
		v.errorf(path+".x", "invalid_handle", ErrInvalidHandle, "%q is not an X handle (1–15 letters, digits or _)", x)
	}
	if bluesky != "" && !isDomain(strings.TrimPrefix(bluesky, "@")) {
		v.errorf(path+".bluesky", "invalid_handle", ErrInvalidHandle, "%q is not a Bluesky domain handle such as name.bsky.social", bluesky)
	}
	if mastodon != "" && !isMastodon(mastodon) {
		v.errorf(path+".mastodon", "invalid_handle", ErrInvalidHandle, "%q is not a fediverse address such as @user@host", mastodon)
	}
}

func (v *validator) image(path string, img *Image, lead bool) {
	if img.URL == "" {
		v.errorf(path+".url", "required", ErrRequired, "required")
	} else if u := v.url(path+".url", img.URL); u != nil {
		if lead && u.Scheme == "http" {
			v.warnf(path+".url", "insecure_image", ErrInvalidURL, "served over http: og:image:secure_url needs https")
		}
		if lead && strings.HasSuffix(strings.ToLower(u.Path), ".svg") {
			v.warnf(path+".url", "image_type", ErrInvalidValue, "SVG is not shown by X or Facebook; use JPEG, PNG, WebP or GIF")
		}
	}
	if lead && strings.TrimSpace(img.Alt) == "" {
		v.errorf(path+".alt", "required", ErrRequired, "required: describe the image for people who cannot see it")
	}
	if v.plain(path+".alt", img.Alt, limHeadline) {
		v.tooLong(path+".alt", img.Alt, MaxAlt)
	}
	if lead && img.Alt != "" && strings.TrimSpace(img.Alt) == strings.TrimSpace(img.Caption) {
		v.warnf(path+".alt", "alt_is_caption", ErrInvalidValue, "repeats the caption; describe what the image shows")
	}
	v.plain(path+".caption", img.Caption, limText)
	v.plain(path+".credit", img.Credit, limLabel)
	switch {
	case img.Width < 0 || (lead && img.Width == 0):
		v.errorf(path+".width", "required", ErrRequired, "must be a positive number of pixels")
	case lead && img.Width < MinImageSide:
		v.errorf(path+".width", "too_small", ErrTooSmall, "%d px is under the 200 px platforms require", img.Width)
	}
	switch {
	case img.Height < 0 || (lead && img.Height == 0):
		v.errorf(path+".height", "required", ErrRequired, "must be a positive number of pixels")
	case lead && img.Height < MinImageSide:
		v.errorf(path+".height", "too_small", ErrTooSmall, "%d px is under the 200 px platforms require", img.Height)
	}
	if lead && img.Width >= MinImageSide && img.Height >= MinImageSide && (img.Width < 1200 || img.Height < 630) {
		v.warnf(path, "small_image", ErrTooSmall, "%d×%d is under the 1200×630 Facebook and Google Discover recommend", img.Width, img.Height)
	}
	if !v.size(path+".type", img.Type, limShort) {
		return
	}
	switch img.Type {
	case "", "image/jpeg", "image/png", "image/webp", "image/gif":
	default:
		v.warnf(path+".type", "image_type", ErrInvalidValue, "%q is not a type every platform shows (image/jpeg, image/png, image/webp, image/gif)", img.Type)
	}
}

func (v *validator) site(s *Site) {
	if strings.TrimSpace(s.Name) == "" {
		v.errorf("site.name", "required", ErrRequired, "required")
	}
	v.plain("site.name", s.Name, limLabel)
	v.plain("site.tagline", s.Tagline, limLabel)
	if s.URL == "" {
		v.errorf("site.url", "required", ErrRequired, "required")
	} else {
		v.url("site.url", s.URL)
	}
	if s.Locale != "" && v.size("site.locale", s.Locale, limShort) {
		norm, err := OGLocale(s.Locale)
		switch {
		case err != nil:
			v.errorf("site.locale", "invalid_locale", ErrInvalidLocale, "%v", strings.TrimPrefix(err.Error(), "article: invalid locale: "))
		case norm != s.Locale:
			v.warnf("site.locale", "locale_form", ErrInvalidLocale, "write %q as %q (Normalize does this)", s.Locale, norm)
		}
	}
	if s.Logo != nil {
		v.image("site.logo", s.Logo, false)
	}
	if s.X != "" || s.Bluesky != "" || s.Mastodon != "" {
		v.handles("site", s.X, s.Bluesky, s.Mastodon)
	}
	if s.FacebookAppID != "" && v.size("site.facebook_app_id", s.FacebookAppID, limShort) && !digits.MatchString(s.FacebookAppID) {
		v.errorf("site.facebook_app_id", "invalid_value", ErrInvalidValue, "%q is not a numeric Facebook app id", s.FacebookAppID)
	}
	if s.FacebookPage != "" {
		v.url("site.facebook_page", s.FacebookPage)
	}
	if s.TimeZone != "" && v.size("site.time_zone", s.TimeZone, limShort) {
		if _, err := loadZone(s.TimeZone); err != nil {
			v.errorf("site.time_zone", "invalid_value", ErrInvalidValue, "%q is not an IANA time zone name (such as Europe/London)", s.TimeZone)
		}
	}
	if n := s.Newsletter; n != nil {
		if n.Action == "" {
			v.errorf("site.newsletter.action", "required", ErrRequired, "required: the URL the sign-up form posts to")
		} else {
			v.url("site.newsletter.action", n.Action)
		}
		if strings.TrimSpace(n.Title) == "" && strings.TrimSpace(n.Pitch) == "" {
			v.errorf("site.newsletter", "required", ErrRequired, "needs a title or a pitch")
		}
		v.plain("site.newsletter.title", n.Title, limLabel)
		v.plain("site.newsletter.pitch", n.Pitch, limText)
		v.plain("site.newsletter.button", n.Button, limShort)
	}
}

// url checks that raw is an absolute http(s) URL and returns it parsed, or
// records an error and returns nil.
func (v *validator) url(path, raw string) *url.URL {
	if !v.size(path, raw, limURL) {
		return nil
	}
	u, err := CheckURL(raw)
	if err != nil {
		v.errorf(path, "invalid_url", ErrInvalidURL, "%s", strings.TrimPrefix(err.Error(), "article: invalid URL: "))
		return nil
	}
	return u
}

// CheckURL reports whether raw is an absolute http or https URL with a host
// and no user information, and returns it parsed. javascript:, data:,
// relative and protocol-relative URLs are errors wrapping [ErrInvalidURL],
// and so is a URL holding a character no URL may hold raw (RFC 3986
// section 2): a space or other white space, a control character, or one of
// " < > \ ^ ` { | }. Such characters must be percent-encoded (%22 for a
// quote); letters outside ASCII (an IRI's) are accepted. Every URL
// broadsheet emits passes this check.
func CheckURL(raw string) (*url.URL, error) {
	fail := func(format string, args ...any) (*url.URL, error) {
		return nil, fmt.Errorf("article: %w: "+format, append([]any{ErrInvalidURL}, args...)...)
	}
	if len(raw) > limURL {
		return fail("%d bytes; the limit is %d", len(raw), limURL)
	}
	for i, r := range raw {
		switch {
		case r < 0x21 || r == 0x7f || unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError:
			return fail("%q contains a space or control character at byte %d", raw, i)
		case strings.ContainsRune(`"<>\^`+"`"+`{|}`, r):
			return fail("%q contains %q at byte %d, which a URL may not hold raw; percent-encode it", raw, r, i)
		case isBidiControl(r) || r == 0x200B || r == 0x200E || r == 0x200F || r == 0xFEFF:
			return fail("%q contains the invisible character %U at byte %d", raw, r, i)
		}
	}
	if strings.HasPrefix(raw, "//") {
		return fail("%q is protocol-relative; give https://", raw)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fail("%q does not parse", raw)
	}
	switch {
	case u.Scheme == "":
		return fail("%q is relative; want an absolute https:// URL", raw)
	case u.Scheme != "http" && u.Scheme != "https":
		return fail("scheme %q is not allowed; want http or https", u.Scheme+":")
	case u.Opaque != "" || u.Host == "" || u.Hostname() == "":
		return fail("%q has no host", raw)
	case u.User != nil:
		return fail("%q carries user information", raw)
	}
	return u, nil
}

// isTracking reports whether a query key is a tracking parameter that must
// not appear in a canonical URL.
func isTracking(key string) bool {
	k := strings.ToLower(key)
	switch k {
	case "fbclid", "gclid", "dclid", "msclkid", "mc_eid", "mc_cid", "igshid", "twclid", "yclid":
		return true
	}
	return strings.HasPrefix(k, "utm_")
}

// plain checks a plain-text field: its size first (over max, nothing else
// is checked and plain reports false), then markup, entities, control
// characters and bidirectional controls.
func (v *validator) plain(path, s string, max int) bool {
	if s == "" {
		return true
	}
	if !v.size(path, s, max) {
		return false
	}
	if i := markupAt(s); i >= 0 {
		v.errorf(path, "markup", ErrMarkup, "contains markup at byte %d; plain-text fields hold text, not HTML", i)
		return true
	}
	if ent := entityIn(s); ent != "" {
		v.warnf(path, "entity", ErrEntity, "contains the HTML entity %s; plain-text fields hold decoded text (Normalize decodes it)", ent)
	}
	bidi := rune(-1)
	for _, r := range s {
		if r == 0 || (unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r') {
			v.errorf(path, "control_char", ErrControlChar, "contains the control character %U", r)
			return true
		}
		if bidi < 0 && isBidiControl(r) {
			bidi = r
		}
	}
	if bidi >= 0 {
		v.warnf(path, "bidi_control", ErrControlChar, "contains the bidirectional control %U, which can make the text read differently from what it says", bidi)
	}
	return true
}

// isBidiControl reports whether r is an embedding, override or isolate
// control (U+202A–U+202E, U+2066–U+2069): invisible characters that
// reorder the text around them (CVE-2021-42574, "Trojan Source").
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// markupAt returns the byte offset of the first thing that looks like an
// HTML tag, comment or declaration, or -1.
func markupAt(s string) int {
	for i := 0; i < len(s)-1; i++ {
		if s[i] != '<' {
			continue
		}
		c := s[i+1]
		if c == '/' || c == '!' || c == '?' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
			return i
		}
	}
	return -1
}

// entityIn returns the first character reference in s, such as "&amp;", or
// "".
func entityIn(s string) string {
	for i := strings.IndexByte(s, '&'); i >= 0 && i < len(s); {
		j := i + 1
		for j < len(s) && j-i <= 32 && (isAlnum(s[j]) || (j == i+1 && s[j] == '#')) {
			j++
		}
		if j < len(s) && s[j] == ';' && j > i+1 {
			return s[i : j+1]
		}
		next := strings.IndexByte(s[i+1:], '&')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return ""
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func (v *validator) tooLong(path, s string, max int) {
	if n := utf8.RuneCountInString(s); n > max {
		v.warnf(path, "too_long", ErrTooLong, "%d characters; platforms cut it after %d", n, max)
	}
}

// maxHashtag is the longest hashtag every network links: Bluesky's tag
// facet allows 64 graphemes (app.bsky.richtext.facet#tag, maxGraphemes).
// Letters, digits and '_' are one grapheme each but for combining marks,
// so counting code points errs on the side of warning.
const maxHashtag = 64

func (v *validator) stringList(path string, list []string, hashtag bool, max int) {
	list = list[:v.count(path, len(list), max)]
	seen := make(map[string]int, len(list))
	for i, s := range list {
		p := path + "[" + strconv.Itoa(i) + "]"
		t := strings.TrimSpace(s)
		if t == "" {
			v.errorf(p, "required", ErrRequired, "empty")
			continue
		}
		if !v.plain(p, s, limTag) {
			continue
		}
		if hashtag {
			t = strings.TrimPrefix(t, "#")
			if !hashtagPattern.MatchString(t) {
				v.errorf(p, "invalid_hashtag", ErrInvalidValue, "%q is not a hashtag: letters, digits and _ only, no spaces", s)
			} else if strings.HasPrefix(s, "#") {
				v.warnf(p, "hashtag_prefix", ErrInvalidValue, "write %q without '#'", s)
			}
			if n := utf8.RuneCountInString(t); n > maxHashtag {
				v.warnf(p, "too_long", ErrTooLong, "%d characters; Bluesky makes a tag of at most %d, so it stays plain text there", n, maxHashtag)
			}
		}
		key := strings.ToLower(t)
		if j, dup := seen[key]; dup {
			v.warnf(p, "duplicate", ErrDuplicate, "repeats %s[%d] %q", path, j, list[j])
			continue
		}
		seen[key] = i
	}
}

func isDomain(s string) bool {
	if len(s) > 253 || !strings.Contains(s, ".") {
		return false
	}
	labels := strings.Split(s, ".")
	for _, l := range labels {
		if !domainLabel.MatchString(l) {
			return false
		}
	}
	tld := labels[len(labels)-1]
	return tld[0] < '0' || tld[0] > '9'
}

func isMastodon(s string) bool {
	user, host, ok := strings.Cut(strings.TrimPrefix(s, "@"), "@")
	return ok && mastodonUser.MatchString(user) && isDomain(host)
}

// OGLocale turns a locale such as "en-GB", "en_gb" or "fr-FR" into Open
// Graph's ll_CC form ("en_GB"). A locale without a territory ("en") or with
// a charset suffix ("fr_FR.UTF-8") is an error wrapping ErrInvalidLocale;
// Facebook's own "ar_AR" and "es_LA" are accepted as they are.
func OGLocale(s string) (string, error) {
	if s == "ar_AR" || s == "es_LA" {
		return s, nil
	}
	if strings.ContainsAny(s, ".@") {
		return "", fmt.Errorf("article: %w: %q has a charset or modifier suffix; want ll_CC such as en_GB", ErrInvalidLocale, s)
	}
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil {
		return "", fmt.Errorf("article: %w: %q is not a locale; want ll_CC such as en_GB", ErrInvalidLocale, s)
	}
	base, bconf := tag.Base()
	region, rconf := tag.Region()
	if bconf != language.Exact || rconf != language.Exact || len(region.String()) != 2 {
		return "", fmt.Errorf("article: %w: %q has no territory; want ll_CC such as en_GB", ErrInvalidLocale, s)
	}
	return base.String() + "_" + region.String(), nil
}
