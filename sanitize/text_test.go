package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "Hello world", "Hello world"},
		{"plain collapses", "  Hello \n\t world  ", "Hello world"},
		{"paragraphs separate", "<p>one</p><p>two</p>", "one two"},
		{"inline joins", "<b>wo</b>rd and <em>em</em>phasis", "word and emphasis"},
		{"br separates", "line<br>break<br/>again", "line break again"},
		{"list items", "<ul><li>a</li><li>b</li></ul>", "a b"},
		{"table cells", "<table><tr><td>1</td><td>2</td></tr></table>", "1 2"},
		{"headings", "<h2>Title</h2>Body", "Title Body"},
		{"entities once", "Fish &amp; chips &amp;lt;b&amp;gt; &lt;i&gt;", "Fish & chips &lt;b&gt; <i>"},
		{"numeric entities", "&#8220;Quoted&#x201D; &mdash; 50&percnt;", "“Quoted” — 50%"},
		{"legacy entity without semicolon", "caf&eacute; &copy 2026", "café © 2026"},
		{"nbsp alone kept", "7&nbsp;am", "7\u00a0am"},
		{"nbsp runs collapse", "<p>&nbsp;</p><p>a &nbsp; b</p>", "a b"},
		{"script dropped", "a<script>alert('<b>x</b>')</script>b", "a b"},
		{"self-closing script still raw", "a<script/>var x = '<p>y</p>';</script>b", "a b"},
		{"style dropped", "<style>p{color:red}</style>text", "text"},
		{"template dropped", "<template><p>hidden<template>deeper</template>still</p></template>shown", "shown"},
		{"noscript dropped", "<noscript><img src=x></noscript>seen", "seen"},
		{"textarea and title dropped", "<title>t</title><textarea>&lt;x&gt;</textarea>ok", "ok"},
		{"plaintext dropped", "before<plaintext><b>after", "before"},
		{"comments dropped", "a<!-- <p>no</p> -->b<!--->c", "abc"},
		{"doctype dropped", "<!DOCTYPE html><p>x</p>", "x"},
		{"cdata is a bogus comment up to the first >", "a<![CDATA[<script>x</script>]]>b", "ax ]]>b"},
		{"attributes are not text", `<img alt="a cat" title="t">x <a href="https://e.example/">link</a>`, "x link"},
		{"broken tag", `<a href="x" <b>bold</b>`, "bold"},
		{"lone angle bracket", "1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
		{"uppercase tags", "<P>one</P><DIV>two</DIV><SCRIPT>no</SCRIPT>", "one two"},
		{"NUL dropped", "a\x00b<p>\x00c</p>", "ab c"},
		{"controls dropped", "a\x01\x1fb\u0085c\u009fd", "ab cd"},
		{"invalid UTF-8", "a\xffb<p>\xc3</p>", "a\ufffdb \ufffd"},
		{"BOM dropped", "\ufeffHello", "Hello"},
		{"ideographic space", "東京\u3000大阪", "東京 大阪"},
		{"svg text kept, svg script dropped", "<svg><text>hi</text><script>x</script></svg>", "hi"},
		{"unclosed tags", "<p><b>open <i>still", "open still"},
		{"stray end tags", "a</div></article></main>b", "a b"},
		{"CRLF", "a\r\nb", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			assert.Equal(t, tt.want, got, "Text(%q)", tt.in)
			checkText(t, tt.in, got)
		})
	}
}

// TestTextInvariants checks the properties the fuzz target checks, on a
// few hand-written inputs.
func TestTextInvariants(t *testing.T) {
	for _, in := range []string{
		"<p>x</p>", "<<<>>>", "&&&;;", "<a\x00b>c</a\x00b>", strings.Repeat("<b>", 100) + "z",
		"<script>", "<template>", "<!--", "\xff\xfe", "a \u00a0 \u00a0 b",
	} {
		checkText(t, in, Text(in))
	}
}

// checkText asserts Text's output contract.
func checkText(t testing.TB, in, got string) {
	t.Helper()
	if !utf8.ValidString(got) {
		t.Fatalf("Text(%q) = %q: invalid UTF-8", in, got)
	}
	if got != strings.TrimSpace(got) {
		t.Fatalf("Text(%q) = %q: leading or trailing space", in, got)
	}
	if strings.Contains(got, "  ") {
		t.Fatalf("Text(%q) = %q: double space", in, got)
	}
	for _, r := range got {
		if r < 0x20 || r == 0x7f || dropRune(r) || isSpace(r) && !isNoBreak(r) {
			t.Fatalf("Text(%q) = %q: contains %U", in, got, r)
		}
	}
	if !clean(got) {
		t.Fatalf("Text(%q) = %q: not clean", in, got)
	}
	// Text of text is the same text, unless it reads as markup or entities.
	if again := Text(got); again != got && !strings.ContainsAny(got, "<&") {
		t.Fatalf("Text(Text(%q)) = %q, want %q", in, again, got)
	}
}

func TestTextAllocs(t *testing.T) {
	clean := "Councillors voted 7–4 to end the trial."
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = Text(clean) }), "Text(clean plain text) allocations")
}
