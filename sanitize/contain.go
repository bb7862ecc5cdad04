package sanitize

import (
	"strings"
	"unsafe"
)

// Containment.
//
// bluemonday filters tokens but does not balance them: "</div></article>",
// an unclosed <b> or <a>, or an unclosed <table> pass through and move or
// swallow the page around the body. contain fixes that in one linear pass
// over bluemonday's output, which is canonical (every tag is
// <name key="escaped value"…>, text is escaped, no comments), so a byte
// scan finds every tag without a tokenizer.
//
// The pass keeps a stack of open elements and emulates, for the few
// elements a policy allows, the rules of the HTML tree builder that would
// otherwise close, move or re-open elements implicitly (a block start
// closing an open p, li closing li, a closing a, heading closing heading,
// table parts implying tbody/tr/td, foster parenting of text in tables,
// the line feed after <pre>). Wherever the tree builder would act
// implicitly, the pass writes the end tags itself, always for the current
// node, and it closes everything at the end. The output is therefore a
// fixed point of an HTML5 parser: parsed as a fragment in any flow
// container and serialised again it is byte for byte the same (the tests
// check this with golang.org/x/net/html on every corpus vector and fuzz
// input), so what follows the body in the page is parsed as if the body
// were not there.
//
// The same pass applies the rules bluemonday cannot express per
// attribute: rel on foreign links, the id prefix and lazy images here, and
// the URL, srcset and embed policy of urls.go.

type elem uint8

const (
	eNone elem = iota
	eA
	eAbbr
	eB
	eBlockquote
	eBr
	eCaption
	eCite
	eCode
	eDd
	eDl
	eDt
	eEm
	eFigcaption
	eFigure
	eH2
	eH3
	eH4
	eHr
	eI
	eIframe
	eImg
	eLi
	eMark
	eOl
	eP
	ePre
	eQ
	eS
	eSmall
	eStrong
	eSub
	eSup
	eTable
	eTbody
	eTd
	eTfoot
	eTh
	eThead
	eTime
	eTr
	eU
	eUl
	nElems
)

var elemNames = [nElems]string{"", "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code",
	"dd", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "hr", "i", "iframe", "img",
	"li", "mark", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody",
	"td", "tfoot", "th", "thead", "time", "tr", "u", "ul"}

const (
	fVoid      = 1 << iota // no content, no end tag
	fSpecial               // the tree builder's "special" category
	fClosesP               // its start tag closes a p in button scope
	fBoundary              // a scope boundary and formatting marker (table, caption, td, th)
	fTableCtx              // text or other elements here would be foster-parented
	fTablePart             // caption, sections, rows and cells: placed by table rules
	fHeading               // h2–h4
	fInline                // allowed by the Inline policy
)

var elemFlags = [nElems]uint16{
	eA:          fInline,
	eAbbr:       fInline,
	eB:          fInline,
	eBlockquote: fSpecial | fClosesP,
	eBr:         fVoid | fSpecial | fInline,
	eCaption:    fSpecial | fBoundary | fTablePart,
	eCite:       fInline,
	eCode:       fInline,
	eDd:         fSpecial | fClosesP,
	eDl:         fSpecial | fClosesP,
	eDt:         fSpecial | fClosesP,
	eEm:         fInline,
	eFigcaption: fSpecial | fClosesP,
	eFigure:     fSpecial | fClosesP,
	eH2:         fSpecial | fClosesP | fHeading,
	eH3:         fSpecial | fClosesP | fHeading,
	eH4:         fSpecial | fClosesP | fHeading,
	eHr:         fVoid | fSpecial | fClosesP,
	eI:          fInline,
	eIframe:     fSpecial,
	eImg:        fVoid | fSpecial,
	eLi:         fSpecial | fClosesP,
	eOl:         fSpecial | fClosesP,
	eP:          fSpecial | fClosesP,
	ePre:        fSpecial | fClosesP,
	eQ:          fInline,
	eStrong:     fInline,
	eTable:      fSpecial | fClosesP | fBoundary | fTableCtx,
	eTbody:      fSpecial | fTableCtx | fTablePart,
	eTd:         fSpecial | fBoundary | fTablePart,
	eTfoot:      fSpecial | fTableCtx | fTablePart,
	eTh:         fSpecial | fBoundary | fTablePart,
	eThead:      fSpecial | fTableCtx | fTablePart,
	eTr:         fSpecial | fTableCtx | fTablePart,
	eUl:         fSpecial | fClosesP,
}

func (e elem) is(f uint16) bool { return elemFlags[e]&f != 0 }

// lookupElem maps a tag name from bluemonday's output to an element,
// demoting h1 to h2 and h5, h6 to h4.
func lookupElem(name string) elem {
	switch name {
	case "a":
		return eA
	case "abbr":
		return eAbbr
	case "b":
		return eB
	case "blockquote":
		return eBlockquote
	case "br":
		return eBr
	case "caption":
		return eCaption
	case "cite":
		return eCite
	case "code":
		return eCode
	case "dd":
		return eDd
	case "dl":
		return eDl
	case "dt":
		return eDt
	case "em":
		return eEm
	case "figcaption":
		return eFigcaption
	case "figure":
		return eFigure
	case "h1", "h2":
		return eH2
	case "h3":
		return eH3
	case "h4", "h5", "h6":
		return eH4
	case "hr":
		return eHr
	case "i":
		return eI
	case "iframe":
		return eIframe
	case "img":
		return eImg
	case "li":
		return eLi
	case "mark":
		return eMark
	case "ol":
		return eOl
	case "p":
		return eP
	case "pre":
		return ePre
	case "q":
		return eQ
	case "s":
		return eS
	case "small":
		return eSmall
	case "strong":
		return eStrong
	case "sub":
		return eSub
	case "sup":
		return eSup
	case "table":
		return eTable
	case "tbody":
		return eTbody
	case "td":
		return eTd
	case "tfoot":
		return eTfoot
	case "th":
		return eTh
	case "thead":
		return eThead
	case "time":
		return eTime
	case "tr":
		return eTr
	case "u":
		return eU
	case "ul":
		return eUl
	}
	return eNone
}

// maxDepth is how deep author elements may nest; deeper start tags are
// dropped (their text is kept). Browsers flatten deep trees too (Chromium
// at 512), and nothing in an article needs more than a few levels.
const maxDepth = 100

type container struct {
	p        *Policy
	out      []byte
	stack    []elem
	stackBuf [32]elem
	afterPre bool // the last thing written is a <pre> start tag
	skip     bool // inside an iframe whose content is dropped
	space    bool // a dropped block tag wants a space before what follows
}

// contain balances and finishes bluemonday's output s.
func (p *Policy) contain(s string) string {
	c := container{p: p, out: make([]byte, 0, len(s)+len(s)/16+64)}
	c.stack = c.stackBuf[:0]
	for i := 0; i < len(s); {
		lt := strings.IndexByte(s[i:], '<')
		if lt < 0 {
			c.text(s[i:])
			break
		}
		if lt > 0 {
			c.text(s[i : i+lt])
		}
		i += lt
		gt := strings.IndexByte(s[i:], '>')
		if gt < 0 {
			// Not a tag: bluemonday never writes a bare '<'; keep it as text.
			c.text("&lt;")
			i++
			continue
		}
		c.tag(s[i+1 : i+gt])
		i += gt + 1
	}
	c.closeTo(0)
	if len(c.out) == 0 {
		return ""
	}
	// c.out is never written again: hand it over without a copy, as
	// strings.Builder does.
	return unsafe.String(&c.out[0], len(c.out))
}

func (c *container) top() elem {
	if len(c.stack) == 0 {
		return eNone
	}
	return c.stack[len(c.stack)-1]
}

func (c *container) at(i int) elem {
	if i < 0 || i >= len(c.stack) {
		return eNone
	}
	return c.stack[i]
}

// closeTo writes end tags for the open elements from the current node down
// to index i, and pops them.
func (c *container) closeTo(i int) {
	for j := len(c.stack) - 1; j >= i; j-- {
		c.out = append(c.out, "</"...)
		c.out = append(c.out, elemNames[c.stack[j]]...)
		c.out = append(c.out, '>')
	}
	if i < len(c.stack) {
		c.stack = c.stack[:i]
		c.afterPre = false
	}
}

// openBare writes a start tag without attributes and pushes it.
func (c *container) openBare(e elem) {
	c.out = append(c.out, '<')
	c.out = append(c.out, elemNames[e]...)
	c.out = append(c.out, '>')
	c.stack = append(c.stack, e)
	c.afterPre = false
}

// wrapTable opens the sections, rows and cells that the tree builder would
// otherwise leave out (and foster-parent the content before the table).
func (c *container) wrapTable() {
	switch c.top() {
	case eTable:
		c.openBare(eTbody)
		c.openBare(eTr)
		c.openBare(eTd)
	case eThead, eTbody, eTfoot:
		c.openBare(eTr)
		c.openBare(eTd)
	case eTr:
		c.openBare(eTd)
	}
}

func isHTMLSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\f', '\r':
		default:
			return false
		}
	}
	return true
}

func (c *container) text(t string) {
	if c.skip || t == "" {
		return
	}
	if c.space && t != " " {
		c.flushSpace()
	}
	if c.top().is(fTableCtx) && !isHTMLSpace(t) {
		c.wrapTable()
	}
	if c.afterPre && t[0] == '\n' {
		// The tree builder drops one line feed right after <pre>; a
		// serialiser writes one more when the content starts with one.
		if len(t) == 1 || t[1] != '\n' {
			t = t[1:]
		}
		if t == "" {
			return
		}
	}
	c.afterPre = false
	for {
		// bluemonday escapes '>' in text; be strict about it anyway.
		j := strings.IndexByte(t, '>')
		if j < 0 {
			c.out = append(c.out, t...)
			return
		}
		c.out = append(c.out, t[:j]...)
		c.out = append(c.out, "&gt;"...)
		t = t[j+1:]
	}
}

// tag handles the inside of one tag of bluemonday's output ("p",
// `a href="…"`, "/p", "br/").
func (c *container) tag(t string) {
	if t == "" {
		return
	}
	end := t[0] == '/'
	if end {
		t = t[1:]
	}
	t = strings.TrimSuffix(t, "/")
	name := tagNameOf(t)
	e := lookupElem(name)
	switch {
	case e == eNone && isSeparator(name), e != eNone && c.p.kind == kindInline && !e.is(fInline):
		c.separate()
	case e == eNone:
	case end:
		c.end(e)
	case !c.skip:
		c.start(e, t[len(name):])
	}
}

// separatorNames are container elements no policy keeps; their tags become
// a space so the words on either side stay apart.
var separatorNames = []string{"div", "section", "article", "header", "footer", "aside", "main", "nav", "address", "center"}

func isSeparator(name string) bool {
	switch name {
	case "div", "section", "article", "header", "footer", "aside", "main", "nav", "address", "center":
		return true
	}
	return false
}

// separate records a space for a dropped block tag. It is written before
// the next text or inline element, and dropped at a block boundary or the
// end, where words are apart anyway.
func (c *container) separate() {
	if !c.skip && len(c.out) > 0 {
		c.space = true
	}
}

func (c *container) flushSpace() {
	if c.space {
		c.space = false
		if c.out[len(c.out)-1] != ' ' {
			c.text(" ")
		}
	}
}

func tagNameOf(t string) string {
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case ' ', '\t', '\n', '\f', '\r', '/':
			return t[:i]
		}
	}
	return t
}

func (c *container) start(e elem, attrs string) {
	if !e.is(fVoid) && len(c.stack) >= maxDepth {
		return
	}
	if e.is(fTablePart) {
		ti := -1
		for j := len(c.stack) - 1; j >= 0; j-- {
			if c.stack[j] == eTable {
				ti = j
				break
			}
		}
		if ti < 0 {
			return // a table part outside a table: the tag goes, content stays
		}
		section := func(x elem) bool { return x == eThead || x == eTbody || x == eTfoot }
		switch e {
		case eCaption, eThead, eTbody, eTfoot:
			c.closeTo(ti + 1)
		case eTr:
			if section(c.at(ti + 1)) {
				c.closeTo(ti + 2)
			} else {
				c.closeTo(ti + 1)
				c.openBare(eTbody)
			}
		case eTd, eTh:
			switch {
			case section(c.at(ti+1)) && c.at(ti+2) == eTr:
				c.closeTo(ti + 3)
			case section(c.at(ti + 1)):
				c.closeTo(ti + 2)
				c.openBare(eTr)
			default:
				c.closeTo(ti + 1)
				c.openBare(eTbody)
				c.openBare(eTr)
			}
		}
		c.open(e, attrs)
		return
	}
	if c.top().is(fTableCtx) {
		c.wrapTable()
	}
	switch e {
	case eLi:
		c.closeListItems(eLi, eLi)
	case eDd, eDt:
		c.closeListItems(eDd, eDt)
	case eA:
		// A link inside a link: the tree builder closes the outer one.
		for j := len(c.stack) - 1; j >= 0 && !c.stack[j].is(fBoundary); j-- {
			if c.stack[j] == eA {
				c.closeTo(j)
				break
			}
		}
	}
	if e.is(fClosesP) {
		c.closeInButtonScope(func(x elem) bool { return x == eP })
	}
	if e.is(fHeading) {
		c.closeInButtonScope(func(x elem) bool { return x.is(fHeading) })
	}
	c.open(e, attrs)
}

// closeListItems closes open items (li, or dd/dt) the way the tree builder
// does when a new one starts: the nearest one not hidden behind a special
// element other than p, repeatedly.
func (c *container) closeListItems(a, b elem) {
	for {
		found := -1
		for j := len(c.stack) - 1; j >= 0; j-- {
			x := c.stack[j]
			if x == a || x == b {
				found = j
				break
			}
			if x.is(fSpecial) && x != eP {
				break
			}
		}
		if found < 0 {
			return
		}
		c.closeTo(found)
	}
}

// closeInButtonScope closes the nearest open element matching want unless a
// scope boundary (table, caption, td, th) comes first.
func (c *container) closeInButtonScope(want func(elem) bool) {
	for j := len(c.stack) - 1; j >= 0; j-- {
		x := c.stack[j]
		if want(x) {
			c.closeTo(j)
			return
		}
		if x.is(fBoundary) {
			return
		}
	}
}

func (c *container) end(e elem) {
	switch {
	case e == eNone:
		return
	case e == eIframe:
		c.skip = false
		return
	case e.is(fVoid):
		return
	}
	if c.skip {
		return
	}
	for j := len(c.stack) - 1; j >= 0; j-- {
		x := c.stack[j]
		if x == e || e.is(fHeading) && x.is(fHeading) {
			c.closeTo(j)
			return
		}
		switch {
		case e == eTable:
			// </table> closes the nearest table.
		case e.is(fTablePart):
			if x == eTable {
				return
			}
		case x.is(fBoundary):
			return // no end tag reaches out of a cell, caption or table
		}
	}
}

// open writes e's start tag with its attributes filtered and finished, and
// pushes e unless it is void. An img without a usable src and an iframe
// that is not an allowed embed are dropped.
func (c *container) open(e elem, attrs string) {
	if e.is(fInline) || e == eImg || e == eIframe {
		c.flushSpace()
	} else {
		c.space = false
	}
	mark := len(c.out)
	if e == eIframe {
		if !c.iframe(attrs) {
			c.out = c.out[:mark]
		}
		c.skip = true
		return
	}
	c.out = append(c.out, '<')
	c.out = append(c.out, elemNames[e]...)
	var seen uint32
	foreign, hasSrc := false, false
	for rest := attrs; ; {
		key, val, next, ok := nextAttr(rest)
		if !ok {
			break
		}
		rest = next
		bit := attrBit(key)
		if bit == 0 || seen&bit != 0 {
			continue // unknown (cannot happen) or a duplicate: browsers keep the first
		}
		seen |= bit
		switch key {
		case "id", "name":
			if !c.p.ids {
				continue
			}
			if !strings.HasPrefix(val, IDPrefix) {
				c.writeAttr(key, IDPrefix, val)
				continue
			}
		case "href":
			u, f, ok := c.p.checkURL(val, urlLink)
			if !ok {
				continue
			}
			foreign = f
			c.writeAttr(key, "", u)
			continue
		case "src", "cite":
			u, _, ok := c.p.checkURL(val, urlMedia)
			if !ok {
				continue
			}
			hasSrc = hasSrc || key == "src"
			c.writeAttr(key, "", u)
			continue
		case "srcset":
			v, ok := c.p.checkSrcset(val)
			if !ok {
				continue
			}
			c.writeAttr(key, "", v)
			continue
		}
		c.writeAttr(key, "", val)
	}
	switch e {
	case eA:
		if seen == 0 || len(c.out) == mark+2 {
			// Nothing usable is left: bluemonday drops an a without
			// attributes, so dropping it here keeps the output idempotent.
			c.out = c.out[:mark]
			return
		}
		if foreign && c.p.rel != "" {
			c.writeAttr("rel", "", c.p.rel)
		}
	case eImg:
		if !hasSrc {
			c.out = c.out[:mark]
			return
		}
		if seen&attrBit("alt") == 0 {
			// An image without alt is an accessibility error (WCAG 1.1.1,
			// and the Nu checker's); an empty alt marks it decorative,
			// which is all a sanitiser can honestly say about it.
			c.out = append(c.out, ` alt=""`...)
		}
		c.out = append(c.out, ` loading="lazy" decoding="async"`...)
	}
	if e.is(fVoid) {
		c.out = append(c.out, "/>"...)
		c.afterPre = false
		return
	}
	c.out = append(c.out, '>')
	c.stack = append(c.stack, e)
	c.afterPre = e == ePre
}

// writeAttr writes ` key="prefix+val"`; val is already escaped.
func (c *container) writeAttr(key, prefix, val string) {
	c.out = append(c.out, ' ')
	c.out = append(c.out, key...)
	c.out = append(c.out, `="`...)
	c.out = append(c.out, prefix...)
	c.out = append(c.out, val...)
	c.out = append(c.out, '"')
}

// attrBit numbers the attributes a policy can let through, for duplicate
// detection; 0 means not one of them.
func attrBit(key string) uint32 {
	switch key {
	case "id":
		return 1 << 0
	case "name":
		return 1 << 1
	case "href":
		return 1 << 2
	case "src":
		return 1 << 3
	case "srcset":
		return 1 << 4
	case "alt":
		return 1 << 5
	case "title":
		return 1 << 6
	case "width":
		return 1 << 7
	case "height":
		return 1 << 8
	case "cite":
		return 1 << 9
	case "datetime":
		return 1 << 10
	case "scope":
		return 1 << 11
	case "colspan":
		return 1 << 12
	case "rowspan":
		return 1 << 13
	case "start":
		return 1 << 14
	case "reversed":
		return 1 << 15
	case "lang":
		return 1 << 16
	case "dir":
		return 1 << 17
	}
	return 0
}

// nextAttr parses ` key="value"` (bluemonday's form: value escaped, so it
// holds no '"') from the front of s.
func nextAttr(s string) (key, val, rest string, ok bool) {
	s = strings.TrimLeft(s, " ")
	eq := strings.Index(s, `="`)
	if eq <= 0 {
		return "", "", "", false
	}
	key = s[:eq]
	s = s[eq+2:]
	q := strings.IndexByte(s, '"')
	if q < 0 {
		return "", "", "", false
	}
	return key, s[:q], s[q+1:], true
}

// escapeAttr escapes the way golang.org/x/net/html's serialiser does, so
// the output stays a fixed point of parse and render.
func escapeAttr(s string) string {
	if !strings.ContainsAny(s, "&'<>\"\r") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		case '\r':
			b.WriteString("&#13;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
