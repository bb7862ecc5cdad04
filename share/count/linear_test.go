package count

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLinearOnHugeInput: each counter's allocations grow no faster than
// its input: doubling a hostile text (megabytes of combining marks, of
// bidi controls, of dotted labels, of URLs) at most about doubles them.
// The counters take any size (share bounds what it gives them).
func TestLinearOnHugeInput(t *testing.T) {
	if raceEnabled {
		t.Skip("-race: sync.Pool drops buffers at random, so allocations do not compare")
	}
	pieces := map[string]string{
		"combining marks": "\u0301",
		"bidi controls":   "\u202E\u2067",
		"dotted labels":   "a.",
		"urls":            "https://a.example.com/x ",
		"mentions":        "@a@b.example ",
	}
	counters := map[string]func(string){
		"X":        func(s string) { X(s) },
		"Mastodon": func(s string) { Mastodon(s) },
		"Bluesky":  func(s string) { Bluesky(s) },
		"Threads":  func(s string) { Threads(s) },
		"Telegram": func(s string) { Telegram(s) },
		"Links":    func(s string) { Links(s) },
	}
	alloc := func(f func(string), s string) uint64 {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		f(s)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	for pn, p := range pieces {
		small := "e" + strings.Repeat(p, (64<<10)/len(p))
		big := "e" + strings.Repeat(p, (128<<10)/len(p))
		for cn, c := range counters {
			a, b := alloc(c, small), alloc(c, big)
			assert.LessOrEqual(t, b, 3*a+16<<10, "%s on %s: %d bytes for 64 KB, %d for 128 KB", cn, pn, a, b)
		}
	}
}
