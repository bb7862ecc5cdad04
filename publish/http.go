package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/textproto"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

// maxBody caps a response body read from a network.
const maxBody = 1 << 20

// checkBase parses a server URL and refuses anything but https, or http
// to a loopback host (127.0.0.0/8, ::1, localhost). The result has no
// trailing slash.
func checkBase(n share.Network, raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%w: %s server %q is not an absolute URL without credentials, query or fragment", ErrInsecureURL, n, raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !loopback(u.Hostname()) {
			return "", fmt.Errorf("%w: %s server %q uses http to a host that is not loopback", ErrInsecureURL, n, raw)
		}
	default:
		return "", fmt.Errorf("%w: %s server %q has scheme %q", ErrInsecureURL, n, raw, u.Scheme)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// conn is what every client shares: the caller's *http.Client, the
// network, and the secrets to keep out of errors.
type conn struct {
	hc      *http.Client
	network share.Network
	secrets *secrets
	now     func() time.Time
}

// secrets are the values to keep out of errors; clients that refresh
// tokens add to them while other calls read them.
type secrets struct {
	mu   sync.RWMutex
	list []string
}

// add adds values to redact, keeping the first (the long-lived password
// or key) and the newest ones.
func (s *secrets) add(vs ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range vs {
		if v != "" {
			s.list = append(s.list, v)
		}
	}
	if len(s.list) > 64 {
		s.list = append(s.list[:1:1], s.list[len(s.list)-32:]...)
	}
}

func newConn(hc *http.Client, n share.Network, secretValues ...string) (conn, error) {
	if hc == nil {
		return conn{}, fmt.Errorf("%w: %s: nil *http.Client", ErrConfig, n)
	}
	s := &secrets{}
	s.add(secretValues...)
	return conn{hc: hc, network: n, secrets: s, now: time.Now}, nil
}

// redact replaces every secret in s, and their URL- and JSON-escaped
// forms, with [redacted].
func (c *conn) redact(s string) string {
	c.secrets.mu.RLock()
	defer c.secrets.mu.RUnlock()
	for _, v := range c.secrets.list {
		s = strings.ReplaceAll(s, v, "[redacted]")
		if q := url.QueryEscape(v); q != v {
			s = strings.ReplaceAll(s, q, "[redacted]")
		}
		if p := url.PathEscape(v); p != v {
			s = strings.ReplaceAll(s, p, "[redacted]")
		}
	}
	return s
}

// call is one HTTP request.
type call struct {
	op     string
	method string
	url    string
	header http.Header
	body   []byte
	// ctype is the body's Content-Type.
	ctype string
	// create marks the call that makes the post: a failure after its body
	// was written is ambiguous.
	create bool
}

// reply is a response read in full (up to maxBody).
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r *reply) ok() bool { return r.status >= 200 && r.status < 300 }

// do sends c and reads the reply. A transport failure is an *Error:
// NotSent when the request was not fully written (or the call is not a
// create), Ambiguous otherwise. A reply of any status is returned as is
// for the network to classify.
func (c *conn) do(ctx context.Context, k call) (*reply, error) {
	if err := ctx.Err(); err != nil {
		return nil, c.transportErr(k.op, NotSent, err)
	}
	var wrote bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err == nil {
			wrote = true
		}
	}}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), k.method, k.url, bytes.NewReader(k.body))
	if err != nil {
		return nil, &Error{Network: c.network, Op: k.op, Outcome: Rejected, Message: c.redact(err.Error())}
	}
	if k.body == nil {
		req.Body, req.GetBody, req.ContentLength = http.NoBody, nil, 0
	}
	for key, vs := range k.header {
		req.Header[key] = vs
	}
	if k.ctype != "" {
		req.Header.Set("Content-Type", k.ctype)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "broadsheet-publish/1")
	resp, err := c.hc.Do(req)
	if err != nil {
		o := NotSent
		if wrote && k.create {
			o = Ambiguous
		}
		return nil, c.transportErr(k.op, o, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		o := NotSent
		if k.create {
			o = Ambiguous
		}
		e := c.transportErr(k.op, o, err)
		e.Status = resp.StatusCode
		return nil, e
	}
	return &reply{status: resp.StatusCode, header: resp.Header, body: body}, nil
}

// transportErr builds the *Error for a failed round trip, dropping
// *url.Error (whose text holds the URL, and Telegram's URL holds the bot
// token) and redacting what is left.
func (c *conn) transportErr(op string, o Outcome, err error) *Error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := c.redact(err.Error())
	return &Error{Network: c.network, Op: op, Outcome: o, Message: clip(msg), Err: redactedError{msg, err}}
}

// redactedError keeps the chain of a transport error (so errors.Is finds
// context.DeadlineExceeded) while its text is the redacted message.
type redactedError struct {
	msg string
	err error
}

func (e redactedError) Error() string { return e.msg }

// Is lets errors.Is see the wrapped error's identity without exposing it
// through Unwrap to errors.As, whose targets could print a secret.
func (e redactedError) Is(target error) bool { return errors.Is(e.err, target) }

// fail builds an *Error from a reply.
func (c *conn) fail(op string, r *reply, o Outcome, code, msg string) *Error {
	if msg == "" && r != nil {
		msg = http.StatusText(r.status)
	}
	e := &Error{Network: c.network, Op: op, Outcome: o, Code: c.redact(code), Message: clip(c.redact(msg))}
	if r != nil {
		e.Status = r.status
	}
	return e
}

// byStatus is the classification every network starts from: 429 not sent,
// 401 refused credentials, other 4xx rejected, anything else on a create
// ambiguous and on another call not sent.
func byStatus(status int, create bool) (Outcome, bool) {
	switch {
	case status == http.StatusTooManyRequests:
		return NotSent, false
	case status == http.StatusUnauthorized:
		return Rejected, true
	case status == http.StatusRequestTimeout:
		if create {
			return Ambiguous, false
		}
		return NotSent, false
	case status >= 400 && status < 500:
		return Rejected, false
	case create:
		return Ambiguous, false
	}
	return NotSent, false
}

// jsonBody marshals v without HTML escaping (post texts keep their & < >).
func jsonBody(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}

// multipartFile builds a multipart/form-data body with fields and one file.
func multipartFile(fields map[string]string, fileField, filename, ctype string, data []byte) ([]byte, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, fileField, filename))
	h.Set("Content-Type", ctype)
	part, _ := w.CreatePart(h)
	_, _ = part.Write(data)
	_ = w.Close()
	return b.Bytes(), w.FormDataContentType()
}

// checkImage refuses an image without data or of a type other than PNG
// or JPEG, or larger than limit bytes.
func checkImage(n share.Network, img *Image, limit int) error {
	switch {
	case len(img.Data) == 0:
		return fmt.Errorf("%w: %s image has no data", ErrBadPost, n)
	case img.Type != "image/png" && img.Type != "image/jpeg":
		return fmt.Errorf("%w: %s image type %q, want image/png or image/jpeg", ErrBadPost, n, img.Type)
	case limit > 0 && len(img.Data) > limit:
		return fmt.Errorf("%w: %s image is %d bytes, over the limit of %d", ErrBadPost, n, len(img.Data), limit)
	}
	return nil
}

func filename(ctype string) string {
	if ctype == "image/png" {
		return "card.png"
	}
	return "card.jpg"
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// sameLink reports whether two URLs name the same page, ignoring a
// trailing slash and the case of scheme and host.
func sameLink(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	norm := func(s string) string {
		u, err := url.Parse(s)
		if err != nil {
			return s
		}
		u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
		u.Path = strings.TrimSuffix(u.Path, "/")
		return u.String()
	}
	return norm(a) == norm(b)
}

// after reports whether t is at or after since less a minute of clock
// skew; a zero since admits everything.
func after(t, since time.Time) bool {
	return since.IsZero() || !t.Before(since.Add(-time.Minute))
}

// needBody is the ErrBadPost for a post without the network's body.
func needBody(n share.Network, p Post) error {
	if p.Network != n {
		return fmt.Errorf("%w: post is for %s, client for %s", ErrBadPost, p.Network, n)
	}
	return fmt.Errorf("%w: %s post has no %s body", ErrBadPost, n, n)
}
