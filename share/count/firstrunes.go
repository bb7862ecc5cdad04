package count

import (
	"regexp/syntax"
)

// runeRanges is a set of inclusive rune ranges.
type runeRanges [][2]rune

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
