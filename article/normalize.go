package article

import (
	"bytes"
	"html"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Normalize tidies an article exported from a CMS, in place, without
// changing what it says:
//
//   - plain-text fields are trimmed, runs of white space become one space,
//     and character references left in them ("&amp;", "&#8217;") are
//     decoded exactly once;
//   - handles lose a leading '@' (X, Bluesky) or gain one (Mastodon),
//     hashtags lose a leading '#', the language tag and site locale take
//     their canonical forms (en-GB, en_GB) and image types are lowercased;
//   - an explainer body that starts with its own label, once or several
//     times ("What this means for you: What this means for you: …"), in
//     English or in the article's language ("Pourquoi c’est important :",
//     see [ExplainerLabels]), loses it; the label is kept once, as the explainer's heading. The label is
//     removed only when a colon, dash, full stop or the end of its element
//     follows it (or it is a question: "Et maintenant ?"), so a sentence that merely begins with the same words is
//     left alone.
//
// HTML fields are otherwise left as they are: cleaning them is package
// sanitize's job. Normalize is idempotent, except on text that was escaped
// twice ("&amp;amp;"): each call decodes one level, and Validate warns
// about the entity that is left.
func (a *Article) Normalize() {
	for _, p := range []*string{&a.Headline, &a.SocialHeadline, &a.Standfirst, &a.Kicker, &a.Section} {
		*p = cleanText(*p)
	}
	for i := range a.Tags {
		a.Tags[i] = cleanText(a.Tags[i])
	}
	for i := range a.Hashtags {
		a.Hashtags[i] = strings.TrimPrefix(cleanText(a.Hashtags[i]), "#")
	}
	if a.Language != "" {
		if tag, err := language.Parse(strings.TrimSpace(a.Language)); err == nil {
			a.Language = tag.String()
		}
	}
	for i := range a.Authors {
		p := &a.Authors[i]
		p.Name = cleanText(p.Name)
		p.X, p.Bluesky, p.Mastodon = cleanHandles(p.X, p.Bluesky, p.Mastodon)
	}
	for i := range a.KeyPoints {
		a.KeyPoints[i] = strings.TrimSpace(a.KeyPoints[i])
	}
	for i := range a.Explainers {
		e := &a.Explainers[i]
		e.Title = cleanText(e.Title)
		e.Body = strings.TrimSpace(stripLabel(e.Body, labelsFor(*e, a.Language)))
	}
	cleanImage(a.Image)
	if s := a.Site; s != nil {
		s.Name, s.Tagline = cleanText(s.Name), cleanText(s.Tagline)
		if loc, err := OGLocale(strings.TrimSpace(s.Locale)); err == nil {
			s.Locale = loc
		}
		cleanImage(s.Logo)
		s.X, s.Bluesky, s.Mastodon = cleanHandles(s.X, s.Bluesky, s.Mastodon)
		if n := s.Newsletter; n != nil {
			n.Title, n.Pitch, n.Button = cleanText(n.Title), cleanText(n.Pitch), cleanText(n.Button)
			n.Action = strings.TrimSpace(n.Action)
		}
	}
	a.URL = strings.TrimSpace(a.URL)
}

func cleanImage(img *Image) {
	if img == nil {
		return
	}
	img.URL = strings.TrimSpace(img.URL)
	img.Alt, img.Caption, img.Credit = cleanText(img.Alt), cleanText(img.Caption), cleanText(img.Credit)
	img.Type = strings.ToLower(strings.TrimSpace(img.Type))
}

func cleanHandles(x, bluesky, mastodon string) (string, string, string) {
	x = strings.TrimPrefix(strings.TrimSpace(x), "@")
	bluesky = strings.TrimPrefix(strings.TrimSpace(bluesky), "@")
	mastodon = strings.TrimSpace(mastodon)
	if mastodon != "" && !strings.HasPrefix(mastodon, "@") && strings.Contains(mastodon, "@") {
		mastodon = "@" + mastodon
	}
	return x, bluesky, mastodon
}

// cleanText decodes character references once, then trims and collapses
// white space (including no-break spaces that the references produced).
func cleanText(s string) string {
	if strings.IndexByte(s, '&') >= 0 && entityIn(s) != "" {
		s = html.UnescapeString(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// labelsFor returns the labels stripLabel looks for at the start of e's
// body in an article in language lang: e's own title, then the kind's
// headings (ExplainerLabels), with ’ folded to '.
func labelsFor(e Explainer, lang string) []string {
	var labels []string
	if t := strings.TrimSpace(e.Title); t != "" {
		labels = append(labels, t)
	}
	labels = append(labels, ExplainerLabels(lang, e.Kind)...)
	for i, l := range labels {
		labels[i] = strings.ReplaceAll(l, "’", "'")
	}
	return labels
}

// closeMark stands for a closing tag in the text view of the body.
const closeMark = '\x00'

// stripLabel removes the labels repeated at the start of an HTML body. It
// builds a text view of the body's first bytes (tags removed, closing tags
// kept as closeMark, ’ folded to '), matches labels there, and then keeps
// only the elements still open where the labels end.
func stripLabel(body string, labels []string) string {
	if len(labels) == 0 {
		return body
	}
	const window = 1024
	var txt []byte
	var at []int // at[k] is the body offset just after txt[k]
	for i := 0; i < len(body) && len(txt) < window; {
		switch {
		case body[i] == '<' && i+1 < len(body) && (isAlnum(body[i+1]) || body[i+1] == '/'):
			end := strings.IndexByte(body[i:], '>')
			if end < 0 {
				i = len(body)
				continue
			}
			if body[i+1] == '/' {
				txt = append(txt, closeMark)
				at = append(at, i+end+1)
			}
			i += end + 1
		case strings.HasPrefix(body[i:], "’"):
			txt = append(txt, '\'')
			i += len("’")
			at = append(at, i)
		default:
			txt = append(txt, body[i])
			i++
			at = append(at, i)
		}
	}
	m := 0
	for {
		k := skipSpace(txt, m, false)
		n := matchLabel(txt[k:], labels)
		if n == 0 {
			break
		}
		m = skipSpace(txt, k+n, true)
	}
	if m == 0 {
		return body
	}
	end := at[m-1]
	// Keep the opening tags of the elements still open at end.
	var open []string
	for i := 0; i < end; {
		if body[i] != '<' || i+1 >= len(body) {
			i++
			continue
		}
		j := strings.IndexByte(body[i:], '>')
		if j < 0 {
			break
		}
		tag := body[i : i+j+1]
		name := tagName(tag)
		switch {
		case strings.HasPrefix(tag, "</"):
			for k := len(open) - 1; k >= 0; k-- {
				if tagName(open[k]) == name {
					open = open[:k]
					break
				}
			}
		case name != "" && !isVoid(name) && !strings.HasSuffix(tag, "/>"):
			open = append(open, tag)
		}
		i += j + 1
	}
	return strings.Join(open, "") + strings.TrimLeft(body[end:], " \t\r\n")
}

// matchLabel returns the length of a label and its delimiter at the start
// of txt, or 0. A label counts only when a delimiter (colon, dash, full
// stop) or a closing tag follows it.
func matchLabel(txt []byte, labels []string) int {
	for _, l := range labels {
		if len(txt) < len(l) || !strings.EqualFold(string(txt[:len(l)]), l) {
			continue
		}
		if strings.HasSuffix(l, "?") || strings.HasSuffix(l, "؟") || strings.HasSuffix(l, "？") {
			// A question is its own delimiter ("Bu neden önemli? …"); a
			// colon may still follow it.
			k := skipSpace(txt, len(l), false)
			if k < len(txt) && txt[k] == ':' {
				return k + 1
			}
			return len(l)
		}
		k := skipSpace(txt, len(l), false)
		rest := string(txt[k:])
		for _, d := range []string{":", "：", "—", "–", "-", ".", string(closeMark)} {
			if strings.HasPrefix(rest, d) {
				return k + len(d)
			}
		}
	}
	return 0
}

var nbsp, narrowNBSP = []byte("\u00a0"), []byte("\u202f")

func skipSpace(txt []byte, i int, marks bool) int {
	for i < len(txt) {
		switch {
		case txt[i] == ' ' || txt[i] == '\t' || txt[i] == '\n' || txt[i] == '\r' || (marks && txt[i] == closeMark):
			i++
		case bytes.HasPrefix(txt[i:], nbsp), bytes.HasPrefix(txt[i:], narrowNBSP):
			// The no-break spaces French puts before a colon.
			_, n := utf8.DecodeRune(txt[i:])
			i += n
		default:
			return i
		}
	}
	return i
}

func tagName(tag string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(tag, "<"), "/")
	n := 0
	for n < len(s) && isAlnum(s[n]) {
		n++
	}
	return strings.ToLower(s[:n])
}

func isVoid(name string) bool {
	switch name {
	case "br", "img", "hr", "wbr", "input", "source", "meta", "link", "area", "col", "embed", "track":
		return true
	}
	return false
}
