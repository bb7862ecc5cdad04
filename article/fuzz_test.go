package article_test

import (
	"bytes"
	"encoding/json"
	"html"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

// FuzzRoundTrip holds the JSON contract: a document that decodes without
// error encodes back to the same JSON value (zero-valued members dropped,
// times compared in canonical RFC 3339), and encoding is a fixed point.
func FuzzRoundTrip(f *testing.F) {
	f.Add(sample.JSON())
	f.Add([]byte(`{"url":"https://a.example/x","headline":"h","published":"2026-01-02T03:04:05.123+05:30","authors":[{"name":"n","kind":"organization"}]}`))
	f.Add([]byte(`{"explainers":[{"kind":"custom","title":"t","body":"b"}],"image":{},"site":{"logo":{}}}`))
	f.Add([]byte(`{"headline":"\u2028 <\/script> \"q\" &amp;","tags":[],"breaking":false}`))
	f.Add([]byte(`{"published":"2026-11-26T09:30:00+00:00"}`))
	f.Add([]byte(`{"headline":"\ud83d\ude00 \\\\ud800 \\"","kicker":"\udc00"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := article.Decode(bytes.NewReader(data), article.DecodeOptions{})
		if a == nil {
			if err == nil {
				t.Fatal("Decode returned neither an article nor an error")
			}
			return
		}
		var out bytes.Buffer
		if encErr := a.Encode(&out); encErr != nil {
			t.Fatalf("Encode after Decode: %v", encErr)
		}
		b, err2 := article.Decode(bytes.NewReader(out.Bytes()), article.DecodeOptions{})
		if err2 != nil {
			t.Fatalf("re-Decode of encoded article: %v\n%s", err2, out.Bytes())
		}
		if !reflect.DeepEqual(canonTimes(a), canonTimes(b)) {
			t.Fatalf("decode(encode(a)) != a\n%s", out.Bytes())
		}
		var again bytes.Buffer
		if err := b.Encode(&again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), again.Bytes()) {
			t.Fatalf("encoding is not a fixed point:\n%s\n%s", out.Bytes(), again.Bytes())
		}
		if err != nil {
			return // field problems: the fields that failed were left out
		}
		var in, got any
		if json.Unmarshal(data, &in) != nil {
			t.Fatalf("Decode accepted what encoding/json rejects: %q", data)
		}
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if want := canonJSON(in, ""); !reflect.DeepEqual(want, got) {
			t.Fatalf("document changed in the round trip:\n in: %s\nout: %s", data, out.Bytes())
		}
	})
}

// canonTimes returns a copy of a with times in a comparable form (the
// location pointer differs between parses of the same offset).
func canonTimes(a *article.Article) article.Article {
	c := *a
	c.Published = fixZone(c.Published)
	c.Modified = fixZone(c.Modified)
	return c
}

func fixZone(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	_, off := t.Zone()
	return t.In(time.FixedZone("", off))
}

// canonJSON drops zero-valued members (null, "", 0, false, [], and a
// byline's "kind": "person", PersonKind's zero value) and writes the two
// time members in canonical RFC 3339, as Encode does.
func canonJSON(v any, key string) any {
	switch x := v.(type) {
	case map[string]any:
		m := map[string]any{}
		for k, val := range x {
			c := canonJSON(val, k)
			if isZero(c) || (k == "kind" && c == "person") {
				continue
			}
			m[k] = c
		}
		return m
	case []any:
		if len(x) == 0 {
			return nil
		}
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = canonJSON(e, "")
		}
		return s
	case string:
		if key == "published" || key == "modified" {
			if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
				return t.Format(time.RFC3339Nano)
			}
		}
	}
	return v
}

func isZero(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case float64:
		return x == 0
	case bool:
		return !x
	case []any:
		return len(x) == 0
	}
	return false
}

// FuzzNormalize holds Normalize's promises on explainer bodies and plain
// text: idempotent, and it only ever removes (never invents) text.
func FuzzNormalize(f *testing.F) {
	f.Add("<p>What this means for you: What this means for you: Rents rise.</p>", "Tom &amp; Jerry  ")
	f.Add("<h3>Why it matters</h3><p>x</p>", "\u00a0a\tb")
	f.Add("<p><strong>Why this matters:</strong> <em>y</em></p>", "&#8217;")
	f.Add("Why this matters is simple", "&amp;amp;")
	f.Fuzz(func(t *testing.T, body, text string) {
		a := &article.Article{Headline: text, Explainers: []article.Explainer{
			{Kind: article.KindWhyItMatters, Body: body},
			{Kind: article.KindWhatItMeansForYou, Body: body},
		}}
		a.Normalize()
		once := *a
		once.Explainers = append([]article.Explainer(nil), a.Explainers...)
		a.Normalize()
		// Text escaped twice ("&amp;amp;") loses one level per call, by
		// design; anything else must not change again.
		if a.Headline != once.Headline && utf8.ValidString(text) &&
			a.Headline != strings.Join(strings.Fields(html.UnescapeString(once.Headline)), " ") {
			t.Fatalf("headline not idempotent: %q -> %q -> %q", text, once.Headline, a.Headline)
		}
		for i, e := range a.Explainers {
			if e.Body != once.Explainers[i].Body {
				t.Fatalf("explainer body not idempotent: %q -> %q -> %q", body, once.Explainers[i].Body, e.Body)
			}
			if len(e.Body) > len(body) {
				t.Fatalf("Normalize grew the body: %q -> %q", body, e.Body)
			}
		}
	})
}
