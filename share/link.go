package share

import (
	"errors"
	"html/template"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

// Link is one share button's data: everything a page needs to draw it
// with no JavaScript. Href is complete and percent-encoded; put it in an
// href attribute as it is (html/template escapes it for the attribute).
type Link struct {
	// Network is the network; its ID ("x") marshals as "network".
	Network Network `json:"network"`
	// Name is the display name ("Hacker News").
	Name string `json:"name"`
	// Label is the accessible label for aria-label or visually hidden text
	// ("Share on Facebook").
	Label string `json:"label"`
	// Href is the share intent URL, at most [MaxLinkLength] bytes (the
	// text it carries is cut to fit). For CopyLink it is the article URL
	// itself, meant to be shown and copied rather than opened as an
	// intent.
	Href string `json:"href"`
	// Color is the brand colour, #RRGGBB.
	Color string `json:"color"`
	// Popup is the suggested window size for target=_blank popups; zero for
	// links that open in place (mailto:, sms:, viber:, CopyLink).
	Popup Size `json:"popup"`
	// AppOnly marks links that open an installed app (sms:, viber:).
	AppOnly bool `json:"app_only,omitempty"`
}

// TrustedHref returns Href typed as template.URL. html/template rewrites
// URLs whose scheme is not http, https or mailto (sms:, viber:) to
// "#ZgotmplZ"; every Href is built by this package from percent-encoded
// parts under a fixed scheme, so a template may use TrustedHref for it.
func (l Link) TrustedHref() template.URL { return template.URL(l.Href) }

// WebShareData is the argument for the Web Share API's
// navigator.share({title, text, url}).
type WebShareData struct {
	Title string `json:"title"`
	Text  string `json:"text,omitempty"`
	URL   string `json:"url"`
}

// Links returns the share links for a, one per network in opts.Networks
// (DefaultNetworks() when nil), in that order.
//
// A network that needs something the article or options lack (Pinterest an
// image, Messenger an app id, Mastodon in MastodonInstance mode an
// instance) is left out, never given a broken link: Links returns the
// links it could build together with an error joining one *NetworkError
// per network left out (errors.Is(err, ErrMissingImage) …). Only when the
// article itself is unusable (nil, or a URL that is not absolute http(s))
// is the slice nil.
func Links(a *article.Article, opts Options) ([]Link, error) {
	s, err := newSource(a, &opts)
	if err != nil {
		return nil, err
	}
	return s.links(&opts)
}

func (s *source) links(opts *Options) ([]Link, error) {
	nets := opts.Networks
	if nets == nil {
		nets = DefaultNetworks()
	}
	links := make([]Link, 0, len(nets))
	var errs []error
	q := urlBuf{b: make([]byte, 0, 1024)}
	for _, n := range nets {
		l, err := s.link(n, opts, &q)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		links = append(links, l)
	}
	return links, errors.Join(errs...)
}

// LinkFor returns the share link for one network; see Links for the
// errors.
func LinkFor(a *article.Article, n Network, opts Options) (Link, error) {
	s, err := newSource(a, &opts)
	if err != nil {
		return Link{}, err
	}
	q := urlBuf{b: make([]byte, 0, 512)}
	return s.link(n, &opts, &q)
}

// WebShare returns the data for navigator.share: the social title, the
// standfirst and the article URL with utm_source=web_share.
func WebShare(a *article.Article, opts Options) (WebShareData, error) {
	s, err := newSource(a, &opts)
	if err != nil {
		return WebShareData{}, err
	}
	return s.webShare(), nil
}

func (s *source) webShare() WebShareData {
	return WebShareData{Title: s.title, Text: s.summary, URL: s.d.url("web_share", "social")}
}

// dest returns the destination URL for n: the canonical URL with n's UTM
// parameters. CopyLink, Hacker News and Lobsters get the canonical URL: the
// link is republished as it is (aggregators also match submissions by
// URL), so campaign tags would follow it to every later reader.
func (s *source) dest(n Network) string {
	if !tagged(n) {
		return s.canonical
	}
	return s.d.url(n.ID(), n.info().medium)
}

// tagged reports whether n's destination carries UTM parameters.
func tagged(n Network) bool { return n != CopyLink && n != HackerNews && n != Lobsters }

// dest appends escape(s.dest(n)) to the current value without building
// the destination itself.
func (q *urlBuf) dest(s *source, n Network) {
	if !tagged(n) {
		q.esc(s.canonical)
		return
	}
	inf := n.info()
	q.b = s.d.appendEscaped(q.b, inf.id, inf.medium)
}

// escTitle returns the title percent-encoded, encoded on first use: most
// links carry it.
func (s *source) escTitle() string {
	if s.titleEsc == "" {
		s.titleEsc = escape(s.title)
	}
	return s.titleEsc
}

func (s *source) link(n Network, opts *Options, q *urlBuf) (Link, error) {
	if !n.Valid() {
		return Link{}, netErr(n, ErrUnknownNetwork)
	}
	href, err := s.href(n, opts, q)
	if err == nil && len(href) > MaxLinkLength {
		href, err = s.shortHref(n, opts, q, len(href))
	}
	if err != nil {
		return Link{}, err
	}
	inf := n.info()
	return Link{
		Network: n, Name: inf.name, Label: inf.label, Href: href,
		Color: inf.color, Popup: inf.popup, AppOnly: inf.app,
	}, nil
}

// shortHref rebuilds n's link, which came out length bytes long, from a
// copy of s carrying less text, until it is within MaxLinkLength: the
// standfirst is cut (for the links that carry it), then the hashtags are
// dropped (likewise), then the headline is cut, each cut on a word (else
// grapheme) boundary with "…" and sized by the bytes the link is over. A
// link over the bound with no text left is a *TooLongError in UnitBytes.
func (s *source) shortHref(n Network, opts *Options, q *urlBuf, length int) (string, error) {
	t := *s
	// Each round shortens the text by what the link is over, so two or
	// three rounds suffice; the bound only guards against a surprise.
	for range 16 {
		over := length - MaxLinkLength
		switch {
		case t.summary != "" && carriesSummary(n):
			t.summary = cutText(t.summary, escapedLen(t.summary)-over, escapedLen)
		case len(t.tags) > 0 && carriesTags(n):
			t.tags = nil
		case t.title != "":
			head, err := t.headIn(n, opts)
			if err != nil {
				return "", err
			}
			t.title = cutText(head, escapedLen(head)-over, escapedLen)
		default:
			return "", &TooLongError{Network: n, Length: length, Limit: MaxLinkLength, Unit: UnitBytes}
		}
		t.titleEsc = ""
		t.fits = [len(t.fits)]fitMemo{}
		href, err := t.href(n, opts, q)
		if err != nil || len(href) <= MaxLinkLength {
			return href, err
		}
		length = len(href)
	}
	return "", &TooLongError{Network: n, Length: length, Limit: MaxLinkLength, Unit: UnitBytes}
}

// headIn returns the headline as n's link carries it: fitted to the
// network's limit for X, Bluesky, Mastodon and Threads, else whole.
func (s *source) headIn(n Network, opts *Options) (string, error) {
	switch n {
	case X:
		head, _, err := s.xIntent(s.dest(X))
		return head, err
	case Bluesky, Mastodon, Threads:
		p, err := s.fitted(n, opts)
		return p.Headline, err
	}
	return s.title, nil
}

// carriesSummary reports whether n's link carries the standfirst.
func carriesSummary(n Network) bool { return n == Email || n == Tumblr || n == Odnoklassniki }

// carriesTags reports whether n's link carries every hashtag that fits
// (the others carry one, or fit them to a network limit counted in
// characters).
func carriesTags(n Network) bool { return n == Tumblr || n == Bluesky || n == Mastodon }

// title adds key=title (percent-encoded once per source).
func (q *urlBuf) title(s *source, k string) {
	if s.title == "" {
		return
	}
	q.key(k)
	q.raw(s.escTitle())
}

// titleAndDest adds key=title + " " + destination.
func (q *urlBuf) titleAndDest(s *source, k string, n Network) {
	q.key(k)
	if s.title != "" {
		q.raw(s.escTitle())
		q.raw("%20")
	}
	q.dest(s, n)
}

// list adds key=the items joined by commas; no items leave it out.
func (q *urlBuf) list(k string, items []string) {
	for i, t := range items {
		if i == 0 {
			q.key(k)
		} else {
			q.raw("%2C")
		}
		q.esc(t)
	}
}

// destParam adds key=destination.
func (q *urlBuf) destParam(s *source, k string, n Network) {
	q.key(k)
	q.dest(s, n)
}

func (s *source) href(n Network, opts *Options, q *urlBuf) (string, error) {
	switch n {
	case Facebook:
		q.start("https://www.facebook.com/sharer/sharer.php")
		q.destParam(s, "u", n)
		if len(s.tags) > 0 {
			q.key("hashtag")
			q.raw("%23")
			q.esc(s.tags[0])
		}
	case X:
		u := s.dest(n)
		text, tags, err := s.xIntent(u)
		if err != nil {
			return "", err
		}
		q.start("https://x.com/intent/tweet")
		q.add("text", text)
		q.destParam(s, "url", n)
		q.list("hashtags", tags)
		q.add("via", s.via)
	case LinkedIn:
		q.start("https://www.linkedin.com/sharing/share-offsite/")
		q.destParam(s, "url", n)
	case WhatsApp:
		q.start("https://api.whatsapp.com/send")
		q.titleAndDest(s, "text", n)
	case Telegram:
		q.start("https://t.me/share/url")
		q.destParam(s, "url", n)
		q.title(s, "text")
	case Reddit:
		q.start("https://www.reddit.com/submit")
		q.destParam(s, "url", n)
		q.title(s, "title")
	case Email:
		q.start("mailto:")
		q.title(s, "subject")
		q.key("body")
		if s.summary != "" {
			q.esc(s.summary)
			q.raw("%0D%0A%0D%0A")
		}
		q.dest(s, n)
	case Bluesky:
		p, err := s.fitted(Bluesky, opts)
		if err != nil {
			return "", err
		}
		q.start("https://bsky.app/intent/compose")
		q.add("text", p.Text)
	case Mastodon:
		return s.mastodonHref(opts, q)
	case Threads:
		p, err := s.fitted(Threads, opts)
		if err != nil {
			return "", err
		}
		// The intent takes the link as url=; the text is the headline part.
		q.start("https://www.threads.com/intent/post")
		q.add("text", strings.TrimSuffix(strings.TrimSuffix(p.Text, p.URL), " "))
		q.destParam(s, "url", n)
		if len(s.tags) > 0 {
			q.add("tag", topicTag(s.tags[0]))
		}
	case Pinterest:
		if s.imageURL() == "" {
			return "", netErr(n, ErrMissingImage)
		}
		q.start("https://www.pinterest.com/pin/create/button/")
		q.destParam(s, "url", n)
		q.add("media", s.imageURL())
		q.title(s, "description")
	case HackerNews:
		q.start("https://news.ycombinator.com/submitlink")
		q.destParam(s, "u", n)
		q.title(s, "t")
	case Lobsters:
		q.start("https://lobste.rs/stories/new")
		q.destParam(s, "url", n)
		q.title(s, "title")
	case Messenger:
		if s.badAppID {
			return "", netErrorf(n, "%w: the app id given is not 1 to %d digits", ErrMissingAppID, maxAppIDBytes)
		}
		if s.appID == "" {
			return "", netErr(n, ErrMissingAppID)
		}
		q.start("https://www.facebook.com/dialog/send")
		q.add("app_id", s.appID)
		q.destParam(s, "link", n)
		q.add("redirect_uri", s.canonical)
	case Teams:
		q.start("https://teams.microsoft.com/share")
		q.destParam(s, "href", n)
		q.title(s, "msgText")
	case Tumblr:
		q.start("https://www.tumblr.com/widgets/share/tool")
		q.add("posttype", "link")
		q.destParam(s, "canonicalUrl", n)
		q.title(s, "title")
		q.add("caption", s.summary)
		q.list("tags", s.tags)
	case Flipboard:
		q.start("https://share.flipboard.com/bookmarklet/popout")
		q.add("v", "2")
		q.destParam(s, "url", n)
		q.title(s, "title")
	case Line:
		q.start("https://social-plugins.line.me/lineit/share")
		q.destParam(s, "url", n)
		q.title(s, "text")
	case Viber:
		q.start("viber://forward")
		q.titleAndDest(s, "text", n)
	case VK:
		q.start("https://vk.com/share.php")
		q.destParam(s, "url", n)
		q.title(s, "title")
		q.add("image", s.imageURL())
	case Odnoklassniki:
		q.start("https://connect.ok.ru/offer")
		q.destParam(s, "url", n)
		q.title(s, "title")
		q.add("description", s.summary)
		q.add("imageUrl", s.imageURL())
	case Weibo:
		q.start("https://service.weibo.com/share/share.php")
		q.destParam(s, "url", n)
		q.title(s, "title")
		q.add("pic", s.imageURL())
	case Xing:
		q.start("https://www.xing.com/social/share/spi")
		q.destParam(s, "url", n)
	case SMS:
		q.start("sms:")
		q.titleAndDest(s, "body", n)
	case CopyLink:
		return s.canonical, nil
	default:
		return "", netErr(n, ErrUnknownNetwork)
	}
	return q.String(), nil
}

// mastodonHref builds the Mastodon link in the configured mode.
func (s *source) mastodonHref(opts *Options, q *urlBuf) (string, error) {
	mo := opts.Mastodon
	var base string
	switch mo.Mode {
	case MastodonChooser:
		base = "https://share.joinmastodon.org/"
	case MastodonInstance:
		host := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(mo.Instance), "https://"), "/")
		if host == "" {
			return "", netErr(Mastodon, ErrMissingInstance)
		}
		base = "https://" + host + "/share"
		if _, err := article.CheckURL(base); err != nil || strings.ContainsAny(host, "/?#@") {
			return "", netErrorf(Mastodon, "%w: instance %q is not a host name", ErrInvalidURL, mo.Instance)
		}
	case MastodonCustom:
		if mo.Template == "" {
			return "", netErr(Mastodon, ErrMissingInstance)
		}
		probe := strings.Replace(mo.Template, "{text}", "x", 1)
		if !strings.Contains(mo.Template, "{text}") || !strings.HasPrefix(mo.Template, "https://") {
			return "", netErrorf(Mastodon, "%w: template %q needs https:// and {text}", ErrInvalidURL, mo.Template)
		}
		if err := checkURL("mastodon template", probe); err != nil {
			return "", netErr(Mastodon, err)
		}
	default:
		// Options.check refuses an unknown mode before any link is built.
		return "", netErrorf(Mastodon, "%w: mastodon mode %d", ErrInvalidOptions, mo.Mode)
	}
	p, err := s.fitted(Mastodon, opts)
	if err != nil {
		return "", err
	}
	if mo.Mode == MastodonCustom {
		return strings.Replace(mo.Template, "{text}", escape(p.Text), 1), nil
	}
	q.start(base)
	q.add("text", p.Text)
	return q.String(), nil
}

// topicTag makes a Threads topic tag: no '.', '&' or white space, at most
// 50 characters.
func topicTag(t string) string {
	r := []rune(t)
	if len(r) > 50 {
		r = r[:50]
	}
	return string(r)
}
