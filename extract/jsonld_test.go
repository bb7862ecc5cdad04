package extract

import (
	"strings"
	"testing"
)

func TestJSONLDRepairs(t *testing.T) {
	tests := []struct {
		name, block, wantHeadline, note string
	}{
		{"raw newline in a string", "{\"@type\":\"NewsArticle\",\"headline\":\"Ferry\nback\"}", "Ferry back", "control characters"},
		{"html-escaped", `{&quot;@type&quot;:&quot;NewsArticle&quot;,&quot;headline&quot;:&quot;Ferry back&quot;}`, "Ferry back", "HTML-escaped"},
		{"cdata and comment wrappers", `//<![CDATA[
{"@type":"NewsArticle","headline":"Ferry back"}
//]]>`, "Ferry back", ""},
		{"broken", `{"@type":"NewsArticle","headline":}`, "T", "block skipped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractHTML(t, `<title>T</title><script type="application/ld+json">`+tt.block+`</script>`, "")
			if res.Article.Headline != tt.wantHeadline {
				t.Errorf("headline = %q, want %q (findings %q)", res.Article.Headline, tt.wantHeadline, res.Report.Findings)
			}
			if tt.note != "" && !strings.Contains(strings.Join(res.Report.Findings, "\n"), tt.note) {
				t.Errorf("findings %q lack %q", res.Report.Findings, tt.note)
			}
		})
	}
}

func TestMainEntity(t *testing.T) {
	tests := []struct {
		name, block, want string
	}{
		{"graph with webpage mainEntity", `{"@graph":[{"@type":"NewsArticle","@id":"#other","headline":"Other"},{"@type":"WebPage","mainEntity":{"@id":"#main"}},{"@type":"NewsArticle","@id":"#main","headline":"Main"}]}`, "Main"},
		{"url names the page", `[{"@type":"Article","headline":"Related","url":"https://news.example/other"},{"@type":"Article","headline":"Mine","url":"https://news.example/story"}]`, "Mine"},
		{"mainEntityOfPage names the page", `[{"@type":"BlogPosting","headline":"A"},{"@type":"BlogPosting","headline":"B","mainEntityOfPage":{"@type":"WebPage","@id":"https://news.example/story"}}]`, "B"},
		{"article beats video", `[{"@type":"VideoObject","name":"Clip"},{"@type":["NewsArticle","Article"],"headline":"Story"}]`, "Story"},
		{"type with vocabulary prefix", `{"@type":"http://schema.org/NewsArticle","headline":"Prefixed"}`, "Prefixed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractHTML(t, `<script type="application/ld+json">`+tt.block+`</script>`, "")
			if res.Article.Headline != tt.want {
				t.Errorf("headline = %q, want %q (report %+v)", res.Article.Headline, tt.want, res.Report.Fields)
			}
		})
	}
}
