package extract

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/andybalholm/brotli"
	"golang.org/x/net/html/charset"
)

// Defaults for fetching.
const (
	// DefaultUserAgent names the importer honestly, with where to read
	// about it.
	DefaultUserAgent = "broadsheet-import/1.0 (+https://github.com/broadsheet/broadsheet)"
	// DefaultTimeout is the whole fetch's deadline: connecting, every
	// redirect and reading the body.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxRedirects is how many redirects a fetch follows.
	DefaultMaxRedirects = 5
)

var (
	// ErrBlockedAddress is returned when a fetch would connect to a
	// loopback, private, link-local, metadata or otherwise non-public
	// address that the client was not told to allow.
	ErrBlockedAddress = errors.New("extract: address not allowed")
	// ErrTooLarge is returned when a page is over FetchOptions.MaxBytes
	// (after decompression).
	ErrTooLarge = errors.New("extract: page too large")
	// ErrTooManyRedirects is returned after more than
	// FetchOptions.MaxRedirects redirects.
	ErrTooManyRedirects = errors.New("extract: too many redirects")
	// ErrNotHTML is returned when the response is not an HTML document.
	ErrNotHTML = errors.New("extract: not an HTML page")
	// ErrStatus is wrapped by every *StatusError.
	ErrStatus = errors.New("extract: unexpected HTTP status")
)

// StatusError is returned for a final response other than 200 OK.
type StatusError struct {
	// URL is the address that answered.
	URL string
	// Code is the HTTP status code.
	Code int
	// RetryAfter is the server's Retry-After delay, when it sent one in
	// seconds; zero otherwise.
	RetryAfter time.Duration
}

// Error names the status and the URL.
func (e *StatusError) Error() string {
	return fmt.Sprintf("extract: %s answered %d %s", e.URL, e.Code, http.StatusText(e.Code))
}

// Unwrap returns ErrStatus.
func (e *StatusError) Unwrap() error { return ErrStatus }

// Temporary reports whether trying again later may succeed (429 and 5xx).
func (e *StatusError) Temporary() bool { return e.Code == http.StatusTooManyRequests || e.Code >= 500 }

// ClientOptions configures NewClient. The zero value refuses every
// non-public address.
type ClientOptions struct {
	// AllowLoopback lets the client reach 127.0.0.0/8 and ::1 (tests
	// against httptest servers, a publisher's own machine).
	AllowLoopback bool
	// AllowPrivate lets the client reach private, link-local, shared
	// (100.64/10) and other non-public addresses, including cloud
	// metadata endpoints. Use it only on a trusted intranet.
	AllowPrivate bool
}

// NewClient returns an *http.Client for Fetch whose every connection is
// checked, at dial time, against the resolved IP address (see
// DialControl): a host name that resolves, or later re-resolves, to a
// refused address is refused, so DNS rebinding is no way round the check.
// It uses no proxy (a proxy would hide the destination from the check),
// and leaves decompression to Fetch. The client has no timeout of its own;
// Fetch applies FetchOptions.Timeout.
func NewClient(opts ClientOptions) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: DialControl(opts)}
	return &http.Client{Transport: &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          16,
		IdleConnTimeout:       60 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 20 * time.Second,
		DisableCompression:    true,
	}}
}

// DialControl returns a net.Dialer Control function that refuses
// connections to addresses opts does not allow, with an error wrapping
// ErrBlockedAddress. Give it to a dialer of your own to protect a
// transport NewClient did not build.
func DialControl(opts ClientOptions) func(network, address string, c syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("%w: %q is not an IP address and port", ErrBlockedAddress, address)
		}
		if why := refused(ap.Addr(), opts); why != "" {
			return fmt.Errorf("%w: %s is %s", ErrBlockedAddress, ap.Addr(), why)
		}
		return nil
	}
}

var (
	sharedNet    = netip.MustParsePrefix("100.64.0.0/10")
	thisNet      = netip.MustParsePrefix("0.0.0.0/8")
	ietfNet      = netip.MustParsePrefix("192.0.0.0/24")
	benchNet     = netip.MustParsePrefix("198.18.0.0/15")
	reservedNet  = netip.MustParsePrefix("240.0.0.0/4")
	docNets      = []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24"), netip.MustParsePrefix("198.51.100.0/24"), netip.MustParsePrefix("203.0.113.0/24"), netip.MustParsePrefix("2001:db8::/32")}
	nat64Net     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFourNet = netip.MustParsePrefix("2002::/16")
)

// refused says why a is not allowed, or "".
func refused(a netip.Addr, opts ClientOptions) string {
	a = a.Unmap()
	// Addresses that carry an IPv4 address inside: judge that one.
	if nat64Net.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	} else if sixToFourNet.Contains(a) {
		b := a.As16()
		a = netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]})
	}
	switch {
	case a.IsLoopback():
		if opts.AllowLoopback || opts.AllowPrivate {
			return ""
		}
		return "a loopback address"
	case opts.AllowPrivate:
		return ""
	case a.IsUnspecified() || thisNet.Contains(a):
		return "an unspecified address"
	case a.IsPrivate():
		return "a private address"
	case a.IsLinkLocalUnicast():
		return "a link-local address (cloud metadata lives here)"
	case a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() || a.IsMulticast():
		return "a multicast address"
	case sharedNet.Contains(a):
		return "a shared (carrier-grade NAT) address"
	case ietfNet.Contains(a) || benchNet.Contains(a) || reservedNet.Contains(a) || a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "a reserved address"
	}
	for _, p := range docNets {
		if p.Contains(a) {
			return "a documentation address"
		}
	}
	return ""
}

// FetchOptions configures Fetch. The zero value uses the defaults.
type FetchOptions struct {
	// UserAgent is sent with every request; empty means DefaultUserAgent.
	UserAgent string
	// MaxBytes bounds the page after decompression; 0 means MaxPageBytes
	// (10 MiB).
	MaxBytes int64
	// Timeout bounds the whole fetch; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxRedirects bounds the redirects followed; 0 means
	// DefaultMaxRedirects, a negative value follows none.
	MaxRedirects int
}

// Fetched is a fetched page.
type Fetched struct {
	// URL is the page's address after redirects.
	URL string
	// HTML is the page, converted to UTF-8.
	HTML []byte
	// ContentType is the response's Content-Type header.
	ContentType string
	// Charset is the encoding the page was read in ("utf-8",
	// "windows-1252", …).
	Charset string
	// Redirects is how many redirects were followed.
	Redirects int
}

// Fetch gets one HTML page with client, which must be non-nil; build it
// with NewClient (whose dialer refuses non-public addresses) or give your
// own transport DialControl. Fetch applies a total deadline, follows at
// most MaxRedirects http(s) redirects, asks for and decodes gzip and
// brotli, stops reading past MaxBytes, refuses responses that are not
// HTML, and converts the page from its declared charset (Content-Type,
// BOM or <meta charset>) to UTF-8.
//
// The client is not modified: Fetch works on a copy with its own redirect
// policy.
func Fetch(ctx context.Context, client *http.Client, pageURL string, opts FetchOptions) (*Fetched, error) {
	if client == nil {
		return nil, fmt.Errorf("%w: Fetch needs an *http.Client (see NewClient)", ErrOptions)
	}
	u, err := url.Parse(pageURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: %q is not an absolute http(s) URL", ErrOptions, pageURL)
	}
	maxBytes, timeout, maxRedirects, ua := opts.MaxBytes, opts.Timeout, opts.MaxRedirects, opts.UserAgent
	if maxBytes <= 0 {
		maxBytes = MaxPageBytes
	}
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if maxRedirects == 0 {
		maxRedirects = DefaultMaxRedirects
	} else if maxRedirects < 0 {
		maxRedirects = 0
	}
	if ua == "" {
		ua = DefaultUserAgent
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	c := *client
	redirects := 0
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > maxRedirects {
			return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, maxRedirects)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: redirect to %q is not http(s)", ErrOptions, req.URL.Redacted())
		}
		redirects = len(via)
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("extract: fetching %s: %w", u.Redacted(), err)
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	req.Header.Set("Accept-Encoding", "gzip, br")
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("extract: fetching %s: %w", u.Redacted(), err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode != http.StatusOK {
		se := &StatusError{URL: final, Code: resp.StatusCode}
		if s := resp.Header.Get("Retry-After"); s != "" {
			var secs int
			if _, err := fmt.Sscanf(s, "%d", &secs); err == nil && secs >= 0 {
				se.RetryAfter = time.Duration(secs) * time.Second
			}
		}
		return nil, se
	}
	ct := resp.Header.Get("Content-Type")
	if ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		if mt != "text/html" && mt != "application/xhtml+xml" {
			return nil, fmt.Errorf("%w: %s is %q", ErrNotHTML, final, mt)
		}
	}
	if resp.ContentLength > maxBytes && resp.Header.Get("Content-Encoding") == "" {
		return nil, fmt.Errorf("%w: %s declares %d bytes, over the %d-byte limit", ErrTooLarge, final, resp.ContentLength, maxBytes)
	}
	var body io.Reader = resp.Body
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("extract: fetching %s: bad gzip body: %w", final, err)
		}
		defer zr.Close()
		body = zr
	case "br":
		body = brotli.NewReader(resp.Body)
	default:
		return nil, fmt.Errorf("extract: fetching %s: unsupported Content-Encoding %q", final, enc)
	}
	data, err := io.ReadAll(io.LimitReader(body, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("extract: reading %s: %w", final, err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w: %s is over the %d-byte limit", ErrTooLarge, final, maxBytes)
	}
	if ct == "" && !looksHTML(data) {
		return nil, fmt.Errorf("%w: %s has no Content-Type and does not look like HTML", ErrNotHTML, final)
	}
	enc, name, _ := charset.DetermineEncoding(data, ct)
	if name != "utf-8" {
		if conv, err := enc.NewDecoder().Bytes(data); err == nil {
			data = conv
		} else {
			return nil, fmt.Errorf("extract: decoding %s from %s: %w", final, name, err)
		}
	}
	return &Fetched{URL: final, HTML: data, ContentType: ct, Charset: name, Redirects: redirects}, nil
}

func looksHTML(b []byte) bool {
	return strings.HasPrefix(http.DetectContentType(b), "text/html") || bytes.Contains(bytes.ToLower(b[:min(len(b), 1024)]), []byte("<html"))
}
