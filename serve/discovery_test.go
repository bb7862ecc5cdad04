package serve_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/broadsheet/broadsheet/serve"
)

// element returns the first element named name whose attribute key is
// val in the HTML document doc.
func element(t *testing.T, doc []byte, name, key, val string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader(string(doc)))
	require.NoError(t, err)
	var found *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.Data == name {
			for _, a := range n.Attr {
				if a.Key == key && (val == "" || a.Val == val) {
					found = n
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestOEmbedDiscovery follows the oEmbed discovery link of a page to the
// handler's own oEmbed answer for that page.
func TestOEmbedDiscovery(t *testing.T) {
	_, srv := newServer(t, collection(t), serve.Options{})
	page := do(t, "GET", srv.URL+"/a/ferry-cuts")
	require.Equal(t, http.StatusOK, page.status)
	link := element(t, page.body, "link", "type", "application/json+oembed")
	require.NotNil(t, link, "the page names its oEmbed endpoint")
	assert.Equal(t, "alternate", attrOf(link, "rel"))
	href := attrOf(link, "href")
	require.True(t, strings.HasPrefix(href, srv.URL+"/oembed?"), href)

	res := do(t, "GET", href)
	require.Equal(t, http.StatusOK, res.status, string(res.body))
	var o struct {
		Version, Type, Title, HTML string
	}
	require.NoError(t, json.Unmarshal(res.body, &o))
	assert.Equal(t, "1.0", o.Version)
	assert.Equal(t, "rich", o.Type)
	assert.Contains(t, o.HTML, "/a/ferry-cuts/fragment")
}

// TestStyleCSP checks that pages and the index allow their own inline
// stylesheet by hash, with no 'unsafe-inline', on a full response, a
// cached one and a 304; and that a policy allowing 'unsafe-inline' is
// left alone.
func TestStyleCSP(t *testing.T) {
	_, srv := newServer(t, collection(t), serve.Options{})
	for _, path := range []string{"/a/ferry-cuts", "/local/ferry-cuts", "/"} {
		t.Run(path, func(t *testing.T) {
			first := do(t, "GET", srv.URL+path)
			require.Equal(t, http.StatusOK, first.status)
			_, css, ok := strings.Cut(string(first.body), "<style>")
			require.True(t, ok, "the page has its stylesheet inline")
			css, _, _ = strings.Cut(css, "</style>")
			sum := sha256.Sum256([]byte(css))
			want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
			cached := do(t, "GET", srv.URL+path)
			notModified := do(t, "GET", srv.URL+path, "If-None-Match", first.header.Get("ETag"))
			require.Equal(t, http.StatusNotModified, notModified.status)
			for _, r := range []response{first, cached, notModified} {
				csp := r.header.Get("Content-Security-Policy")
				assert.Contains(t, csp, "style-src "+want, "status %d", r.status)
				assert.NotContains(t, csp, "unsafe-inline")
				assert.Contains(t, csp, "default-src 'none'")
			}
		})
	}

	lax := "default-src 'none'; style-src 'self' 'unsafe-inline'"
	_, srv = newServer(t, collection(t), serve.Options{CSP: lax})
	for _, path := range []string{"/a/ferry-cuts", "/"} {
		assert.Equal(t, lax, do(t, "GET", srv.URL+path).header.Get("Content-Security-Policy"), path)
	}
}
