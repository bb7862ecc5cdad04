package extract

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/article"
)

// FuzzPage checks that Page never panics and that what it returns is
// always a valid article document: it encodes, decodes strictly with no
// finding, holds no markup in plain-text fields and no script in HTML
// fields.
func FuzzPage(f *testing.F) {
	f.Add([]byte(page0), "")
	f.Add([]byte(`<html><head><script type="application/ld+json">{"@graph":[{"@id":"#a","@type":["NewsArticle"],"author":{"@id":"#p"},"datePublished":"2026-01-02T03:04:05+01:00"},{"@id":"#p","name":"By A &amp; B"}]}</script></head></html>`), "https://e.example/a")
	f.Add([]byte(`<meta property="og:title" content="&lt;b&gt;x&lt;/b&gt;"><meta name="author" content="BY JANE ROE, STAFF"><time datetime="2015-13-45">x</time><h2>Key points</h2><ul><li><a href="javascript:alert(1)">a</a></li><li onclick=x>b</li></ul>`), "http://e.example/")
	f.Add([]byte(`<div itemscope itemtype="http://schema.org/NewsArticle"><span itemprop="author" itemscope><span itemprop="name">Ana</span></span><meta itemprop="datePublished" content="03/04/2015"></div>`), "")
	f.Add([]byte("<html><head><meta charset=\"shift_jis\"><title>\x93\xfa</title></head></html>"), "")
	for _, name := range []string{"clean-links", "bbc-1", "lemonde-1"} {
		f.Add(suiteSource(f, name), suiteBase)
	}
	f.Fuzz(func(t *testing.T, src []byte, pageURL string) {
		res, err := Page(src, pageURL, Options{})
		if res == nil {
			if err == nil {
				t.Fatal("nil result and nil error")
			}
			if !errors.Is(err, ErrOptions) && !errors.Is(err, ErrInput) {
				t.Fatalf("nil result with %v", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := res.Article.Encode(&buf); err != nil {
			t.Fatalf("Encode: %v", err)
		}
		back, err := article.Decode(bytes.NewReader(buf.Bytes()), article.DecodeOptions{})
		if err != nil {
			t.Fatalf("strict decoding of the extracted article failed: %v\n%s", err, buf.String())
		}
		var again bytes.Buffer
		if err := back.Encode(&again); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Fatalf("round trip changed the document:\n%s\n%s", buf.String(), again.String())
		}
		for _, fd := range res.Article.Check() {
			if errors.Is(fd.Err, article.ErrMarkup) || errors.Is(fd.Err, article.ErrInvalidURL) {
				t.Errorf("%s: %s (%q)", fd.Path, fd.Message, buf.String())
			}
		}
		for _, h := range append([]string{res.Article.Body}, res.Article.KeyPoints...) {
			l := strings.ToLower(h)
			if strings.Contains(l, "<script") || strings.Contains(l, "javascript:") || strings.Contains(l, " onclick") {
				t.Errorf("unsafe HTML kept: %q", h)
			}
		}
	})
}

const page0 = `<html lang="en"><head><title>T | S</title><meta property="og:site_name" content="S"></head><body><article><h1>T</h1><p class="byline">By Ana Lima in Porto</p><p>Text.</p></article></body></html>`
