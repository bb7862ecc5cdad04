package build_test

import (
	"context"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/build"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

// siteLinks returns every same-site link (href, src, og:image and
// twitter:image) in the HTML file at name (slash path relative to out) as
// URL paths, each with the attribute it came from.
func siteLinks(t *testing.T, out, name, base string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	require.NoError(t, err)
	doc, err := html.Parse(strings.NewReader(string(data)))
	require.NoError(t, err, name)
	b, err := url.Parse(base)
	require.NoError(t, err)
	// The document's own URL, for relative links.
	self := b.ResolveReference(&url.URL{Path: strings.TrimSuffix(name, "index.html")})
	links := map[string]string{}
	add := func(attr, v string) {
		v = strings.TrimSpace(v)
		if v == "" || strings.HasPrefix(v, "#") {
			return
		}
		u, err := url.Parse(v)
		require.NoError(t, err, "%s: %s=%q", name, attr, v)
		u = self.ResolveReference(u)
		if u.Scheme != b.Scheme || u.Host != b.Host {
			return // another site, or mailto: and the like
		}
		links[u.Path] = attr
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			var prop, content string
			for _, a := range n.Attr {
				switch a.Key {
				case "href", "src":
					add(n.Data+" "+a.Key, a.Val)
				case "srcset":
					for c := range strings.SplitSeq(a.Val, ",") {
						if f := strings.Fields(c); len(f) > 0 {
							add(n.Data+" srcset", f[0])
						}
					}
				case "property", "name":
					prop = a.Val
				case "content":
					content = a.Val
				}
			}
			if n.Data == "meta" && (prop == "og:image" || prop == "twitter:image") {
				add("meta "+prop, content)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return links
}

// builtFile returns the file a static host serves for the URL path p (a
// file, or a folder's index.html), or "" when none is built.
func builtFile(built map[string]bool, p string) string {
	rel := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || rel == "" || rel == "." {
		rel = strings.TrimSuffix(strings.TrimSuffix(rel, "."), "/")
		if rel == "" {
			return check(built, "index.html")
		}
		return check(built, rel+"/index.html")
	}
	if f := check(built, rel); f != "" {
		return f
	}
	return check(built, rel+"/index.html")
}

func check(built map[string]bool, f string) string {
	if built[f] {
		return f
	}
	return ""
}

// TestBuiltLinksResolve parses every built HTML file and checks that each
// same-site link it holds is a built file, for a full build and for
// PagesOnly (whose index links /a/ID files and cards it does not write:
// exactly those are listed as left out).
func TestBuiltLinksResolve(t *testing.T) {
	src := writeSources(t, 3)
	// An article without key points: no key-point card is linked or built.
	plain := strings.Replace(mdArticle("plain", "UK", 9, false, ""), "key_points:\n  - Sailings drop to **four** a day.\n", "", 1)
	require.NotContains(t, plain, "key_points")
	require.NoError(t, os.WriteFile(filepath.Join(src, "plain.md"), []byte(plain), 0o644))
	// The authors' profile pages are the publisher's, named in the
	// sources; a build of the articles does not make them.
	const profile = "/people/ines-varga"
	for _, tc := range []struct {
		name      string
		pagesOnly bool
		// missing returns the links the build leaves out for an article.
		missing func(a *article.Article) []string
	}{
		{name: "full", missing: func(*article.Article) []string { return nil }},
		{name: "pages only", pagesOnly: true, missing: func(a *article.Article) []string {
			id := a.ID
			l := []string{
				// The index's tool links.
				"/a/" + id, "/a/" + id + "/fragment", "/a/" + id + "/meta.json", "/a/" + id + "/share.json",
				"/cards/" + id + "/1200x630-standard.png",
				// The page's og:image and twitter:image.
				site.CardPath(id, serve.DefaultCard, site.CardHash(a, serve.DefaultCard, "")),
			}
			if len(a.KeyPoints) > 0 {
				l = append(l, "/cards/"+id+"/1080x1080-keypoint-1.png")
			}
			return l
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := load(t, src, false)
			require.NoError(t, err)
			out := t.TempDir()
			o := opts(out)
			o.PagesOnly = tc.pagesOnly
			_, err = build.Build(context.Background(), c, o)
			require.NoError(t, err)
			built := map[string]bool{}
			for f := range files(t, out) {
				built[f] = true
			}
			want := map[string]bool{}
			arts, err := c.LatestContext(t.Context(), 0)
			require.NoError(t, err)
			for _, a := range arts {
				for _, l := range tc.missing(a) {
					want[l] = true
				}
			}
			seen := map[string]bool{}
			var htmlFiles, broken []string
			for f := range built {
				if !strings.HasSuffix(f, ".html") {
					continue
				}
				htmlFiles = append(htmlFiles, f)
				for l, attr := range siteLinks(t, out, f, "https://news.example.com/") {
					seen[l] = true
					if l == profile {
						continue
					}
					if builtFile(built, l) == "" {
						broken = append(broken, f+": "+attr+" "+l)
						assert.True(t, want[l], "%s: %s %s has no built file", f, attr, l)
					}
				}
			}
			sort.Strings(htmlFiles)
			require.Contains(t, htmlFiles, "index.html")
			require.Contains(t, htmlFiles, "uk/story-00/index.html")
			require.True(t, seen[profile], "the test's exception must be in use")
			require.True(t, seen["/cards/story-00/1080x1080-keypoint-1.png"], "the index links the key-point card")
			require.True(t, seen["/cards/plain/1200x630-standard.png"])
			assert.False(t, seen["/cards/plain/1080x1080-keypoint-1.png"], "no key points, no key-point card link")
			assert.False(t, built["cards/plain/1080x1080-keypoint-1.png"], "no key points, no key-point card")
			// Every link the build is said to leave out is linked and
			// unbuilt: the list is exact, not a loose allowance.
			for l := range want {
				assert.True(t, seen[l], "%s is not linked", l)
				assert.Empty(t, builtFile(built, l), "%s is built", l)
			}
			t.Logf("%d HTML files; unresolved links: %d", len(htmlFiles), len(broken))
		})
	}
}
