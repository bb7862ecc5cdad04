package sanitize

import (
	"fmt"
	"net/url"
	"strings"
)

// WithBaseURL returns a copy of p whose links are judged against base
// instead of Options.BaseURL: relative URLs resolve against it and links to
// other origins are foreign. It is cheap (no policy is rebuilt), so a
// renderer can build its policies once and give each article its own URL.
// p is not modified. It fails, wrapping ErrOptions, when base is not an
// absolute http(s) URL.
func (p *Policy) WithBaseURL(base string) (*Policy, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("%w: BaseURL %q must be an absolute http or https URL", ErrOptions, base)
	}
	c := *p
	c.base = u
	c.origin = strings.ToLower(u.Scheme + "://" + u.Host)
	return &c, nil
}
