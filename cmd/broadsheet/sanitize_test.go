package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sanitizeInput = `<h1 id="top">Vote</h1><p onclick="x()">Councillors <b>voted<p>7–4 <a href="https://elsewhere.example/r">report</a>` +
	`<script>alert(1)</script></div></article>`

func TestSanitizeCommand(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"body is the default", []string{"sanitize"},
			`<h2 id="user-content-top">Vote</h2><p>Councillors <b>voted</b></p><p>7–4 <a href="https://elsewhere.example/r" rel="nofollow noopener noreferrer">report</a></p>`},
		{"body with base", []string{"sanitize", "--base", "https://elsewhere.example/"},
			`<h2 id="user-content-top">Vote</h2><p>Councillors <b>voted</b></p><p>7–4 <a href="https://elsewhere.example/r">report</a></p>`},
		{"inline", []string{"sanitize", "--policy", "inline"},
			`Vote Councillors <b>voted 7–4 <a href="https://elsewhere.example/r" rel="nofollow noopener noreferrer">report</a></b>`},
		{"text", []string{"sanitize", "--policy=text"}, `Vote Councillors voted 7–4 report`},
		{"stdin as -", []string{"sanitize", "--policy", "text", "-"}, `Vote Councillors voted 7–4 report`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, sanitizeInput, tt.args...)
			assert.Equal(t, 0, code, stderr)
			assert.Equal(t, tt.want, stdout)
			assert.Empty(t, stderr)
		})
	}
}

func TestSanitizeFileAndOutput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "body.html")
	out := filepath.Join(dir, "clean.html")
	require.NoError(t, os.WriteFile(in, []byte(`<p>a<img src="https://cdn.example/a.jpg" onerror="x()">`), 0o644))
	code, stdout, stderr := runCLI(t, "", "sanitize", "-o", out, in)
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stdout)
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, `<p>a<img src="https://cdn.example/a.jpg" alt="" loading="lazy" decoding="async"/></p>`, string(got))
}

func TestSanitizeUsage(t *testing.T) {
	runCLICases(t, []cliCase{
		{"bad policy", []string{"sanitize", "--policy", "strict"}, 2, "", `--policy must be body, inline or text, not "strict"`},
		{"bad base", []string{"sanitize", "--base", "ftp://x.example/"}, 2, "", "BaseURL"},
		{"two files", []string{"sanitize", "a", "b"}, 2, "", "at most one FILE"},
		{"missing file", []string{"sanitize", "no-such.html"}, 1, "", "no-such.html"},
	})
}
