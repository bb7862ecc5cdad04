package sanitize

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// Swallow describes text that would be dropped without a word because the
// untrusted HTML leaves something open at its end. Everything from Offset
// to the end of the input is dropped with it: one missing "</style>"
// (inside MathML, say) loses the rest of a body.
type Swallow struct {
	// What is what was left open: "<style>" for an element whose content
	// the policies drop (script, style, title, iframe, noscript,
	// noembed, noframes, nostyle, object, frame, frameset) with no end
	// tag; "<!--" for a comment, and "<!" or "<?" for a doctype or bogus
	// comment, with no end; or "<img" for a tag cut off by the end of the
	// input (inside an attribute value whose quote never closes, say).
	What string
	// Offset is the byte offset in the input where it starts.
	Offset int
	// Len is the number of bytes from Offset to the end of the input.
	Len int
}

// String describes s for people: "unclosed <style> at byte 120 drops the
// 4096 bytes after it".
func (s Swallow) String() string {
	kind := "unclosed"
	if !strings.HasSuffix(s.What, ">") && s.What != "<!--" && s.What != "<!" && s.What != "<?" {
		kind = "unfinished tag"
	}
	return fmt.Sprintf("%s %s at byte %d drops the %d bytes from there to the end", kind, s.What, s.Offset, s.Len)
}

// skipContent are the elements whose content bluemonday drops with them
// (its default set) plus iframe, whose content the containment pass
// drops even when [Options].Embeds keeps the iframe.
var skipContent = map[string]bool{
	"frame": true, "frameset": true, "iframe": true, "noembed": true, "noframes": true,
	"noscript": true, "nostyle": true, "object": true, "script": true, "style": true, "title": true,
}

// Swallowed reports whether untrusted leaves something open at its end
// that makes the body and inline policies drop the rest of it: an element
// whose content they drop, a comment, or a tag cut off by the end of the
// input, with anything but white space after its start. It returns the
// first such. ([Text] drops the same and a little more: the content of
// textarea, xmp and template too. With [Options].Embeds, an iframe the
// policy cannot use as an embed keeps its text.)
//
// Sanitize's output is safe either way; Swallowed lets a caller say that
// text was lost (package render and the broadsheet CLI report it as a
// warning on the field) instead of publishing half a body without a word.
// Text that such an element holds before its end tag is dropped by design
// and is not reported. The time is linear in len(untrusted).
func Swallowed(untrusted string) (Swallow, bool) {
	z := html.NewTokenizer(strings.NewReader(untrusted))
	offset := 0
	depth := 0
	var open, raw Swallow // the outermost open skipped element; an open script or style
	rawOpen := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Raw()
		switch tt {
		case html.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tag == "script" || tag == "style":
				// bluemonday drops the text that follows their start tag,
				// which the tokenizer runs to the end tag or the end.
				raw, rawOpen = Swallow{What: "<" + tag + ">", Offset: offset}, true
			case skipContent[tag]:
				if depth == 0 {
					open = Swallow{What: "<" + tag + ">", Offset: offset}
				}
				depth++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tag == "script" || tag == "style":
				rawOpen = false
			case skipContent[tag] && depth > 0:
				depth--
			}
		case html.CommentToken, html.DoctypeToken:
			c := string(tok)
			closed := strings.HasSuffix(c, ">")
			if strings.HasPrefix(c, "<!--") {
				closed = c == "<!-->" || c == "<!--->" || strings.HasSuffix(c, "-->") || strings.HasSuffix(c, "--!>")
			}
			if !closed {
				what := "<!"
				switch {
				case strings.HasPrefix(c, "<!--"):
					what = "<!--"
				case strings.HasPrefix(c, "<?"):
					what = "<?"
				}
				return report(untrusted, Swallow{What: what, Offset: offset}, len(what))
			}
		}
		offset += len(tok)
	}
	switch {
	case offset < len(untrusted):
		// The tokenizer stopped inside a tag: the end of the input cut it.
		what := untrusted[offset:]
		n := 1
		if len(what) > 1 && what[1] == '/' {
			n = 2
		}
		for n < len(what) && n < 33 && !strings.ContainsRune(" \t\n\f\r/>", rune(what[n])) {
			n++
		}
		return report(untrusted, Swallow{What: strings.ToLower(what[:n]), Offset: offset}, 0)
	case rawOpen:
		return report(untrusted, raw, len(raw.What))
	case depth > 0:
		return report(untrusted, open, tagLen(untrusted[open.Offset:]))
	}
	return Swallow{}, false
}

// tagLen returns the length of the start tag at the front of s.
func tagLen(s string) int {
	if gt := strings.IndexByte(s, '>'); gt >= 0 {
		return gt + 1
	}
	return len(s)
}

// report completes s with its length and reports it if anything but
// white space follows the first skip bytes from its offset.
func report(untrusted string, s Swallow, skip int) (Swallow, bool) {
	s.Len = len(untrusted) - s.Offset
	if skip > 0 && strings.HasSuffix(s.What, ">") {
		skip = tagLen(untrusted[s.Offset:]) // the start tag with its attributes
	}
	if skip == 0 || strings.TrimSpace(untrusted[min(s.Offset+skip, len(untrusted)):]) != "" {
		return s, true
	}
	return Swallow{}, false
}
