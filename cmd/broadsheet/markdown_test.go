package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMarkdownArticles: every command that reads an ARTICLE takes a .md
// file (and Markdown on standard input) as well as JSON.
func TestMarkdownArticles(t *testing.T) {
	story := filepath.Join("testdata", "story.md")
	dir := t.TempDir()
	runCLICases(t, []cliCase{
		{"validate", []string{"validate", story}, 0, story + ": ok, no findings", ""},
		{"render", []string{"render", story}, 0, "Harbour wall repairs delayed until spring</h1>", ""},
		{"meta", []string{"meta", "--format", "json", story}, 0, `"canonical": "https://news.example.com/local/harbour-wall-delay"`, ""},
		{"share", []string{"share", "--network", "bluesky", story}, 0, "Harbour wall repairs slip to spring", ""},
		{"post", []string{"post", "--network", "mastodon", story}, 0, "Harbour wall repairs slip to spring", ""},
		{"card", []string{"card", "-o", filepath.Join(dir, "card.png"), story}, 0, "", ""},
	})
	png, err := os.ReadFile(filepath.Join(dir, "card.png"))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(png), "\x89PNG"))

	// The sanitiser still runs: the raw HTML in story.md loses its handler.
	_, stdout, _ := runCLI(t, "", "render", story)
	assert.NotContains(t, stdout, "onclick")
	assert.Contains(t, stdout, "Raw HTML stays in the untrusted body")

	b, err := os.ReadFile(story)
	require.NoError(t, err)
	code, stdout, stderr := runCLI(t, string(b), "render", "--fragment", "-")
	assert.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "<table>")
}

// TestMarkdownFindingsHaveLines: a broken front matter is reported with
// the file, the line and the key.
func TestMarkdownFindingsHaveLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.md")
	require.NoError(t, os.WriteFile(path, []byte("---\nheadline: Harbour wall\nheadlin: typo\nurl: /local/x\n---\nBody.\n"), 0o644))
	code, stdout, _ := runCLI(t, "", "validate", path)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, path+": error: line 3: headlin: unknown field [unknown_field]")
	assert.Contains(t, stdout, path+": error: line 4: url: \"/local/x\" is relative")

	require.NoError(t, os.WriteFile(path, []byte("# no front matter\n"), 0o644))
	code, _, stderr := runCLI(t, "", "render", path)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, path+": markdown: invalid front matter")
}
