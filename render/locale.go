package render

import (
	"strconv"
	"time"

	"github.com/broadsheet/broadsheet/article"
)

// Labels are every word the page and its metadata show that does not come
// from the article: the templates read them from Data.Labels, the
// twitter:label tags from the resolved locale. The zero value of a field
// means its English default (see English).
type Labels struct {
	// SkipLink is the skip link to the article ("Skip to the article").
	SkipLink string `json:"skip_link,omitempty"`
	// Breaking is the badge of a breaking story and the ticker's default
	// label ("Breaking").
	Breaking string `json:"breaking,omitempty"`
	// BreakingNews is the ticker region's accessible name ("Breaking
	// news").
	BreakingNews string `json:"breaking_news,omitempty"`
	// By is the byline, with "{authors}" where the names go ("By
	// {authors}", "{authors} 기자"). Without the placeholder it is a
	// prefix, followed by a space.
	By string `json:"by,omitempty"`
	// Separator goes between the names of a byline but the last two
	// (", "; "、" in Japanese), And between the last two (" and ",
	// " et ", " و"), spaces included.
	Separator string `json:"separator,omitempty"`
	And       string `json:"and,omitempty"`
	// Published and Updated are the dates' phrases, with "{date}" where
	// the <time> element goes ("Published {date}", "Publié le {date}");
	// without it, a prefix followed by a space.
	Published string `json:"published,omitempty"`
	Updated   string `json:"updated,omitempty"`
	// KeyPoints heads the key points ("Key points").
	KeyPoints string `json:"key_points,omitempty"`
	// Explainers are the default headings of explainers by kind (an
	// explainer's own title wins); a kind missing here uses
	// article.Explainer.Label.
	Explainers map[article.ExplainerKind]string `json:"explainers,omitempty"`
	// ShareArticle heads the share bar ("Share this article").
	ShareArticle string `json:"share_article,omitempty"`
	// ShareLinks are the share links' accessible labels by network ID
	// ("facebook": "Share on Facebook", "copy": "Copy the link to this
	// article"); a network missing here keeps package share's English
	// label.
	ShareLinks map[string]string `json:"share_links,omitempty"`
	// ShareNames are the share links' visible names by network ID where
	// they are words rather than brands ("email": "E-mail", "sms",
	// "copy"); a network missing here keeps package share's name.
	ShareNames map[string]string `json:"share_names,omitempty"`
	// Newsletter and SignUp are the newsletter's heading and button when
	// the site gives none ("Newsletter", "Sign up").
	Newsletter string `json:"newsletter,omitempty"`
	SignUp     string `json:"sign_up,omitempty"`
	// EmailAddress labels the newsletter's e-mail field ("Email
	// address").
	EmailAddress string `json:"email_address,omitempty"`
	// Photograph is the image credit's phrase, with "{credit}" where the
	// credit goes ("Photograph: {credit}", "Photo\u00a0: {credit}");
	// without it, a prefix followed by a space.
	Photograph string `json:"photograph,omitempty"`
	// WrittenBy and ReadingTime are the twitter:label1 and
	// twitter:label2 texts ("Written by", "Reading time").
	WrittenBy   string `json:"written_by,omitempty"`
	ReadingTime string `json:"reading_time,omitempty"`
	// MinutesRead is twitter:data2, the reading time in words, for a
	// number of minutes ≥ 1; nil means "N min read".
	MinutesRead func(minutes int) string `json:"-"`
}

// Locale is what a page says in its article's language: the words, the
// way dates read, the text direction. Options.Locale chooses one per
// article (Options.Catalogue does when it is nil); the zero value is
// English, left to right unstated.
type Locale struct {
	// Labels are the page's words; empty fields are English.
	Labels Labels
	// FormatTime returns the visible text of a date (the <time> element's
	// datetime attribute stays RFC 3339); nil means English, as in
	// "26 November 2026, 09:30 UTC".
	FormatTime func(t time.Time) string
	// Dir is the page's text direction, "ltr" or "rtl"; empty states none
	// (the document's default, left to right).
	Dir string
}

// English returns the English labels, the defaults of every field.
func English() Labels {
	return Labels{
		SkipLink:     "Skip to the article",
		Breaking:     "Breaking",
		BreakingNews: "Breaking news",
		By:           "By {authors}",
		Separator:    ", ",
		And:          " and ",
		Published:    "Published {date}",
		Updated:      "Updated {date}",
		KeyPoints:    "Key points",
		ShareArticle: "Share this article",
		Newsletter:   "Newsletter",
		SignUp:       "Sign up",
		EmailAddress: "Email address",
		Photograph:   "Photograph: {credit}",
		WrittenBy:    "Written by",
		ReadingTime:  "Reading time",
		MinutesRead:  englishMinutes,
	}
}

func englishMinutes(n int) string { return strconv.Itoa(n) + " min read" }

// englishTime formats t as "26 November 2026, 09:30 UTC" (or
// "UTC+01:00" for another offset).
func englishTime(t time.Time) string {
	var buf [64]byte
	b := t.AppendFormat(buf[:0], "2 January 2006, 15:04")
	if _, off := t.Zone(); off == 0 {
		b = append(b, " UTC"...)
	} else {
		b = t.AppendFormat(b, " UTC-07:00")
	}
	return string(b)
}

// filled returns l with every empty field set from English.
func (l Labels) filled() Labels {
	en := english
	set := func(dst *string, def string) {
		if *dst == "" {
			*dst = def
		}
	}
	set(&l.SkipLink, en.SkipLink)
	set(&l.Breaking, en.Breaking)
	set(&l.BreakingNews, en.BreakingNews)
	set(&l.By, en.By)
	set(&l.Separator, en.Separator)
	set(&l.And, en.And)
	set(&l.Published, en.Published)
	set(&l.Updated, en.Updated)
	set(&l.KeyPoints, en.KeyPoints)
	set(&l.ShareArticle, en.ShareArticle)
	set(&l.Newsletter, en.Newsletter)
	set(&l.SignUp, en.SignUp)
	set(&l.EmailAddress, en.EmailAddress)
	set(&l.Photograph, en.Photograph)
	set(&l.WrittenBy, en.WrittenBy)
	set(&l.ReadingTime, en.ReadingTime)
	if l.MinutesRead == nil {
		l.MinutesRead = englishMinutes
	}
	return l
}

// english is the filled English labels, read-only.
var english = English()

// defaultLocale is the locale of Options{}: shared, read-only.
var defaultLocale = &Locale{Labels: english, FormatTime: englishTime}

// locale returns the filled locale of a under o.
func (o *Options) locale(a *article.Article) *Locale {
	if o.Locale == nil {
		if o.cat != nil {
			return o.cat.locale(a)
		}
		return defaultLocale
	}
	l := o.Locale(a)
	l.Labels = l.Labels.filled()
	if l.FormatTime == nil {
		l.FormatTime = englishTime
	}
	return &l
}

// explainerLabel is the heading of e under l.
func (l *Labels) explainerLabel(e article.Explainer) string {
	if e.Title == "" {
		if s := l.Explainers[e.Kind]; s != "" {
			return s
		}
	}
	return e.Label()
}
