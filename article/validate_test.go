package article_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

func TestSampleHasNoFindings(t *testing.T) {
	a := sample.Article()
	assert.Empty(t, a.Check())
	assert.NoError(t, a.Validate())
}

func TestValidateRules(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(a *article.Article)
		path     string
		code     string
		sev      article.Severity
		sentinel error
	}{
		{"url missing", func(a *article.Article) { a.URL = "" }, "url", "required", article.SeverityError, article.ErrRequired},
		{"url relative", func(a *article.Article) { a.URL = "/local/x" }, "url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"url protocol-relative", func(a *article.Article) { a.URL = "//news.example.com/x" }, "url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"url javascript", func(a *article.Article) { a.URL = "javascript:alert(1)" }, "url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"url JaVaScRiPt", func(a *article.Article) { a.URL = "JaVaScRiPt:alert(1)" }, "url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"url data", func(a *article.Article) { a.URL = "data:text/html,<script>alert(1)</script>" }, "url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"url with tab", func(a *article.Article) { a.URL = "https://news.example.com/a\tb" }, "url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"url with user", func(a *article.Article) { a.URL = "https://evil@news.example.com/a" }, "url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"url fragment", func(a *article.Article) { a.URL += "#top" }, "url", "url_fragment", article.SeverityError, article.ErrInvalidURL},
		{"url utm", func(a *article.Article) { a.URL += "?utm_source=x" }, "url", "tracking_param", article.SeverityError, article.ErrTrackingParam},
		{"url fbclid", func(a *article.Article) { a.URL += "?id=2&fbclid=abc" }, "url", "tracking_param", article.SeverityError, article.ErrTrackingParam},
		{"url gclid", func(a *article.Article) { a.URL += "?GCLID=abc" }, "url", "tracking_param", article.SeverityError, article.ErrTrackingParam},
		{"url other origin", func(a *article.Article) { a.URL = "https://mirror.example.net/local/x" }, "url", "origin", article.SeverityError, article.ErrOrigin},
		{"url other scheme", func(a *article.Article) { a.URL = "http://news.example.com/local/x" }, "url", "origin", article.SeverityError, article.ErrOrigin},
		{"headline missing", func(a *article.Article) { a.Headline = "  " }, "headline", "required", article.SeverityError, article.ErrRequired},
		{"headline markup", func(a *article.Article) { a.Headline = "Cameras <em>off</em>" }, "headline", "markup", article.SeverityError, article.ErrMarkup},
		{"headline comment", func(a *article.Article) { a.Headline = "Cameras <!-- off" }, "headline", "markup", article.SeverityError, article.ErrMarkup},
		{"headline entity", func(a *article.Article) { a.Headline = "Cameras &amp; lights" }, "headline", "entity", article.SeverityWarning, article.ErrEntity},
		{"headline control", func(a *article.Article) { a.Headline = "Cameras\x00off" }, "headline", "control_char", article.SeverityError, article.ErrControlChar},
		{"headline long", func(a *article.Article) { a.Headline = strings.Repeat("é", 111) }, "headline", "too_long", article.SeverityWarning, article.ErrTooLong},
		{"social headline long", func(a *article.Article) {
			a.SocialHeadline = "Kestrel Bay switches off its seafront face-scanning cameras after an audit"
		}, "social_headline", "too_long", article.SeverityWarning, article.ErrTooLong},
		{"standfirst missing", func(a *article.Article) { a.Standfirst = "" }, "standfirst", "missing_description", article.SeverityWarning, article.ErrRequired},
		{"language underscore", func(a *article.Article) { a.Language = "en_GB" }, "language", "invalid_language", article.SeverityError, article.ErrInvalidLang},
		{"language nonsense", func(a *article.Article) { a.Language = "english" }, "language", "invalid_language", article.SeverityError, article.ErrInvalidLang},
		{"published missing", func(a *article.Article) { a.Published = time.Time{} }, "published", "required", article.SeverityError, article.ErrRequired},
		{"modified before published", func(a *article.Article) { a.Modified = a.Published.Add(-time.Hour) }, "modified", "modified_before_published", article.SeverityWarning, article.ErrTimeOrder},
		{"author name missing", func(a *article.Article) { a.Authors[0].Name = "" }, "authors[0].name", "required", article.SeverityError, article.ErrRequired},
		{"author By", func(a *article.Article) { a.Authors[0].Name = "By Mara Ellingsworth" }, "authors[0].name", "name_prefix", article.SeverityWarning, article.ErrInvalidValue},
		{"author pair", func(a *article.Article) { a.Authors[0].Name = "Mara Ellingsworth and Tobin Achterberg" }, "authors[0].name", "several_people", article.SeverityWarning, article.ErrInvalidValue},
		{"author url data", func(a *article.Article) { a.Authors[1].URL = "data:text/html;base64,PHNjcmlwdD4=" }, "authors[1].url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"x handle long", func(a *article.Article) { a.Authors[0].X = "a_very_long_handle_indeed" }, "authors[0].x", "invalid_handle", article.SeverityError, article.ErrInvalidHandle},
		{"x handle space", func(a *article.Article) { a.Authors[0].X = "mara e" }, "authors[0].x", "invalid_handle", article.SeverityError, article.ErrInvalidHandle},
		{"bluesky no domain", func(a *article.Article) { a.Authors[0].Bluesky = "mara" }, "authors[0].bluesky", "invalid_handle", article.SeverityError, article.ErrInvalidHandle},
		{"bluesky numeric tld", func(a *article.Article) { a.Authors[0].Bluesky = "mara.123" }, "authors[0].bluesky", "invalid_handle", article.SeverityError, article.ErrInvalidHandle},
		{"mastodon no host", func(a *article.Article) { a.Authors[0].Mastodon = "@mara" }, "authors[0].mastodon", "invalid_handle", article.SeverityError, article.ErrInvalidHandle},
		{"mastodon bad host", func(a *article.Article) { a.Authors[0].Mastodon = "@mara@localhost" }, "authors[0].mastodon", "invalid_handle", article.SeverityError, article.ErrInvalidHandle},
		{"key point empty", func(a *article.Article) { a.KeyPoints[2] = " " }, "key_points[2]", "required", article.SeverityError, article.ErrRequired},
		{"body missing", func(a *article.Article) { a.Body = "" }, "body", "required", article.SeverityError, article.ErrRequired},
		{"explainer kind unknown", func(a *article.Article) { a.Explainers[0].Kind = 0 }, "explainers[0].kind", "invalid_kind", article.SeverityError, article.ErrInvalidKind},
		{"custom without title", func(a *article.Article) { a.Explainers[1].Kind = article.KindCustom }, "explainers[1].title", "required", article.SeverityError, article.ErrRequired},
		{"explainer body empty", func(a *article.Article) { a.Explainers[1].Body = "" }, "explainers[1].body", "required", article.SeverityError, article.ErrRequired},
		{"image url javascript", func(a *article.Article) { a.Image.URL = "javascript:alert(1)" }, "image.url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"image url relative", func(a *article.Article) { a.Image.URL = "media/x.jpg" }, "image.url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"image http", func(a *article.Article) { a.Image.URL = "http://news.example.com/x.jpg" }, "image.url", "insecure_image", article.SeverityWarning, article.ErrInvalidURL},
		{"image svg", func(a *article.Article) { a.Image.URL = "https://news.example.com/x.svg" }, "image.url", "image_type", article.SeverityWarning, article.ErrInvalidValue},
		{"image alt missing", func(a *article.Article) { a.Image.Alt = "" }, "image.alt", "required", article.SeverityError, article.ErrRequired},
		{"image alt is caption", func(a *article.Article) { a.Image.Alt = a.Image.Caption }, "image.alt", "alt_is_caption", article.SeverityWarning, article.ErrInvalidValue},
		{"image width zero", func(a *article.Article) { a.Image.Width = 0 }, "image.width", "required", article.SeverityError, article.ErrRequired},
		{"image height negative", func(a *article.Article) { a.Image.Height = -5 }, "image.height", "required", article.SeverityError, article.ErrRequired},
		{"image tiny", func(a *article.Article) { a.Image.Width = 150 }, "image.width", "too_small", article.SeverityError, article.ErrTooSmall},
		{"image small", func(a *article.Article) { a.Image.Width, a.Image.Height = 800, 450 }, "image", "small_image", article.SeverityWarning, article.ErrTooSmall},
		{"image type", func(a *article.Article) { a.Image.Type = "image/tiff" }, "image.type", "image_type", article.SeverityWarning, article.ErrInvalidValue},
		{"tag duplicate", func(a *article.Article) { a.Tags = append(a.Tags, "Privacy") }, "tags[3]", "duplicate", article.SeverityWarning, article.ErrDuplicate},
		{"hashtag space", func(a *article.Article) { a.Hashtags[0] = "Kestrel Bay" }, "hashtags[0]", "invalid_hashtag", article.SeverityError, article.ErrInvalidValue},
		{"hashtag hash", func(a *article.Article) { a.Hashtags[0] = "#KestrelBay" }, "hashtags[0]", "hashtag_prefix", article.SeverityWarning, article.ErrInvalidValue},
		{"hashtag long", func(a *article.Article) { a.Hashtags[1] = strings.Repeat("Kestrel", 10) }, "hashtags[1]", "too_long", article.SeverityWarning, article.ErrTooLong},
		{"headline bidi override", func(a *article.Article) { a.Headline = "Cameras \u202eoff\u202c stay" }, "headline", "bidi_control", article.SeverityWarning, article.ErrControlChar},
		{"author name isolate", func(a *article.Article) { a.Authors[0].Name = "Mara \u2066Ellingsworth" }, "authors[0].name", "bidi_control", article.SeverityWarning, article.ErrControlChar},
		{"caption bidi", func(a *article.Article) { a.Image.Caption = "\u202aThe cameras" }, "image.caption", "bidi_control", article.SeverityWarning, article.ErrControlChar},
		{"headline too large", func(a *article.Article) { a.Headline = strings.Repeat("x", 2001) }, "headline", "too_large", article.SeverityError, article.ErrTooLong},
		{"standfirst too large", func(a *article.Article) { a.Standfirst = strings.Repeat("x ", 2501) }, "standfirst", "too_large", article.SeverityError, article.ErrTooLong},
		{"id too large", func(a *article.Article) { a.ID = strings.Repeat("x", 201) }, "id", "too_large", article.SeverityError, article.ErrTooLong},
		{"tag too large", func(a *article.Article) { a.Tags[0] = strings.Repeat("x", 201) }, "tags[0]", "too_large", article.SeverityError, article.ErrTooLong},
		{"too many tags", func(a *article.Article) {
			a.Tags = nil
			for i := range 101 {
				a.Tags = append(a.Tags, fmt.Sprint("tag", i))
			}
		}, "tags", "too_large", article.SeverityError, article.ErrTooLong},
		{"too many key points", func(a *article.Article) {
			for len(a.KeyPoints) <= 50 {
				a.KeyPoints = append(a.KeyPoints, "more")
			}
		}, "key_points", "too_large", article.SeverityError, article.ErrTooLong},
		{"key point too large", func(a *article.Article) { a.KeyPoints[0] = strings.Repeat("x", 10001) }, "key_points[0]", "too_large", article.SeverityError, article.ErrTooLong},
		{"explainer body too large", func(a *article.Article) { a.Explainers[0].Body = strings.Repeat("x", 100001) }, "explainers[0].body", "too_large", article.SeverityError, article.ErrTooLong},
		{"author name too large", func(a *article.Article) { a.Authors[0].Name = strings.Repeat("x", 501) }, "authors[0].name", "too_large", article.SeverityError, article.ErrTooLong},
		{"image url too large", func(a *article.Article) { a.Image.URL = "https://news.example.com/" + strings.Repeat("x", 2048) }, "image.url", "too_large", article.SeverityError, article.ErrTooLong},
		{"language too large", func(a *article.Article) { a.Language = strings.Repeat("x", 101) }, "language", "too_large", article.SeverityError, article.ErrTooLong},
		{"canonical url with markup", func(a *article.Article) { a.URL += `"><svg/onload=alert(1)>` }, "url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"site name missing", func(a *article.Article) { a.Site.Name = "" }, "site.name", "required", article.SeverityError, article.ErrRequired},
		{"site locale en", func(a *article.Article) { a.Site.Locale = "en" }, "site.locale", "invalid_locale", article.SeverityError, article.ErrInvalidLocale},
		{"site locale charset", func(a *article.Article) { a.Site.Locale = "fr_FR.UTF-8" }, "site.locale", "invalid_locale", article.SeverityError, article.ErrInvalidLocale},
		{"site locale hyphen", func(a *article.Article) { a.Site.Locale = "en-GB" }, "site.locale", "locale_form", article.SeverityWarning, article.ErrInvalidLocale},
		{"site logo javascript", func(a *article.Article) { a.Site.Logo.URL = "javascript:x" }, "site.logo.url", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"site x handle", func(a *article.Article) { a.Site.X = "kestrel-courier" }, "site.x", "invalid_handle", article.SeverityError, article.ErrInvalidHandle},
		{"site fb app id", func(a *article.Article) { a.Site.FacebookAppID = "app-12" }, "site.facebook_app_id", "invalid_value", article.SeverityError, article.ErrInvalidValue},
		{"site time zone unknown", func(a *article.Article) { a.Site.TimeZone = "Europe/Atlantis" }, "site.time_zone", "invalid_value", article.SeverityError, article.ErrInvalidValue},
		{"site time zone Local", func(a *article.Article) { a.Site.TimeZone = "Local" }, "site.time_zone", "invalid_value", article.SeverityError, article.ErrInvalidValue},
		{"site fb page", func(a *article.Article) { a.Site.FacebookPage = "facebook.com/x" }, "site.facebook_page", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"newsletter action", func(a *article.Article) { a.Site.Newsletter.Action = "vbscript:msgbox" }, "site.newsletter.action", "invalid_url", article.SeverityError, article.ErrInvalidURL},
		{"newsletter empty", func(a *article.Article) { a.Site.Newsletter.Title, a.Site.Newsletter.Pitch = "", "" }, "site.newsletter", "required", article.SeverityError, article.ErrRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := sample.Article()
			tt.edit(a)
			findings := a.Check()
			require.Len(t, findings, 1, "want exactly one finding, got %v", findings)
			f := findings[0]
			assert.Equal(t, tt.path, f.Path)
			assert.Equal(t, tt.code, f.Code)
			assert.Equal(t, tt.sev, f.Severity)
			assert.ErrorIs(t, f, tt.sentinel)
			err := a.Validate()
			if tt.sev == article.SeverityWarning {
				assert.NoError(t, err, "a warning alone must not fail Validate")
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel, "the ValidationError must unwrap to the sentinel")
		})
	}
}

// TestValidateEveryFindingAtOnce checks that a badly broken article reports
// all its problems, not the first.
func TestValidateEveryFindingAtOnce(t *testing.T) {
	a := sample.Article()
	a.URL = "/relative"
	a.Published = time.Time{}
	a.Image.URL = "javascript:alert(1)"
	a.Authors[0].X = "bad handle"
	a.Site.Locale = "en"
	err := a.Validate()
	var ve *article.ValidationError
	require.ErrorAs(t, err, &ve)
	var paths []string
	for _, f := range ve.Findings {
		paths = append(paths, f.Path)
	}
	assert.Equal(t, []string{"url", "published", "authors[0].x", "image.url", "site.locale"}, paths)
	assert.True(t, ve.HasErrors())
	for _, s := range []error{article.ErrInvalidURL, article.ErrRequired, article.ErrInvalidHandle, article.ErrInvalidLocale} {
		assert.True(t, errors.Is(err, s), "errors.Is(err, %v)", s)
	}
	assert.False(t, errors.Is(err, article.ErrTooLong))
}

// TestValidateWarningsAlone is issue 10's bug: Validate returned a
// non-nil error for warnings alone, so "if err := a.Validate(); err != nil"
// refused valid articles.
func TestValidateWarningsAlone(t *testing.T) {
	a := sample.Article()
	a.Standfirst = ""                   // missing_description, a warning
	a.Headline = "Cameras &amp; lights" // entity, a warning
	require.Len(t, a.Check(), 2, "both warnings are still reported by Check")
	assert.NoError(t, a.Validate())

	a.URL = "" // and now an error
	err := a.Validate()
	var ve *article.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Findings, 1, "only the error: %v", ve)
	assert.Equal(t, "url", ve.Findings[0].Path)
	assert.False(t, errors.Is(err, article.ErrEntity), "warnings are not in the error")
}

func TestOGLocale(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"en_GB", "en_GB", true},
		{"en-GB", "en_GB", true},
		{"en_gb", "en_GB", true},
		{"EN-gb", "en_GB", true},
		{"pt-BR", "pt_BR", true},
		{"ar_AR", "ar_AR", true},
		{"es_LA", "es_LA", true},
		{"en", "", false},
		{"fr_FR.UTF-8", "", false},
		{"english", "", false},
		{"", "", false},
		{"zh-Hant-TW", "zh_TW", true},
		{"es-419", "", false},
	}
	for _, tt := range tests {
		got, err := article.OGLocale(tt.in)
		assert.Equal(t, tt.want, got, "OGLocale(%q)", tt.in)
		assert.Equal(t, tt.ok, err == nil, "OGLocale(%q) error = %v", tt.in, err)
		if err != nil {
			assert.ErrorIs(t, err, article.ErrInvalidLocale, "OGLocale(%q)", tt.in)
		}
	}
}

func TestCheckURL(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"https://news.example.com/a?b=1&c=2", true},
		{"http://news.example.com", true},
		{"HTTPS://news.example.com/", true},
		{"javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{" https://news.example.com/", false},
		{"vbscript:x", false},
		{"data:image/png;base64,AAAA", false},
		{"//cdn.example.com/x.jpg", false},
		{"/x.jpg", false},
		{"x.jpg", false},
		{"https:///x", false},
		{"https://user:pw@news.example.com/", false},
		{"mailto:a@example.com", false},
		{"https://news.example.com/\u2028", false},
		{`https://news.example.com/local/x"><svg/onload=alert(1)>`, false},
		{`https://news.example.com/a<b`, false},
		{`https://news.example.com/a>b`, false},
		{`https://news.example.com\@evil.example/`, false},
		{"https://news.example.com/a`b", false},
		{"https://news.example.com/a{b}", false},
		{"https://news.example.com/a|b", false},
		{"https://news.example.com/a^b", false},
		{"https://news.example.com/a b", false},
		{"https://news.example.com/a\u00a0b", false},
		{"https://news.example.com/a\u0085b", false},
		{"https://news.example.com/a\u202eb", false},
		{"https://news.example.com/a\u200bb", false},
		{"https://news.example.com/" + strings.Repeat("x", 2048), false},
		{"https://news.example.com/a%22b%3Cc", true},
		{"https://news.example.com/café/ünïcode", true},
		{"https://news.example.com/a?q=1&r=2;s=3#frag", true},
		{"", false},
	}
	for _, tt := range tests {
		_, err := article.CheckURL(tt.in)
		assert.Equal(t, tt.ok, err == nil, "CheckURL(%q) = %v", tt.in, err)
		if err != nil {
			assert.ErrorIs(t, err, article.ErrInvalidURL, "CheckURL(%q)", tt.in)
		}
	}
}

// TestSiteTimeZone checks that IANA names are accepted and survive a JSON
// round trip, and that the findings name the member.
func TestSiteTimeZone(t *testing.T) {
	for _, zone := range []string{"Europe/London", "Asia/Qatar", "America/Argentina/Buenos_Aires", "UTC"} {
		t.Run(zone, func(t *testing.T) {
			a := sample.Article()
			a.Site.TimeZone = zone
			require.Empty(t, a.Check())
			var buf bytes.Buffer
			require.NoError(t, a.Encode(&buf))
			require.Contains(t, buf.String(), `"time_zone": "`+zone+`"`)
			b, err := article.Decode(&buf, article.DecodeOptions{})
			require.NoError(t, err)
			require.Equal(t, zone, b.Site.TimeZone)
		})
	}
}
