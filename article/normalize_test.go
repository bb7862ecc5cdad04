package article_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

func TestNormalizeText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"trim", "  Cameras off  ", "Cameras off"},
		{"collapse", "Cameras\n\t  off\u00a0 tonight", "Cameras off tonight"},
		{"entity", "Tom &amp; Jerry&#8217;s", "Tom & Jerry’s"},
		{"entity once", "A &amp;amp; B", "A &amp; B"},
		{"nbsp entity", "A&nbsp;&nbsp;B", "A B"},
		{"bare ampersand kept", "AT&T and R&D;", "AT&T and R&D;"},
		{"plain kept", "7–4 vote: “yes”", "7–4 vote: “yes”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &article.Article{Headline: tt.in}
			a.Normalize()
			assert.Equal(t, tt.want, a.Headline)
		})
	}
}

func TestNormalizeExplainerLabel(t *testing.T) {
	tests := []struct {
		name  string
		kind  article.ExplainerKind
		title string
		body  string
		want  string
		lang  string
	}{
		{"repeated twice", article.KindWhatItMeansForYou, "",
			"<p>What this means for you: What this means for you: Rents will rise.</p>",
			"<p>Rents will rise.</p>", ""},
		{"once, in strong", article.KindWhyItMatters, "",
			"<p><strong>Why this matters:</strong> Other towns are watching.</p>",
			"<p>Other towns are watching.</p>", ""},
		{"heading of its own", article.KindWhyItMatters, "",
			"<h3>Why it matters</h3><p>Other towns are watching.</p>",
			"<p>Other towns are watching.</p>", ""},
		{"case and curly apostrophe", article.KindWhatHappensNext, "",
			"WHAT’S NEXT — The board meets in March.",
			"The board meets in March.", ""},
		{"explicit title", article.KindCustom, "The numbers",
			"<p>The numbers: the numbers: 412 alerts.</p>",
			"<p>412 alerts.</p>", ""},
		{"sentence starting with the words is kept", article.KindWhyItMatters, "",
			"<p>Why this matters is simple: money.</p>",
			"<p>Why this matters is simple: money.</p>", ""},
		{"label later in the text is kept", article.KindWhyItMatters, "",
			"<p>Councils ask why this matters: money.</p>",
			"<p>Councils ask why this matters: money.</p>", ""},
		{"other kind's label is kept", article.KindBackground, "",
			"<p>Why this matters: money.</p>",
			"<p>Why this matters: money.</p>", ""},
		{"no label", article.KindWhyItMatters, "", "Other towns are watching.", "Other towns are watching.", ""},
		{"nested inline kept open", article.KindWhyItMatters, "",
			"<p><em>Why this matters: <a href=\"https://x.example/\">towns</a> watch.</em></p>",
			"<p><em><a href=\"https://x.example/\">towns</a> watch.</em></p>", ""},
		{"French, no-break space before the colon", article.KindWhyItMatters, "",
			"<p><strong>Pourquoi c’est important\u00a0:</strong> d’autres villes attendent.</p>",
			"<p>d’autres villes attendent.</p>", "fr-FR"},
		{"French question is its own delimiter", article.KindWhatHappensNext, "",
			"<p>Et maintenant ? Le conseil se réunit en mars.</p>",
			"<p>Le conseil se réunit en mars.</p>", "fr"},
		{"French sentence starting with the word is kept", article.KindBackground, "",
			"<p>Contexte économique difficile pour la ville.</p>",
			"<p>Contexte économique difficile pour la ville.</p>", "fr"},
		{"German heading", article.KindWhatItMeansForYou, "",
			"<h3>Was das für Sie bedeutet</h3><p>Die Mieten steigen.</p>",
			"<p>Die Mieten steigen.</p>", "de-AT"},
		{"Turkish question and colon", article.KindWhyItMatters, "",
			"<p>Bu neden önemli?: Diğer belediyeler bekliyor.</p>",
			"<p>Diğer belediyeler bekliyor.</p>", "tr"},
		{"Japanese full-width colon", article.KindBackground, "",
			"<p>背景：市議会は昨年から議論してきた。</p>",
			"<p>市議会は昨年から議論してきた。</p>", "ja-JP"},
		{"Arabic", article.KindWhatHappensNext, "",
			"<p><b>ماذا بعد:</b> يجتمع المجلس في مارس.</p>",
			"<p>يجتمع المجلس في مارس.</p>", "ar-QA"},
		{"Traditional Chinese", article.KindWhatHappensNext, "",
			"<p>後續發展：議會三月開會。</p>",
			"<p>議會三月開會。</p>", "zh-TW"},
		{"another language's label is kept", article.KindBackground, "",
			"<p>Hintergrund: die Stadt.</p>",
			"<p>Hintergrund: die Stadt.</p>", "fr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &article.Article{Language: tt.lang, Explainers: []article.Explainer{{Kind: tt.kind, Title: tt.title, Body: tt.body}}}
			a.Normalize()
			assert.Equal(t, tt.want, a.Explainers[0].Body)
			a.Normalize()
			assert.Equal(t, tt.want, a.Explainers[0].Body, "Normalize must be idempotent")
		})
	}
}

func TestNormalizeHandlesAndForms(t *testing.T) {
	a := &article.Article{
		Language: "en-gb",
		Hashtags: []string{"#KestrelBay", " LocalNews "},
		Authors:  []article.Person{{Name: " Mara  Ellingsworth ", X: "@mara_ellings", Bluesky: "@mara.bsky.social", Mastodon: "mara@social.example.org"}},
		Image:    &article.Image{Type: "IMAGE/JPEG", Alt: " Two  cameras "},
		Site:     &article.Site{Locale: "en-gb", X: "@kestrelcourier", Mastodon: "@courier@social.example.org"},
	}
	a.Normalize()
	assert.Equal(t, "en-GB", a.Language)
	assert.Equal(t, []string{"KestrelBay", "LocalNews"}, a.Hashtags)
	assert.Equal(t, article.Person{Name: "Mara Ellingsworth", X: "mara_ellings", Bluesky: "mara.bsky.social", Mastodon: "@mara@social.example.org"}, a.Authors[0])
	assert.Equal(t, "image/jpeg", a.Image.Type)
	assert.Equal(t, "Two cameras", a.Image.Alt)
	assert.Equal(t, "en_GB", a.Site.Locale)
	assert.Equal(t, "kestrelcourier", a.Site.X)
	assert.Equal(t, "@courier@social.example.org", a.Site.Mastodon)
}

func TestNormalizeLeavesSampleAlone(t *testing.T) {
	a := sample.Article()
	a.Normalize()
	assert.Equal(t, sample.Article(), a)
}
