package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/golden"
	"github.com/broadsheet/broadsheet/internal/sample"
)

func TestShareSample(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "share")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr)
	golden.Assert(t, "share-sample.txt", []byte(stdout))

	code, stdout, stderr = runCLI(t, "", "share", "--format", "json", "--utm-campaign", "cli test")
	require.Equal(t, 0, code, stderr)
	golden.Assert(t, "share-sample.json", []byte(stdout))
	var items []map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &items))
	require.Len(t, items, 25)
	for _, it := range items {
		for _, k := range []string{"network", "url"} {
			assert.Contains(t, it, k)
		}
		if it["network"] == "x" {
			assert.Contains(t, it, "text")
			assert.EqualValues(t, 280, it["limit"])
			assert.Contains(t, it["text"], "utm_campaign=cli%20test")
		}
	}
}

func TestShareNetworksAndErrors(t *testing.T) {
	a := sample.Article()
	a.Image = nil
	b, err := json.Marshal(a)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "noimage.json")
	require.NoError(t, os.WriteFile(path, b, 0o644))

	runCLICases(t, []cliCase{
		{"one network", []string{"share", "--network", "bluesky"}, 0, "post: 193 of 300 graphemes", ""},
		{"unknown network", []string{"share", "--network", "pocket"}, 2, "", `unknown network "pocket"`},
		{"bad format", []string{"share", "--format", "xml"}, 2, "", "--format must be text or json"},
		{"two articles", []string{"share", "a.json", "b.json"}, 2, "", "at most one ARTICLE"},
		{"missing image, default set", []string{"share", path}, 0, "Reddit (reddit)", "pinterest: article has no image"},
		{"missing image, asked for", []string{"share", "--network", "pinterest,reddit", path}, 1, "Reddit (reddit)", "pinterest: article has no image"},
		{"help", []string{"share", "--help"}, 0, "usage: broadsheet share", ""},
	})
}

func TestPostBodies(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"facebook", nil},
		{"x", nil},
		{"bluesky", []string{"--created", "2026-11-26T10:00:00Z"}},
		{"mastodon", nil},
		{"linkedin", []string{"--author", "urn:li:organization:5515715"}},
		{"threads", nil},
		{"telegram", []string{"--chat", "@kestrelcourier"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"post", "--network", tc.name}, tc.args...)
			code, stdout, stderr := runCLI(t, "", args...)
			require.Equal(t, 0, code, stderr)
			var body map[string]any
			require.NoError(t, json.Unmarshal([]byte(stdout), &body), stdout)
			golden.Assert(t, "post-"+tc.name+".json", []byte(stdout))
			if tc.name == "mastodon" {
				assert.True(t, strings.HasPrefix(stderr, "Idempotency-Key: "), stderr)
			}
		})
	}
}

func TestPostUsage(t *testing.T) {
	runCLICases(t, []cliCase{
		{"no network", []string{"post"}, 2, "", "--network is required"},
		{"link-only network", []string{"post", "--network", "reddit"}, 2, "", "has no posting API"},
		{"linkedin without author", []string{"post", "--network", "linkedin"}, 2, "", "--author is required"},
		{"linkedin with bad author", []string{"post", "--network", "linkedin", "--author", "mara"}, 1, "", "author URN"},
		{"telegram without chat", []string{"post", "--network", "telegram"}, 2, "", "--chat is required"},
		{"bad created", []string{"post", "--network", "bluesky", "--created", "yesterday"}, 2, "", "--created"},
	})
}
