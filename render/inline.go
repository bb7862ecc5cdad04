package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// StyleHashes returns the Content-Security-Policy hash sources of the
// inline <style> elements of p's page without its ticker (the embedded
// ticker has none), each as a policy writes it ('sha256-…', quotes
// included), in document order, without repeats. A policy whose
// style-src lists them lets the page's stylesheets, and no other inline
// style, apply — no 'unsafe-inline'. The page's only script is the
// JSON-LD, a data block that script-src does not govern.
//
// The hashes are worked out on the first call from the page as written,
// so a stylesheet an override adds is covered. Only the pieces that hold
// "<style" are read as HTML: the page's fixed markup once per language
// and direction, and a component's output when it holds one (the
// embedded components' never do). The caller must not modify the returned
// slice.
func (p *Prepared) StyleHashes() []string {
	p.styleOnce.Do(func() {
		var hs hashList
		switch {
		case p.pageSkel != nil:
			p.pageSkel.styles(&hs, &p.data, p.articleSkel)
		case p.before != nil:
			hs.read(string(p.before))
			hs.read(string(p.after))
		default:
			var buf bytes.Buffer
			if err := p.Page(&buf, View{}); err == nil {
				hs.read(buf.String())
			}
		}
		p.styles = hs
	})
	return p.styles
}

// hashList is a list of CSP hash sources without repeats.
type hashList []string

func (hs *hashList) add(text []byte) {
	// A browser hashes the text after turning CR LF and CR into LF.
	if bytes.IndexByte(text, '\r') >= 0 {
		text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
		text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	}
	sum := sha256.Sum256(text)
	hs.addSource("'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")
}

// read adds the hashes of the <style> elements of the HTML b, which
// starts and ends outside any tag (a template's output inserted as HTML).
// b without "<style" (in any case) is not tokenised.
func (hs *hashList) read(b string) {
	if !hasStyleTag(b) {
		return
	}
	z := html.NewTokenizer(strings.NewReader(b))
	in := false
	var text []byte
	for {
		switch z.Next() {
		case html.ErrorToken:
			if in {
				hs.add(text)
			}
			return
		case html.StartTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.Style {
				in, text = true, text[:0]
			}
		case html.TextToken:
			if in {
				text = append(text, z.Raw()...)
			}
		case html.EndTagToken:
			if in {
				hs.add(text)
				in = false
			}
		}
	}
}

// hasStyleTag reports whether b holds "<style", in any case.
func hasStyleTag(b string) bool {
	for {
		i := strings.IndexByte(b, '<')
		if i < 0 || len(b)-i < 6 {
			return false
		}
		if s := b[i+1 : i+6]; (s[0]|0x20) == 's' && (s[1]|0x20) == 't' && (s[2]|0x20) == 'y' && (s[3]|0x20) == 'l' && (s[4]|0x20) == 'e' {
			return true
		}
		b = b[i+1:]
	}
}

// styles adds the style hashes of the skeleton filled with d: its own
// text's (worked out once) and each part's; the "article" part is read
// through its skeleton art when there is one.
func (s *skeleton) styles(hs *hashList, d *Data, art *skeleton) {
	s.textOnce.Do(func() {
		for _, t := range s.text {
			var l hashList
			l.read(t)
			s.textStyles = append(s.textStyles, l)
		}
	})
	add := func(l hashList) {
		for _, h := range l {
			hs.addSource(h)
		}
	}
	add(s.textStyles[0])
	for i, slot := range s.holes {
		switch {
		case slot == slotArticle && art != nil:
			art.styles(hs, d, nil)
		case slot != slotTicker:
			hs.read(string(*slots[slot](d)))
		}
		add(s.textStyles[i+1])
	}
}

// addSource adds a hash source already made.
func (hs *hashList) addSource(src string) {
	for _, s := range *hs {
		if s == src {
			return
		}
	}
	*hs = append(*hs, src)
}
