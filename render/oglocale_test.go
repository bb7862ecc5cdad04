package render

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
)

func TestOGLocale(t *testing.T) {
	tests := []struct {
		name, lang, site string
		alternates       []Alternate
		locale           string
		alts             []string
	}{
		{"sample", "en-GB", "en_GB", nil, "en_GB", nil},
		{"article's own territory wins", "ar-QA", "en_GB", nil, "ar_QA", nil},
		{"no territory: the site's", "en", "en_GB", nil, "en_GB", nil},
		{"no site locale", "fr-FR", "", nil, "fr_FR", nil},
		{"neither", "fr", "", nil, "", nil},
		{"alternates", "ar-QA", "ar_QA", []Alternate{
			{Lang: "en-GB", URL: "https://news.example.com/en/x"},
			{Lang: "fr", URL: "https://news.example.com/fr/x"},
			{Lang: "fr-FR", URL: "https://news.example.com/fr-fr/x"},
			{Lang: "fr-FR", URL: "https://news.example.com/fr-fr2/x"},
			{Lang: "ar-QA", URL: "https://news.example.com/ar/x"},
			{Lang: "x-default", URL: "https://news.example.com/x"},
		}, "ar_QA", []string{"en_GB", "fr_FR"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sample.Article()
			a.Language = tt.lang
			a.Site.Locale = tt.site
			m, err := Resolve(a, Options{}, PrepareOptions{Alternates: tt.alternates})
			require.NoError(t, err)
			assert.Equal(t, tt.locale, m.OpenGraph.Locale, "og:locale")
			assert.Equal(t, tt.alts, m.OpenGraph.LocaleAlternates, "og:locale:alternate")
			head := m.HeadHTML()
			for _, l := range tt.alts {
				assert.Contains(t, string(head), `<meta property="og:locale:alternate" content="`+l+`">`)
			}
		})
	}
}
