package main

import (
	"bytes"
	"image"
	"image/jpeg"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls until cond holds or five seconds pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var listening = regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`)

// startServe runs broadsheet serve in process on a free loopback port and
// returns its base URL, its stderr and its exit status channel.
func startServe(t *testing.T, args ...string) (string, *syncBuffer, chan int) {
	t.Helper()
	var stdout, stderr syncBuffer
	code := make(chan int, 1)
	go func() {
		code <- run(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), &stdout, &stderr)
	}()
	var base string
	waitFor(t, "the server to listen", func() bool {
		select {
		case c := <-code:
			code <- c
			t.Fatalf("serve exited with %d: %s", c, stderr.String())
		default:
		}
		m := listening.FindStringSubmatch(stderr.String())
		if m != nil {
			base = m[1]
		}
		return m != nil
	})
	return base, &stderr, code
}

func fetch(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func stopServe(t *testing.T, code chan int) {
	t.Helper()
	require.NoError(t, syscall.Kill(syscall.Getpid(), syscall.SIGINT))
	select {
	case c := <-code:
		assert.Equal(t, 0, c, "a graceful stop exits 0")
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop on SIGINT")
	}
}

func TestServeSample(t *testing.T) {
	base, stderr, code := startServe(t)
	status, body := fetch(t, base+"a/kestrel-bay-camera-vote")
	assert.Equal(t, 200, status)
	assert.Contains(t, body, "Kestrel Bay council votes")
	status, body = fetch(t, base+"healthz")
	assert.Equal(t, 200, status)
	assert.Equal(t, "ok\n", body)
	status, _ = fetch(t, base+"cards/kestrel-bay-camera-vote/1200x630-standard.png")
	assert.Equal(t, 200, status)
	stopServe(t, code)
	assert.Contains(t, stderr.String(), "stopped")
}

// TestServeImages draws the sample's photo card from --images: its lead
// image URL's path, media/2026/11/promenade-cameras.jpg, in the folder.
func TestServeImages(t *testing.T) {
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 1600, 900))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var jpg bytes.Buffer
	require.NoError(t, jpeg.Encode(&jpg, img, nil))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "media", "2026", "11"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "media", "2026", "11", "promenade-cameras.jpg"), jpg.Bytes(), 0o644))

	base, _, code := startServe(t, "--images", dir)
	status, body := fetch(t, base+"cards/kestrel-bay-camera-vote/1200x630-photo.jpg")
	require.Equal(t, 200, status, body)
	cfg, format, err := image.DecodeConfig(strings.NewReader(body))
	require.NoError(t, err)
	assert.Equal(t, "jpeg", format)
	assert.Equal(t, [2]int{1200, 630}, [2]int{cfg.Width, cfg.Height})
	stopServe(t, code)
}

func TestServeFolderReloads(t *testing.T) {
	dir := t.TempDir()
	doc := string(sample.JSON())
	a := sample.Article()
	site := a.Site
	require.NotNil(t, site)
	// The site lives in site.json; the article inherits it.
	cfg := `{"name": "` + site.Name + `", "url": "` + site.URL + `"}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "site.json"), []byte(cfg), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "articles"), 0o755))
	story := filepath.Join(dir, "articles", "story.json")
	require.NoError(t, os.WriteFile(story, []byte(doc), 0o644))

	base, stderr, code := startServe(t, "--site", filepath.Join(dir, "site.json"), "--watch", "50ms", filepath.Join(dir, "articles"))
	status, body := fetch(t, base+"a/kestrel-bay-camera-vote")
	require.Equal(t, 200, status)
	assert.Contains(t, body, "Kestrel Bay council votes")

	// A changed file is picked up by the poll.
	changed := strings.Replace(doc, "Kestrel Bay council votes", "Kestrel Bay councillors vote", 1)
	require.NoError(t, os.WriteFile(story, []byte(changed), 0o644))
	later := time.Now().Add(2 * time.Second)
	require.NoError(t, os.Chtimes(story, later, later))
	waitFor(t, "the reload", func() bool {
		_, body := fetch(t, base+"a/kestrel-bay-camera-vote")
		return strings.Contains(body, "Kestrel Bay councillors vote")
	})

	// A broken file keeps the previous articles, and says why.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "articles", "broken.json"), []byte(`{"headline": `), 0o644))
	require.NoError(t, syscall.Kill(syscall.Getpid(), syscall.SIGHUP))
	waitFor(t, "the failed reload", func() bool { return strings.Contains(stderr.String(), "still serving the previous articles") })
	assert.Contains(t, stderr.String(), "broken.json")
	status, _ = fetch(t, base+"a/kestrel-bay-camera-vote")
	assert.Equal(t, 200, status)
	stopServe(t, code)
}

func TestServeBadInput(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"headline": 1}`), 0o644))
	runCLICases(t, []cliCase{
		{name: "bad file", args: []string{"serve", "--addr", "127.0.0.1:0", filepath.Join(dir, "bad.json")}, code: 1, stderr: "bad.json: headline: "},
		{name: "missing path", args: []string{"serve", "--addr", "127.0.0.1:0", filepath.Join(dir, "nope")}, code: 1, stderr: "nope"},
		{name: "bad public url", args: []string{"serve", "--addr", "127.0.0.1:0", "--public-url", "ftp://x"}, code: 1, stderr: "PublicURL"},
		{name: "negative watch", args: []string{"serve", "--watch", "-1s"}, code: 2, stderr: "--watch"},
		{name: "bad flag", args: []string{"serve", "--nope"}, code: 2, stderr: "nope"},
		{name: "images not a folder", args: []string{"serve", "--images", filepath.Join(dir, "nope")}, code: 2, stderr: "--images"},
	})
}

func TestServeFindsSiteJSON(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "site.json"), []byte(`{"name": "Folder Gazette", "url": "https://news.example.com/"}`), 0o644))
	a := sample.Article()
	a.Site = nil
	var b bytes.Buffer
	require.NoError(t, a.Encode(&b))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "story.json"), b.Bytes(), 0o644))
	// A second article with a warning (no standfirst).
	wa := sample.Article()
	wa.ID, wa.URL, wa.Site, wa.Standfirst = "warned", "https://news.example.com/local/warned", nil, ""
	var w bytes.Buffer
	require.NoError(t, wa.Encode(&w))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "warned.json"), w.Bytes(), 0o644))
	base, stderr, code := startServe(t, dir)
	status, body := fetch(t, base)
	assert.Equal(t, 200, status)
	assert.Contains(t, body, "Folder Gazette", "site.json in the folder is the configuration")
	assert.Contains(t, stderr.String(), "warned.json: standfirst: ", "warnings are listed with file and field")
	stopServe(t, code)
}
