package share

import (
	"regexp/syntax"
	"sort"
)

// runeRanges is a sorted set of inclusive rune ranges.
type runeRanges [][2]rune

func (rs runeRanges) has(r rune) bool {
	i := sort.Search(len(rs), func(i int) bool { return rs[i][1] >= r })
	return i < len(rs) && rs[i][0] <= r
}

// firstRunes returns the runes a match of pattern can start with, so that
// a scanner only runs the expression where a match is possible. The
// pattern must not match the empty string.
func firstRunes(pattern string) runeRanges {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		panic("share: " + err.Error())
	}
	set, nullable := first(re.Simplify())
	if nullable {
		panic("share: pattern matches the empty string")
	}
	sort.Slice(set, func(i, j int) bool { return set[i][0] < set[j][0] })
	var out runeRanges
	for _, r := range set {
		if n := len(out); n > 0 && r[0] <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out = append(out, r)
	}
	return out
}

// first returns the possible first runes of re and whether re can match
// the empty string.
func first(re *syntax.Regexp) (runeRanges, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return nil, true
		}
		return runeRanges{{re.Rune[0], re.Rune[0]}}, false
	case syntax.OpCharClass:
		var out runeRanges
		for i := 0; i+1 < len(re.Rune); i += 2 {
			out = append(out, [2]rune{re.Rune[i], re.Rune[i+1]})
		}
		return out, false
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return runeRanges{{0, 0x10FFFF}}, false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return nil, true
	case syntax.OpCapture:
		return first(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		s, _ := first(re.Sub[0])
		return s, true
	case syntax.OpPlus:
		return first(re.Sub[0])
	case syntax.OpRepeat:
		s, n := first(re.Sub[0])
		return s, n || re.Min == 0
	case syntax.OpConcat:
		var out runeRanges
		for _, sub := range re.Sub {
			s, n := first(sub)
			out = append(out, s...)
			if !n {
				return out, false
			}
		}
		return out, true
	case syntax.OpAlternate:
		var out runeRanges
		nullable := false
		for _, sub := range re.Sub {
			s, n := first(sub)
			out = append(out, s...)
			nullable = nullable || n
		}
		return out, nullable
	}
	return runeRanges{{0, 0x10FFFF}}, true
}
