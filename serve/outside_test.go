package serve_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/testenv"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

// TestNuHTMLChecker runs the Nu Html Checker (npm vnu-jar on the
// machine's Java) on the HTML the handler writes itself: the index (with
// articles and empty) and the oEmbed iframe in a minimal document. Zero
// errors and warnings; a faulty control document must be reported.
func TestNuHTMLChecker(t *testing.T) {
	testenv.SkipIfShort(t, "starts a JVM")
	java := testenv.Java(t)
	jar := filepath.Join(testenv.NodeModule(t, "vnu-jar"), "build", "dist", "vnu.jar")

	_, srv := newServer(t, collection(t), serve.Options{})
	var empty site.Live
	_, emptySrv := newServer(t, &empty, serve.Options{})
	var o struct{ HTML string }
	require.NoError(t, json.Unmarshal(do(t, "GET", srv.URL+"/oembed?url=https%3A%2F%2Fnews.example.com%2Flocal%2Fferry-cuts").body, &o))
	docs := map[string]string{
		"index.html":       string(do(t, "GET", srv.URL+"/").body),
		"empty-index.html": string(do(t, "GET", emptySrv.URL+"/").body),
		"oembed.html":      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>embed</title></head><body>" + o.HTML + "</body></html>\n",
		"control.html":     "<!DOCTYPE html>\n<html><head><title>control</title></head><body><p><div>misnested</p></body></html>\n",
	}
	dir := t.TempDir()
	var paths []string
	for name, doc := range docs {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(doc), 0o644))
		paths = append(paths, p)
	}
	cmd := exec.Command(java, append([]string{"-jar", jar, "--format", "json", "--also-check-css"}, paths...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run() // vnu reports on stderr and exits 1 when it finds anything
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
		}
	}
	require.NoError(t, json.Unmarshal([]byte(stderr.String()), &report), "vnu output: %s (run error %v)", stderr.String(), err)
	control := 0
	for _, m := range report.Messages {
		name := filepath.Base(m.URL)
		if name == "control.html" {
			control++
			continue
		}
		if m.Type == "info" && m.SubType != "warning" {
			t.Logf("%s: line %d: info: %s", name, m.LastLine, m.Message)
			continue
		}
		t.Errorf("%s: line %d: %s %s: %s (%q)", name, m.LastLine, m.Type, m.SubType, m.Message, m.Extract)
	}
	assert.Positive(t, control, "the checker reports the control document")
}
