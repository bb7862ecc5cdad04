package article_test

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

func BenchmarkDecode(b *testing.B) {
	doc := sample.JSON()
	b.ReportAllocs()
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := article.Decode(bytes.NewReader(doc), article.DecodeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	a := sample.Article()
	b.ReportAllocs()
	for b.Loop() {
		if err := a.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	a := sample.Article()
	b.ReportAllocs()
	for b.Loop() {
		if err := a.Encode(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	doc := sample.JSON()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		a, _ := article.Decode(bytes.NewReader(doc), article.DecodeOptions{})
		b.StartTimer()
		a.Normalize()
	}
}

// BenchmarkStdlibUnmarshal is the baseline: encoding/json into the same
// struct, with no strictness, paths or findings.
func BenchmarkStdlibUnmarshal(b *testing.B) {
	doc := sample.JSON()
	b.ReportAllocs()
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		dec := jsonDecoder(doc)
		var a article.Article
		if err := dec.Decode(&a); err != nil {
			b.Fatal(err)
		}
	}
}

func jsonDecoder(doc []byte) *json.Decoder { return json.NewDecoder(bytes.NewReader(doc)) }
