package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
)

func TestTimeZoneFlag(t *testing.T) {
	// The sample is published in November (GMT in London); summer.json is
	// the same article in July (BST).
	summer := filepath.Join(t.TempDir(), "summer.json")
	require.NoError(t, os.WriteFile(summer, []byte(strings.ReplaceAll(string(sample.JSON()), "2026-11-26T", "2026-07-26T")), 0o644))
	out := filepath.Join(t.TempDir(), "card.png")
	runCLICases(t, []cliCase{
		{name: "render own offset", args: []string{"render", "--no-ticker"}, stdout: `<time datetime="2026-11-26T09:30:00Z">26 November 2026, 09:30 UTC</time>`},
		{name: "render London winter", args: []string{"render", "--no-ticker", "--time-zone", "Europe/London"}, stdout: `<time datetime="2026-11-26T09:30:00Z">26 November 2026, 09:30 GMT</time>`},
		{name: "render London summer", args: []string{"render", "--no-ticker", "--time-zone", "Europe/London", summer}, stdout: `<time datetime="2026-07-26T09:30:00Z">26 July 2026, 10:30 BST</time>`},
		{name: "render Paris", args: []string{"render", "--fragment", "--time-zone=Europe/Paris"}, stdout: `<time datetime="2026-11-26T11:05:00Z">26 November 2026, 12:05 CET</time>`},
		{name: "render bad zone", args: []string{"render", "--time-zone", "Mars/Olympus"}, code: 2, stderr: `--time-zone: "Mars/Olympus" is not an IANA time zone name`},
		{name: "render local is not a zone", args: []string{"render", "--time-zone", "Local"}, code: 2, stderr: `--time-zone: "Local"`},
		{name: "meta bad zone", args: []string{"meta", "--time-zone", "Europe/Londres"}, code: 2, stderr: `--time-zone: "Europe/Londres"`},
		{name: "meta London", args: []string{"meta", "--time-zone", "Europe/London"}, stdout: `<meta property="article:published_time" content="2026-11-26T09:30:00Z">`},
		{name: "card bad zone", args: []string{"card", "-o", out, "--time-zone", "Nowhere/Else"}, code: 2, stderr: `--time-zone: "Nowhere/Else"`},
		{name: "card London", args: []string{"card", "-o", out, "--no-system-fonts", "--time-zone", "Europe/London"}},
		{name: "serve bad zone", args: []string{"serve", "--time-zone", "Mars/Olympus", "testdata"}, code: 2, stderr: `--time-zone: "Mars/Olympus"`},
		{name: "build bad zone", args: []string{"build", "--out", t.TempDir(), "--time-zone", "Mars/Olympus", "testdata"}, code: 2, stderr: `--time-zone: "Mars/Olympus"`},
	})
}

// TestTimeZoneCard checks that the card's footer date follows --time-zone:
// 09:30 UTC on 26 November is the same day in London and Paris and
// the evening before (25 November, 22:30) at UTC-11.
func TestTimeZoneCard(t *testing.T) {
	dir := t.TempDir()
	paris, pagoPago, london := filepath.Join(dir, "paris.png"), filepath.Join(dir, "pagoPago.png"), filepath.Join(dir, "london.png")
	for _, c := range [][]string{
		{"card", "--no-system-fonts", "-o", paris, "--time-zone", "Europe/Paris"},
		{"card", "--no-system-fonts", "-o", pagoPago, "--time-zone", "Pacific/Pago_Pago"},
		{"card", "--no-system-fonts", "-o", london, "--time-zone", "Europe/London"},
	} {
		code, _, stderr := runCLI(t, "", c...)
		require.Equal(t, 0, code, stderr)
	}
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		return b
	}
	require.Equal(t, read(paris), read(london), "the same day in London and Paris: the same card")
	require.NotEqual(t, read(london), read(pagoPago), "25 November at UTC-11: another date in the footer")
}
