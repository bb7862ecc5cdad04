package extract

import (
	"reflect"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/article"
)

func extractHTML(t *testing.T, head, body string) *Result {
	t.Helper()
	res, _ := Page([]byte("<html><head>"+head+"</head><body>"+body+"</body></html>"), "https://news.example/story", Options{})
	if res == nil {
		t.Fatal("no result")
	}
	return res
}

func TestAuthors(t *testing.T) {
	ld := func(s string) string { return `<script type="application/ld+json">` + s + `</script>` }
	tests := []struct {
		name, head, body string
		want             []article.Person
	}{
		{"json-ld person by reference", ld(`{"@graph":[{"@type":"Article","author":{"@id":"#p"}},{"@id":"#p","@type":"Person","name":"Jane Roe","url":"https://news.example/staff/jane","sameAs":["https://twitter.com/janeroe"]}]}`), "",
			[]article.Person{{Name: "Jane Roe", URL: "https://news.example/staff/jane", X: "janeroe"}}},
		{"json-ld strings", ld(`{"@type":"NewsArticle","author":["Jane Roe","John Doe"]}`), "",
			[]article.Person{{Name: "Jane Roe"}, {Name: "John Doe"}}},
		{"json-ld organisation", ld(`{"@type":"NewsArticle","author":{"@type":"Organization","name":"Courier Staff"}}`), "",
			[]article.Person{{Name: "Courier Staff", Kind: article.KindOrganization}}},
		{"organisation gives way to the visible byline", ld(`{"@type":"NewsArticle","author":{"@type":"Organization","name":"Courier Media"}}`), `<article><a rel="author" href="/staff/ana">Ana Lima</a></article>`,
			[]article.Person{{Name: "Ana Lima", URL: "https://news.example/staff/ana"}}},
		{"meta author, url in article:author", `<meta name="author" content="BY JANE ROE"><meta property="article:author" content="https://news.example/staff/jane">`, "",
			[]article.Person{{Name: "Jane Roe", URL: "https://news.example/staff/jane"}}},
		{"nyt byl", `<meta name="byl" content="By Jane Roe and John Doe">`, "",
			[]article.Person{{Name: "Jane Roe"}, {Name: "John Doe"}}},
		{"parsely", `<meta name="parsely-author" content="Jane Roe"><meta name="parsely-author" content="John Doe">`, "",
			[]article.Person{{Name: "Jane Roe"}, {Name: "John Doe"}}},
		{"microdata", "", `<div itemscope itemtype="https://schema.org/NewsArticle"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana Lima</span></span></div>`,
			[]article.Person{{Name: "Ana Lima"}}},
		{"twitter creator for one author", `<meta name="author" content="Jane Roe"><meta name="twitter:creator" content="@janeroe"><meta name="twitter:site" content="@courier">`, "",
			[]article.Person{{Name: "Jane Roe", X: "janeroe"}}},
		{"site handle is not the author's", `<meta name="author" content="Jane Roe"><meta name="twitter:creator" content="@courier"><meta name="twitter:site" content="@courier">`, "",
			[]article.Person{{Name: "Jane Roe"}}},
		{"comment bylines ignored", "", `<ol class="comments"><li><span class="byline">J J</span></li></ol><article><p class="byline">By Ana Lima</p></article>`,
			[]article.Person{{Name: "Ana Lima"}}},
		{"unmarked By line", "", `<h1>Ferry</h1><p>By <a href="/staff/ana">Ana Lima</a> and Tomas Reed</p><p>Text.</p>`,
			[]article.Person{{Name: "Ana Lima"}, {Name: "Tomas Reed"}}},
		{"marked byline before By line", "", `<h1>Ferry</h1><p>By Someone Else</p><span class="byline">Ana Lima</span>`,
			[]article.Person{{Name: "Ana Lima"}}},
		{"byline in the article before one in the header", "", `<header><span class="author">Site Team Lead</span></header><h1>Ferry</h1><span class="author">Ana Lima</span>`,
			[]article.Person{{Name: "Ana Lima"}}},
		{"menu link to authors ignored", "", `<nav><a class="authors">Authors</a></nav><p>Text.</p>`, nil},
		{"long sentence starting with By is not a byline", "", `<p>By the time the ferry returned, the harbour had changed beyond all recognition for the people who live there.</p>`, nil},
		{"no byline", "", `<p>Text.</p>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractHTML(t, "<title>T</title>"+tt.head, tt.body)
			if got := res.Article.Authors; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("authors = %+v, want %+v\nfindings: %q", got, tt.want, res.Report.Findings)
			}
		})
	}
}

func TestLeadImage(t *testing.T) {
	og := func(u string) string {
		return `<meta property="og:image" content="` + u + `"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="630"><meta property="og:image:alt" content="A ferry">`
	}
	tests := []struct {
		name, head, body string
		want             string // Result.Image URL
		inArticle        bool
	}{
		{"og image", og("/img/ferry.jpg"), "", "https://news.example/img/ferry.jpg", true},
		{"logo refused", og("/static/logo.png"), "", "", false},
		{"pixel refused", og("https://t.example/pixel.gif"), "", "", false},
		{"largest json-ld image", `<script type="application/ld+json">{"@type":"NewsArticle","image":[{"@type":"ImageObject","url":"https://news.example/s.jpg","width":400,"height":300},{"@type":"ImageObject","url":"https://news.example/l.jpg","width":1600,"height":900}]}</script>`, "", "https://news.example/l.jpg", false},
		{"article picture when no metadata", "", `<article><img src="/a/icon.png" width="32" height="32"><img src="/a/photo.jpg" width="900" height="600" alt="Harbour at dawn"></article>`, "https://news.example/a/photo.jpg", true},
		{"no size: kept out of the article", `<meta property="og:image" content="/img/x.jpg">`, "", "https://news.example/img/x.jpg", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractHTML(t, "<title>T</title>"+tt.head, tt.body)
			got := ""
			if res.Image != nil {
				got = res.Image.URL
			}
			if got != tt.want || (res.Article.Image != nil) != tt.inArticle {
				t.Errorf("image = %q (in article %v), want %q (%v)\nfindings: %q", got, res.Article.Image != nil, tt.want, tt.inArticle, res.Report.Findings)
			}
		})
	}
}

func TestKeyPointsAndExplainers(t *testing.T) {
	body := `<article><h1>T</h1>
<h2>Key points</h2><ul><li>First <b>point</b></li><li>Second point</li><li><a href="/more">Third</a></li></ul>
<p>` + strings.Repeat("Body text about the harbour and its ferry. ", 30) + `</p>
<h3>Why it matters</h3><p>Late-shift workers lose an hour a day.</p>
<h3>What happens next?</h3><p>The council reviews the route in June.</p>
<h3>Related stories</h3><ul><li>a</li><li>b</li></ul>
</article>`
	res := extractHTML(t, "<title>T</title>", body)
	a := res.Article
	wantKP := []string{"First <b>point</b>", "Second point", `<a href="https://news.example/more">Third</a>`}
	if !reflect.DeepEqual(a.KeyPoints, wantKP) {
		t.Errorf("key points = %q, want %q", a.KeyPoints, wantKP)
	}
	if len(a.Explainers) != 2 || a.Explainers[0].Kind != article.KindWhyItMatters || a.Explainers[1].Kind != article.KindWhatHappensNext {
		t.Fatalf("explainers = %+v", a.Explainers)
	}
	if !strings.Contains(a.Explainers[0].Body, "Late-shift workers") || strings.Contains(a.Explainers[0].Body, "council") {
		t.Errorf("why it matters body = %q", a.Explainers[0].Body)
	}
	for _, s := range []string{"Second point", "Late-shift workers", "reviews the route"} {
		if strings.Contains(a.Body, s) {
			t.Errorf("body repeats %q, which is a key point or explainer: %q", s, a.Body)
		}
	}
	if !strings.Contains(a.Body, "Body text about the harbour") {
		t.Errorf("body lost its text: %q", a.Body)
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct {
		name, head, body, want string
	}{
		{"og title", `<title>Ferry back | Courier</title><meta property="og:title" content="Ferry back">`, "", "Ferry back"},
		{"site name cut from title", `<title>Ferry back | Courier</title><meta property="og:site_name" content="Courier">`, "", "Ferry back"},
		{"unrelated h1 ignored", `<title>Ferry back</title>`, `<h1>Courier</h1>`, "Ferry back"},
		{"json-ld headline the page does not repeat", `<title>Hermitian matrix - Wikipedia</title><script type="application/ld+json">{"@type":"Article","name":"Hermitian matrix","headline":"matrix equal to its conjugate-transpose"}</script>`, "", "Hermitian matrix"},
		{"markup in og:title", `<meta property="og:title" content="&lt;em&gt;Ferry&lt;/em&gt; back">`, "", "Ferry back"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := extractHTML(t, tt.head, tt.body)
			if res.Article.Headline != tt.want {
				t.Errorf("headline = %q, want %q\nreport: %+v", res.Article.Headline, tt.want, res.Report.Fields)
			}
		})
	}
}
