package render

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render/jsonld"
	"github.com/broadsheet/broadsheet/sanitize"
)

func resolveSample(t *testing.T, edit func(a *article.Article), opts Options) *Meta {
	t.Helper()
	a := sample.Article()
	if edit != nil {
		edit(a)
	}
	m, err := Resolve(a, opts, PrepareOptions{})
	require.NoError(t, err)
	return m
}

func TestTwitterCard(t *testing.T) {
	tests := []struct {
		name             string
		edit             func(a *article.Article)
		card, image, alt string
	}{
		{"large image", nil, "summary_large_image", "https://news.example.com/media/2026/11/promenade-cameras.jpg", "Two grey cameras on a lamp post above the Kestrel Bay promenade, with the sea behind"},
		{"at X's large minimum", func(a *article.Article) { a.Image.Width, a.Image.Height = 300, 200 }, "summary_large_image", "https://news.example.com/media/2026/11/promenade-cameras.jpg", "Two grey cameras on a lamp post above the Kestrel Bay promenade, with the sea behind"},
		{"over X's maximum", func(a *article.Article) { a.Image.Width, a.Image.Height = 5000, 3000 }, "summary", "", ""},
		{"svg", func(a *article.Article) { a.Image.URL = "https://news.example.com/media/lead.svg" }, "summary", "", ""},
		{"no image", func(a *article.Article) { a.Image = nil }, "summary", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := resolveSample(t, tt.edit, Options{})
			assert.Equal(t, tt.card, m.Twitter.Card)
			assert.Equal(t, tt.image, m.Twitter.Image)
			assert.Equal(t, tt.alt, m.Twitter.ImageAlt)
		})
	}
}

func TestTwitterCreatorOnlyFromHandle(t *testing.T) {
	m := resolveSample(t, func(a *article.Article) {
		a.Authors = []article.Person{{Name: "Vincent Newsome", URL: "https://news.example.com/people/vn"}, {Name: "Prince Oyelaran", X: "prince_o"}}
	}, Options{})
	assert.Equal(t, "@prince_o", m.Twitter.Creator, "first author with a handle")
	for _, p := range m.LinkedData.Nodes {
		if na, ok := p.(*jsonld.NewsArticle); ok {
			assert.Equal(t, "Person", na.Author[0].Type, "a name never makes an Organization")
			assert.Equal(t, "Person", na.Author[1].Type)
		}
	}
	m = resolveSample(t, func(a *article.Article) {
		a.Authors = []article.Person{{Name: "Wire Desk", Kind: article.KindOrganization}}
	}, Options{})
	assert.Empty(t, m.Twitter.Creator, "no handle, no creator")
	assert.Empty(t, m.FediverseCreators)
	na := newsArticle(t, m)
	assert.Equal(t, "Organization", na.Author[0].Type, "explicit kind")
}

func newsArticle(t *testing.T, m *Meta) *jsonld.NewsArticle {
	t.Helper()
	for _, n := range m.LinkedData.Nodes {
		if na, ok := n.(*jsonld.NewsArticle); ok {
			return na
		}
	}
	t.Fatal("no NewsArticle node")
	return nil
}

func TestTruncation(t *testing.T) {
	family := "👨‍👩‍👧"
	tests := []struct {
		name     string
		social   string
		maxChars int
	}{
		{"71 characters", strings.Repeat("a", 71), 70},
		{"ZWJ family at the limit", strings.Repeat("b", 68) + family + family + family, 70},
		{"ZWJ family across the cut", strings.Repeat("b ", 34) + family + family + "x", 70},
		{"flag at the limit", strings.Repeat("c", 69) + "🇬🇧🇬🇧", 70},
		{"CJK without spaces", strings.Repeat("議会", 40), 70},
		{"ampersand at the cut", strings.Repeat("d", 68) + "& 'e' f", 70},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := resolveSample(t, func(a *article.Article) { a.SocialHeadline = tt.social }, Options{})
			got := m.Twitter.Title
			assert.True(t, utf8.ValidString(got))
			assert.LessOrEqual(t, sanitize.Graphemes(got), tt.maxChars)
			assert.Equal(t, strings.Count(got, "👨"), strings.Count(got, family), "a family is never split")
			assert.True(t, strings.HasSuffix(got, "…"), got)
			assert.Equal(t, tt.social, m.OpenGraph.Title, "og:title is not cut")
			assert.NotContains(t, got, "\u200d…", "no dangling joiner")
		})
	}
}

func TestDates(t *testing.T) {
	pub := time.Date(2026, 11, 26, 9, 30, 0, 0, time.FixedZone("", -5*3600))
	tests := []struct {
		name          string
		modified      time.Time
		wantPublished string
		wantModified  string
	}{
		{"offset kept", time.Time{}, "2026-11-26T09:30:00-05:00", ""},
		{"modified later", pub.Add(time.Hour), "2026-11-26T09:30:00-05:00", "2026-11-26T10:30:00-05:00"},
		{"modified earlier is left out", pub.Add(-time.Hour), "2026-11-26T09:30:00-05:00", ""},
		{"modified equal is left out", pub, "2026-11-26T09:30:00-05:00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := resolveSample(t, func(a *article.Article) { a.Published, a.Modified = pub, tt.modified }, Options{})
			assert.Equal(t, tt.wantPublished, m.OpenGraph.PublishedTime)
			assert.Equal(t, tt.wantModified, m.OpenGraph.ModifiedTime)
			na := newsArticle(t, m)
			assert.Equal(t, tt.wantPublished, na.DatePublished)
			assert.Equal(t, tt.wantModified, na.DateModified)
		})
	}
}

func TestDroppedNodes(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(a *article.Article)
		dropped []string
		absent  []string
	}{
		{"complete", nil, nil, nil},
		{"no logo", func(a *article.Article) { a.Site.Logo = nil }, []string{"Organization"}, []string{"#organization"}},
		{"no site", func(a *article.Article) { a.Site = nil }, []string{"Organization", "WebSite", "BreadcrumbList"}, []string{"#organization", "#website", "#breadcrumb"}},
		{"no image", func(a *article.Article) { a.Image = nil }, []string{"ImageObject"}, []string{"#primaryimage"}},
		{"no authors", func(a *article.Article) { a.Authors = nil }, []string{"NewsArticle"}, []string{"#article"}},
		{"no section", func(a *article.Article) { a.Section = "" }, []string{"BreadcrumbList"}, []string{"#breadcrumb"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := resolveSample(t, tt.edit, Options{})
			var got []string
			for _, d := range m.Dropped {
				got = append(got, d.Node)
				assert.NotEmpty(t, d.Reason)
			}
			assert.Equal(t, tt.dropped, got)
			ld := string(m.JSONLD())
			for _, id := range tt.absent {
				assert.NotContains(t, ld, id, "no node and no reference")
			}
			assertRefsResolve(t, m)
		})
	}
}

// assertRefsResolve checks every {"@id": …} reference names a node of the
// graph.
func assertRefsResolve(t *testing.T, m *Meta) {
	t.Helper()
	var g struct {
		Graph []map[string]any `json:"@graph"`
	}
	require.NoError(t, json.Unmarshal(m.JSONLD(), &g))
	ids := map[string]bool{}
	var collect func(v any, top bool)
	var refs []string
	collect = func(v any, top bool) {
		switch v := v.(type) {
		case map[string]any:
			if id, ok := v["@id"].(string); ok {
				if len(v) == 1 {
					refs = append(refs, id)
				} else {
					ids[id] = true
				}
			}
			for _, c := range v {
				collect(c, false)
			}
		case []any:
			for _, c := range v {
				collect(c, false)
			}
		}
	}
	for _, n := range g.Graph {
		collect(n, true)
	}
	for _, r := range refs {
		assert.True(t, ids[r], "reference %s has no node", r)
	}
}

func TestLocaleAndLang(t *testing.T) {
	tests := []struct {
		name       string
		language   string
		locale     string
		wantLang   string
		wantLocale string
	}{
		{"both", "en-GB", "en_GB", "en-GB", "en_GB"},
		{"locale from language", "fr-FR", "", "fr-FR", "fr_FR"},
		{"language from locale", "", "de_DE", "de-DE", "de_DE"},
		{"language without territory", "en", "", "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := resolveSample(t, func(a *article.Article) { a.Language, a.Site.Locale = tt.language, tt.locale }, Options{})
			assert.Equal(t, tt.wantLang, m.Lang)
			assert.Equal(t, tt.wantLocale, m.OpenGraph.Locale)
		})
	}
}

func TestOptions(t *testing.T) {
	m := resolveSample(t, nil, Options{TitleFormat: "{site}: {headline}", NoIndex: true, WordsPerMinute: 100})
	assert.Equal(t, "The Kestrel Courier: Kestrel Bay council votes to switch off seafront face-scanning cameras", m.Title)
	assert.Equal(t, "noindex, follow", m.Robots)
	assert.Equal(t, 4, m.ReadingMinutes)
	m = resolveSample(t, func(a *article.Article) { a.Headline = "{site} & {headline}" }, Options{})
	assert.Equal(t, "{site} & {headline} – The Kestrel Courier", m.Title, "placeholders in the headline are not expanded")
	m = resolveSample(t, func(a *article.Article) { a.Standfirst = "" }, Options{})
	assert.LessOrEqual(t, utf8.RuneCountInString(m.Description), MaxDescription)
	assert.True(t, strings.HasPrefix(m.Description, "Kestrel Bay’s council has voted"), m.Description)
	assert.Equal(t, m.Description, m.OpenGraph.Description)
}

func TestTitleFormat(t *testing.T) {
	for _, tt := range []struct{ format, headline, site, want string }{
		{"", "H", "S", "H – S"},
		{"{headline}", "H", "S", "H"},
		{"{site}: {headline} | {site}", "H", "S", "S: H | S"},
		{"{{headline}} {x} {", "H {site}", "S", "{H {site}} {x} {"},
		{"{headline}", "H", "", "H"},
	} {
		o := Options{TitleFormat: tt.format}
		assert.Equal(t, tt.want, o.title(tt.headline, tt.site), "title(%q, %q) with %q", tt.headline, tt.site, tt.format)
	}
}
