package count

import (
	"strconv"
	"strings"
)

// Telegram returns the length Telegram limits a parse_mode HTML
// message or caption by: the UTF-16 length of its text after entity
// parsing, that is with the tags removed and the character references
// (&lt; &gt; &amp; &quot; and numeric ones) decoded.
func Telegram(html string) int {
	if !strings.ContainsAny(html, "<&") {
		return UTF16(html)
	}
	n, start := 0, 0
	for i := 0; i < len(html); {
		switch html[i] {
		case '<':
			j := strings.IndexByte(html[i:], '>')
			if j < 0 {
				return n + UTF16(html[start:])
			}
			n += UTF16(html[start:i])
			i += j + 1
			start = i
			continue
		case '&':
			if j := strings.IndexByte(html[i:], ';'); j > 1 {
				if r, ok := telegramRef(html[i+1 : i+j]); ok {
					n += UTF16(html[start:i]) + UTF16(r)
					i += j + 1
					start = i
					continue
				}
			}
		}
		i++
	}
	return n + UTF16(html[start:])
}

func telegramRef(name string) (string, bool) {
	switch name {
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "amp":
		return "&", true
	case "quot":
		return `"`, true
	}
	if len(name) > 1 && name[0] == '#' {
		base, digits := 10, name[1:]
		if digits[0] == 'x' || digits[0] == 'X' {
			base, digits = 16, digits[1:]
		}
		v, err := strconv.ParseUint(digits, base, 32)
		if err != nil || v > 0x10FFFF {
			return "", false
		}
		return string(rune(v)), true
	}
	return "", false
}
