package locale

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/text/language"
)

// Words is a catalogue's words for one article's language: the language's
// messages with their fallbacks, its plural rules, direction, date formats
// and display time zone. Build it once per article (or per site and
// language) and keep it; a Words is immutable and safe for concurrent
// use. Its methods return strings built on each call: resolve what a page
// needs once, when the page is prepared, not on every view.
type Words struct {
	tag    language.Tag // as asked for
	lang   language.Tag // the catalogue language chosen
	chain  []Messages   // most specific first; English last
	dir    Direction
	dates  DateFormatter
	digit0 rune
	zone   *time.Location
}

// Words returns the words for the BCP 47 tag lang ("fr-CA", "ar-QA"):
// the catalogue language that best matches it (golang.org/x/text/language
// matching: fr-CA → fr, zh-TW → zh-Hant, pt-AO → pt-PT), falling back key
// by key through its parents to English. A language the catalogue does not
// have gets English words but keeps its own direction ("ur" is right to
// left). An empty lang means English; an invalid one is [ErrLanguage].
func (c *Catalogue) Words(lang string) (*Words, error) {
	if w := c.cache.get(lang); w != nil {
		return w, nil
	}
	w, err := c.resolve(lang)
	if err == nil {
		c.cache.put(lang, w)
	}
	return w, err
}

func (c *Catalogue) resolve(lang string) (*Words, error) {
	tag := language.English
	if strings.TrimSpace(lang) != "" {
		var err error
		if tag, err = parseTag(lang); err != nil {
			return nil, err
		}
	}
	w := &Words{tag: tag, dir: DirectionOf(tag)}
	t := c.match(tag)
	w.lang = t.tag
	for p := t; p != nil; p = c.parent(p.tag) {
		w.chain = append(w.chain, p.msgs)
		if w.dates == nil && p.dates != nil {
			w.dates = p.dates
		}
	}
	w.digit0 = t.digit0
	if t.dates == nil {
		// Words without their own formats: CLDR's for the tag asked for,
		// when shipped, else the chain's, else English.
		if d := matchDates(tag); d != nil {
			w.dates = d
		}
	}
	if w.dates == nil {
		w.dates = matchDates(language.English)
	}
	if sh, ok := w.dates.(solarHijri); ok && tag.TypeForKey("ca") == "gregory" {
		// fa-u-ca-gregory: Persian words, Gregorian dates.
		w.dates = sh.DateFormatter
	}
	return w, nil
}

// match returns the table that best matches tag, or English.
func (c *Catalogue) match(tag language.Tag) *table {
	if t := c.tables[tag]; t != nil {
		return t
	}
	_, i, conf := c.matcher.Match(tag)
	if conf >= language.High {
		return c.tables[c.tags[i]]
	}
	// The matcher is cautious with some regional tags; walk the parents.
	for p := tag.Parent(); !p.IsRoot(); p = p.Parent() {
		if t := c.tables[p]; t != nil {
			return t
		}
	}
	return c.tables[language.English]
}

// Tag returns the tag the words were asked for.
func (w *Words) Tag() language.Tag { return w.tag }

// Language returns the catalogue language chosen for the tag ("fr" for
// "fr-CA"; "en" when the catalogue has nothing closer).
func (w *Words) Language() language.Tag { return w.lang }

// Dir returns the direction of the tag asked for.
func (w *Words) Dir() Direction { return w.dir }

// With returns words in which m's messages come first: an article's own
// wording. Keys and placeholders are checked as in [Catalogue.Add].
func (w *Words) With(m Messages) (*Words, error) {
	if err := check(w.lang, m); err != nil {
		return nil, err
	}
	n := *w
	n.chain = append([]Messages{normalise(m)}, w.chain...)
	return &n, nil
}

// InZone returns words that show times in loc (nil: each time in its own
// offset, labelled "UTC" or "UTC+01:00").
func (w *Words) InZone(loc *time.Location) *Words {
	n := *w
	n.zone = loc
	return &n
}

// LoadZone returns the IANA time zone name ("Europe/London"), or
// [ErrZone] naming it. The empty name is nil: each time in its own offset.
func LoadZone(name string) (*time.Location, error) {
	if name == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		return nil, fmt.Errorf("locale: %w: %q", ErrZone, name)
	}
	return loc, nil
}

// Zone returns the zone the words show times in; nil means each time's
// own offset.
func (w *Words) Zone() *time.Location { return w.zone }

// Get returns the message for k: for a plural key, its Other form. A key
// no language defines returns "".
func (w *Words) Get(k Key) string {
	if k.Plural() {
		k = k.Form(Other)
	}
	for _, m := range w.chain {
		if s, ok := m[k]; ok {
			return s
		}
	}
	return ""
}

// Format returns k's message with each {name} replaced: args are name,
// value pairs (Format(ShareOn, "network", "Facebook")). A placeholder with
// no value is left as it is.
func (w *Words) Format(k Key, args ...string) string {
	return fill(w.Get(k), args...)
}

// Count returns the message of plural key k for count n, with {n} as a
// number in the language's digits, and the other placeholders filled
// from args as in Format: Count(MinRead, 5) is "5 min read", "5 دقائق
// قراءة", "5 минут чтения".
func (w *Words) Count(k Key, n int, args ...string) string {
	s := w.plural(k, n)
	return fill(fill(s, "n", w.Number(n)), args...)
}

// plural returns k's message for n's plural form: the form in the most
// specific language that has it, else that language's Other.
func (w *Words) plural(k Key, n int) string {
	f := PluralForm(w.lang, n)
	fk, ok := k.Form(f), k.Form(Other)
	for _, m := range w.chain {
		if s, found := m[fk]; found {
			return s
		}
		if s, found := m[ok]; found {
			return s
		}
	}
	return ""
}

// Number formats a whole number in the language's digits, without
// grouping ("12", Persian "۱۲").
func (w *Words) Number(n int) string {
	return w.digits(strconv.Itoa(n))
}

// List joins names with the language's separators: "A, B and C",
// "A, B et C", "A، B وC", "A、B、C".
func (w *Words) List(names ...string) string {
	var b strings.Builder
	sep, and := w.Get(ListSeparator), w.Get(ListAnd)
	for i, s := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			b.WriteString(and)
		default:
			b.WriteString(sep)
		}
		b.WriteString(s)
	}
	return b.String()
}

// Split returns the text before and after placeholder name in message s:
// Split("By {authors}", "authors") is "By ", "". Templates use it to wrap
// markup (author links, a <time> element) in a translated phrase. Without
// the placeholder, before is s.
func Split(s, name string) (before, after string) {
	before, after, _ = strings.Cut(s, "{"+name+"}")
	return before, after
}

// fill replaces {name} by value for each name, value pair in args.
func fill(s string, args ...string) string {
	for i := 0; i+1 < len(args); i += 2 {
		if strings.IndexByte(s, '{') < 0 {
			break
		}
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

// digits rewrites ASCII digits in s to the language's native digits.
func (w *Words) digits(s string) string {
	if w.digit0 == 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = w.digit0 + (r - '0')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// nativeDigit returns the zero of the digits newspapers in tag's language
// print when they are not ASCII: Persian's extended Arabic-Indic digits
// (CLDR's default numbering system for fa is arabext). Arabic newspapers
// in the Gulf and the Levant print ASCII digits, CLDR's ar-* variants
// disagree, and the go-playground formats use ASCII: ar stays ASCII.
func nativeDigit(tag language.Tag) rune {
	if b, _ := tag.Base(); b.String() == "fa" {
		return '۰'
	}
	return 0
}

// Zones loads IANA time zones by name, as LoadZone does, and keeps what it
// loaded: a site's zone is looked up for each page, card and listing, and
// time.LoadLocation reads the zone database on every call. The zero value
// is ready; it is safe for concurrent use and keeps at most 1,024 names
// (the zone database has about 600), loading the rest on each call.
type Zones struct {
	m sync.Map // name → *time.Location
	n atomic.Int32
}

// Load returns the zone named name, or LoadZone's error; "" is nil.
func (z *Zones) Load(name string) (*time.Location, error) {
	if name == "" {
		return nil, nil
	}
	if v, ok := z.m.Load(name); ok {
		return v.(*time.Location), nil
	}
	loc, err := LoadZone(name)
	if err != nil {
		return nil, err
	}
	if z.n.Load() < 1024 {
		if _, loaded := z.m.LoadOrStore(name, loc); !loaded {
			z.n.Add(1)
		}
	}
	return loc, nil
}
