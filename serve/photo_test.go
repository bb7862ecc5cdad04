package serve_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/serve"
)

// leadJPEG is a 1600×900 JPEG with a gradient: the sample's lead image.
func leadJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1600, 900))
	for y := range 900 {
		for x := range 1600 {
			img.Set(x, y, color.RGBA{uint8(x / 7), uint8(y / 4), 120, 255})
		}
	}
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}))
	return b.Bytes()
}

// TestPhotoCards serves photo-layout cards from lead images read by
// LeadImageFS: a JPEG of exactly the asked size, cached and conditional
// like any card, and clear 4xx/5xx answers for what cannot be drawn.
func TestPhotoCards(t *testing.T) {
	id := sample.Article().ID
	fsys := fstest.MapFS{
		"media/2026/11/promenade-cameras.jpg": {Data: leadJPEG(t)},
	}
	var errs atomic.Int32
	_, srv := newServer(t, collection(t), serve.Options{
		LeadImage: serve.LeadImageFS(fsys),
		OnError:   func(*http.Request, error) { errs.Add(1) },
	})

	r := do(t, "GET", srv.URL+"/cards/"+id+"/1200x630-photo.jpg")
	require.Equal(t, 200, r.status, string(r.body))
	assert.Equal(t, "image/jpeg", r.header.Get("Content-Type"))
	cfg, format, err := image.DecodeConfig(bytes.NewReader(r.body))
	require.NoError(t, err)
	assert.Equal(t, "jpeg", format)
	assert.Equal(t, [2]int{1200, 630}, [2]int{cfg.Width, cfg.Height})
	tag := r.header.Get("ETag")
	require.NotEmpty(t, tag)
	assert.Equal(t, 304, do(t, "GET", srv.URL+"/cards/"+id+"/1200x630-photo.jpg", "If-None-Match", tag).status)

	sq := do(t, "GET", srv.URL+"/cards/"+id+"/1080x1080-photo.jpg")
	require.Equal(t, 200, sq.status, string(sq.body))
	cfg, _, err = image.DecodeConfig(bytes.NewReader(sq.body))
	require.NoError(t, err)
	assert.Equal(t, [2]int{1080, 1080}, [2]int{cfg.Width, cfg.Height})

	for _, tc := range []struct {
		name, path string
		status     int
		contains   string
	}{
		{"photo card as png", "/cards/" + id + "/1200x630-photo.png", 404, "photo card is .jpg"},
		{"standard card as jpg", "/cards/" + id + "/1200x630-standard.jpg", 404, "standard card is .png"},
		{"article without a lead image", "/cards/ferry-cuts/1200x630-photo.jpg", 404, "no lead image"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, "GET", srv.URL+tc.path)
			assert.Equal(t, tc.status, r.status, string(r.body))
			assert.Contains(t, string(r.body), tc.contains)
		})
	}
	assert.Zero(t, errs.Load(), "no 5xx so far")

	// The file is missing: 404. The file is not an image: 502, reported.
	_, missing := newServer(t, collection(t), serve.Options{LeadImage: serve.LeadImageFS(fstest.MapFS{})})
	r = do(t, "GET", missing.URL+"/cards/"+id+"/1200x630-photo.jpg")
	assert.Equal(t, 404, r.status, string(r.body))
	assert.Contains(t, string(r.body), "lead image")

	_, broken := newServer(t, collection(t), serve.Options{
		LeadImage: serve.LeadImageFS(fstest.MapFS{"media/2026/11/promenade-cameras.jpg": {Data: []byte("not a picture")}}),
		OnError:   func(*http.Request, error) { errs.Add(1) },
	})
	r = do(t, "GET", broken.URL+"/cards/"+id+"/1200x630-photo.jpg")
	assert.Equal(t, 502, r.status, string(r.body))
	assert.Equal(t, "no-store", r.header.Get("Cache-Control"))
	assert.EqualValues(t, 1, errs.Load())

	_, failing := newServer(t, collection(t), serve.Options{
		LeadImage: func(context.Context, *article.Article) ([]byte, error) { return nil, errors.New("origin timed out") },
	})
	assert.Equal(t, 502, do(t, "GET", failing.URL+"/cards/"+id+"/1200x630-photo.jpg").status)
}

// TestLeadImageFS maps image URLs to files by path only, and never
// outside the file system.
func TestLeadImageFS(t *testing.T) {
	fsys := fstest.MapFS{
		"media/a.jpg": {Data: []byte("jpeg bytes")},
		"media/dir":   {Mode: fs.ModeDir},
	}
	get := serve.LeadImageFS(fsys)
	for _, tc := range []struct {
		name, url string
		want      string // "" means an error wrapping fs.ErrNotExist
	}{
		{"path of the site's URL", "https://news.example.com/media/a.jpg", "jpeg bytes"},
		{"any host: the path is what counts", "https://cdn.example.net/media/a.jpg", "jpeg bytes"},
		{"escaped path", "https://news.example.com/media/%61.jpg", "jpeg bytes"},
		{"missing", "https://news.example.com/media/b.jpg", ""},
		{"dot-dot", "https://news.example.com/media/../../etc/passwd", ""},
		{"escaped dot-dot", "https://news.example.com/media/%2e%2e/%2e%2e/etc/passwd", ""},
		{"backslash", "https://news.example.com/media%5c..%5cetc", ""},
		{"root", "https://news.example.com/", ""},
		{"folder", "https://news.example.com/media/dir", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := sample.Article()
			a.Image.URL = tc.url
			b, err := get(context.Background(), a)
			if tc.want == "" {
				require.ErrorIs(t, err, fs.ErrNotExist)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(b))
		})
	}
	a := sample.Article()
	a.Image = nil
	_, err := get(context.Background(), a)
	require.ErrorIs(t, err, fs.ErrNotExist)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = get(ctx, sample.Article())
	require.ErrorIs(t, err, context.Canceled)
}
