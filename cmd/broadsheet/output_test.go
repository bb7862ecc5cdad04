package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
)

// TestOutputRefusesInput is issue 16's case: "render -o a.json a.json"
// replaced the article with HTML.
func TestOutputRefusesInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "a.json")
	require.NoError(t, os.WriteFile(in, sample.JSON(), 0o644))
	link := filepath.Join(dir, "link.json")
	require.NoError(t, os.Symlink(in, link))
	tests := []struct {
		name string
		args []string
	}{
		{"render over its article", []string{"render", "-o", in, in}},
		{"meta over its article", []string{"meta", "-o", in, in}},
		{"another spelling", []string{"render", "-o", filepath.Join(dir, ".", "a.json"), in}},
		{"a link to the article", []string{"render", "-o", link, in}},
		{"validate over one of its articles", []string{"validate", "-o", in, "", in}},
		{"sanitize over its file", []string{"sanitize", "-o", in, in}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", tt.args...)
			assert.Equal(t, 1, code, "stdout=%s", stdout)
			assert.Contains(t, stderr, "is also an input")
			got, err := os.ReadFile(in)
			require.NoError(t, err)
			assert.Equal(t, sample.JSON(), got, "the input must be untouched")
			fi, err := os.Lstat(link)
			require.NoError(t, err)
			assert.Equal(t, os.ModeSymlink, fi.Mode().Type(), "the link must be untouched")
		})
	}
}

// TestOutputReplacesLinkNotTarget checks that -o through a symbolic link
// replaces the link with the output and leaves the file it pointed to as
// it was.
func TestOutputReplacesLinkNotTarget(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "precious.txt")
	require.NoError(t, os.WriteFile(target, []byte("keep me"), 0o600))
	link := filepath.Join(dir, "out.html")
	require.NoError(t, os.Symlink(target, link))

	code, _, stderr := runCLI(t, "", "render", "-o", link)
	require.Equal(t, 0, code, stderr)
	got, err := os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, "keep me", string(got))
	fi, err := os.Lstat(link)
	require.NoError(t, err)
	assert.True(t, fi.Mode().IsRegular(), "the link is now the output file")
	page, err := os.ReadFile(link)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(page, []byte("<!DOCTYPE html>")))
}

// TestOutputAtomic checks the temporary-file-and-rename write: an existing
// file keeps its mode and is replaced whole, a failed command leaves it
// alone, and no temporary file is left behind either way.
func TestOutputAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "page.html")
	require.NoError(t, os.WriteFile(out, []byte("old"), 0o600))

	code, _, stderr := runCLI(t, "", "render", "-o", out)
	require.Equal(t, 0, code, stderr)
	fi, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "the replaced file keeps its mode")

	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"headline":`), 0o644))
	before, err := os.ReadFile(out)
	require.NoError(t, err)
	code, _, _ = runCLI(t, "", "render", "-o", out, bad)
	require.Equal(t, 1, code)
	after, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, before, after, "a failed command must not touch the output")

	fresh := filepath.Join(dir, "fresh.json")
	code, _, stderr = runCLI(t, "", "meta", "--format", "json", "-o", fresh)
	require.Equal(t, 0, code, stderr)
	fi, err = os.Stat(fresh)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), fi.Mode().Perm())

	code, _, stderr = runCLI(t, "", "render", "-o", filepath.Join(dir, "no-such-dir", "x.html"))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "writing output")

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.ElementsMatch(t, []string{"page.html", "bad.json", "fresh.json"}, names, "no temporary file may be left")
	for _, n := range names {
		assert.False(t, strings.HasSuffix(n, ".tmp"), n)
	}
}
