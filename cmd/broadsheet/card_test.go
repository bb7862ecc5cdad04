package main

import (
	"bytes"
	"image"
	"image/color"
	_ "image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCardCommand(t *testing.T) {
	dir := t.TempDir()
	photo := filepath.Join(dir, "lead.png")
	img := image.NewRGBA(image.Rect(0, 0, 800, 500))
	for i := range img.Pix {
		img.Pix[i] = uint8(i / 7)
	}
	img.SetRGBA(0, 0, color.RGBA{255, 0, 0, 255})
	var pb bytes.Buffer
	require.NoError(t, png.Encode(&pb, img))
	require.NoError(t, os.WriteFile(photo, pb.Bytes(), 0o644))

	tests := []struct {
		name   string
		args   []string
		code   int
		format string
		w, h   int
		stderr string
	}{
		{"sample to stdout", []string{"card"}, 0, "png", 1200, 630, ""},
		{"x preset", []string{"card", "--size", "x"}, 0, "png", 1200, 675, ""},
		{"square keypoint", []string{"card", "--size", "square", "--layout", "keypoint", "--keypoint", "2"}, 0, "png", 1080, 1080, ""},
		{"custom size jpeg", []string{"card", "--size", "800x418", "--format", "jpeg"}, 0, "jpeg", 800, 418, ""},
		{"photo", []string{"card", "--layout", "photo", "--image", photo}, 0, "jpeg", 1200, 630, ""},
		{"photo without image", []string{"card", "--layout", "photo"}, 2, "", 0, 0, "needs --image"},
		{"bad size", []string{"card", "--size", "huge"}, 2, "", 0, 0, "--size"},
		{"bad layout", []string{"card", "--layout", "poster"}, 2, "", 0, 0, "unknown layout"},
		{"no such key point", []string{"card", "--layout", "keypoint", "--keypoint", "9"}, 1, "", 0, 0, "no such key point"},
		{"bad font", []string{"card", "--fallback", photo}, 1, "", 0, 0, "unusable font"},
		{"missing glyphs fail", []string{"card", "--no-system-fonts", "-"}, 1, "", 0, 0, "no font can draw some text"},
		{"missing glyphs allowed warn", []string{"card", "--no-system-fonts", "--allow-missing-glyphs", "-"}, 0, "png", 1200, 630, "warning: no font has"},
		{"article without key points", []string{"card", "--layout", "keypoint", "-"}, 1, "", 0, 0, "card: no such key point: the article has no key points"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := ""
			if tt.args[len(tt.args)-1] == "-" {
				stdin = `{"url":"https://news.example.com/a","headline":"தமிழ் headline","body":"<p>x</p>","published":"2026-11-26T09:30:00Z"}`
			}
			code, stdout, stderr := runCLI(t, stdin, tt.args...)
			require.Equal(t, tt.code, code, "stderr=%s", stderr)
			assert.Contains(t, stderr, tt.stderr)
			if tt.code != 0 {
				return
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader([]byte(stdout)))
			require.NoError(t, err)
			assert.Equal(t, tt.format, format)
			assert.Equal(t, tt.w, cfg.Width)
			assert.Equal(t, tt.h, cfg.Height)
		})
	}
}

func TestCardToFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "card.png")
	code, stdout, stderr := runCLI(t, "", "card", "-o", out)
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stdout)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("\x89PNG")))
}
