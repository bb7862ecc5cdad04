package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/broadsheet/broadsheet/internal/testenv"
)

// buildSources writes site.json and n Markdown articles (original
// fiction) into a new folder.
func buildSources(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "site.json"),
		[]byte(`{"name": "The Kestrel Courier", "url": "https://news.example.com/"}`), 0o644))
	for i := range n {
		md := fmt.Sprintf(`---
id: tide-%03d
url: https://news.example.com/coast/tide-%03d
headline: Tide gauge %d reads higher than forecast
standfirst: The harbour master says the gauge is working and the sea is simply higher.
section: Coast
language: en-GB
published: 2026-11-%02dT%02d:00:00Z
authors:
  - name: Ines Varga
---
The gauge at the north pier read *twelve centimetres* above the forecast.
`, i, i, i, 1+i%27, i%24)
		require.NoError(t, os.WriteFile(filepath.Join(dir, fmt.Sprintf("tide-%03d.md", i)), []byte(md), 0o644))
	}
	return dir
}

func TestBuildCommand(t *testing.T) {
	src := buildSources(t, 3)
	bad := buildSources(t, 2)
	require.NoError(t, os.WriteFile(filepath.Join(bad, "broken.md"), []byte("---\nid: broken\nurl: https://news.example.com/x/broken\nheadline: A\nsektion: B\n---\nBody\n"), 0o644))
	runCLICases(t, []cliCase{
		{name: "no out", args: []string{"build", src}, code: 2, stderr: "--out DIR is required"},
		{name: "no source", args: []string{"build", "--out", t.TempDir()}, code: 2, stderr: "no SOURCE"},
		{name: "bad shard", args: []string{"build", "--out", t.TempDir(), "--shard", "4/4", src}, code: 2, stderr: "want I/N"},
		{name: "bad jobs", args: []string{"build", "--out", t.TempDir(), "--jobs", "-1", src}, code: 2, stderr: "--jobs"},
		{name: "summary", args: []string{"build", "--out", t.TempDir(), src}, code: 0, stderr: "3 article(s): 3 rendered, 0 up to date; listings rendered"},
		{name: "shard 1", args: []string{"build", "--out", t.TempDir(), "--shard", "1/2", src}, code: 0, stderr: "listings on shard 0"},
		{name: "broken source", args: []string{"build", "--out", t.TempDir(), bad}, code: 1, stderr: "broken.md"},
		{name: "broken source names the field", args: []string{"build", "--out", t.TempDir(), bad}, code: 1, stderr: "sektion"},
		{name: "keep going", args: []string{"build", "--keep-going", "--out", t.TempDir(), bad}, code: 1, stderr: "skipped 1 source(s):\n" + filepath.Join(bad, "broken.md")},
		{name: "keep going builds the rest", args: []string{"build", "--keep-going", "--out", t.TempDir(), bad}, code: 1, stderr: "2 article(s): 2 rendered"},
	})
	code, stdout, stderr := runCLI(t, "", "build", "--quiet", "--out", t.TempDir(), src)
	assert.Equal(t, 0, code)
	assert.Empty(t, stdout)
	assert.Empty(t, stderr)
}

// TestBuildHelperProcess is the broadsheet command in a child process, for
// the tests that signal it.
func TestBuildHelperProcess(t *testing.T) {
	if os.Getenv("BROADSHEET_HELPER_PROCESS") != "1" {
		t.Skip("helper process only")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr))
}

// startBuild starts `broadsheet build` in a child process and waits until
// it has written some articles.
func startBuild(t *testing.T, src, out string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBuildHelperProcess$", "--", "build", "--jobs", "1", "--out", out, src)
	cmd.Env = append(os.Environ(), "BROADSHEET_HELPER_PROCESS=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	deadline := time.Now().Add(2 * time.Minute)
	for {
		entries, _ := os.ReadDir(filepath.Join(out, "a"))
		if len(entries) >= 3 {
			return cmd, &stderr
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the build wrote nothing in two minutes: %s", stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// checkComplete checks that out holds exactly a clean build's files, each
// with the clean build's bytes, every page well formed.
func checkComplete(t *testing.T, src, out string) {
	t.Helper()
	clean := t.TempDir()
	code, _, stderr := runCLI(t, "", "build", "--quiet", "--out", clean, src)
	require.Equal(t, 0, code, stderr)
	n := 0
	require.NoError(t, filepath.WalkDir(clean, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".broadsheet-build.json" {
			return err
		}
		rel, _ := filepath.Rel(clean, p)
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join(out, rel))
		require.NoError(t, err, rel)
		require.Equal(t, want, got, rel)
		if strings.HasSuffix(rel, ".html") {
			_, err := html.Parse(bytes.NewReader(got))
			require.NoError(t, err, rel)
		}
		n++
		return nil
	}))
	require.NoError(t, filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		_, err = os.Stat(filepath.Join(clean, rel))
		assert.False(t, errors.Is(err, fs.ErrNotExist), "stray file %s", rel)
		return nil
	}))
	assert.Greater(t, n, 100)
}

// TestBuildInterrupted interrupts a build (SIGINT): it exits 1 saying so,
// and a rebuild finishes it.
func TestBuildInterrupted(t *testing.T) {
	testenv.SkipIfShort(t, "starts child processes")
	src := buildSources(t, 150)
	out := t.TempDir()
	cmd, stderr := startBuild(t, src, out)
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	err := cmd.Wait()
	var ee *exec.ExitError
	require.ErrorAs(t, err, &ee, "the build must not have finished: %s", stderr.String())
	assert.Equal(t, 1, ee.ExitCode())
	assert.Contains(t, stderr.String(), "interrupted; run the build again")
	code, _, errText := runCLI(t, "", "build", "--out", out, src)
	require.Equal(t, 0, code, errText)
	assert.NotContains(t, errText, " 0 rendered")
	checkComplete(t, src, out)
}

// TestBuildKilled kills a build (SIGKILL, no chance to clean up): a
// rebuild leaves every file complete and no stray temporary file.
func TestBuildKilled(t *testing.T) {
	testenv.SkipIfShort(t, "starts child processes")
	src := buildSources(t, 150)
	out := t.TempDir()
	cmd, _ := startBuild(t, src, out)
	require.NoError(t, cmd.Process.Kill())
	cmd.Wait()
	code, _, errText := runCLI(t, "", "build", "--out", out, src)
	require.Equal(t, 0, code, errText)
	checkComplete(t, src, out)
}
