package count

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMastodon(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
	}{
		{"plain", "hello", 5},
		{"url is 23", "see https://example.com/a/very/long/path/that/goes/on?x=1", 4 + 23},
		{"two urls", "https://a.example.com/1 https://b.example.org/2", 23 + 1 + 23},
		{"reserved TLD is no URL", "https://a.example/1", 19},
		{"no TLD is no URL", "https://localhost/a", 19},
		{"scheme after a letter is no URL", "xhttps://example.com/a/long/path/indeed", 39},
		{"ftp is not linked", "ftp://example.com/a/long/path/indeed", 36},
		{"dat is linked", "dat://example.com/a/long/path/indeed", 23},
		{"gemini is linked", "gemini://example.org/a/long/path/indeed", 23},
		{"balanced parentheses", "https://en.wikipedia.org/wiki/Kestrel_(bird)", 23},
		{"closing parenthesis after", "(see https://example.com/a)", 5 + 23 + 1},
		{"non-ASCII query", "https://example.com/?q=日本語", 23},
		{"query ends before punctuation", "https://example.com/?q=a.", 23 + 1},
		{"mention inside a URL", "https://social.example.com/@mara@host.org", 23},
		{"mention then ://", "@mara@host.org://x", 18},
		{"mention then accent", "@maraé x", 8},
		{"dotted user", "@a.b@host.org", 4},
		{"mention after =", "x=@mara@host.org", 16},
		{"no scheme is text", "example.com", 11},
		{"trailing dot not in url", "https://example.com/a.", 23 + 1},
		{"remote mention", "hi @mara@social.example.org", 3 + len("@mara")},
		{"local mention", "hi @mara", 8},
		{"mention after word", "a@b@c.example", 13},
		{"emoji graphemes", "👩🏽\u200d🚀🇬🇧", 2},
		{"combining", "e\u0301", 1},
		{"blank", "   ", 0},
		{"cjk", "日本語", 3},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Mastodon(tt.text), "%s: Mastodon(%q)", tt.name, tt.text)
	}
}

func TestThreads(t *testing.T) {
	assert.Equal(t, 5, Threads("hello"))
	assert.Equal(t, 3, Threads("日本語"))
	assert.Equal(t, 4, Threads("🐟"))
	assert.Equal(t, len("👩🏽\u200d🚀"), Threads("👩🏽\u200d🚀"))
	assert.Equal(t, 2+len("❤\ufe0f"), Threads("a ❤\ufe0f"))
}

func TestTelegram(t *testing.T) {
	tests := []struct {
		html string
		want int
	}{
		{"<b>Fish &amp; chips</b>", len("Fish & chips")},
		{"a &lt;b&gt; &quot;c&quot; &#233; &#x1F41F;", len(`a <b> "c" é `) - 1 + 2},
		{"<a href=\"https://x.example/\">link</a>", 4},
		{"🐟", 2},
		{"&unknown; &", len("&unknown; &")},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Telegram(tt.html), "Telegram(%q)", tt.html)
	}
}
