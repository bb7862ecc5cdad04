package main

import (
	"bytes"
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

// runCLI runs the command line in process and returns its exit status and
// streams.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// cliCase is one command line and what it must produce: the exit status,
// and text that standard output and standard error must contain.
type cliCase struct {
	name   string
	args   []string
	code   int
	stdout string
	stderr string
}

// runCLICases runs each case in process as a subtest.
func runCLICases(t *testing.T, cases []cliCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", tt.args...)
			assert.Equal(t, tt.code, code, "stdout=%s stderr=%s", stdout, stderr)
			assert.Contains(t, stdout, tt.stdout)
			assert.Contains(t, stderr, tt.stderr)
		})
	}
}

func TestUsage(t *testing.T) {
	runCLICases(t, []cliCase{
		{"no command", nil, 2, "", "usage: broadsheet COMMAND"},
		{"help", []string{"--help"}, 0, "commands:", ""},
		{"unknown command", []string{"tweet"}, 2, "", `unknown command "tweet"`},
		{"unknown flag", []string{"validate", "--colour"}, 2, "", "flag provided but not defined: -colour"},
		{"bad format", []string{"validate", "--format", "xml"}, 2, "", "--format must be text or json"},
		{"command help", []string{"validate", "--help"}, 0, "usage: broadsheet validate", ""},
		{"missing file", []string{"validate", "no-such.json"}, 1, "no such file", ""},
	})
}

func TestValidateSample(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "validate")
	assert.Equal(t, 0, code)
	assert.Equal(t, "sample: ok, no findings\n", stdout)
	assert.Empty(t, stderr)
}

func TestValidateStdin(t *testing.T) {
	code, stdout, _ := runCLI(t, string(sample.JSON()), "validate", "-")
	assert.Equal(t, 0, code)
	assert.Equal(t, "stdin: ok, no findings\n", stdout)
}

// TestValidateBroken is the acceptance case: a relative URL, a
// missing date, a javascript: image URL, an unknown field, bad handles and
// a date without offset, all reported with paths, exit 1.
func TestValidateBroken(t *testing.T) {
	path := filepath.Join("testdata", "broken.json")
	code, stdout, _ := runCLI(t, "", "validate", path)
	assert.Equal(t, 1, code)
	golden.Assert(t, "broken.txt", []byte(stdout))
	for _, want := range []string{
		"error: url: \"/local/harbour-wall\" is relative",
		"error: published: required",
		"error: image.url: scheme \"javascript:\" is not allowed",
		"error: authors[0].twiter: unknown field",
		"error: authors[0].x: \"not a handle!\" is not an X handle",
		"error: modified: \"2026-11-26T11:05:00\" has no UTC offset",
	} {
		assert.Contains(t, stdout, path+": "+want)
	}

	code, stdout, _ = runCLI(t, "", "validate", "--format", "json", path, "")
	assert.Equal(t, 1, code)
	var results []struct {
		Article  string
		Valid    bool
		Findings []struct{ Path, Code, Severity, Message string }
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &results))
	require.Len(t, results, 2)
	assert.False(t, results[0].Valid)
	assert.Len(t, results[0].Findings, 19)
	assert.Equal(t, "authors[0].twiter", results[0].Findings[1].Path)
	assert.Equal(t, "unknown_field", results[0].Findings[1].Code)
	assert.Equal(t, "error", results[0].Findings[1].Severity)
	assert.True(t, results[1].Valid)
	assert.Equal(t, "sample", results[1].Article)
}

func TestValidateSyntaxError(t *testing.T) {
	code, stdout, _ := runCLI(t, `{"headline": "x",}`, "validate", "-")
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "stdin: article: invalid JSON at byte")
}

func TestOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.txt")
	code, stdout, _ := runCLI(t, "", "validate", "-o", out)
	require.Equal(t, 0, code)
	assert.Empty(t, stdout)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "sample: ok, no findings\n", string(b))
}

func TestFlagsAfterArguments(t *testing.T) {
	code, stdout, _ := runCLI(t, "", "validate", filepath.Join("testdata", "broken.json"), "--format", "json")
	assert.Equal(t, 1, code)
	assert.True(t, strings.HasPrefix(stdout, "["), "flags after the ARTICLE must still apply: %s", stdout)
}
