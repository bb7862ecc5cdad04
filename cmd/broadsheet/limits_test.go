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

// endless is an input that never ends and counts what was read from it.
type endless struct{ n int64 }

func (r *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '<'
	}
	r.n += int64(len(p))
	return len(p), nil
}

// TestSanitizeInputLimit is issue 16's case: 30 MB of '<' took 3.2 s and
// 499 MB. Input over 10 MiB is refused, having read no more than the limit
// and one byte (counted, not timed).
func TestSanitizeInputLimit(t *testing.T) {
	in := &endless{}
	var out, errb bytes.Buffer
	code := run([]string{"sanitize"}, in, &out, &errb)
	assert.Equal(t, 1, code)
	assert.Contains(t, errb.String(), "input larger than 10485760 bytes (10 MiB)")
	assert.Empty(t, out.String())
	assert.LessOrEqual(t, in.n, int64(10<<20+64<<10), "read %d bytes", in.n)

	// Exactly at the limit is fine.
	code = run([]string{"sanitize", "--policy", "text"}, strings.NewReader(strings.Repeat("a", 10<<20)), &out, &errb)
	assert.Equal(t, 0, code, errb.String())
}

// TestHugeHeadlineCommands: a 9 MB headline of bidi controls is refused by
// every command at once, naming the field.
func TestHugeHeadlineCommands(t *testing.T) {
	doc := strings.Replace(string(sample.JSON()),
		`"headline": "Kestrel Bay council votes to switch off seafront face-scanning cameras"`,
		`"headline": "`+strings.Repeat("\u202e\u2066\u202c", 1<<20)+`"`, 1)
	require.Greater(t, len(doc), 9<<20)
	path := filepath.Join(t.TempDir(), "huge.json")
	require.NoError(t, os.WriteFile(path, []byte(doc), 0o644))
	for _, cmd := range []string{"render", "meta", "share", "validate"} {
		t.Run(cmd, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", cmd, path)
			assert.Equal(t, 1, code)
			assert.Contains(t, stdout+stderr, "headline: 9437184 bytes; the limit is 2000 [too_large]")
			assert.Less(t, len(stdout), 4096, "nothing big is written")
		})
	}
}

// TestDroppedTextWarning: an unclosed <style> inside MathML used to drop
// the rest of the body without a word; now every command says so.
func TestDroppedTextWarning(t *testing.T) {
	doc := strings.Replace(string(sample.JSON()), `<h2>What the audit found</h2>`, `<math><style>x</math><h2>What the audit found</h2>`, 1)
	require.NotEqual(t, string(sample.JSON()), doc)
	code, stdout, stderr := runCLI(t, doc, "validate", "-")
	assert.Equal(t, 0, code, "a warning: the page is still safe")
	assert.Contains(t, stdout, "stdin: warning: body: unclosed <style> at byte")
	assert.Contains(t, stdout, "[dropped_text]")
	assert.Empty(t, stderr)

	code, _, stderr = runCLI(t, doc, "render", "-")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "warning: body: unclosed <style>")
}
