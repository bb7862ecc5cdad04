package markdown_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/markdown"
)

// FuzzDecode holds the package's promises on any input: no panic; either
// an article or an error; and the article, encoded as JSON, passes
// article's strict decoder with no finding and decodes back to the same
// value.
func FuzzDecode(f *testing.F) {
	story, err := os.ReadFile(filepath.Join("testdata", "story.md"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(story)
	f.Add([]byte("---\nheadline: h\n---\n"))
	f.Add([]byte("---\nkey_points: [\"*a*\", '<b>x</b>']\nexplainers: [{kind: background, body: \"x\\n\\ny\"}]\n---\n| a |\n| - |\n| b |\n"))
	f.Add([]byte("---\na: &x [1]\nb: *x\n---\n"))
	f.Add([]byte("---\n...\n<style>x"))
	f.Add([]byte("---\npublished: 2026-01-01T00:00:00Z\nbreaking: yes\nimage: {width: 0x10}\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := markdown.Decode(bytes.NewReader(data), "f.md", markdown.Options{})
		if a == nil {
			if err == nil {
				t.Fatal("Decode returned neither an article nor an error")
			}
			return
		}
		var out bytes.Buffer
		if err := a.Encode(&out); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		b, err := article.Decode(bytes.NewReader(out.Bytes()), article.DecodeOptions{})
		if err != nil {
			t.Fatalf("the decoded article does not pass strict decoding: %v\n%s", err, out.Bytes())
		}
		if !reflect.DeepEqual(canon(a), canon(b)) {
			t.Fatalf("round trip changed the article:\n%s", out.Bytes())
		}
	})
}

// canon returns a with times in a comparable form.
func canon(a *article.Article) article.Article {
	c := *a
	fix := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		_, off := t.Zone()
		return t.In(time.FixedZone("", off))
	}
	c.Published, c.Modified = fix(c.Published), fix(c.Modified)
	return c
}
