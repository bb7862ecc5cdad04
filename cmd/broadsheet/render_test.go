package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
)

func TestRenderCommand(t *testing.T) {
	broken := filepath.Join(t.TempDir(), "broken.json")
	require.NoError(t, os.WriteFile(broken, []byte(strings.Replace(string(sample.JSON()), `"url": "https://news.example.com/local/kestrel-bay-camera-vote"`, `"url": "javascript:alert(1)"`, 1)), 0o644))
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		absent []string
		stderr string
	}{
		{"page", []string{"render"}, 0, []string{"<!DOCTYPE html>", `<h1 id="bs-headline"`, `class="bs-ticker"`, "Harbour ferry timetable"}, nil, ""},
		{"fragment", []string{"render", "--fragment"}, 0, []string{`<article id="bs-article"`}, []string{"<!DOCTYPE html>", "<head>"}, ""},
		{"own ticker", []string{"render", "--ticker", "Tide tables & storms", "--ticker", "Second"}, 0, []string{"<li>Tide tables &amp; storms</li>", "<li>Second</li>"}, []string{"Harbour ferry"}, ""},
		{"no ticker", []string{"render", "--no-ticker"}, 0, []string{"<!DOCTYPE html>"}, []string{`class="bs-ticker"`}, ""},
		{"stdin", []string{"render", "-"}, 0, []string{"<!DOCTYPE html>"}, []string{`class="bs-ticker"`}, ""},
		{"invalid article", []string{"render", broken}, 1, nil, []string{"<"}, "error: url: scheme \"javascript:\" is not allowed"},
		{"two articles", []string{"render", "a.json", "b.json"}, 2, nil, nil, "at most one ARTICLE"},
		{"meta html", []string{"meta"}, 0, []string{`<meta property="og:title" content="Kestrel Bay switches off its seafront face-scanning cameras">`, `<script type="application/ld+json">`}, []string{"<body"}, ""},
		{"meta bad format", []string{"meta", "--format", "xml"}, 2, nil, nil, "--format must be html or json"},
		{"meta invalid", []string{"meta", "--format", "json", broken}, 1, nil, []string{"{"}, "url:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := ""
			if tt.name == "stdin" {
				stdin = string(sample.JSON())
			}
			code, stdout, stderr := runCLI(t, stdin, tt.args...)
			assert.Equal(t, tt.code, code, "stderr: %s", stderr)
			for _, s := range tt.stdout {
				assert.Contains(t, stdout, s)
			}
			for _, s := range tt.absent {
				assert.NotContains(t, stdout, s)
			}
			assert.Contains(t, stderr, tt.stderr)
		})
	}
}

func TestMetaJSON(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "meta", "--format", "json")
	require.Equal(t, 0, code, stderr)
	var m struct {
		Title     string `json:"title"`
		Canonical string `json:"canonical"`
		OpenGraph struct {
			Title string `json:"title"`
		} `json:"open_graph"`
		Twitter struct {
			Card string `json:"card"`
		} `json:"twitter"`
		JSONLD struct {
			Graph []map[string]any `json:"@graph"`
		} `json:"json_ld"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &m))
	assert.Equal(t, "https://news.example.com/local/kestrel-bay-camera-vote", m.Canonical)
	assert.Equal(t, "summary_large_image", m.Twitter.Card)
	assert.Len(t, m.JSONLD.Graph, 6)

	out := filepath.Join(t.TempDir(), "page.html")
	code, stdout, _ = runCLI(t, "", "render", "-o", out)
	require.Equal(t, 0, code)
	assert.Empty(t, stdout)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(b), "<!DOCTYPE html>"))
}
