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
	// Href is the share intent URL. For Copy it is the article URL itself,
	// meant to be shown and copied rather than opened as an intent.
	Href string `json:"href"`
	// Color is the brand colour, #RRGGBB.
	Color string `json:"color"`
	// Popup is the suggested window size for target=_blank popups; zero for
	// links that open in place (mailto:, sms:, viber:, Copy).
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
	nets := opts.Networks
	if nets == nil {
		nets = DefaultNetworks()
	}
	links := make([]Link, 0, len(nets))
	var errs []error
	for _, n := range nets {
		l, err := s.link(n, &opts)
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
	return s.link(n, &opts)
}

// WebShare returns the data for navigator.share: the social title, the
// standfirst and the article URL with utm_source=web_share.
func WebShare(a *article.Article, opts Options) (WebShareData, error) {
	s, err := newSource(a, &opts)
	if err != nil {
		return WebShareData{}, err
	}
	return WebShareData{
		Title: s.title,
		Text:  s.summary,
		URL:   opts.UTM.withUTM(s.canonical, "web_share", "social"),
	}, nil
}

// dest returns the destination URL for n: the canonical URL with n's UTM
// parameters. Copy, Hacker News and Lobsters get the canonical URL: the
// link is republished as it is (aggregators also match submissions by
// URL), so campaign tags would follow it to every later reader.
func (s *source) dest(n Network, opts *Options) string {
	switch n {
	case Copy, HackerNews, Lobsters:
		return s.canonical
	}
	return opts.UTM.withUTM(s.canonical, n.ID(), n.info().medium)
}

func (s *source) link(n Network, opts *Options) (Link, error) {
	if !n.Valid() {
		return Link{}, netErr(n, ErrUnknownNetwork)
	}
	href, err := s.href(n, opts)
	if err != nil {
		return Link{}, err
	}
	inf := n.info()
	return Link{
		Network: n, Name: inf.name, Label: inf.label, Href: href,
		Color: inf.color, Popup: inf.popup, AppOnly: inf.app,
	}, nil
}

func (s *source) href(n Network, opts *Options) (string, error) {
	u := s.dest(n, opts)
	var q query
	switch n {
	case Facebook:
		q.add("u", u)
		if len(s.tags) > 0 {
			q.add("hashtag", "#"+s.tags[0])
		}
		return q.join("https://www.facebook.com/sharer/sharer.php"), nil
	case X:
		text, tags, err := s.xIntent(u)
		if err != nil {
			return "", err
		}
		q.add("text", text)
		q.add("url", u)
		q.add("hashtags", strings.Join(tags, ","))
		q.add("via", s.via)
		return q.join("https://x.com/intent/tweet"), nil
	case LinkedIn:
		q.add("url", u)
		return q.join("https://www.linkedin.com/sharing/share-offsite/"), nil
	case WhatsApp:
		q.add("text", s.title+" "+u)
		return q.join("https://api.whatsapp.com/send"), nil
	case Telegram:
		q.add("url", u)
		q.add("text", s.title)
		return q.join("https://t.me/share/url"), nil
	case Reddit:
		q.add("url", u)
		q.add("title", s.title)
		return q.join("https://www.reddit.com/submit"), nil
	case Email:
		body := u
		if s.summary != "" {
			body = s.summary + "\r\n\r\n" + u
		}
		q.add("subject", s.title)
		q.add("body", body)
		return q.join("mailto:"), nil
	case Bluesky:
		p, err := s.fitted(Bluesky, opts, u)
		if err != nil {
			return "", err
		}
		q.add("text", p.Text)
		return q.join("https://bsky.app/intent/compose"), nil
	case Mastodon:
		return s.mastodonHref(opts, u)
	case Threads:
		p, err := s.fitText(Threads, opts, layout{head: s.title, url: u})
		if err != nil {
			return "", err
		}
		// The intent takes the link as url=; the text is the headline part.
		q.add("text", strings.TrimSuffix(strings.TrimSuffix(p.Text, u), " "))
		q.add("url", u)
		if len(s.tags) > 0 {
			q.add("tag", topicTag(s.tags[0]))
		}
		return q.join("https://www.threads.com/intent/post"), nil
	case Pinterest:
		if s.image == "" {
			return "", netErr(n, ErrMissingImage)
		}
		q.add("url", u)
		q.add("media", s.image)
		q.add("description", s.title)
		return q.join("https://www.pinterest.com/pin/create/button/"), nil
	case HackerNews:
		q.add("u", u)
		q.add("t", s.title)
		return q.join("https://news.ycombinator.com/submitlink"), nil
	case Lobsters:
		q.add("url", u)
		q.add("title", s.title)
		return q.join("https://lobste.rs/stories/new"), nil
	case Messenger:
		if s.appID == "" {
			return "", netErr(n, ErrMissingAppID)
		}
		q.add("app_id", s.appID)
		q.add("link", u)
		q.add("redirect_uri", s.canonical)
		return q.join("https://www.facebook.com/dialog/send"), nil
	case Teams:
		q.add("href", u)
		q.add("msgText", s.title)
		return q.join("https://teams.microsoft.com/share"), nil
	case Tumblr:
		q.add("posttype", "link")
		q.add("canonicalUrl", u)
		q.add("title", s.title)
		q.add("caption", s.summary)
		q.add("tags", strings.Join(s.tags, ","))
		return q.join("https://www.tumblr.com/widgets/share/tool"), nil
	case Flipboard:
		q.add("v", "2")
		q.add("url", u)
		q.add("title", s.title)
		return q.join("https://share.flipboard.com/bookmarklet/popout"), nil
	case Line:
		q.add("url", u)
		q.add("text", s.title)
		return q.join("https://social-plugins.line.me/lineit/share"), nil
	case Viber:
		q.add("text", s.title+" "+u)
		return q.join("viber://forward"), nil
	case VK:
		q.add("url", u)
		q.add("title", s.title)
		q.add("image", s.image)
		return q.join("https://vk.com/share.php"), nil
	case OK:
		q.add("url", u)
		q.add("title", s.title)
		q.add("description", s.summary)
		q.add("imageUrl", s.image)
		return q.join("https://connect.ok.ru/offer"), nil
	case Weibo:
		q.add("url", u)
		q.add("title", s.title)
		q.add("pic", s.image)
		return q.join("https://service.weibo.com/share/share.php"), nil
	case Xing:
		q.add("url", u)
		return q.join("https://www.xing.com/social/share/spi"), nil
	case SMS:
		q.add("body", s.title+" "+u)
		return q.join("sms:"), nil
	case Copy:
		return u, nil
	}
	return "", netErr(n, ErrUnknownNetwork)
}

// mastodonHref builds the Mastodon link in the configured mode.
func (s *source) mastodonHref(opts *Options, u string) (string, error) {
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
			return "", netErr(Mastodon, errorf("%w: instance %q", ErrInvalidURL, mo.Instance))
		}
	case MastodonCustom:
		if mo.Template == "" {
			return "", netErr(Mastodon, ErrMissingInstance)
		}
		probe := strings.Replace(mo.Template, "{text}", "x", 1)
		if !strings.Contains(mo.Template, "{text}") || !strings.HasPrefix(mo.Template, "https://") {
			return "", netErr(Mastodon, errorf("%w: template %q needs https:// and {text}", ErrInvalidURL, mo.Template))
		}
		if _, err := article.CheckURL(probe); err != nil {
			return "", netErr(Mastodon, errorf("%w: template %q", ErrInvalidURL, mo.Template))
		}
	default:
		return "", netErr(Mastodon, errorf("%w: mastodon mode %d", ErrMissingInstance, mo.Mode))
	}
	p, err := s.fitted(Mastodon, opts, u)
	if err != nil {
		return "", err
	}
	if mo.Mode == MastodonCustom {
		return strings.Replace(mo.Template, "{text}", escape(p.Text), 1), nil
	}
	var q query
	q.add("text", p.Text)
	return q.join(base), nil
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
