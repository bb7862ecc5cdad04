package count

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// This file ports twitter-text 3.1.0's extractUrlsWithIndices (the mode
// parseTweet uses: URLs without a protocol are extracted too) from its
// JavaScript regular expressions to a hand-written scanner over UTF-16
// code units, so that lengths and indices agree with the JavaScript
// original unit for unit. The regular expressions use a look-ahead after
// the TLD that Go's regexp lacks; the domain part is therefore matched by
// hand, trying alternatives in the same order a backtracking engine does.
// Path and query have no look-around and use Go's regexp, whose
// leftmost-first semantics pick the same match as a backtracking engine.

// span is a half-open range [start, end) of UTF-16 code units.
type span struct{ start, end int }

const (
	maxURLLength    = 4096
	maxTcoSlug      = 40
	maxDomainLabel  = 63
	defaultProtocol = "https://"
)

// isInvalidDomainUnit reports whether u is excluded from twitter-text's
// validDomainChars: its punctuation, spaces, invalid characters and
// directional marks.
func isInvalidDomainUnit(u uint16) bool {
	switch {
	case u < 0x80:
		return asciiInvalidDomain[u]
	case u == 0x85, u == 0xA0, u == 0x1680, u == 0x180E,
		u >= 0x2000 && u <= 0x200A, u == 0x2028, u == 0x2029, u == 0x202F, u == 0x205F, u == 0x3000,
		u == 0xFFFE, u == 0xFEFF, u == 0xFFFF,
		u >= 0x202A && u <= 0x202E, u == 0x061C, u == 0x200E, u == 0x200F, u >= 0x2066 && u <= 0x2069:
		return true
	}
	return false
}

func isDomainUnit(u uint16) bool { return !isInvalidDomainUnit(u) }

// asciiInvalidDomain marks twitter-text's punctuation and ASCII spaces.
var asciiInvalidDomain = func() (t [128]bool) {
	for _, c := range "!'#%&()*+,\\-./:;<=>?@[]^_{|}~$\t\n\v\f\r " {
		t[c] = true
	}
	return t
}()

// isInvalidPrecedingUnit: [A-Za-z0-9@＠$#＃\uFFFE\uFEFF\uFFFF] cannot precede a URL.
func isInvalidPrecedingUnit(u uint16) bool {
	return u >= 'A' && u <= 'Z' || u >= 'a' && u <= 'z' || u >= '0' && u <= '9' ||
		u == '@' || u == 0xFF20 || u == '$' || u == '#' || u == 0xFF03 ||
		u == 0xFFFE || u == 0xFEFF || u == 0xFFFF
}

// jsCanon is the case canonicalisation of a JavaScript regular expression
// with the i flag and no u flag: upper case, unless that maps a non-ASCII
// unit to ASCII.
func jsCanon(u uint16) uint16 {
	if u < 0x80 {
		if u >= 'a' && u <= 'z' {
			return u - 32
		}
		return u
	}
	if u >= 0xD800 && u <= 0xDFFF {
		return u
	}
	up := unicode.ToUpper(rune(u))
	if up > 0xFFFF || up < 0x80 {
		return u
	}
	return uint16(up)
}

// xTables are the read-only tables the scanner needs, built on first use.
type xTables struct {
	// tldIndex maps a TLD's canonical UTF-16 form to its position in the
	// alternation (gTLDs first, then ccTLDs).
	tldIndex  map[string]int
	tldMaxLen int
	// tldUnits are the canonical units some TLD has.
	tldUnits unitSet
	// asciiLabel is validAsciiDomain's label class, closed under the
	// JavaScript i-flag canonicalisation.
	asciiLabel unitSet
	pathRe     *regexp.Regexp
	// mastodonPathRe is Mastodon's path expression (see matchMastodonPath).
	mastodonPathRe *regexp.Regexp
	// pathChar and pathEnd are validGeneralUrlPathChars and
	// validUrlPathEndingChars, closed under case folding.
	pathChar, pathEnd unitSet
	emoji             *emojiMatcher
	// pathUnits are the units a path match can contain.
	pathUnits   unitSet
	textDefault map[rune]bool
}

var xTab = sync.OnceValue(func() *xTables {
	x := &xTables{}
	x.tldIndex, x.tldMaxLen = buildTLDIndex()
	for k := range x.tldIndex {
		for _, r := range k {
			x.tldUnits.add(uint16(r))
		}
	}
	x.asciiLabel = closeJS(asciiLabelBase)
	pathChar, pathEnd := closeJS(pathCharBase), closeJS(pathEndBase)
	pc, pe := pathChar.class(), pathEnd.class()
	x.pathUnits = pathChar
	x.pathChar, x.pathEnd = pathChar, pathEnd
	for _, u := range []uint16{'(', ')', '@', '/'} {
		x.pathUnits.add(u)
	}
	for u := 0; u < 1<<16; u++ {
		if pathEnd.has(uint16(u)) {
			x.pathUnits.add(uint16(u))
		}
	}
	parens := `\((?:[` + pc + `]+|(?:[` + pc + `]*\([` + pc + `]+\)[` + pc + `]*))\)`
	unit := `(?:[` + pc + `]*(?:` + parens + `[` + pc + `]*)*[` + pe + `]|(?:` + parens + `))|(?:@[` + pc + `]+/)`
	x.pathRe = regexp.MustCompile(`^/(?:` + unit + `)*`)
	x.mastodonPathRe = regexp.MustCompile(mastodonPathPattern(pc))
	x.emoji = newEmojiMatcher(xEmojiPattern)
	x.textDefault = make(map[rune]bool, len(xEmojiTextDefault))
	for _, r := range xEmojiTextDefault {
		x.textDefault[r] = true
	}
	return x
})

func buildTLDIndex() (map[string]int, int) {
	m := make(map[string]int, len(xGTLDs)+len(xCCTLDs))
	maxLen := 0
	add := func(t string, i int) {
		units := utf16.Encode([]rune(t))
		for j, u := range units {
			units[j] = jsCanon(u)
		}
		k := string(utf16.Decode(units))
		if _, dup := m[k]; !dup {
			m[k] = i
		}
		if len(units) > maxLen {
			maxLen = len(units)
		}
	}
	for i, t := range xGTLDs {
		add(t, i)
	}
	for i, t := range xCCTLDs {
		add(t, len(xGTLDs)+i)
	}
	return m, maxLen
}

// tldAfterOK is the TLD look-ahead: (?=[^0-9a-zA-Z@+-]|$).
func tldAfterOK(t []uint16, i int) bool {
	if i >= len(t) {
		return true
	}
	u := t[i]
	return !(u >= '0' && u <= '9' || u >= 'a' && u <= 'z' || u >= 'A' && u <= 'Z' || u == '@' || u == '+' || u == '-')
}

// matchTLD returns the end of the TLD at t[i:], trying the gTLD and ccTLD
// alternations in order (each with the look-ahead), then punycode
// (xn--[-0-9a-z]+, no look-ahead). It returns -1 if none matches.
func matchTLD(t []uint16, i int) int {
	best, bestEnd := -1, -1
	tab := xTab()
	var buf [96]byte
	key := buf[:0]
	for n := 1; n <= tab.tldMaxLen && i+n <= len(t); n++ {
		u := jsCanon(t[i+n-1])
		if !tab.tldUnits.has(u) {
			break // no TLD goes on with u
		}
		key = utf8.AppendRune(key, rune(u))
		idx, ok := tab.tldIndex[string(key)]
		if !ok || !tldAfterOK(t, i+n) {
			continue
		}
		if best < 0 || idx < best {
			best, bestEnd = idx, i+n
		}
	}
	if best >= 0 {
		return bestEnd
	}
	if i+4 < len(t) && jsCanon(t[i]) == 'X' && jsCanon(t[i+1]) == 'N' && t[i+2] == '-' && t[i+3] == '-' {
		j := i + 4
		for j < len(t) && isPunyUnit(t[j]) {
			j++
		}
		if j > i+4 {
			return j
		}
	}
	return -1
}

func isPunyUnit(u uint16) bool {
	return u == '-' || u >= '0' && u <= '9' || u >= 'a' && u <= 'z' || u >= 'A' && u <= 'Z'
}

// label is one dot-terminated domain label candidate.
type label struct {
	start, end int // the label's characters; t[end] == '.'
	sub, name  bool
}

// matchDomain matches validDomain at t[p:]:
// validSubdomain* validDomainName (gTLD | ccTLD | punycode).
// It returns the end of the domain or -1.
func matchDomain(sc *urlScan, p int, labels []label) (int, []label) {
	t := sc.t
	if p >= len(t) {
		return -1, labels
	}
	// The answer at p depends only on p: the chain of labels from p is
	// fixed, and the last label of it whose TLD matches wins. It is
	// memoised in sc.best, so that a text of many labels ("a.a.a.…"),
	// tried at every label, costs linear time rather than quadratic.
	labels = labels[:0]
	i := p
	for i < len(t) && sc.best[i] == bestUnknown {
		j := int(sc.runEnd[i])
		if j == i || j >= len(t) || t[j] != '.' || !isDomainUnit(t[i]) || !isDomainUnit(t[j-1]) {
			sc.best[i] = -1 // no label here: a label starts and ends with a domain character
			break
		}
		labels = append(labels, label{start: i, end: j, sub: true, name: sc.under[j] == sc.under[i]})
		i = j + 1
	}
	next := sc.best[i] // -1 past the end
	// Sub* is greedy: a later label's match wins over an earlier one's.
	for k := len(labels) - 1; k >= 0; k-- {
		if next < 0 && labels[k].name {
			sc.tldTries++
			if end := matchTLD(t, labels[k].end+1); end >= 0 {
				next = int32(end)
			}
		}
		sc.best[labels[k].start] = next
	}
	return int(sc.best[p]), labels
}

// urlScan is a text prepared for the scanner: for each unit, where the run
// of domain characters, '_' and '-' starting there ends, and how many '_'
// come before it. They make each label step O(1).
type urlScan struct {
	t      []uint16
	runEnd []int32
	under  []int32
	// best memoises matchDomain: the domain's end, -1, or bestUnknown.
	best []int32
	// tldTries counts matchDomain's TLD lookups (for the linearity test).
	tldTries int
}

const bestUnknown = -2

// grow makes room for a text of n units.
func (sc *urlScan) grow(n int) {
	if n++; cap(sc.runEnd) < n || cap(sc.under) < n || cap(sc.best) < n {
		buf := make([]int32, 3*n)
		sc.runEnd, sc.under, sc.best = buf[:n:n], buf[n:2*n:2*n], buf[2*n:]
	}
}

// reset prepares sc for t, reusing its buffers. under counts the '_'
// from each unit to the end (only differences between two positions are
// used).
func (sc *urlScan) reset(t []uint16) {
	n := len(t) + 1
	sc.grow(len(t))
	sc.t, sc.runEnd, sc.under, sc.best = t, sc.runEnd[:n], sc.under[:n], sc.best[:n]
	sc.runEnd[len(t)] = int32(len(t))
	sc.under[len(t)] = 0
	sc.best[len(t)] = -1
	sc.tldTries = 0
	runEnd, under, best := sc.runEnd[:len(t)+1], sc.under[:len(t)+1], sc.best[:len(t)+1]
	for i := len(t) - 1; i >= 0; i-- {
		best[i] = bestUnknown
		u := t[i]
		var inRun bool
		if u < 0x80 {
			inRun = asciiRun[u]
		} else {
			inRun = isDomainUnit(u)
		}
		under[i] = under[i+1]
		if u == '_' {
			under[i]++
		}
		if inRun {
			runEnd[i] = runEnd[i+1]
		} else {
			runEnd[i] = int32(i)
		}
	}
}

// asciiRun marks the ASCII units a domain run holds: domain characters,
// '_' and '-'.
var asciiRun = func() (t [0x80]bool) {
	for u := range t {
		t[u] = isDomainUnit(uint16(u)) || u == '_' || u == '-'
	}
	return t
}()

// The character classes of twitter-text's validGeneralUrlPathChars,
// validUrlPathEndingChars and validAsciiDomain, before case closure.
var (
	latinAccents = []unitRange{{0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0xFF}, {0x100, 0x24F}, {0x253, 0x254},
		{0x256, 0x257}, {0x259, 0x259}, {0x25B, 0x25B}, {0x263, 0x263}, {0x268, 0x268}, {0x26F, 0x26F},
		{0x272, 0x272}, {0x289, 0x289}, {0x28B, 0x28B}, {0x2BB, 0x2BB}, {0x300, 0x36F}, {0x1E00, 0x1EFF}}
	pathCharBase   = append(ranges("az09!!**'';;::==++,,..$$//%%##[[]]--__~~@@||&&", unitRange{0x400, 0x4FF}, unitRange{0x2013, 0x2013}), latinAccents...)
	pathEndBase    = append(ranges("++--az09==__##//", unitRange{0x400, 0x4FF}), latinAccents...)
	asciiLabelBase = append(ranges("--az09"), latinAccents...)
)

var (
	xQueryRe = regexp.MustCompile(`^\?[a-zA-Z0-9!?\*'@\(\);:&=\+\$/%#\[\]\-_\.,~|]*[a-zA-Z0-9\-_&=#/]`)
	xTcoRe   = regexp.MustCompile(`^[hH][tT][tT][pP][sS]?://[tT]\.[cC][oO]/([a-zA-Z0-9]+)(?:\?[a-zA-Z0-9!?\*'@\(\);:&=\+\$/%#\[\]\-_\.,~|]*[a-zA-Z0-9\-_&=#/])?`)
)

// matchPath matches the path expression at t[i] == '/' and returns its
// end. A path without parentheses is matched directly: every unit of its
// run is a path character, so the backtracking match ends after the last
// path-ending unit of the run (or after the '/' when there is none), and
// no further repetition can start (the '@…/' alternative needs a '/',
// which is itself an ending unit). Parentheses go to the regular
// expression.
func matchPath(t []uint16, i int) int {
	tab := xTab()
	end := i + 1
	for j := i + 1; j < len(t); j++ {
		u := t[j]
		if u == '(' || u == ')' {
			return reMatch(tab.pathRe, t, i, tab.pathUnits.has)
		}
		if !tab.pathChar.has(u) {
			break
		}
		if tab.pathEnd.has(u) {
			end = j + 1
		}
	}
	return end
}

// matchQuery matches xQueryRe (\?[query chars]*[query ending char]) at
// t[i] == '?': the end is after the last ending unit of the run of query
// units, or i (no match) when the run has none. Ending units are query
// units, so the greedy match is exactly that.
func matchQuery(t []uint16, i int) int {
	end := i
	for j := i + 1; j < len(t) && isQueryUnit(t[j]); j++ {
		if isQueryEndUnit(t[j]) {
			end = j + 1
		}
	}
	return end
}

// isQueryEndUnit: validUrlQueryEndingChars, [a-zA-Z0-9\-_&=#/].
func isQueryEndUnit(u uint16) bool {
	return u >= 'a' && u <= 'z' || u >= 'A' && u <= 'Z' || u >= '0' && u <= '9' ||
		u == '-' || u == '_' || u == '&' || u == '=' || u == '#' || u == '/'
}

// isQueryUnit: the units validUrlQueryChars and validUrlQueryEndingChars
// allow.
func isQueryUnit(u uint16) bool {
	return u < 0x80 && (u >= 'a' && u <= 'z' || u >= 'A' && u <= 'Z' || u >= '0' && u <= '9' ||
		strings.IndexByte("!?*'@();:&=+$/%#[]-_.,~|", byte(u)) >= 0)
}

// reMatch runs an anchored regexp on t[i:] and returns the end index in
// units, or i when it does not match. Only the run of units in can be
// part of a match, so only that run is decoded.
func reMatch(re *regexp.Regexp, t []uint16, i int, in func(uint16) bool) int {
	if i >= len(t) {
		return i
	}
	j := i + 1
	for j < len(t) && in(t[j]) {
		j++
	}
	s := string(utf16.Decode(t[i:j]))
	loc := re.FindStringIndex(s)
	if loc == nil {
		return i
	}
	return i + UTF16(s[:loc[1]])
}

// urlDialect is what differs between the two twitter-text extractors
// this package follows: the JavaScript one X counts with (http and https,
// URLs without a protocol extracted too) and the Ruby one Mastodon counts
// with (more schemes, only URLs with one, its own path and query
// characters).
type urlDialect struct {
	schemes    []string // lower case; the longer of two with a common prefix first
	noProtocol bool     // extract URLs without a protocol
	path       func(t []uint16, i int) int
	query      func(t []uint16, i int) int
}

var (
	xDialect        = &urlDialect{schemes: []string{"https", "http"}, noProtocol: true, path: matchPath, query: matchQuery}
	mastodonDialect = &urlDialect{schemes: mastodonSchemes, path: matchMastodonPath, query: matchMastodonQuery}
)

// protocol matches one of d's schemes and "://" at t[i:],
// case-insensitively, and returns the end, or i.
func (d *urlDialect) protocol(t []uint16, i int) int {
	lower := func(u uint16) uint16 {
		if u >= 'A' && u <= 'Z' {
			return u + 32
		}
		return u
	}
next:
	for _, sch := range d.schemes {
		j := i
		for k := 0; k < len(sch); k++ {
			if j >= len(t) || lower(t[j]) != uint16(sch[k]) {
				continue next
			}
			j++
		}
		if j+2 < len(t) && t[j] == ':' && t[j+1] == '/' && t[j+2] == '/' {
			return j + 3
		}
	}
	return i
}

// urlMatch is one match of twitter-text's extractUrl expression.
type urlMatch struct {
	start, end               int // the URL ($3)
	proto                    bool
	domStart, domEnd, before int
	path                     bool
}

// matchURLAt tries the URL part of extractUrl at t[p:].
func matchURLAt(sc *urlScan, d *urlDialect, p int, labels []label) (urlMatch, bool, []label) {
	t := sc.t
	m := urlMatch{start: p}
	for _, withProto := range [2]bool{true, false} {
		dom := p
		if withProto {
			dom = d.protocol(t, p)
			if dom == p {
				continue
			}
		}
		var end int
		end, labels = matchDomain(sc, dom, labels)
		if end < 0 {
			continue
		}
		m.proto, m.domStart, m.domEnd = withProto, dom, end
		i := end
		if i+1 < len(t) && t[i] == ':' && t[i+1] >= '0' && t[i+1] <= '9' {
			i += 2
			for i < len(t) && t[i] >= '0' && t[i] <= '9' {
				i++
			}
		}
		if i < len(t) && t[i] == '/' {
			j := d.path(t, i)
			m.path = j > i
			i = j
		}
		if i < len(t) && t[i] == '?' {
			i = d.query(t, i)
		}
		m.end = i
		return m, true, labels
	}
	return m, false, labels
}

// xScratch holds the buffers one measurement needs, reused from one
// text to the next by whoever measures many (a source fitting posts).
type xScratch struct {
	units  []uint16
	scan   urlScan
	urls   []span
	labels []label
	emoji  []span
}

// extractURLs returns the URLs of t (UTF-16) as twitter-text's
// extractUrlsWithIndices finds them, with extractUrlsWithoutProtocol on.
func extractURLs(t []uint16) []span {
	var x xScratch
	return x.extractURLs(t)
}

// extractURLs is extractURLs using x's buffers; the result is valid until
// x's next use.
func (x *xScratch) extractURLs(t []uint16) []span { return x.extract(t, xDialect) }

// extract returns the URLs of t that d's extractor finds.
func (x *xScratch) extract(t []uint16, d *urlDialect) []span {
	// No match holds a space, so each run between spaces is searched on
	// its own (with the space before it: the expression prefers a
	// preceding character to the start of the text, so "Åexample.com"
	// matches whole after a space but from 'e' at the start), and only a
	// run that can hold a URL: one with a '.' (every domain has one) and,
	// when a protocol is required, a ':'.
	urls := x.urls[:0]
	x.scan.grow(len(t)) // once for every run
	for a := 0; a < len(t); {
		b := a
		dot, colon := false, false
		for ; b < len(t) && t[b] != ' '; b++ {
			switch t[b] {
			case '.':
				dot = true
			case ':':
				colon = true
			}
		}
		if dot && (colon || d.noProtocol) {
			from := max(a-1, 0)
			urls = x.extractRun(t[from:b], from, d, urls)
		}
		a = b + 1
	}
	x.urls = urls
	return urls
}

// extractRun appends the URLs of t, a run without spaces starting at
// offset off of the text, to urls.
func (x *xScratch) extractRun(t []uint16, off int, d *urlDialect, urls []span) []span {
	labels := x.labels[:0]
	sc := &x.scan
	sc.reset(t)
	pos := 0
	for pos <= len(t) {
		var m urlMatch
		found := false
		before := -1
		for i := pos; i <= len(t) && !found; i++ {
			if i < len(t) && !isInvalidPrecedingUnit(t[i]) {
				m, found, labels = matchURLAt(sc, d, i+1, labels)
				if found {
					before = i
					break
				}
			}
			if i == 0 {
				m, found, labels = matchURLAt(sc, d, 0, labels)
			}
		}
		if !found {
			break
		}
		m.before = before
		pos = m.end
		if !validURL(t, m) {
			continue
		}
		if !m.proto {
			if !d.noProtocol {
				continue // matched, and so passed over, but not a URL
			}
			if m.before >= 0 && strings.IndexByte("-_./", byte(t[m.before])) >= 0 && t[m.before] < 0x80 {
				continue
			}
			ascii := asciiDomains(t, m.domStart, m.domEnd)
			if len(ascii) == 0 {
				continue
			}
			if m.path {
				ascii[len(ascii)-1].end = m.end
			}
			for _, a := range ascii {
				urls = append(urls, span{a.start + off, a.end + off})
			}
			continue
		}
		if !isTco(t, m) {
			urls = append(urls, span{m.start + off, m.end + off})
			continue
		}
		if loc := xTcoRe.FindStringSubmatchIndex(string(utf16.Decode(t[m.start:m.end]))); loc != nil {
			if loc[3]-loc[2] > maxTcoSlug {
				continue
			}
			m.end = m.start + loc[1] // ASCII only: bytes are units
		}
		urls = append(urls, span{m.start + off, m.end + off})
	}
	x.labels = labels
	return urls
}

// isTco reports whether m's domain is "t.co" right after the protocol,
// the only case xTcoRe can match.
func isTco(t []uint16, m urlMatch) bool {
	if m.domEnd-m.domStart != 4 {
		return false
	}
	d := t[m.domStart:m.domEnd]
	return (d[0] == 't' || d[0] == 'T') && d[1] == '.' && (d[2] == 'c' || d[2] == 'C') && (d[3] == 'o' || d[3] == 'O')
}

// validURL is twitter-text's isValidUrl: the domain must convert to ASCII
// (each label 1–63 characters once punycoded) and the protocol plus the
// URL, with the punycoded domain, must fit in 4096 units.
func validURL(t []uint16, m urlMatch) bool {
	dom := t[m.domStart:m.domEnd]
	if len(dom) >= 4 && dom[0] == 'x' && dom[1] == 'n' && dom[2] == '-' && dom[3] == '-' {
		if len(asciiDomains(dom, 0, len(dom))) == 0 {
			return false
		}
	}
	asciiLen := 0
	start := 0
	for i := 0; i <= len(dom); i++ {
		if i < len(dom) && dom[i] != '.' {
			continue
		}
		n := punycodeLabelLen(dom[start:i])
		if n < 1 || n > maxDomainLabel {
			return false
		}
		asciiLen += n
		if i < len(dom) {
			asciiLen++
		}
		start = i + 1
	}
	proto := len(defaultProtocol)
	if m.proto {
		proto = m.domStart - m.start
	}
	urlLen := m.end - m.start + asciiLen - len(dom)
	return proto+urlLen <= maxURLLength
}

// asciiDomains finds every match of validAsciiDomain
// ((?:label\.)+ TLD, global) in t[from:to], as absolute spans.
func asciiDomains(t []uint16, from, to int) []span {
	d := t[:to]
	var out []span
	i := from
	searchFrom := from // twitter-text's asciiEndPosition
	for i < to {
		end := matchASCIIDomain(d, i)
		if end < 0 {
			i++
			continue
		}
		// twitter-text locates the match with domain.indexOf(match,
		// asciiEndPosition): the first occurrence of the same text, which
		// is earlier than the match when the text repeats. Keep that.
		start := indexUnits(d[searchFrom:to], d[i:end])
		if start < 0 {
			start = i
		} else {
			start += searchFrom
		}
		out = append(out, span{start, start + end - i})
		searchFrom = start + end - i
		i = end
	}
	return out
}

// indexUnits is strings.Index for UTF-16 units.
func indexUnits(hay, needle []uint16) int {
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j := range needle {
			if hay[i+j] != needle[j] {
				continue outer
			}
		}
		return i
	}
	return -1
}

// matchASCIIDomain matches (?:[label chars]+\.)+ (gTLD|ccTLD|punycode) at
// d[i:], trying the greedy label count first.
func matchASCIIDomain(d []uint16, i int) int {
	lab := &xTab().asciiLabel
	var dots []int
	j := i
	for {
		k := j
		for k < len(d) && lab.has(d[k]) {
			k++
		}
		if k == j || k >= len(d) || d[k] != '.' {
			break
		}
		dots = append(dots, k)
		j = k + 1
	}
	for n := len(dots) - 1; n >= 0; n-- {
		if end := matchTLD(d, dots[n]+1); end >= 0 {
			return end
		}
	}
	return -1
}
