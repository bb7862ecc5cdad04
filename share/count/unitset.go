package count

import (
	"strconv"
	"strings"
)

// unitRange is an inclusive range of UTF-16 code units.
type unitRange struct{ lo, hi uint16 }

// ranges builds ranges from pairs of ASCII bytes ("az09" is a–z, 0–9)
// followed by explicit ranges.
func ranges(pairs string, more ...unitRange) []unitRange {
	var out []unitRange
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, unitRange{uint16(pairs[i]), uint16(pairs[i+1])})
	}
	return append(out, more...)
}

// unitSet is a set of BMP code units.
type unitSet [1 << 16 / 64]uint64

func (s *unitSet) has(u uint16) bool { return s[u>>6]&(1<<(u&63)) != 0 }
func (s *unitSet) add(u uint16)      { s[u>>6] |= 1 << (u & 63) }

// closeJS returns the units a JavaScript character class made of rs
// matches under the i flag (without u): every unit whose canonical form
// is the canonical form of a member.
func closeJS(rs []unitRange) unitSet {
	var members, canon unitSet
	for _, r := range rs {
		for u := uint32(r.lo); u <= uint32(r.hi); u++ {
			members.add(uint16(u))
			canon.add(jsCanon(uint16(u)))
		}
	}
	out := members
	for u := uint32(0); u < 1<<16; u++ {
		if canon.has(jsCanon(uint16(u))) {
			out.add(uint16(u))
		}
	}
	return out
}

// class writes s as the inside of a Go regexp character class.
func (s *unitSet) class() string {
	var b strings.Builder
	hex := func(u uint32) string { return `\x{` + strconv.FormatUint(uint64(u), 16) + `}` }
	for u := uint32(0); u < 1<<16; {
		if !s.has(uint16(u)) {
			u++
			continue
		}
		lo := u
		for u < 1<<16 && s.has(uint16(u)) {
			u++
		}
		if lo >= 0xD800 && lo <= 0xDFFF {
			continue
		}
		b.WriteString(hex(lo))
		if u-1 > lo {
			b.WriteByte('-')
			b.WriteString(hex(u - 1))
		}
	}
	return b.String()
}
