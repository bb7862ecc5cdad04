package serve

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWithStyleHashes(t *testing.T) {
	h := []string{"'sha256-AAA='", "'sha256-BBB='"}
	tests := []struct {
		name, csp string
		hashes    []string
		want      string
	}{
		{"no style-src", "default-src 'none'; frame-ancestors 'none'", h,
			"default-src 'none'; frame-ancestors 'none'; style-src 'sha256-AAA=' 'sha256-BBB='"},
		{"trailing semicolon", "default-src 'none';", h[:1], "default-src 'none'; style-src 'sha256-AAA='"},
		{"style-src to extend", "default-src 'none'; style-src 'self'; img-src https:", h[:1],
			"default-src 'none'; style-src 'self' 'sha256-AAA='; img-src https:"},
		{"style-src-elem too, any case", "Style-Src 'self'; style-src-elem https:", h[:1],
			"Style-Src 'self' 'sha256-AAA='; style-src-elem https: 'sha256-AAA='"},
		{"unsafe-inline chosen", "default-src 'none'; style-src 'UNSAFE-INLINE'", h,
			"default-src 'none'; style-src 'UNSAFE-INLINE'"},
		{"no hashes", "default-src 'none'", nil, "default-src 'none'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, withStyleHashes(tt.csp, tt.hashes))
		})
	}
	c := &styleCSPs{base: "default-src 'none'"}
	a := c.get(h[:1])
	assert.Equal(t, []string{"default-src 'none'; style-src 'sha256-AAA='"}, a)
	assert.Same(t, &a[0], &c.get(h[:1])[0], "kept")
	assert.Equal(t, []string{"default-src 'none'; style-src 'sha256-AAA=' 'sha256-BBB='"}, c.get(h))
	assert.Len(t, indexStyleHashes(), 1)
}
