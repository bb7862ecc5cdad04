package sanitize

import (
	"errors"
	"html/template"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/internal/sample"
)

func mustBody(t *testing.T, opts Options) *Policy {
	t.Helper()
	p, err := BodyPolicy(opts)
	require.NoError(t, err)
	return p
}

func TestBodyPolicy(t *testing.T) {
	site := Options{BaseURL: "https://news.example.com/local/story"}
	tests := []struct {
		name string
		opts Options
		in   string
		want string
	}{
		{"paragraphs and phrase elements", site,
			`<p>A <em>b</em> <strong>c</strong> <b>d</b> <i>e</i> <u>f</u> <s>g</s> H<sub>2</sub>O x<sup>2</sup> <code>k</code> <q cite="https://q.example/">q</q> <cite>c</cite> <abbr title="Kestrel “Bay”">KB</abbr> <time datetime="2026-11-26T09:30:00Z">9:30</time> <mark>m</mark> <small>s</small><br>end</p>`,
			`<p>A <em>b</em> <strong>c</strong> <b>d</b> <i>e</i> <u>f</u> <s>g</s> H<sub>2</sub>O x<sup>2</sup> <code>k</code> <q cite="https://q.example/">q</q> <cite>c</cite> <abbr title="Kestrel “Bay”">KB</abbr> <time datetime="2026-11-26T09:30:00Z">9:30</time> <mark>m</mark> <small>s</small><br/>end</p>`},
		{"h1 demoted, h5 and h6 become h4", site, `<h1>a</h1><h2>b</h2><h3>c</h3><h4>d</h4><h5>e</h5><h6>f</h6>`,
			`<h2>a</h2><h2>b</h2><h3>c</h3><h4>d</h4><h4>e</h4><h4>f</h4>`},
		{"heading closes heading", site, `<h2>a<h3>b`, `<h2>a</h2><h3>b</h3>`},
		{"lists", site, `<ol start="3" reversed><li>a<li>b</ol><dl><dt>t<dd>d<dt>u</dl>`,
			`<ol start="3" reversed=""><li>a</li><li>b</li></ol><dl><dt>t</dt><dd>d</dd><dt>u</dt></dl>`},
		{"figure with image", site, `<figure><img src="/img/a.jpg" alt="Minister: “We’ll act” — 50%" width="1600" height="900"><figcaption>Cap</figcaption></figure>`,
			`<figure><img src="https://news.example.com/img/a.jpg" alt="Minister: “We’ll act” — 50%" width="1600" height="900" loading="lazy" decoding="async"/><figcaption>Cap</figcaption></figure>`},
		{"image without alt gets an empty one", site, `<img src="https://cdn.example/x.jpg" onerror="alert(1)">`,
			`<img src="https://cdn.example/x.jpg" alt="" loading="lazy" decoding="async"/>`},
		{"image alt kept, even empty", site, `<img alt="" src="https://cdn.example/x.jpg">`,
			`<img alt="" src="https://cdn.example/x.jpg" loading="lazy" decoding="async"/>`},
		{"srcset checked entry by entry", site, `<img src="a.jpg" srcset="a.jpg 1x,javascript:alert(1) 2x, https://cdn.example/b.jpg 800w, c.jpg bogus, d.jpg">`,
			`<img src="https://news.example.com/local/a.jpg" srcset="https://news.example.com/local/a.jpg 1x, https://cdn.example/b.jpg 800w, https://news.example.com/local/d.jpg" alt="" loading="lazy" decoding="async"/>`},
		{"image without a usable src is dropped", site, `<p>a<img src="javascript:alert(1)" alt="x">b</p>`, `<p>ab</p>`},
		{"tables", site, `<table><caption>C</caption><thead><tr><th scope="col" colspan="2">h</th></tr></thead><tr><td rowspan="2">a</td><td>b</td></tr></table>`,
			`<table><caption>C</caption><thead><tr><th scope="col" colspan="2">h</th></tr></thead><tbody><tr><td rowspan="2">a</td><td>b</td></tr></tbody></table>`},
		{"foreign link gets rel, own link not", site, `<a href="https://other.example/x">o</a> <a href="/local/y">r</a> <a href="https://NEWS.example.com/z">s</a>`,
			`<a href="https://other.example/x" rel="nofollow noopener noreferrer">o</a> <a href="https://news.example.com/local/y">r</a> <a href="https://NEWS.example.com/z">s</a>`},
		{"author rel and target are replaced", site, `<a href="https://other.example/" rel="follow" target="_blank">o</a>`,
			`<a href="https://other.example/" rel="nofollow noopener noreferrer">o</a>`},
		{"custom rel", Options{Rel: "noopener"}, `<a href="https://other.example/">o</a>`, `<a href="https://other.example/" rel="noopener">o</a>`},
		{"no rel", Options{Rel: RelNone}, `<a href="https://other.example/">o</a>`, `<a href="https://other.example/">o</a>`},
		{"without BaseURL relative stays, absolute is foreign", Options{}, `<a href="/x">a</a><a href="//cdn.example/y">b</a><a href="https://news.example.com/">c</a>`,
			`<a href="/x">a</a><a href="//cdn.example/y" rel="nofollow noopener noreferrer">b</a><a href="https://news.example.com/" rel="nofollow noopener noreferrer">c</a>`},
		{"protocol-relative resolved against the base", site, `<a href="//cdn.example/y">b</a>`,
			`<a href="https://cdn.example/y" rel="nofollow noopener noreferrer">b</a>`},
		{"mailto and tel kept, header injection not", site, `<a href="mailto:desk@news.example.com?subject=Tip">m</a><a href="tel:+441632960000">t</a><a href="mailto:a@b.example?subject=x%0d%0aBcc:c@d.example">bad</a>`,
			`<a href="mailto:desk@news.example.com?subject=Tip">m</a><a href="tel:+441632960000">t</a>bad`},
		{"ids and names prefixed, fragment links follow", site, `<h2 id="facts">F</h2><a name="top"></a><a href="#facts">jump</a><a href="#user-content-x">x</a>`,
			`<h2 id="user-content-facts">F</h2><a name="user-content-top"></a><a href="#user-content-facts">jump</a><a href="#user-content-x">x</a>`},
		{"DropIDs drops ids and in-page links", Options{DropIDs: true}, `<h2 id="facts">F</h2><a href="#facts">jump</a>`, `<h2>F</h2>jump`},
		{"lang and dir", site, `<p lang="cy" dir="ltr">Bore da</p><p dir="sideways">x</p>`, `<p lang="cy" dir="ltr">Bore da</p><p>x</p>`},
		{"no style, class or handlers", site, `<p style="color:red" class="x" onclick="y()">p</p>`, `<p>p</p>`},
		{"embeds off by default", site, `<iframe src="https://www.youtube.com/embed/AAAAAAAAAAA"></iframe>x`, `x`},
		{"YouTube embed becomes youtube-nocookie", Options{Embeds: true}, `<iframe src="https://www.youtube.com/embed/AAAAAAAAAAA?start=42&amp;autoplay=1" width="560" height="315" title="Clip" sandbox="allow-top-navigation" allow="camera"></iframe>`,
			`<iframe src="https://www.youtube-nocookie.com/embed/AAAAAAAAAAA?start=42" width="560" height="315" title="Clip" sandbox="` + embedSandbox + `" allow="fullscreen; picture-in-picture; encrypted-media" allowfullscreen="" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`},
		{"Vimeo embed", Options{Embeds: true}, `<iframe src="https://player.vimeo.com/video/12345?h=abcdef12"></iframe>`,
			`<iframe src="https://player.vimeo.com/video/12345?h=abcdef12" sandbox="` + embedSandbox + `" allow="fullscreen; picture-in-picture; encrypted-media" allowfullscreen="" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`},
		{"other iframes dropped with their content", Options{Embeds: true}, `<iframe src="https://evil.example/embed/AAAAAAAAAAA">fallback <b>x</b></iframe>after`, `after`},
		{"pre keeps its first blank line", site, "<pre>\n\ncode\n</pre><pre>\nx</pre>", "<pre>\n\ncode\n</pre><pre>x</pre>"},
		{"empty", site, ``, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustBody(t, tt.opts)
			got := string(p.Sanitize(tt.in))
			assert.Equal(t, tt.want, got, "Sanitize(%q)", tt.in)
			assert.Equal(t, got, string(p.Sanitize(got)), "not idempotent")
			assert.Empty(t, safetyProblems(p, got))
		})
	}
}

func TestContainment(t *testing.T) {
	p := mustBody(t, Options{})
	tests := []struct{ name, in, want string }{
		{"stray end tags dropped (a dropped block separates words)", `a</div></article></main>b`, `a b`},
		{"unclosed inline closed", `<p><b>bold <i>both`, `<p><b>bold <i>both</i></b></p>`},
		{"misnested closed in order", `<i><b>x</i>y</b>`, `<i><b>x</b></i>y`},
		{"block closes p", `<p>a<ul><li>b</ul>c`, `<p>a</p><ul><li>b</li></ul>c`},
		{"p in p", `<p>a<p>b`, `<p>a</p><p>b</p>`},
		{"li closes li through inline", `<ul><li><b>a<li>b</ul>`, `<ul><li><b>a</b></li><li>b</li></ul>`},
		{"link in link", `<a href="https://a.example/">a<a href="https://b.example/">b</a>`,
			`<a href="https://a.example/" rel="nofollow noopener noreferrer">a</a><a href="https://b.example/" rel="nofollow noopener noreferrer">b</a>`},
		{"table parts implied", `<table><td>a<tr><th>b</table>`, `<table><tbody><tr><td>a</td></tr><tr><th>b</th></tr></tbody></table>`},
		{"text in a table is put in a cell", `<table>loose<tr><td>x</td></tr></table>`, `<table><tbody><tr><td>loose</td></tr><tr><td>x</td></tr></tbody></table>`},
		{"table parts outside a table dropped", `<tr><td>x</td></tr>`, `x`},
		{"end tags do not leave a cell", `<b><table><tr><td>x</b>y</td></tr></table>z</b>`,
			`<b><table><tbody><tr><td>xy</td></tr></tbody></table>z</b>`},
		{"unclosed table closed", `<table><tr><td>x`, `<table><tbody><tr><td>x</td></tr></tbody></table>`},
		{"nested table in a cell", `<table><tr><td><table><tr><td>in</table>out</table>`,
			`<table><tbody><tr><td><table><tbody><tr><td>in</td></tr></tbody></table>out</td></tr></tbody></table>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(p.Sanitize(tt.in))
			assert.Equal(t, tt.want, got, "Sanitize(%q)", tt.in)
			assert.Empty(t, safetyProblems(p, got))
		})
	}
}

func TestInlinePolicy(t *testing.T) {
	p, err := InlinePolicy(Options{BaseURL: "https://news.example.com/"})
	require.NoError(t, err)
	tests := []struct{ name, in, want string }{
		{"allowed", `<em>a</em> <strong>b</strong> <b>c</b> <i>d</i> <q>e</q> <cite>f</cite> <abbr title="t">g</abbr> <code>h</code><br>i`,
			`<em>a</em> <strong>b</strong> <b>c</b> <i>d</i> <q>e</q> <cite>f</cite> <abbr title="t">g</abbr> <code>h</code><br/>i`},
		{"blocks, images and ids go", `<p id="x">a</p><img src="https://cdn.example/a.jpg"><h2>h</h2>`, `a h`},
		{"links", `<a href="/x">own</a> <a href="https://elsewhere.example/">other</a>`,
			`<a href="https://news.example.com/x">own</a> <a href="https://elsewhere.example/" rel="nofollow noopener noreferrer">other</a>`},
		{"unclosed closed", `<strong>7–4`, `<strong>7–4</strong>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(p.Sanitize(tt.in))
			assert.Equal(t, tt.want, got)
			assert.Empty(t, safetyProblems(p, got))
		})
	}
}

func TestTextPolicy(t *testing.T) {
	p := TextPolicy()
	assert.Equal(t, template.HTML(`Fish &amp; chips &lt;b&gt; “now”`), p.Sanitize(`<p>Fish &amp; chips</p> &lt;b&gt; <script>x</script>“now”`))
}

func TestPolicyOptionErrors(t *testing.T) {
	for _, opts := range []Options{
		{BaseURL: "news.example.com/x"},
		{BaseURL: "javascript:alert(1)"},
		{BaseURL: "ftp://news.example.com/"},
		{BaseURL: "https://user@news.example.com/"},
		{Rel: `nofollow" onclick="x`},
		{Rel: "NoFollow"},
		{Rel: "nofollow none"},
	} {
		_, err := BodyPolicy(opts)
		assert.ErrorIs(t, err, ErrOptions, "%+v", opts)
		assert.True(t, strings.HasPrefix(err.Error(), "sanitize: "), err.Error())
		_, err = InlinePolicy(opts)
		assert.True(t, errors.Is(err, ErrOptions), "%+v", opts)
	}
}

// TestSampleBody pins the sample article's sanitised body.
func TestSampleBody(t *testing.T) {
	a := sample.Article()
	p := mustBody(t, Options{BaseURL: a.URL})
	got := string(p.Sanitize(a.Body))
	golden.Assert(t, "sample-body.html", []byte(got))
	assert.Empty(t, safetyProblems(p, got))
}

// TestConcurrentUse runs one policy from many goroutines; go test -race
// turns any shared mutable state into a failure.
func TestConcurrentUse(t *testing.T) {
	p := mustBody(t, Options{BaseURL: "https://news.example.com/", Embeds: true})
	vs := loadVectors(t)
	want := make([]string, len(vs))
	for i, v := range vs {
		want[i] = string(p.Sanitize(v.html))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := g; i < len(vs); i += 3 {
				assert.Equal(t, want[i], string(p.Sanitize(vs[i].html)), "%s: concurrent result", vs[i].name)
			}
		})
	}
	wg.Wait()
}
