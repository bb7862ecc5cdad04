package share

import (
	"math/rand/v2"
	"testing"
	"unicode/utf16"
)

// urlMatcherUnits are the units that decide path and query matches: path
// and query characters and ending characters, parentheses, '@', letters
// the case closure adds, and units outside every class.
var urlMatcherUnits = []uint16{
	'a', 'Z', '0', '/', '(', ')', '@', '.', '!', '?', '=', '&', '#', '%', '~', ',', ';', ':', '\'',
	'*', '+', '-', '_', '$', '[', ']', '|', ' ', '"', '<', 0xE9, 0x430, 0x2013, 0x212A, 0x4E00,
}

// TestURLMatchersAgreeWithRegexp checks the direct path and query matchers
// against the regular expressions they replace, on random unit strings.
func TestURLMatchersAgreeWithRegexp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 200_000 {
		checkURLMatchers(t, randomUnits(r))
	}
}

// FuzzURLMatchers is TestURLMatchersAgreeWithRegexp on fuzzed text.
func FuzzURLMatchers(f *testing.F) {
	f.Add("/local/kestrel-bay?utm_source=x&a=(b)")
	f.Add("/wiki/Foo_(bar)_baz?q=1!")
	f.Add("/@user/status/1.")
	f.Fuzz(func(t *testing.T, s string) {
		checkURLMatchers(t, utf16.Encode([]rune(s)))
	})
}

func randomUnits(r *rand.Rand) []uint16 {
	t := make([]uint16, 1+r.IntN(24))
	for i := range t {
		t[i] = urlMatcherUnits[r.IntN(len(urlMatcherUnits))]
	}
	return t
}

func checkURLMatchers(t *testing.T, units []uint16) {
	t.Helper()
	tab := xTab()
	path := append([]uint16{'/'}, units...)
	if got, want := matchPath(path, 0), reMatch(tab.pathRe, path, 0, tab.pathUnits.has); got != want {
		t.Fatalf("matchPath(%q) = %d, regexp %d", string(utf16.Decode(path)), got, want)
	}
	query := append([]uint16{'?'}, units...)
	if got, want := matchQuery(query, 0), reMatch(xQueryRe, query, 0, isQueryUnit); got != want {
		t.Fatalf("matchQuery(%q) = %d, regexp %d", string(utf16.Decode(query)), got, want)
	}
}
