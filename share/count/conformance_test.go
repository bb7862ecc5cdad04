package count

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ttCase is one case of twitter-text's conformance files. Expected holds
// the raw YAML: a scalar, an inline list, or the lines of a nested block.
type ttCase struct {
	Description string
	Text        string
	Expected    string
	Block       []string
}

// readConformance reads the subset of YAML twitter-text's conformance
// files use: groups of cases with double-quoted strings.
func readConformance(t *testing.T, name string) map[string][]ttCase {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "twitter-text", name))
	require.NoError(t, err)
	defer f.Close()
	groups := map[string][]ttCase{}
	var group string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		indent := len(line) - len(strings.TrimLeft(line, " "))
		switch {
		case trimmed == "" || trimmed == "tests:" || strings.HasPrefix(trimmed, "#"):
		case indent == 2 && strings.HasSuffix(trimmed, ":"):
			group = strings.TrimSuffix(trimmed, ":")
		case indent == 4 && strings.HasPrefix(trimmed, "- description:"):
			groups[group] = append(groups[group], ttCase{Description: yamlString(t, strings.TrimPrefix(trimmed, "- description:"))})
		case indent == 6 && strings.HasPrefix(trimmed, "text:"):
			c := &groups[group][len(groups[group])-1]
			c.Text = yamlString(t, strings.TrimPrefix(trimmed, "text:"))
		case indent == 6 && strings.HasPrefix(trimmed, "expected:"):
			c := &groups[group][len(groups[group])-1]
			c.Expected = strings.TrimSpace(strings.TrimPrefix(trimmed, "expected:"))
		case indent >= 8:
			c := &groups[group][len(groups[group])-1]
			c.Block = append(c.Block, trimmed)
		default:
			require.FailNowf(t, "failed", "%s: unexpected line %q", name, line)
		}
	}
	require.NoError(t, sc.Err())
	return groups
}

// yamlString decodes a YAML double-quoted scalar.
func yamlString(t *testing.T, s string) string {
	t.Helper()
	s = strings.TrimSpace(s)
	require.True(t, len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"', "not double-quoted: %s", s)
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		i++
		require.Less(t, i, len(s))
		hex := 0
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case '"', '\\', '/', ' ':
			b.WriteByte(s[i])
		case 'x':
			hex = 2
		case 'u':
			hex = 4
		case 'U':
			hex = 8
		default:
			require.FailNowf(t, "failed", "unknown escape \\%c", s[i])
		}
		if hex > 0 {
			v, err := strconv.ParseUint(s[i+1:i+1+hex], 16, 32)
			require.NoError(t, err)
			b.WriteRune(rune(v))
			i += hex
		}
	}
	return b.String()
}

var (
	// twitter-text's config/v1.json (the 140-character era: every code
	// point 1, URLs 23) and config/v2.json (v3 without emoji parsing), as
	// its conformance runners pair them with the test groups.
	xV1 = xConfig{maxLength: 140, scale: 1, defaultWeight: 1, urlLength: 23}
	xV2 = xConfig{maxLength: 280, scale: 100, defaultWeight: 200, urlLength: 23, ranges: xV3.ranges}
)

func TestConformanceValidateTweets(t *testing.T) {
	cases := readConformance(t, "validate.yml")["tweets"]
	require.Len(t, cases, 8)
	for _, c := range cases {
		got := xParse(c.Text, &xV1).Valid
		assert.Equal(t, c.Expected == "true", got, "%s: valid(%q)", c.Description, c.Text)
	}
}

func TestConformanceWeighted(t *testing.T) {
	groups := readConformance(t, "validate.yml")
	configs := map[string]*xConfig{
		"WeightedTweetsCounterTest":                    &xV2,
		"WeightedTweetsWithDiscountedEmojiCounterTest": &xV3,
		"UnicodeDirectionalMarkerCounterTest":          &xV3,
	}
	total := 0
	for group, cfg := range configs {
		cases := groups[group]
		require.NotEmpty(t, cases, group)
		for _, c := range cases {
			total++
			want := map[string]string{}
			for _, l := range c.Block {
				k, v, ok := strings.Cut(l, ":")
				require.True(t, ok, l)
				want[k] = strings.TrimSpace(v)
			}
			got := xParse(c.Text, cfg)
			gotMap := map[string]string{
				"weightedLength":    strconv.Itoa(got.WeightedLength),
				"valid":             strconv.FormatBool(got.Valid),
				"permillage":        strconv.Itoa(got.Permillage),
				"displayRangeStart": strconv.Itoa(got.DisplayRangeStart),
				"displayRangeEnd":   strconv.Itoa(got.DisplayRangeEnd),
				"validRangeStart":   strconv.Itoa(got.ValidRangeStart),
				"validRangeEnd":     strconv.Itoa(got.ValidRangeEnd),
			}
			assert.Equal(t, want, gotMap, "%s/%s: parse(%q)", group, c.Description, c.Text)
		}
	}
	assert.Equal(t, 44, total)
}

// urlStrings returns the URLs extractURLs finds in text, with their
// indices in code points (the conformance files' unit).
func urlStrings(text string) ([]string, [][2]int) {
	t := toUTF16(text, isASCII(text))
	var urls []string
	var idx [][2]int
	for _, sp := range extractURLs(t) {
		s := string(utf16Decode(t[sp.start:sp.end]))
		urls = append(urls, s)
		pre := string(utf16Decode(t[:sp.start]))
		a := utf8.RuneCountInString(pre)
		idx = append(idx, [2]int{a, a + utf8.RuneCountInString(s)})
	}
	return urls, idx
}

func inlineList(t *testing.T, s string) []string {
	t.Helper()
	s = strings.TrimSpace(s)
	require.True(t, strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"), s)
	s = strings.TrimSpace(s[1 : len(s)-1])
	if s == "" {
		return nil
	}
	var out []string
	for _, part := range splitQuoted(s) {
		out = append(out, yamlString(t, part))
	}
	return out
}

// splitQuoted splits `"a", "b, c"` at the commas between quoted strings.
func splitQuoted(s string) []string {
	var out []string
	in, start := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && in:
			i++
		case s[i] == '"':
			in = !in
		case s[i] == ',' && !in:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

func TestConformanceExtractURLs(t *testing.T) {
	groups := readConformance(t, "extract.yml")
	n := 0
	for _, group := range []string{"urls", "urls_with_directional_markers", "tco_urls_with_params"} {
		for _, c := range groups[group] {
			n++
			var want []string
			if c.Expected != "" {
				want = inlineList(t, c.Expected)
			} else {
				for _, l := range c.Block {
					if u, ok := strings.CutPrefix(l, "- url:"); ok {
						want = append(want, yamlString(t, u))
					}
				}
			}
			got, _ := urlStrings(c.Text)
			assert.Equal(t, want, got, "%s/%s: extract(%q)", group, c.Description, c.Text)
		}
	}
	for _, c := range groups["urls_with_indices"] {
		n++
		var want []string
		var wantIdx [][2]int
		for _, l := range c.Block {
			if u, ok := strings.CutPrefix(l, "- url:"); ok {
				want = append(want, yamlString(t, u))
			}
			if ix, ok := strings.CutPrefix(l, "indices:"); ok {
				parts := strings.Split(strings.Trim(strings.TrimSpace(ix), "[]"), ",")
				a, _ := strconv.Atoi(strings.TrimSpace(parts[0]))
				b, _ := strconv.Atoi(strings.TrimSpace(parts[1]))
				wantIdx = append(wantIdx, [2]int{a, b})
			}
		}
		got, gotIdx := urlStrings(c.Text)
		assert.Equal(t, want, got, "urls_with_indices/%s", c.Description)
		assert.Equal(t, wantIdx, gotIdx, "urls_with_indices/%s", c.Description)
	}
	assert.Equal(t, 91+2+5+10, n)
}
