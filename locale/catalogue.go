package locale

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"
)

// Messages maps keys to messages for one language. A plural key's forms
// are stored under [Key.Form] ("min_read.one"); a plural key given
// without a form sets its Other form.
type Messages map[Key]string

// Language is one language of a [Catalogue], as given to [Catalogue.Add].
type Language struct {
	// Tag is the BCP 47 tag the language is chosen by ("ca", "fr-BE").
	Tag string
	// Messages are its words. A tag whose parent is in the catalogue
	// ("fr-BE" under "fr") may define only what differs; any other must
	// define every key in [Keys].
	Messages Messages
	// Dates formats its dates and times; nil means the CLDR formats
	// shipped for the nearest language (English as a last resort).
	Dates DateFormatter
	// Source says what the words are based on, for the record.
	Source string
}

// table is one language's messages: immutable once built.
type table struct {
	tag    language.Tag
	msgs   Messages
	dates  DateFormatter
	source string
	digit0 rune // the zero of the language's native digits; 0 for ASCII
}

// Catalogue is a set of languages' words, chosen by BCP 47 tag with
// fallback (fr-CA → fr → en). A Catalogue is immutable: Override and Add
// return a new one that shares the unchanged languages, so a value is
// safe for concurrent use and a site's catalogue never changes another's.
// The zero value is not usable; start from [New]. A Catalogue remembers
// the words it resolved for each language string (up to 256), so keep one
// per site rather than building it per article.
type Catalogue struct {
	tables  map[language.Tag]*table
	tags    []language.Tag // the matcher's order; English first
	matcher language.Matcher
	cache   *wordsCache // Words by the string asked for
}

// wordsCache remembers resolved words by the language string asked for, so
// a site's articles pay for matching once per language. It holds at most
// maxCached entries; past that, lookups still work, uncached.
type wordsCache struct {
	m sync.Map // string → *Words
	n atomic.Int32
}

const maxCached = 256

func (c *wordsCache) get(lang string) *Words {
	if w, ok := c.m.Load(lang); ok {
		return w.(*Words)
	}
	return nil
}

func (c *wordsCache) put(lang string, w *Words) {
	if c.n.Load() >= maxCached {
		return
	}
	if _, loaded := c.m.LoadOrStore(lang, w); !loaded {
		c.n.Add(1)
	}
}

var builtin = sync.OnceValue(func() *Catalogue {
	c := &Catalogue{tables: map[language.Tag]*table{}}
	for _, l := range shipped() {
		tag := language.MustParse(l.Tag)
		c.tables[tag] = &table{tag: tag, msgs: l.Messages, dates: l.Dates, source: l.Source, digit0: nativeDigit(tag)}
	}
	c.index()
	return c
})

// New returns the catalogue shipped with the library: English, French,
// German, Spanish, Italian, Portuguese (Brazil, with Portugal's
// differences), Dutch, Polish, Swedish, Turkish, Arabic, Hebrew, Persian,
// Hindi, Japanese, Korean, Chinese (Simplified and Traditional), Ukrainian
// and Russian. [Catalogue.Languages] lists them with their sources.
func New() *Catalogue { return builtin() }

// index builds the matcher over c's tables, English first (the default).
func (c *Catalogue) index() {
	c.tags = c.tags[:0]
	for t := range c.tables {
		if t != language.English {
			c.tags = append(c.tags, t)
		}
	}
	sort.Slice(c.tags, func(i, j int) bool { return c.tags[i].String() < c.tags[j].String() })
	c.tags = append([]language.Tag{language.English}, c.tags...)
	c.matcher = language.NewMatcher(c.tags)
	c.cache = &wordsCache{}
}

func (c *Catalogue) clone() *Catalogue {
	return &Catalogue{tables: maps.Clone(c.tables)}
}

// Languages returns the catalogue's language tags, English first, then in
// alphabetical order of tag.
func (c *Catalogue) Languages() []language.Tag { return slices.Clone(c.tags) }

// Source returns what the words of language tag are based on, or "" when
// the catalogue has no such language.
func (c *Catalogue) Source(tag language.Tag) string {
	if t := c.tables[tag]; t != nil {
		return t.source
	}
	return ""
}

// Override returns a catalogue in which lang's messages in m replace the
// shipped ones: a site's own wording ("Photo: {credit}" for English).
// lang must be a language of c (exactly; "fr", not "fr-FR"): add a
// regional variant with [Catalogue.Add]. Each key and message is checked
// as in Add.
func (c *Catalogue) Override(lang string, m Messages) (*Catalogue, error) {
	tag, err := parseTag(lang)
	if err != nil {
		return nil, err
	}
	old := c.tables[tag]
	if old == nil {
		return nil, fmt.Errorf("locale: override %s: %w (have %s)", tag, ErrUnknownLanguage, c.list())
	}
	if err := check(tag, m); err != nil {
		return nil, err
	}
	msgs := maps.Clone(old.msgs)
	for k, v := range normalise(m) {
		msgs[k] = v
	}
	n := c.clone()
	t := *old
	t.msgs = msgs
	n.tables[tag] = &t
	n.tags = c.tags
	n.matcher = c.matcher
	n.cache = &wordsCache{}
	return n, nil
}

// Add returns a catalogue with one more language. Its missing keys fall
// back through its parent languages in the catalogue ("fr-BE" → "fr" →
// "en"); a language with no parent there must define every key
// ([ErrIncomplete]). Every key must be one of [Keys] (with a plural form
// the language uses), and every message must have the placeholders its
// English message has ({n} and {zone} may be left out).
func (c *Catalogue) Add(l Language) (*Catalogue, error) {
	tag, err := parseTag(l.Tag)
	if err != nil {
		return nil, err
	}
	if c.tables[tag] != nil {
		return nil, fmt.Errorf("locale: add %s: %w", tag, ErrDuplicate)
	}
	if err := check(tag, l.Messages); err != nil {
		return nil, err
	}
	msgs := normalise(l.Messages)
	if c.standalone(tag) {
		if missing := missingKeys(msgs); len(missing) > 0 {
			return nil, fmt.Errorf("locale: add %s: %w: no parent language in the catalogue and no message for %s", tag, ErrIncomplete, strings.Join(missing, ", "))
		}
	}
	n := c.clone()
	n.tables[tag] = &table{tag: tag, msgs: msgs, dates: l.Dates, source: l.Source, digit0: nativeDigit(tag)}
	n.index()
	return n, nil
}

// parent returns the nearest table above tag (fr-CA → fr), English for
// a tag with no other ancestor, nil for English itself.
func (c *Catalogue) parent(tag language.Tag) *table {
	for p := tag.Parent(); !p.IsRoot(); p = p.Parent() {
		if t := c.tables[p]; t != nil {
			return t
		}
	}
	if tag == language.English {
		return nil
	}
	return c.tables[language.English]
}

// standalone reports whether tag has no parent in c but English, and is
// not English itself: its words must be complete.
func (c *Catalogue) standalone(tag language.Tag) bool {
	if b, _ := tag.Base(); b.String() == "en" {
		return false
	}
	p := c.parent(tag)
	return p == nil || p.tag == language.English
}

func (c *Catalogue) list() string {
	s := make([]string, len(c.tags))
	for i, t := range c.tags {
		s[i] = t.String()
	}
	return strings.Join(s, ", ")
}

// missingKeys lists the keys a stand-alone language lacks.
func missingKeys(m Messages) []string {
	var out []string
	for _, k := range Keys() {
		if k.Plural() {
			k = k.Form(Other)
		}
		if _, ok := m[k]; !ok {
			out = append(out, string(k))
		}
	}
	return out
}

func parseTag(lang string) (language.Tag, error) {
	if strings.TrimSpace(lang) == "" {
		return language.Und, fmt.Errorf("locale: %w: empty", ErrLanguage)
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return language.Und, fmt.Errorf("locale: %w: %q: %w", ErrLanguage, lang, err)
	}
	return tag, nil
}

// normalise stores a plural key given without a form as its Other form.
func normalise(m Messages) Messages {
	out := make(Messages, len(m))
	for k, v := range m {
		if k.Plural() {
			k = k.Form(Other)
		}
		out[k] = v
	}
	return out
}

// check validates m's keys and placeholders for language tag; the error
// names every problem, sorted by key.
func check(tag language.Tag, m Messages) error {
	keys := slices.Sorted(maps.Keys(m))
	forms := IntegerForms(tag)
	var errs []error
	for _, k := range keys {
		base, form, ok := k.split()
		if !ok {
			errs = append(errs, fmt.Errorf("locale: %s: %q: %w", tag, k, ErrKey))
			continue
		}
		if form != FormUnknown && form != Other && !slices.Contains(forms, form) {
			errs = append(errs, fmt.Errorf("locale: %s: %q: %w: %s has only %v", tag, k, ErrForm, tag, forms))
			continue
		}
		if err := checkPlaceholders(base, m[k], base.Plural() && form != Other && form != FormUnknown); err != nil {
			errs = append(errs, fmt.Errorf("locale: %s: %q: %w", tag, k, err))
		}
	}
	return joinErrors(errs)
}

// allowed lists each key's placeholders, as its English message has them.
func allowed(k Key) []string {
	en := builtin().tables[language.English].msgs
	if k.Plural() {
		k = k.Form(Other)
	}
	return placeholders(en[k])
}

// checkPlaceholders reports a placeholder s has that k does not fill, or
// one k needs that s lacks. {zone} is always optional, and {n} is
// optional in a plural form other than Other ("دقيقتان" for 2).
func checkPlaceholders(k Key, s string, exact bool) error {
	want := allowed(k)
	got := placeholders(s)
	for _, p := range got {
		if !slices.Contains(want, p) {
			return fmt.Errorf("%w: {%s} (this key has %s)", ErrPlaceholder, p, braces(want))
		}
	}
	for _, p := range want {
		if p == "zone" || (p == "n" && exact) {
			continue
		}
		if !slices.Contains(got, p) {
			return fmt.Errorf("%w: missing {%s}", ErrPlaceholder, p)
		}
	}
	if strings.Count(s, "{") != len(got) || strings.Count(s, "}") != len(got) {
		return fmt.Errorf("%w: unbalanced braces in %q", ErrPlaceholder, s)
	}
	return nil
}

func braces(ps []string) string {
	if len(ps) == 0 {
		return "none"
	}
	return "{" + strings.Join(ps, "}, {") + "}"
}

// joinErrors is errors.Join that returns the only error unwrapped.
func joinErrors(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return &multiError{errs}
}

type multiError struct{ errs []error }

func (e *multiError) Error() string {
	s := make([]string, len(e.errs))
	for i, err := range e.errs {
		s[i] = err.Error()
	}
	return strings.Join(s, "; ")
}

func (e *multiError) Unwrap() []error { return e.errs }
