package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/share"
)

// BlueskyPDS is the default Bluesky server (the entryway that hosts most
// accounts' sessions).
const BlueskyPDS = "https://bsky.social"

// BlueskyThumbLimit is the largest link-card thumbnail Bluesky accepts
// (app.bsky.embed.external), in bytes.
const BlueskyThumbLimit = 1_000_000

// BlueskySession is a logged-in session: keep it between runs so that
// posting does not call createSession every time (the server allows few
// logins a day). Treat AccessJwt and RefreshJwt as secrets.
type BlueskySession struct {
	DID        string `json:"did"`
	Handle     string `json:"handle"`
	AccessJwt  string `json:"accessJwt"`
	RefreshJwt string `json:"refreshJwt"`
}

// BlueskyOptions configures a Bluesky client.
type BlueskyOptions struct {
	// PDS is the account's server; empty means BlueskyPDS.
	PDS string
	// Handle and AppPassword log in when there is no session, or when the
	// refresh token is no longer accepted. Use an app password, never the
	// account password.
	Handle      string
	AppPassword string
	// Session is a session saved from an earlier run, if any.
	Session *BlueskySession
	// OnSession is called, under the client's lock, with every new
	// session (a login or a refresh, which rotates the refresh token):
	// store it, since the old refresh token no longer works. It must not
	// call the client.
	OnSession func(BlueskySession)
}

// Bluesky posts app.bsky.feed.post records to one account. It keeps its
// session: it logs in once, refreshes when the server answers 400
// ExpiredToken (refresh tokens rotate, so concurrent callers share one
// refresh), and logs in again only when the refresh is refused.
type Bluesky struct {
	conn
	base string
	opts BlueskyOptions

	mu   sync.Mutex
	sess *BlueskySession
}

// NewBluesky returns a client sending through hc. It needs a handle and
// app password, or a session. An insecure PDS URL is an error wrapping
// ErrInsecureURL.
func NewBluesky(hc *http.Client, opts BlueskyOptions) (*Bluesky, error) {
	if opts.PDS == "" {
		opts.PDS = BlueskyPDS
	}
	base, err := checkBase(share.Bluesky, opts.PDS)
	if err != nil {
		return nil, err
	}
	if opts.Session == nil && (opts.Handle == "" || opts.AppPassword == "") {
		return nil, fmt.Errorf("%w: bluesky needs a handle and an app password, or a session", ErrConfig)
	}
	c, err := newConn(hc, share.Bluesky, opts.AppPassword)
	if err != nil {
		return nil, err
	}
	b := &Bluesky{conn: c, base: base, opts: opts}
	if opts.Session != nil {
		s := *opts.Session
		b.setSession(&s)
	}
	return b, nil
}

// Network returns share.Bluesky.
func (b *Bluesky) Network() share.Network { return share.Bluesky }

// Session returns the current session, if logged in.
func (b *Bluesky) Session() (BlueskySession, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.sess == nil {
		return BlueskySession{}, false
	}
	return *b.sess, true
}

// setSession installs s and adds its tokens to the redaction list; the
// caller holds mu (or owns b exclusively).
func (b *Bluesky) setSession(s *BlueskySession) {
	b.sess = s
	b.secrets.add(s.AccessJwt, s.RefreshJwt)
}

type xrpcError struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// session returns the access token, logging in if needed.
func (b *Bluesky) session(ctx context.Context) (BlueskySession, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.sess != nil {
		return *b.sess, nil
	}
	return b.login(ctx)
}

// login calls createSession; the caller holds mu.
func (b *Bluesky) login(ctx context.Context) (BlueskySession, error) {
	if b.opts.Handle == "" || b.opts.AppPassword == "" {
		return BlueskySession{}, &Error{Network: share.Bluesky, Op: "session", Outcome: Rejected, Reauth: true, Message: "session refused and no app password to log in again"}
	}
	body, _ := jsonBody(map[string]string{"identifier": b.opts.Handle, "password": b.opts.AppPassword})
	r, err := b.do(ctx, call{op: "session", method: http.MethodPost, url: b.base + "/xrpc/com.atproto.server.createSession", body: body, ctype: "application/json"})
	if err != nil {
		return BlueskySession{}, err
	}
	if !r.ok() {
		e := b.classify("session", r, false)
		if e.Outcome == Rejected {
			e.Reauth = true
		}
		return BlueskySession{}, e
	}
	return b.install(r, "session")
}

// install reads a session answer; the caller holds mu.
func (b *Bluesky) install(r *reply, op string) (BlueskySession, error) {
	var s BlueskySession
	if err := json.Unmarshal(r.body, &s); err != nil || s.AccessJwt == "" || s.RefreshJwt == "" || s.DID == "" {
		return BlueskySession{}, b.fail(op, r, NotSent, "", "session answer without tokens")
	}
	b.setSession(&s)
	if b.opts.OnSession != nil {
		b.opts.OnSession(s)
	}
	return s, nil
}

// refresh replaces the session whose access token was stale. If another
// caller already refreshed it, the new session is used as is; a refused
// refresh token leads to a new login.
func (b *Bluesky) refresh(ctx context.Context, stale BlueskySession) (BlueskySession, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.sess != nil && b.sess.AccessJwt != stale.AccessJwt {
		return *b.sess, nil
	}
	if b.sess == nil {
		return b.login(ctx)
	}
	h := http.Header{"Authorization": {"Bearer " + b.sess.RefreshJwt}}
	r, err := b.do(ctx, call{op: "refresh", method: http.MethodPost, url: b.base + "/xrpc/com.atproto.server.refreshSession", header: h})
	if err != nil {
		return BlueskySession{}, err
	}
	if r.ok() {
		return b.install(r, "refresh")
	}
	if r.status != http.StatusBadRequest && r.status != http.StatusUnauthorized {
		return BlueskySession{}, b.classify("refresh", r, false)
	}
	// The refresh token expired or was rotated away: log in again.
	b.sess = nil
	return b.login(ctx)
}

// authed sends k with the session's access token, refreshing once on
// ExpiredToken (which the server sends before acting, so the call was
// not made).
func (b *Bluesky) authed(ctx context.Context, k call) (*reply, error) {
	s, err := b.session(ctx)
	if err != nil {
		return nil, err
	}
	for try := 0; ; try++ {
		k.header = http.Header{"Authorization": {"Bearer " + s.AccessJwt}}
		r, err := b.do(ctx, k)
		if err != nil || try > 0 || !expired(r) {
			return r, err
		}
		if s, err = b.refresh(ctx, s); err != nil {
			return nil, err
		}
	}
}

func expired(r *reply) bool {
	if r.status != http.StatusBadRequest && r.status != http.StatusUnauthorized {
		return false
	}
	var e xrpcError
	return json.Unmarshal(r.body, &e) == nil && (e.Error == "ExpiredToken" || (r.status == http.StatusUnauthorized && e.Error == "InvalidToken"))
}

// Prepare logs in if needed and uploads p.Image as the link card's
// thumbnail (com.atproto.repo.uploadBlob), unless the card has one. The
// blob must be used within minutes or the server drops it, so an outbox
// calls Prepare again before each attempt; uploading the same bytes again
// gives the same blob.
func (b *Bluesky) Prepare(ctx context.Context, p Post) (Post, error) {
	if p.Bluesky == nil || p.Network != share.Bluesky {
		return p, needBody(share.Bluesky, p)
	}
	if _, err := b.session(ctx); err != nil {
		return p, err
	}
	if p.Image == nil || p.Bluesky.Record.Embed == nil {
		return p, nil
	}
	if err := checkImage(share.Bluesky, p.Image, BlueskyThumbLimit); err != nil {
		return p, err
	}
	r, err := b.authed(ctx, call{op: "upload", method: http.MethodPost, url: b.base + "/xrpc/com.atproto.repo.uploadBlob", body: p.Image.Data, ctype: p.Image.Type})
	if err != nil {
		return p, err
	}
	if !r.ok() {
		return p, b.classify("upload", r, false)
	}
	var out struct {
		Blob share.BlueskyBlob `json:"blob"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil || out.Blob.Ref.Link == "" {
		return p, b.fail("upload", r, NotSent, "", "uploadBlob answer without a blob")
	}
	rec := *p.Bluesky
	embed := *rec.Record.Embed
	embed.External.Thumb = &out.Blob
	rec.Record.Embed = &embed
	p.Bluesky = &rec
	return p, nil
}

// blueskyCreate is share's createRecord body with the record key.
type blueskyCreate struct {
	share.BlueskyCreateRecord
	Rkey string `json:"rkey"`
}

// Publish creates the record under the record key p.Key (a TID, see
// NewTID; required): a retry targets the same record, and Lookup finds it.
// The repo is the body's, else the session's DID.
func (b *Bluesky) Publish(ctx context.Context, p Post) (Result, error) {
	if p.Bluesky == nil || p.Network != share.Bluesky {
		return Result{}, needBody(share.Bluesky, p)
	}
	if !validTID(p.Key) {
		return Result{}, fmt.Errorf("%w: bluesky post needs a TID record key (publish.NewTID), got %q", ErrBadPost, p.Key)
	}
	s, err := b.session(ctx)
	if err != nil {
		return Result{}, err
	}
	rec := blueskyCreate{*p.Bluesky, p.Key}
	if !p.Since.IsZero() {
		// A post queued for later is dated when it is first sent.
		rec.Record.CreatedAt = p.Since.UTC().Format("2006-01-02T15:04:05.000Z")
	}
	if rec.Repo == "" {
		rec.Repo = s.DID
	}
	if rec.Collection == "" {
		rec.Collection = "app.bsky.feed.post"
	}
	body, err := jsonBody(rec)
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrBadPost, err)
	}
	r, err := b.authed(ctx, call{op: "post", method: http.MethodPost, url: b.base + "/xrpc/com.atproto.repo.createRecord", body: body, ctype: "application/json", create: true})
	if err != nil {
		return Result{}, err
	}
	if !r.ok() {
		return Result{}, b.classify("post", r, true)
	}
	var out struct {
		URI string `json:"uri"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil || out.URI == "" {
		return Result{}, b.fail("post", r, Ambiguous, "", "createRecord answer without a uri")
	}
	return Result{Network: share.Bluesky, ID: out.URI, URL: blueskyURL(out.URI, s.DID, p.Key)}, nil
}

// Lookup reads the record under p.Key (com.atproto.repo.getRecord): the
// post if it exists, ErrNotFound if the server answers RecordNotFound.
func (b *Bluesky) Lookup(ctx context.Context, p Post) (Result, error) {
	if p.Bluesky == nil || !validTID(p.Key) {
		return Result{}, fmt.Errorf("%w: bluesky lookup needs the body and its TID record key", ErrBadPost)
	}
	s, err := b.session(ctx)
	if err != nil {
		return Result{}, err
	}
	repo := p.Bluesky.Repo
	if repo == "" {
		repo = s.DID
	}
	q := url.Values{"repo": {repo}, "collection": {"app.bsky.feed.post"}, "rkey": {p.Key}}
	r, err := b.authed(ctx, call{op: "lookup", method: http.MethodGet, url: b.base + "/xrpc/com.atproto.repo.getRecord?" + q.Encode()})
	if err != nil {
		return Result{}, err
	}
	if !r.ok() {
		var x xrpcError
		_ = json.Unmarshal(r.body, &x)
		if r.status == http.StatusBadRequest && x.Error == "RecordNotFound" || r.status == http.StatusNotFound {
			return Result{}, fmt.Errorf("%w: bluesky record %s", ErrNotFound, p.Key)
		}
		return Result{}, b.classify("lookup", r, false)
	}
	var out struct {
		URI string `json:"uri"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil || out.URI == "" {
		return Result{}, b.fail("lookup", r, NotSent, "", "getRecord answer without a uri")
	}
	return Result{Network: share.Bluesky, ID: out.URI, URL: blueskyURL(out.URI, s.DID, p.Key)}, nil
}

// blueskyURL is the post's bsky.app address: the DID from the URI (else
// the session's) and the record key.
func blueskyURL(uri, did, rkey string) string {
	if rest, ok := strings.CutPrefix(uri, "at://"); ok {
		if d, _, ok := strings.Cut(rest, "/"); ok && d != "" {
			did = d
		}
	}
	return "https://bsky.app/profile/" + url.PathEscape(did) + "/post/" + url.PathEscape(rkey)
}

func (b *Bluesky) classify(op string, r *reply, create bool) *Error {
	var x xrpcError
	_ = json.Unmarshal(r.body, &x)
	o, reauth := byStatus(r.status, create)
	switch x.Error {
	case "ExpiredToken":
		o = NotSent
	case "RateLimitExceeded":
		o = NotSent
	case "AuthenticationRequired", "InvalidToken", "AccountTakedown":
		if r.status < 500 {
			o, reauth = Rejected, true
		}
	}
	e := b.fail(op, r, o, x.Error, x.Message)
	e.Reauth = reauth
	if o == NotSent {
		e.RetryAt = retryHint(ParseRate(share.Bluesky, r.status, r.header, r.body, b.now()), b.now())
	}
	return e
}
