package extract

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zone data even where the system has none
)

func TestParseStamp(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, "" for refused
		prec Precision
	}{
		{"2015-03-10T08:05:41-07:00", "2015-03-10T08:05:41-07:00", PrecisionExact},
		{"2015-03-10T08:05:41.123Z", "2015-03-10T08:05:41.123Z", PrecisionExact},
		{"2017-11-16T14:15+0000", "2017-11-16T14:15:00Z", PrecisionExact},
		{"2015-03-10 08:05:41 +0100", "2015-03-10T08:05:41+01:00", PrecisionExact},
		{"Tue, 10 Mar 2015 08:05:41 GMT", "2015-03-10T08:05:41Z", PrecisionExact},
		{"Tue, 10 Mar 2015 08:05:41 EST", "2015-03-10T08:05:41-05:00", PrecisionExact},
		{"Tue, 10 Mar 2015 08:05:41 XYZ", "", PrecisionNone},
		{"2015-03-10T08:05:41", "2015-03-10T08:05:41Z", precWall},
		{"2015-03-10", "2015-03-10T00:00:00Z", PrecisionDate},
		{"05/29/2007 09:49:00", "2007-05-29T09:49:00Z", precWall},
		{"29/05/2007", "2007-05-29T00:00:00Z", PrecisionDate},
		{"03/04/2015", "", PrecisionNone}, // March 4 or 3 April: refused
		{"1970-01-01T00:00:00Z", "", PrecisionNone},
		{"0001-01-01", "", PrecisionNone},
		{"2015-02-30", "", PrecisionNone},
		{"yesterday", "", PrecisionNone},
		{"", "", PrecisionNone},
	}
	for _, tt := range tests {
		st, ok := parseStamp(tt.in)
		got := ""
		if ok {
			got = st.t.Format(time.RFC3339Nano)
		}
		if got != tt.want || (ok && st.prec != tt.prec) {
			t.Errorf("parseStamp(%q) = %q %v, want %q %v", tt.in, got, st.prec, tt.want, tt.prec)
		}
	}
}

func TestTextDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"Posted on March 10, 2015 by Jane", "2015-03-10T00:00:00Z"},
		{"10 March 2015", "2015-03-10T00:00:00Z"},
		{"Sunday, May 8, 2016", "2016-05-08T00:00:00Z"},
		{"2017年3月10日 来源", "2017-03-10T00:00:00Z"},
		{"Monday, February 29, 2016 @ 11:10 PM UTC", "2016-02-29T23:10:00Z"},
		{"16 November 2017 • 2:15pm GMT", "2017-11-16T14:15:00Z"},
		{"March 10, 2015 8:05 AM ET", "2015-03-10T00:00:00Z"}, // ET has two offsets: date only
		{"March 10, 2015 and April 2, 2015", ""},              // two days: none
		{"February 30, 2015", ""},
		{"no date here", ""},
	}
	for _, tt := range tests {
		st, ok := textDate(tt.in)
		got := ""
		if ok {
			got = st.t.Format(time.RFC3339)
		}
		if got != tt.want {
			t.Errorf("textDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDates runs whole pages through Page to check how sources are
// weighed against each other.
func TestDates(t *testing.T) {
	ld := func(s string) string { return `<script type="application/ld+json">` + s + `</script>` }
	meta := func(k, v string) string { return `<meta property="` + k + `" content="` + v + `">` }
	tests := []struct {
		name      string
		head      string
		body      string
		url       string
		zone      string
		published string
		prec      Precision
		note      string // substring of a finding
	}{
		{name: "json-ld exact", head: ld(`{"@type":"NewsArticle","datePublished":"2026-01-02T03:04:05+01:00"}`),
			published: "2026-01-02T03:04:05+01:00", prec: PrecisionExact},
		{name: "og agrees", head: ld(`{"@type":"NewsArticle","datePublished":"2026-01-02T02:04:05Z"}`) + meta("article:published_time", "2026-01-02T03:04:05+01:00"),
			published: "2026-01-02T02:04:05Z", prec: PrecisionExact},
		{name: "zone-less json-ld, og exact same wall clock", head: ld(`{"@type":"NewsArticle","datePublished":"2026-01-02T03:04:05"}`) + meta("article:published_time", "2026-01-02T03:04:05-05:00"),
			published: "2026-01-02T03:04:05-05:00", prec: PrecisionExact},
		{name: "zone-less json-ld is the exact og time in another zone", head: ld(`{"@type":"NewsArticle","datePublished":"2026-01-02T08:05:41"}`) + meta("article:published_time", "2026-01-02T15:05:41Z"),
			published: "2026-01-02T15:05:41Z", prec: PrecisionExact},
		{name: "zone-less json-ld at another time", head: ld(`{"@type":"NewsArticle","datePublished":"2026-01-02T08:00:00"}`) + meta("article:published_time", "2026-01-02T15:00:00Z"),
			published: "2026-01-02T00:00:00Z", prec: PrecisionDate, note: "has no zone and does not match"},
		{name: "zone-less alone", head: ld(`{"@type":"NewsArticle","datePublished":"2026-01-02T23:04:05"}`),
			published: "2026-01-02T00:00:00Z", prec: PrecisionDate, note: "gives no time zone"},
		{name: "zone-less with caller's zone", head: ld(`{"@type":"NewsArticle","datePublished":"2026-07-02T23:04:05"}`), zone: "Europe/London",
			published: "2026-07-02T23:04:05+01:00", prec: PrecisionLocal},
		{name: "same day, different times", head: ld(`{"@type":"NewsArticle","datePublished":"2026-01-02T09:00:00Z"}`) + meta("article:published_time", "2026-01-02T09:00:00-05:00"),
			published: "2026-01-02T00:00:00Z", prec: PrecisionDate, note: "different times of the same day"},
		{name: "days disagree, later is trusted more", head: ld(`{"@type":"NewsArticle","datePublished":"2026-03-01T09:00:00Z"}`) + meta("article:published_time", "2026-01-02T09:00:00Z"),
			note: "left empty rather than guess"},
		{name: "days disagree, earlier is trusted more", head: ld(`{"@type":"NewsArticle","datePublished":"2026-01-02T09:00:00Z"}`) + meta("article:published_time", "2026-03-01T09:00:00Z"),
			published: "2026-01-02T09:00:00Z", prec: PrecisionExact, note: "more trusted and earlier kept"},
		{name: "days disagree, URL and dateline vote", head: ld(`{"@type":"NewsArticle","datePublished":"2026-03-01T09:00:00Z"}`) + meta("article:published_time", "2026-01-02T09:00:00Z"),
			body: `<p class="dateline">January 2, 2026</p>`, url: "https://e.example/2026/01/02/story",
			published: "2026-01-02T09:00:00Z", prec: PrecisionExact, note: "disagrees with the other sources"},
		{name: "related story is not the main entity", head: ld(`[{"@type":"NewsArticle","headline":"Other","url":"https://e.example/other","datePublished":"2020-01-01T00:00:00Z"},{"@type":"NewsArticle","headline":"Mine","url":"https://e.example/mine","datePublished":"2026-01-02T03:04:05Z"}]`),
			url: "https://e.example/mine", published: "2026-01-02T03:04:05Z", prec: PrecisionExact},
		{name: "time pubdate", body: `<article><time pubdate datetime="2026-01-02T03:04:05+09:00">2 Jan</time></article>`,
			published: "2026-01-02T03:04:05+09:00", prec: PrecisionExact},
		{name: "updated time is not published", body: `<span class="updated"><time datetime="2026-05-05T03:04:05Z">5 May</time></span><time datetime="2026-05-01T00:00:00Z" class="x"></time><time datetime="2026-05-03T00:00:00Z"></time>`},
		{name: "hatom", body: `<abbr class="published" title="2016-12-06T12:06:00-08:00">December 6</abbr>`,
			published: "2016-12-06T12:06:00-08:00", prec: PrecisionExact},
		{name: "unmarked published line", body: `<h1>T</h1><p>Published March 3, 2026</p>`,
			published: "2026-03-03T00:00:00Z", prec: PrecisionDate},
		{name: "related-story date ignored", body: `<h1>T</h1><aside class="related"><span class="date">March 3, 2020</span></aside>`},
		{name: "dateline in article wins over header date", body: `<header><span class="date">Monday, March 9, 2026</span></header><article><h1>T</h1><span class="date">March 3, 2026</span></article>`,
			published: "2026-03-03T00:00:00Z", prec: PrecisionDate},
		{name: "dateline saying updated ignored", body: `<p class="date">Updated March 3, 2026</p>`},
		{name: "url date", url: "https://e.example/news/2026/02/14/valentine", published: "2026-02-14T00:00:00Z", prec: PrecisionDate},
		{name: "nonsense", head: meta("article:published_time", "soon") + ld(`{"@type":"NewsArticle","datePublished":"0000-00-00"}`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><head><title>T</title>" + tt.head + "</head><body>" + tt.body + "</body></html>"
			opts := Options{NoBody: true}
			if tt.zone != "" {
				loc, err := time.LoadLocation(tt.zone)
				if err != nil {
					t.Fatalf("no zone data: %v", err)
				}
				opts.Zone = loc
			}
			u := tt.url
			if u == "" {
				u = "https://e.example/story"
			}
			res, _ := Page([]byte(page), u, opts)
			got := ""
			if !res.Article.Published.IsZero() {
				got = res.Article.Published.Format(time.RFC3339)
			}
			if got != tt.published || res.PublishedPrecision != tt.prec {
				t.Errorf("published = %q %v, want %q %v\nfindings: %q", got, res.PublishedPrecision, tt.published, tt.prec, res.Report.Findings)
			}
			if tt.note != "" && !strings.Contains(strings.Join(res.Report.Findings, "\n"), tt.note) {
				t.Errorf("findings %q lack %q", res.Report.Findings, tt.note)
			}
		})
	}
}
