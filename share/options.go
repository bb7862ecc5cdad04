package share

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
)

// Options tunes links and posts. The zero value is ready to use: the
// default networks, UTM parameters on, via the site's X handle, Mastodon
// through the official chooser.
type Options struct {
	// Networks selects and orders the networks Links and Posts return; nil
	// means DefaultNetworks().
	Networks []Network
	// UTM sets the campaign parameters on destination URLs.
	UTM UTM
	// Via is the X handle (without '@') credited with via=; empty means
	// the site's X handle (left out if it is not a valid handle). NoVia
	// leaves via= out. A Via that is not a handle, or Via with NoVia, is
	// an error ([ErrInvalidOptions]).
	Via   string
	NoVia bool
	// FacebookAppID is Messenger's required app_id; empty means the site's
	// facebook_app_id.
	FacebookAppID string
	// Mastodon chooses how Mastodon links reach an instance, and the
	// instance's post limit.
	Mastodon MastodonOptions
}

// MastodonMode is how a Mastodon share link finds the reader's instance.
type MastodonMode uint8

const (
	// MastodonChooser (the zero value) links to the official chooser,
	// share.joinmastodon.org, which asks the reader for their server.
	MastodonChooser MastodonMode = iota
	// MastodonInstance links straight to one instance's /share page
	// (MastodonOptions.Instance): right for a site whose readers share one
	// server.
	MastodonInstance
	// MastodonCustom fills MastodonOptions.Template, a chooser of the
	// caller's choice such as Share₂Fedi.
	MastodonCustom
)

// MastodonOptions configures Mastodon links and posts.
type MastodonOptions struct {
	Mode MastodonMode
	// Instance is the host name ("mastodon.social") for MastodonInstance.
	Instance string
	// Template is an absolute https URL containing "{text}" where the
	// percent-encoded text goes ("https://s2f.kytta.dev/?text={text}"), for
	// MastodonCustom.
	Template string
	// MaxCharacters is the instance's limit
	// (configuration.statuses.max_characters in GET /api/v2/instance);
	// zero means Mastodon's default, 500.
	MaxCharacters int
}

// check reports options that contradict each other or that this package
// does not know, wrapping [ErrInvalidOptions].
func (o *Options) check() error {
	if o.NoVia && strings.TrimSpace(o.Via) != "" {
		return errorf("%w: Via %q with NoVia", ErrInvalidOptions, o.Via)
	}
	if v := strings.TrimPrefix(strings.TrimSpace(o.Via), "@"); v != "" && !validHandle(v) {
		return errorf("%w: Via %q is not an X handle (1 to 15 letters, digits or _)", ErrInvalidOptions, capText(o.Via, 64))
	}
	if len(o.UTM.Campaign) > maxUTMBytes || len(o.UTM.Content) > maxUTMBytes {
		return errorf("%w: UTM Campaign or Content over %d bytes", ErrInvalidOptions, maxUTMBytes)
	}
	m := &o.Mastodon
	switch m.Mode {
	case MastodonChooser:
		if m.Instance != "" || m.Template != "" {
			return errorf("%w: Mastodon Instance or Template set in chooser mode; set Mode", ErrInvalidOptions)
		}
	case MastodonInstance:
		if len(m.Instance) > maxHostBytes {
			return errorf("%w: Mastodon Instance is %d bytes, over %d", ErrInvalidOptions, len(m.Instance), maxHostBytes)
		}
		if m.Template != "" {
			return errorf("%w: Mastodon Template set in instance mode", ErrInvalidOptions)
		}
	case MastodonCustom:
		if len(m.Template) > maxURLBytes {
			return errorf("%w: Mastodon Template is %d bytes, over %d", ErrInvalidOptions, len(m.Template), maxURLBytes)
		}
		if m.Instance != "" {
			return errorf("%w: Mastodon Instance set in custom mode", ErrInvalidOptions)
		}
	default:
		return errorf("%w: unknown Mastodon mode %d", ErrInvalidOptions, m.Mode)
	}
	if m.MaxCharacters < 0 {
		return errorf("%w: Mastodon MaxCharacters %d is negative", ErrInvalidOptions, m.MaxCharacters)
	}
	return nil
}

// source is what every link and post is built from: the article's fields,
// checked and cleaned once.
type source struct {
	title     string // one line
	summary   string // one line
	canonical string
	image     string   // the lead image URL if usable; see imageURL
	imageDone bool     // image is set
	tags      []string // cleaned, without '#'
	via       string
	appID     string
	badAppID  bool // an app id was given but is not one (see validAppID)
	lang      string
	id        string
	a         *article.Article
	d         destURL    // canonical split for per-network UTM parameters
	titleEsc  string     // see escTitle
	fits      [3]fitMemo // see memoSlot
}

func newSource(a *article.Article, opts *Options) (*source, error) {
	if a == nil {
		return nil, errorf("%w", ErrNilArticle)
	}
	if len(a.URL) > maxURLBytes {
		return nil, errorf("url: %w: %d bytes, over share's limit of %d", ErrInvalidURL, len(a.URL), maxURLBytes)
	}
	if err := checkURL("url", a.URL); err != nil {
		return nil, errorf("%w", err)
	}
	if err := opts.check(); err != nil {
		return nil, err
	}
	s := &source{
		title:     cleanText(a.SocialTitle(), maxTextBytes),
		summary:   cleanText(a.Standfirst, maxTextBytes),
		canonical: a.URL,
		lang:      a.Language,
		id:        a.ID,
		a:         a,
	}
	if s.id == "" {
		s.id = a.URL
	}
	s.d = opts.UTM.split(a.URL)
	for _, t := range a.Hashtags {
		if len(s.tags) == maxTags {
			break
		}
		if len(t) > 4*maxTagBytes {
			continue // no cleaning brings it within maxTagBytes
		}
		if c := cleanTag(t); c != "" && len(c) <= maxTagBytes {
			s.tags = append(s.tags, c)
		}
	}
	if !opts.NoVia {
		s.via = strings.TrimPrefix(strings.TrimSpace(opts.Via), "@")
		if s.via == "" && a.Site != nil {
			s.via = strings.TrimPrefix(strings.TrimSpace(a.Site.X), "@")
		}
		if !validHandle(s.via) {
			s.via = ""
		}
	}
	s.appID = opts.FacebookAppID
	if s.appID == "" && a.Site != nil {
		s.appID = a.Site.FacebookAppID
	}
	if !validAppID(s.appID) {
		s.badAppID, s.appID = s.appID != "", ""
	}
	return s, nil
}

// imageURL returns the lead image's URL if it is an absolute http(s) URL,
// else "". It is checked on first use: only a few links carry it.
func (s *source) imageURL() string {
	if !s.imageDone {
		s.imageDone = true
		if img := s.a.Image; img != nil && img.URL != "" {
			if _, err := article.CheckURL(img.URL); err == nil && len(img.URL) <= maxURLBytes {
				s.image = img.URL
			}
		}
	}
	return s.image
}

// oneLine collapses every run of white space (line breaks included) to one
// space and trims the ends; invalid UTF-8 becomes U+FFFD, and U+FEFF,
// U+FFFE and U+FFFF are dropped.
func oneLine(s string) string {
	if isOneLine(s) {
		return s
	}
	return collapseLine(s)
}

// collapseLine is oneLine without the check for text already on one line.
func collapseLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.ContainsAny(s, "\uFEFF\uFFFE\uFFFF") {
		s = noncharacters.Replace(s)
	}
	return strings.Join(strings.Fields(stripCRLF(s)), " ")
}

// isOneLine reports whether oneLine(s) == s: valid UTF-8 without U+FEFF,
// U+FFFE or U+FFFF, whose only white space is single ASCII spaces between
// other characters.
func isOneLine(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' && s[i+1] == ' ' || c >= '\t' && c <= '\r' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unicode.IsSpace(r) || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += n
	}
	return true
}

// noncharacters removes U+FEFF (a byte-order mark, invisible) and the
// noncharacters U+FFFE and U+FFFF: X refuses any post that has one.
var noncharacters = strings.NewReplacer("\uFEFF", "", "\uFFFE", "", "\uFFFF", "")

// cleanTag returns a hashtag without '#', keeping letters, marks, digits
// and '_' only; a tag with no letter is dropped (X and Mastodon ignore
// all-digit tags).
func cleanTag(t string) string {
	if isPlainTag(t) {
		return t
	}
	t = strings.TrimLeft(strings.TrimSpace(strings.ToValidUTF8(t, "")), "#＃")
	var b strings.Builder
	letter := false
	for _, r := range t {
		switch {
		case unicode.IsLetter(r):
			letter = true
			b.WriteRune(r)
		case unicode.IsMark(r), unicode.IsDigit(r), r == '_':
			b.WriteRune(r)
		}
	}
	if !letter {
		return ""
	}
	return b.String()
}

// isPlainTag reports whether cleanTag(t) == t for an ASCII tag: letters,
// digits and '_' only, with a letter.
func isPlainTag(t string) bool {
	letter := false
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9', c == '_':
		default:
			return false
		}
	}
	return letter
}

// validAppID reports whether id is a Facebook app id: 1 to maxAppIDBytes
// ASCII digits.
func validAppID(id string) bool {
	if id == "" || len(id) > maxAppIDBytes {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// validHandle reports whether h is an X handle: 1–15 of [A-Za-z0-9_].
func validHandle(h string) bool {
	if h == "" || len(h) > 15 {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
