package share

import (
	"strconv"
	"strings"
)

// TelegramLength returns the length Telegram limits a parse_mode HTML
// message or caption by: the UTF-16 length of its text after entity
// parsing, that is with the tags removed and the character references
// (&lt; &gt; &amp; &quot; and numeric ones) decoded.
func TelegramLength(html string) int {
	if !strings.ContainsAny(html, "<&") {
		return UTF16Length(html)
	}
	return UTF16Length(telegramText(html))
}

// telegramText strips tags and decodes the references Telegram supports.
func telegramText(html string) string {
	var b strings.Builder
	for i := 0; i < len(html); {
		c := html[i]
		switch c {
		case '<':
			j := strings.IndexByte(html[i:], '>')
			if j < 0 {
				b.WriteString(html[i:])
				return b.String()
			}
			i += j + 1
		case '&':
			j := strings.IndexByte(html[i:], ';')
			if j > 1 {
				if r, ok := telegramRef(html[i+1 : i+j]); ok {
					b.WriteString(r)
					i += j + 1
					continue
				}
			}
			b.WriteByte(c)
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
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
