package count

import (
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
)

// emojiMatcher runs twemoji-parser's expression one starting rune at a
// time: the top-level alternatives are split out (a leading alternation
// distributed over what follows it, which keeps their order of
// preference), and for each starting rune only the alternatives that can
// start with it, in their original order, are compiled together. A match
// therefore prefers exactly what the whole expression prefers, without the
// whole expression's cost at every emoji.
type emojiMatcher struct {
	byRune map[rune]int // starting rune → index in res
	ascii  [0x80]int16  // byRune for ASCII runes, -1 for none
	res    []*regexp.Regexp
}

func newEmojiMatcher(pattern string) *emojiMatcher {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic("share: " + err.Error())
	}
	alts := flattenAlternates(re.Simplify())
	byRune := map[rune][]int{}
	for i, alt := range alts {
		set, _ := first(alt)
		for _, r := range set {
			for c := r[0]; c <= r[1]; c++ {
				byRune[c] = append(byRune[c], i)
			}
		}
	}
	m := &emojiMatcher{byRune: make(map[rune]int, len(byRune))}
	groups := map[string]int{}
	for c, list := range byRune {
		var key strings.Builder
		for _, i := range list {
			key.WriteString(strconv.Itoa(i))
			key.WriteByte(',')
		}
		g, ok := groups[key.String()]
		if !ok {
			subs := make([]*syntax.Regexp, len(list))
			for j, i := range list {
				subs[j] = alts[i]
			}
			alt := &syntax.Regexp{Op: syntax.OpAlternate, Sub: subs}
			if len(subs) == 1 {
				alt = subs[0]
			}
			g = len(m.res)
			m.res = append(m.res, regexp.MustCompile(`^(?:`+alt.String()+`)`))
			groups[key.String()] = g
		}
		m.byRune[c] = g
	}
	for c := range m.ascii {
		m.ascii[c] = -1
		if g, ok := m.byRune[rune(c)]; ok {
			m.ascii[c] = int16(g)
		}
	}
	return m
}

// flattenAlternates lists re's alternatives in order of preference,
// distributing a leading alternation over the rest of a concatenation
// ((A|B)C becomes AC, BC).
func flattenAlternates(re *syntax.Regexp) []*syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	switch re.Op {
	case syntax.OpAlternate:
		var out []*syntax.Regexp
		for _, sub := range re.Sub {
			out = append(out, flattenAlternates(sub)...)
		}
		return out
	case syntax.OpConcat:
		head := re.Sub[0]
		for head.Op == syntax.OpCapture {
			head = head.Sub[0]
		}
		if head.Op != syntax.OpAlternate {
			return []*syntax.Regexp{re}
		}
		var out []*syntax.Regexp
		for _, h := range flattenAlternates(head) {
			sub := append([]*syntax.Regexp{h}, re.Sub[1:]...)
			out = append(out, &syntax.Regexp{Op: syntax.OpConcat, Sub: sub})
		}
		return out
	}
	return []*syntax.Regexp{re}
}

// match returns the length in bytes of the emoji starting s, or 0.
func (m *emojiMatcher) match(s string, r rune) int {
	var g int
	if r < 0x80 {
		if g = int(m.ascii[r]); g < 0 {
			return 0
		}
	} else {
		var ok bool
		if g, ok = m.byRune[r]; !ok {
			return 0
		}
	}
	loc := m.res[g].FindStringIndex(s)
	if loc == nil {
		return 0
	}
	return loc[1]
}
