package share

import (
	"strings"

	"github.com/broadsheet/broadsheet/share/count"
)

// layout is a post's parts before fitting. The text reads
// head [sep body] sep url [tagSep #tag …] [" via @via"].
type layout struct {
	head string
	body string // optional second paragraph, dropped before the head is cut
	url  string // kept whole
	tags []string
	via  string
	sep  string // between head, body and URL; "" means one space
	html bool   // Telegram HTML: escape the parts, head in <b>
}

// meter measures texts for one network.
type meter struct {
	network Network
	unit    Unit
	limit   int
	// count returns the length in unit; it returns limit+1 when a second
	// rule is broken (Bluesky's byte limit), so that "≤ limit" means fits.
	count func(string) int
	// head says how to measure a headline cut alone; see headRule.
	head headRule
}

// headRule is how a meter measures a headline cut without the rest of the
// post. count(head + sep + rest) is the cut's measure plus
// count(sep + rest) whenever no grapheme cluster joins across the
// separator (fit checks its answer on the whole post), so the truncator
// need not measure the URL and hashtags at every step.
type headRule uint8

const (
	headCount   headRule = iota // count(cut)
	headUTF16                   // count.UTF16(cut): Telegram's escaped <b> headline
	headBluesky                 // graphemes, or too long past the byte limit
)

// measureHead measures cut by m.head, the rest of the post taking rest
// bytes.
func (m *meter) measureHead(cut string, rest int) int {
	switch m.head {
	case headUTF16:
		return count.UTF16(cut)
	case headBluesky:
		if len(cut)+rest > count.BlueskyByteLimit {
			return count.BlueskyGraphemeLimit + 1
		}
		g, _ := count.Bluesky(cut)
		return g
	}
	return m.count(cut)
}

// fitted is the outcome of fitting a layout.
type fitted struct {
	text   string
	head   string
	body   bool
	ntags  int
	length int
}

func (l *layout) render(head string, body bool, ntags int) string {
	sep := l.sep
	if sep == "" {
		sep = " "
	}
	tagSep := " "
	if strings.Contains(sep, "\n") {
		tagSep = sep
	}
	size := len(head) + len(l.url) + len(l.via) + 3*len(sep) + len(" via @") + len("<b></b>")
	if body {
		size += len(l.body)
	}
	for _, t := range l.tags[:ntags] {
		size += len(t) + 2
	}
	var b strings.Builder
	b.Grow(size)
	// part starts a part, with sp before it unless it is the first.
	part := func(sp string) {
		if b.Len() > 0 {
			b.WriteString(sp)
		}
	}
	if head != "" {
		if l.html {
			b.WriteString("<b>")
			l.write(&b, head)
			b.WriteString("</b>")
		} else {
			b.WriteString(head)
		}
	}
	if body && l.body != "" {
		part(sep)
		l.write(&b, l.body)
	}
	if l.url != "" {
		part(sep)
		l.write(&b, l.url)
	}
	for i, t := range l.tags[:ntags] {
		if i == 0 {
			part(tagSep)
		} else {
			b.WriteByte(' ')
		}
		b.WriteByte('#')
		l.write(&b, t)
	}
	if l.via != "" {
		part(" ")
		b.WriteString("via @")
		b.WriteString(l.via)
	}
	return b.String()
}

// write writes s, escaped for Telegram HTML if the layout is HTML.
func (l *layout) write(b *strings.Builder, s string) {
	if l.html {
		s = telegramEscape(s)
	}
	b.WriteString(s)
}

// fit returns the longest text the layout allows within m: all of it if
// it fits; else with as many hashtags as fit (the last dropped first);
// else without the body; else with the head cut by sanitize.TruncateFunc
// (a word boundary, else a grapheme boundary, "…" within the budget);
// else the URL alone. If even that is over the limit it returns a
// *TooLongError.
func fit(l layout, m meter) (fitted, error) {
	try := func(head string, body bool, ntags int) (fitted, bool) {
		t := l.render(head, body, ntags)
		n := m.count(t)
		return fitted{text: t, head: head, body: body, ntags: ntags, length: n}, n <= m.limit
	}
	body := l.body != ""
	if f, ok := try(l.head, body, len(l.tags)); ok {
		return f, nil
	}
	// Keep the most hashtags that fit: a post grows with every tag, so
	// the largest count that fits is found by bisection (a post with
	// thousands of tags would otherwise be measured thousands of times).
	if len(l.tags) > 0 {
		if f, ok := try(l.head, body, 0); ok {
			lo, hi := 0, len(l.tags) // lo fits, hi does not
			for hi-lo > 1 {
				mid := lo + (hi-lo)/2
				if g, ok := try(l.head, body, mid); ok {
					lo, f = mid, g
				} else {
					hi = mid
				}
			}
			return f, nil
		}
	}
	if body {
		if f, ok := try(l.head, false, 0); ok {
			return f, nil
		}
	}
	if l.head != "" {
		// The truncator measures the headline cut alone (m.head) against
		// the budget the rest of the post leaves: the limit less what the
		// URL and the separator cost. Its answer is checked on the whole
		// post, and a rare non-additive boundary (a grapheme joining
		// across the space) costs a tighter budget, never an over-long
		// post.
		rest := l.render("", false, 0)
		base := m.count(rest)
		sep := m.count(l.render("H", false, 0)) - base - m.count("H")
		restBytes := len(rest) + max(len(l.sep), 1)
		count := func(c string) int { return m.measureHead(c, restBytes) }
		budget := m.limit - base - sep
		for tighter := 0; tighter < 4 && budget-tighter > 0; tighter++ {
			h := cutText(l.head, budget-tighter, count)
			if h == "" || h == "…" {
				break
			}
			if f, ok := try(h, false, 0); ok {
				return f, nil
			}
		}
	}
	f, ok := try("", false, 0)
	if ok && f.text != "" {
		return f, nil
	}
	return fitted{}, &TooLongError{Network: m.network, Length: f.length, Limit: m.limit, Unit: m.unit}
}
