package count

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/broadsheet/broadsheet/internal/sharetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	require.Equal(t, reMatch(tab.pathRe, path, 0, tab.pathUnits.has), matchPath(path, 0), "matchPath(%q), want the regexp's", string(utf16.Decode(path)))
	query := append([]uint16{'?'}, units...)
	require.Equal(t, reMatch(xQueryRe, query, 0, isQueryUnit), matchQuery(query, 0), "matchQuery(%q), want the regexp's", string(utf16.Decode(query)))
}

// matchDomainDirect is matchDomain without the memo: the chain of labels
// from p, tried from the last. The memoised version must agree with it.
func matchDomainDirect(sc *urlScan, p int) int {
	t := sc.t
	var labels []label
	for i := p; i < len(t); {
		j := int(sc.runEnd[i])
		if j == i || j >= len(t) || t[j] != '.' || !isDomainUnit(t[i]) || !isDomainUnit(t[j-1]) {
			break
		}
		labels = append(labels, label{start: i, end: j, name: sc.under[j] == sc.under[i]})
		i = j + 1
	}
	for k := len(labels) - 1; k >= 0; k-- {
		if labels[k].name {
			if end := matchTLD(t, labels[k].end+1); end >= 0 {
				return end
			}
		}
	}
	return -1
}

// domainUnits make label chains: letters of TLDs, dots, '_', '-' and
// separators.
var domainUnits = []uint16{'a', 'c', 'o', 'm', 'j', 'p', '.', '.', '_', '-', ' ', '/', 'x', 'n', 0x307F, 0x3093, 0x306A}

// TestMatchDomainMemo checks the memoised domain match against the direct
// one at every position, in random orders, on random label chains.
func TestMatchDomainMemo(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20_000 {
		units := make([]uint16, 1+r.IntN(30))
		for i := range units {
			units[i] = domainUnits[r.IntN(len(domainUnits))]
		}
		var sc urlScan
		sc.reset(units)
		for _, p := range r.Perm(len(units) + 1) {
			require.Equal(t, matchDomainDirect(&sc, p), matchDomainOnce(&sc, p), "matchDomain(%q, %d), want the direct match", string(utf16.Decode(units)), p)
		}
	}
}

func matchDomainOnce(sc *urlScan, p int) int {
	end, _ := matchDomain(sc, p, nil)
	return end
}

// TestMatchDomainLinear: a text of 5,000 labels, none with a TLD after
// it, is tried at every label; each label's TLD is looked up once, not
// once per starting label (which took seconds).
func TestMatchDomainLinear(t *testing.T) {
	units := toUTF16(strings.Repeat("a.", 5000), true)
	var sc urlScan
	sc.reset(units)
	for p := range units {
		matchDomain(&sc, p, nil)
	}
	assert.LessOrEqual(t, sc.tldTries, 5000, "TLD lookups for 5,000 labels")
	assert.Equal(t, 10000, X(strings.Repeat("a.", 5000)).WeightedLength, "X(a.a.…).WeightedLength")
}

// TestExtractByRuns checks that searching each run between spaces on its
// own finds exactly what one search of the whole text finds, in both
// dialects, on the oracle corpus.
func TestExtractByRuns(t *testing.T) {
	for _, s := range sharetest.Corpus(3000) {
		u := toUTF16(nfc(s), false)
		for _, d := range []*urlDialect{xDialect, mastodonDialect} {
			var x, y xScratch
			whole := y.extractRun(u, 0, d, nil)
			runs := x.extract(u, d)
			if len(whole) == 0 && len(runs) == 0 {
				continue
			}
			require.True(t, slices.Equal(whole, runs), "%q (protocol required: %v): by runs %v, whole %v", s, !d.noProtocol, runs, whole)
		}
	}
}
