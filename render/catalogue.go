package render

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/locale"
	"github.com/broadsheet/broadsheet/share"
)

// catalogue turns a locale.Catalogue into each article's Locale: the
// words by the article's language, dates in the display zone (Options'
// TimeZone, else the article's site.time_zone), the direction. What
// depends only on the language and zone is built once per pair and kept
// (at most maxLocales of them); Prepare adds the byline, which depends on
// the number of authors.
type catalogue struct {
	c    *locale.Catalogue
	zone *time.Location
	m    sync.Map // language string, or language "\x00" site zone → *langLocale
	n    atomic.Int32
}

const maxLocales = 256

// langLocale is one language's Locale, shared read-only.
type langLocale struct {
	words *locale.Words
	loc   Locale
}

func newCatalogue(c *locale.Catalogue, zone *time.Location) *catalogue {
	if c == nil {
		c = locale.New()
	}
	return &catalogue{c: c, zone: zone}
}

// locale returns a's Locale. An article's language is checked before
// this (article.Check); one the catalogue still cannot parse gets English.
func (c *catalogue) locale(a *article.Article) *Locale {
	var ll *langLocale
	if c.zone == nil && a.Site != nil && a.Site.TimeZone != "" {
		ll = c.langIn(a.Language, a.Site.TimeZone)
	} else {
		ll = c.lang(a.Language)
	}
	l := ll.loc
	l.Labels.By = ll.words.Count(locale.Byline, len(a.Authors))
	return &l
}

func (c *catalogue) lang(lang string) *langLocale {
	if v, ok := c.m.Load(lang); ok {
		return v.(*langLocale)
	}
	return c.store(lang, lang, c.zone)
}

// langIn is lang with dates in the site's zone. A name the article's
// check let through but this machine's zone database lacks shows each
// time in its own offset, as without a zone.
func (c *catalogue) langIn(lang, zone string) *langLocale {
	key := lang + "\x00" + zone
	if v, ok := c.m.Load(key); ok {
		return v.(*langLocale)
	}
	loc, err := locale.LoadZone(zone)
	if err != nil {
		loc = nil
	}
	return c.store(key, lang, loc)
}

func (c *catalogue) store(key, lang string, zone *time.Location) *langLocale {
	w, err := c.c.Words(lang)
	if err != nil {
		w, _ = c.c.Words("")
	}
	w = w.InZone(zone)
	ll := &langLocale{words: w, loc: localeOf(w)}
	if c.n.Load() < maxLocales {
		if _, loaded := c.m.LoadOrStore(key, ll); !loaded {
			c.n.Add(1)
		}
	}
	return ll
}

// LocaleFrom returns the Locale of article a in words w, as
// Options.Catalogue gives it: for an Options.Locale that starts from the
// catalogue and changes one article's wording (w.With) or zone
// (w.InZone). The byline phrase follows the number of a's authors.
func LocaleFrom(w *locale.Words, a *article.Article) Locale {
	l := localeOf(w)
	l.Labels.By = w.Count(locale.Byline, len(a.Authors))
	return l
}

func localeOf(w *locale.Words) Locale {
	l := Locale{Labels: labelsOf(w), FormatTime: w.DateTime}
	if w.Dir() == locale.RTL {
		l.Dir = "rtl"
	}
	return l
}

// shareVerb is the catalogue key of each network's share label, chosen so
// that English reads exactly as package share's labels.
var shareVerb = map[share.Network]locale.Key{
	share.Facebook: locale.ShareOn, share.X: locale.PostOn, share.LinkedIn: locale.ShareOn,
	share.WhatsApp: locale.SendWith, share.Telegram: locale.SendWith, share.Reddit: locale.SubmitTo,
	share.Email: locale.SendEmail, share.Bluesky: locale.PostOn, share.Mastodon: locale.ShareOn,
	share.Threads: locale.ShareOn, share.Pinterest: locale.PinOn, share.HackerNews: locale.SubmitTo,
	share.Lobsters: locale.SubmitTo, share.Messenger: locale.SendWith, share.Teams: locale.ShareTo,
	share.Tumblr: locale.ShareOn, share.Flipboard: locale.FlipInto, share.Line: locale.SendWith,
	share.Viber: locale.SendWith, share.VK: locale.ShareOn, share.Odnoklassniki: locale.ShareOn,
	share.Weibo: locale.ShareOn, share.Xing: locale.ShareOn, share.SMS: locale.SendSMS,
	share.CopyLink: locale.CopyLink,
}

// labelsOf maps a catalogue's words onto Labels.
func labelsOf(w *locale.Words) Labels {
	l := Labels{
		SkipLink:     w.Get(locale.SkipToArticle),
		Breaking:     w.Get(locale.Breaking),
		BreakingNews: w.Get(locale.BreakingNews),
		By:           w.Get(locale.Byline),
		Separator:    w.Get(locale.ListSeparator),
		And:          w.Get(locale.ListAnd),
		Published:    w.Get(locale.Published),
		Updated:      w.Get(locale.Updated),
		KeyPoints:    w.Get(locale.KeyPoints),
		Explainers: map[article.ExplainerKind]string{
			article.KindWhyItMatters:      w.Get(locale.WhyItMatters),
			article.KindWhatItMeansForYou: w.Get(locale.WhatItMeansForYou),
			article.KindBackground:        w.Get(locale.Background),
			article.KindWhatHappensNext:   w.Get(locale.WhatHappensNext),
		},
		ShareArticle: w.Get(locale.ShareArticle),
		ShareLinks:   make(map[string]string, len(shareVerb)),
		Newsletter:   w.Get(locale.Newsletter),
		SignUp:       w.Get(locale.SignUp),
		EmailAddress: w.Get(locale.EmailAddress),
		Photograph:   w.Get(locale.PhotoCredit),
		WrittenBy:    w.Get(locale.WrittenBy),
		ReadingTime:  w.Get(locale.ReadingTime),
		MinutesRead:  func(n int) string { return w.Count(locale.MinRead, n) },
	}
	for n, k := range shareVerb {
		l.ShareLinks[n.ID()] = w.Format(k, "network", n.Name())
	}
	l.ShareNames = map[string]string{
		share.Email.ID():    w.Get(locale.EmailName),
		share.SMS.ID():      w.Get(locale.SMSName),
		share.CopyLink.ID(): w.Get(locale.CopyLinkName),
	}
	return l
}

// DirOf returns "auto" when text's first strong character runs against
// the page's direction (an English headline on a Hebrew page, an Arabic
// one in an English ticker), so the element isolates it; else "".
func (d *Data) DirOf(text string) string {
	page := locale.LTR
	if d.Dir == "rtl" {
		page = locale.RTL
	}
	if td := locale.TextDirection(text); td != locale.DirectionUnknown && td != page {
		return "auto"
	}
	return ""
}

// before and after are the template functions that split a label pattern
// around its placeholder: before "By {authors}" "authors" is "By ". A
// pattern without the placeholder is a prefix: before gives it with a
// space, after nothing.
func before(pattern, name string) string {
	b, _, ok := strings.Cut(pattern, "{"+name+"}")
	if !ok {
		return pattern + " "
	}
	return b
}

func after(pattern, name string) string {
	_, a, _ := strings.Cut(pattern, "{"+name+"}")
	return a
}
