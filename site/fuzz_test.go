package site_test

import (
	"testing"

	"github.com/broadsheet/broadsheet/site"
)

// FuzzCardSpec: ParseCardSpec accepts exactly what CardSpec.String writes,
// so a card has one URL per spec and a cache cannot be split by second
// spellings.
func FuzzCardSpec(f *testing.F) {
	for _, s := range []string{"1200x630-standard", "1080x1080-keypoint-2", "1200x630-photo", "01x1-standard", "1x1-keypoint-0", "x-", "1200x630-keypoint-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		spec, ok := site.ParseCardSpec(s)
		if !ok {
			return
		}
		if spec.String() != s {
			t.Fatalf("ParseCardSpec(%q) = %+v, which writes %q", s, spec, spec.String())
		}
		if spec.Width < 0 || spec.Height < 0 || (spec.Layout == "keypoint") != (spec.Point > 0) {
			t.Fatalf("ParseCardSpec(%q) = %+v", s, spec)
		}
		again, ok := site.ParseCardSpec(spec.String())
		if !ok || again != spec {
			t.Fatalf("round trip of %q: %+v, %v", s, again, ok)
		}
	})
}
