package share

import (
	"errors"
	"strings"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/share/count"
)

// Post is a text fitted to one network's limit, in that network's own
// counting: what an automated post (or a prefilled intent) says.
type Post struct {
	// Network is the network the text is fitted to.
	Network Network `json:"network"`
	// Text is the post text. For Telegram it is HTML for parse_mode HTML;
	// for Facebook and LinkedIn it leaves the URL out (their APIs take it
	// as the link card's URL).
	Text string `json:"text"`
	// URL is the destination URL (with UTM parameters) the post links to.
	URL string `json:"url"`
	// Length is Text's length in Unit, as the network counts it.
	Length int `json:"length"`
	// Limit is the network's limit in Unit.
	Limit int `json:"limit"`
	// Unit is what Length and Limit count.
	Unit Unit `json:"unit"`
	// Hashtags are the hashtags the text kept, without '#'.
	Hashtags []string `json:"hashtags,omitempty"`
	// Headline is the headline as it appears in Text (cut with "…" if it
	// had to be).
	Headline string `json:"headline"`
	// Summary reports whether Text kept the standfirst paragraph
	// (Facebook, LinkedIn, Telegram).
	Summary bool `json:"summary,omitempty"`
}

// PostNetworks returns the networks with a post text and an API body, as a
// fresh slice.
func PostNetworks() []Network {
	return []Network{X, Bluesky, Mastodon, Threads, LinkedIn, Facebook, Telegram}
}

// HasPost reports whether Compose supports n.
func HasPost(n Network) bool {
	switch n {
	case X, Bluesky, Mastodon, Threads, LinkedIn, Facebook, Telegram:
		return true
	}
	return false
}

// Compose returns a's post for network n: the social headline, the
// standfirst where the network has room for it, the URL with n's UTM
// parameters, and the article's hashtags, fitted to n's limit in n's own
// unit. Fitting keeps the URL whole, drops hashtags (the last first), then
// the standfirst, then cuts the headline at a word boundary (else a
// grapheme boundary) with "…". If even the URL alone is too long the error
// is a *TooLongError; a network without posts gives ErrNoPost.
func Compose(a *article.Article, n Network, opts Options) (Post, error) {
	s, err := newSource(a, &opts)
	if err != nil {
		return Post{}, err
	}
	return s.fitted(n, &opts)
}

// Posts returns the posts for every network in opts.Networks that has one
// (PostNetworks() when nil), in order. Networks without posts are skipped;
// a network whose post cannot be built is left out and its *NetworkError
// or *TooLongError joined into err, as Links does.
func Posts(a *article.Article, opts Options) ([]Post, error) {
	s, err := newSource(a, &opts)
	if err != nil {
		return nil, err
	}
	return s.posts(&opts)
}

func (s *source) posts(opts *Options) ([]Post, error) {
	nets := opts.Networks
	if nets == nil {
		nets = PostNetworks()
	}
	posts := make([]Post, 0, len(nets))
	var errs []error
	for _, n := range nets {
		if !HasPost(n) {
			continue
		}
		p, err := s.fitted(n, opts)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		posts = append(posts, p)
	}
	return posts, errors.Join(errs...)
}

// meterFor returns n's counting rule and limit; X's measures with s's
// buffers.
func (s *source) meterFor(n Network, opts *Options) (meter, bool) {
	switch n {
	case X:
		return meter{n, UnitWeighted, count.XLimit, xLength, headCount}, true
	case Bluesky:
		return meter{n, UnitGraphemes, count.BlueskyGraphemeLimit, blueskyCount, headBluesky}, true
	case Mastodon:
		limit := opts.Mastodon.MaxCharacters
		if limit <= 0 {
			limit = count.MastodonDefaultLimit
		}
		return meter{n, UnitGraphemes, limit, count.Mastodon, headCount}, true
	case Threads:
		return meter{n, UnitCharacters, count.ThreadsLimit, count.Threads, headCount}, true
	case LinkedIn:
		return meter{n, UnitUTF16, count.LinkedInLimit, count.UTF16, headCount}, true
	case Facebook:
		return meter{n, UnitUTF16, count.FacebookMessageLimit, count.UTF16, headCount}, true
	case Telegram:
		// The headline is escaped and set in <b>, neither of which
		// Telegram counts.
		return meter{n, UnitUTF16, count.TelegramMessageLimit, count.Telegram, headUTF16}, true
	}
	return meter{}, false
}

// blueskyCount is Bluesky's grapheme count, or limit+1 past its byte
// limit; for a text that fits it is the grapheme count, which a post
// reports as its Length.
func blueskyCount(s string) int {
	g, b := count.Bluesky(s)
	if b > count.BlueskyByteLimit && g <= count.BlueskyGraphemeLimit {
		return count.BlueskyGraphemeLimit + 1
	}
	return g
}

// layoutFor returns n's post layout for destination u.
func (s *source) layoutFor(n Network, u string) layout {
	l := layout{head: s.title, url: u, tags: s.tags}
	switch n {
	case Threads:
		l.tags = nil // one topic tag, sent apart from the text
	case LinkedIn:
		l.body, l.sep, l.url = s.summary, "\n\n", ""
	case Facebook:
		l.body, l.sep, l.url = s.summary, "\n\n", ""
	case Telegram:
		l.body, l.sep, l.html = s.summary, "\n\n", true
	}
	return l
}

// fitted returns n's post, fitted once per source: the share link and
// the post of a network carry the same text.
func (s *source) fitted(n Network, opts *Options) (Post, error) {
	k := memoSlot(n)
	if k < 0 {
		return s.fitText(n, opts, s.layoutFor(n, s.dest(n)))
	}
	if f := &s.fits[k]; f.done {
		return f.p, f.err
	}
	p, err := s.fitText(n, opts, s.layoutFor(n, s.dest(n)))
	s.fits[k] = fitMemo{true, p, err}
	return p, err
}

// memoSlot is n's place in source.fits: the networks whose link carries
// the post text, or -1.
func memoSlot(n Network) int {
	switch n {
	case Bluesky:
		return 0
	case Mastodon:
		return 1
	case Threads:
		return 2
	}
	return -1
}

// fitMemo is one network's fitted post, kept by its source.
type fitMemo struct {
	done bool
	p    Post
	err  error
}

func (s *source) fitText(n Network, opts *Options, l layout) (Post, error) {
	m, ok := s.meterFor(n, opts)
	if !ok {
		return Post{}, netErr(n, ErrNoPost)
	}
	f, err := fit(l, m)
	if err != nil {
		return Post{}, err
	}
	p := Post{
		Network: n, Text: f.text, URL: l.url, Length: f.length, Limit: m.limit, Unit: m.unit,
		Headline: f.head, Summary: f.body,
	}
	if n == Facebook || n == LinkedIn {
		p.URL = s.dest(n)
	}
	if f.ntags > 0 {
		p.Hashtags = append([]string(nil), l.tags[:f.ntags]...)
	}
	if n == Threads {
		if s.threadsLinks(p.Text) > count.ThreadsLinkLimit {
			return Post{}, netErr(n, ErrTooManyLinks)
		}
	}
	return p, nil
}

// threadsLinks counts the links in s as twitter-text extracts them. Every
// link has a '.' of its own in its domain, so a text with at most
// count.ThreadsLinkLimit dots is within the limit without extracting anything.
func (s *source) threadsLinks(text string) int {
	if dots := strings.Count(text, "."); dots <= count.ThreadsLinkLimit {
		return dots
	}
	return count.Links(text)
}

// xLength is X's weighted length of text.
func xLength(text string) int { return count.X(text).WeightedLength }

// xIntent fits the X intent: the text parameter is the headline; X adds
// the URL, the hashtags and "via @handle", and all of it together must fit
// in 280 weighted characters.
func (s *source) xIntent(u string) (string, []string, error) {
	m, _ := s.meterFor(X, nil)
	f, err := fit(layout{head: s.title, url: u, tags: s.tags, via: s.via}, m)
	if err != nil {
		return "", nil, err
	}
	return f.head, s.tags[:f.ntags], nil
}

// telegramEscape escapes text for Telegram's parse_mode HTML: only &, <
// and > need it (https://core.telegram.org/bots/api#html-style).
func telegramEscape(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return telegramEscaper.Replace(s)
}

var telegramEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
