package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestImport(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site.json")
	require.NoError(t, os.WriteFile(site, []byte(`{"name": "Courier", "x": "kbcourier"}`), 0o644))
	badSite := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(badSite, []byte(`{"nmae": "Courier"}`), 0o644))
	runCLICases(t, []cliCase{
		{"saved page", []string{"import", "testdata/import-page.html"}, 0, `"headline": "Night buses return to the coast road"`, ""},
		{"author cleaned", []string{"import", "testdata/import-page.html"}, 0, `"name": "Ana Lima"`, ""},
		{"no canonical", []string{"import", "testdata/import-nourl.html"}, 1, "", "give one with --url"},
		{"no canonical, --url", []string{"import", "--url", "https://courier.example/n4", "testdata/import-nourl.html"}, 0, `"url": "https://courier.example/n4"`, ""},
		{"report", []string{"import", "--report", "testdata/import-page.html"}, 0, "", "meta article:published_time [exact]"},
		{"site file", []string{"import", "--site", site, "testdata/import-page.html"}, 0, `"x": "kbcourier"`, ""},
		{"bad site file", []string{"import", "--site", badSite, "testdata/import-page.html"}, 1, "", "unknown field"},
		{"bad zone", []string{"import", "--zone", "Mars/Olympus", "testdata/import-page.html"}, 2, "", "--zone"},
		{"no argument", []string{"import"}, 2, "", "takes one FILE, URL or -"},
		{"missing file", []string{"import", "no-such.html"}, 1, "", "no such file"},
	})
}

// TestImportPipesIntoRender checks the contract that import's output is an
// article every other command reads.
func TestImportPipesIntoRender(t *testing.T) {
	code, out, stderr := runCLI(t, "", "import", "testdata/import-page.html")
	require.Equal(t, 0, code, stderr)
	for _, cmd := range [][]string{{"render", "-"}, {"validate", "-"}, {"share", "-"}, {"meta", "-"}} {
		code, rendered, errs := runCLI(t, out, cmd...)
		assert.Equal(t, 0, code, "%v: %s", cmd, errs)
		assert.NotEmpty(t, rendered, "%v", cmd)
	}
}

func TestImportURL(t *testing.T) {
	page, err := os.ReadFile("testdata/import-page.html")
	require.NoError(t, err)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	runCLICases(t, []cliCase{
		{"loopback refused", []string{"import", srv.URL + "/n4"}, 1, "", "address not allowed"},
		{"loopback allowed", []string{"import", "--allow-private", srv.URL + "/n4"}, 0, `"url": "https://courier.example/transport/night-buses"`, ""},
		{"stdin", []string{"import", "-"}, 1, "", "no headline"},
	})
}
