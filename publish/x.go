package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

// XToken is an OAuth 2.0 user token for the X API. X's refresh tokens are
// single-use: every refresh returns a new one and the old one stops
// working, so store each new token (XOptions.OnToken) before using it.
type XToken struct {
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`
}

// XOptions configures an X client.
type XOptions struct {
	// BaseURL replaces https://api.x.com, for tests.
	BaseURL string
	// Token is the user's OAuth 2.0 token (scopes tweet.write, tweet.read,
	// users.read, media.write, offline.access). Required.
	Token XToken
	// ClientID (and ClientSecret, for a confidential client) refresh the
	// token; without ClientID an expired token is a re-authorisation.
	ClientID     string
	ClientSecret string
	// OnToken is called, under the client's lock, with every refreshed
	// token. It must not call the client.
	OnToken func(XToken)
	// UserID is the account's numeric id, for Lookup; empty means ask
	// GET /2/users/me once.
	UserID string
	// PollTimeout bounds waiting for uploaded media to be processed; zero
	// means one minute.
	PollTimeout time.Duration
}

// X posts to one account through the X API v2 (POST /2/tweets) with OAuth
// 2.0, refreshing the token when it expires.
type X struct {
	conn
	base string
	opts XOptions

	mu     sync.Mutex
	token  XToken
	userID string
}

// NewX returns a client sending through hc. A missing access token is an
// error wrapping ErrConfig.
func NewX(hc *http.Client, opts XOptions) (*X, error) {
	if opts.Token.AccessToken == "" {
		return nil, fmt.Errorf("%w: x needs an OAuth 2.0 access token", ErrConfig)
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "https://api.x.com"
	}
	base, err := checkBase(share.X, opts.BaseURL)
	if err != nil {
		return nil, err
	}
	c, err := newConn(hc, share.X, opts.ClientSecret, opts.Token.AccessToken, opts.Token.RefreshToken)
	if err != nil {
		return nil, err
	}
	if opts.PollTimeout <= 0 {
		opts.PollTimeout = time.Minute
	}
	return &X{conn: c, base: base, opts: opts, token: opts.Token, userID: opts.UserID}, nil
}

// Network returns share.X.
func (x *X) Network() share.Network { return share.X }

// Token returns the current token.
func (x *X) Token() XToken {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.token
}

// access returns the access token, refreshing it first when it expires
// within a minute.
func (x *X) access(ctx context.Context) (string, error) {
	x.mu.Lock()
	t := x.token
	x.mu.Unlock()
	if !t.Expiry.IsZero() && x.now().Add(time.Minute).After(t.Expiry) && t.RefreshToken != "" && x.opts.ClientID != "" {
		return x.refresh(ctx, t.AccessToken)
	}
	return t.AccessToken, nil
}

// refresh exchanges the refresh token (POST /2/oauth2/token) unless
// another caller already replaced stale.
func (x *X) refresh(ctx context.Context, stale string) (string, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.token.AccessToken != stale {
		return x.token.AccessToken, nil
	}
	if x.token.RefreshToken == "" || x.opts.ClientID == "" {
		return "", &Error{Network: share.X, Op: "refresh", Outcome: Rejected, Reauth: true, Message: "access token refused and no refresh token or client id"}
	}
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {x.token.RefreshToken}, "client_id": {x.opts.ClientID}}
	h := http.Header{}
	if x.opts.ClientSecret != "" {
		req, _ := http.NewRequest(http.MethodPost, "/", nil)
		req.SetBasicAuth(url.QueryEscape(x.opts.ClientID), url.QueryEscape(x.opts.ClientSecret))
		h.Set("Authorization", req.Header.Get("Authorization"))
	}
	r, err := x.do(ctx, call{op: "refresh", method: http.MethodPost, url: x.base + "/2/oauth2/token", header: h, body: []byte(form.Encode()), ctype: "application/x-www-form-urlencoded"})
	if err != nil {
		return "", err
	}
	if !r.ok() {
		e := x.classify("refresh", r, false)
		if e.Outcome == Rejected {
			e.Reauth = true
		}
		return "", e
	}
	var out struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		ExpiresIn    int64  `json:"expires_in"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil || out.AccessToken == "" {
		return "", x.fail("refresh", r, NotSent, "", "token answer without an access token")
	}
	t := XToken{AccessToken: out.AccessToken, RefreshToken: out.RefreshToken}
	if t.RefreshToken == "" {
		t.RefreshToken = x.token.RefreshToken
	}
	if out.ExpiresIn > 0 && out.ExpiresIn < 1<<31 {
		t.Expiry = x.now().Add(time.Duration(out.ExpiresIn) * time.Second)
	}
	x.secrets.add(t.AccessToken, t.RefreshToken)
	x.token = t
	if x.opts.OnToken != nil {
		x.opts.OnToken(t)
	}
	return t.AccessToken, nil
}

// authed sends k with the access token, refreshing once on 401 (X
// checks the token before acting).
func (x *X) authed(ctx context.Context, k call) (*reply, error) {
	tok, err := x.access(ctx)
	if err != nil {
		return nil, err
	}
	for try := 0; ; try++ {
		k.header = cloneHeader(k.header)
		k.header.Set("Authorization", "Bearer "+tok)
		r, err := x.do(ctx, k)
		if err != nil || try > 0 || r.status != http.StatusUnauthorized {
			return r, err
		}
		if tok, err = x.refresh(ctx, tok); err != nil {
			return nil, err
		}
	}
}

func cloneHeader(h http.Header) http.Header {
	if h == nil {
		return http.Header{}
	}
	return h.Clone()
}

// Prepare uploads p.Image through the v2 media endpoints (initialize,
// append, finalize, then STATUS while X processes it), unless p already
// has MediaIDs, and refreshes the token if it is about to expire.
func (x *X) Prepare(ctx context.Context, p Post) (Post, error) {
	if p.X == nil || p.Network != share.X {
		return p, needBody(share.X, p)
	}
	if _, err := x.access(ctx); err != nil {
		return p, err
	}
	if p.Image == nil || len(p.MediaIDs) > 0 {
		return p, nil
	}
	if err := checkImage(share.X, p.Image, 5<<20); err != nil {
		return p, err
	}
	type media struct {
		Data struct {
			ID             string `json:"id"`
			ProcessingInfo *struct {
				State          string `json:"state"`
				CheckAfterSecs int    `json:"check_after_secs"`
			} `json:"processing_info"`
		} `json:"data"`
	}
	step := func(op, u string, body []byte, ctype string) (media, error) {
		var m media
		r, err := x.authed(ctx, call{op: op, method: http.MethodPost, url: u, body: body, ctype: ctype})
		if err != nil {
			return m, err
		}
		if !r.ok() {
			return m, x.classify(op, r, false)
		}
		if len(r.body) > 0 {
			if err := json.Unmarshal(r.body, &m); err != nil {
				return m, x.fail(op, r, NotSent, "", "media answer is not JSON")
			}
		}
		return m, nil
	}
	init, _ := jsonBody(map[string]any{"media_type": p.Image.Type, "total_bytes": len(p.Image.Data), "media_category": "tweet_image"})
	m, err := step("upload", x.base+"/2/media/upload/initialize", init, "application/json")
	if err != nil {
		return p, err
	}
	id := m.Data.ID
	if id == "" {
		return p, &Error{Network: share.X, Op: "upload", Outcome: NotSent, Message: "initialize answer without a media id"}
	}
	body, ctype := multipartFile(map[string]string{"segment_index": "0"}, "media", filename(p.Image.Type), p.Image.Type, p.Image.Data)
	if _, err := step("upload", x.base+"/2/media/upload/"+url.PathEscape(id)+"/append", body, ctype); err != nil {
		return p, err
	}
	m, err = step("upload", x.base+"/2/media/upload/"+url.PathEscape(id)+"/finalize", nil, "")
	if err != nil {
		return p, err
	}
	deadline := x.now().Add(x.opts.PollTimeout)
	for pi := m.Data.ProcessingInfo; pi != nil && pi.State != "succeeded"; pi = m.Data.ProcessingInfo {
		if pi.State == "failed" {
			return p, &Error{Network: share.X, Op: "upload", Outcome: Rejected, Message: "media processing failed"}
		}
		if !x.now().Before(deadline) {
			return p, &Error{Network: share.X, Op: "poll", Outcome: NotSent, Message: "media still processing", RetryAt: x.now().Add(time.Minute)}
		}
		wait := time.Duration(min(max(pi.CheckAfterSecs, 1), 60)) * time.Second
		if err := sleep(ctx, wait); err != nil {
			return p, x.transportErr("poll", NotSent, err)
		}
		q := url.Values{"command": {"STATUS"}, "media_id": {id}}
		r, err := x.authed(ctx, call{op: "poll", method: http.MethodGet, url: x.base + "/2/media/upload?" + q.Encode()})
		if err != nil {
			return p, err
		}
		if !r.ok() {
			return p, x.classify("poll", r, false)
		}
		m = media{}
		if err := json.Unmarshal(r.body, &m); err != nil {
			return p, x.fail("poll", r, NotSent, "", "status answer is not JSON")
		}
	}
	p.MediaIDs = []string{id}
	return p, nil
}

// Publish posts the tweet (POST /2/tweets) with the uploaded media. X has
// no idempotency key: after an ambiguous answer, Lookup before anything
// else.
func (x *X) Publish(ctx context.Context, p Post) (Result, error) {
	if p.X == nil || p.Network != share.X {
		return Result{}, needBody(share.X, p)
	}
	t := *p.X
	if len(p.MediaIDs) > 0 {
		t.Media = &share.XMedia{MediaIDs: p.MediaIDs}
	}
	if err := t.Validate(); err != nil {
		return Result{}, fmt.Errorf("%w: %w", ErrBadPost, err)
	}
	body, err := jsonBody(t)
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrBadPost, err)
	}
	r, err := x.authed(ctx, call{op: "post", method: http.MethodPost, url: x.base + "/2/tweets", body: body, ctype: "application/json", create: true})
	if err != nil {
		return Result{}, err
	}
	if !r.ok() {
		return Result{}, x.classify("post", r, true)
	}
	var out struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil || out.Data.ID == "" {
		return Result{}, x.fail("post", r, Ambiguous, "", "tweet answer without an id")
	}
	return Result{Network: share.X, ID: out.Data.ID, URL: "https://x.com/i/web/status/" + out.Data.ID}, nil
}

// Lookup looks for the post among the account's recent posts (GET
// /2/users/:id/tweets since p.Since): one whose link (entities.urls
// expanded_url) is the article's, or whose text is p's. Timelines can lag
// a few seconds behind a create, so an outbox should look some seconds
// after the ambiguous attempt.
func (x *X) Lookup(ctx context.Context, p Post) (Result, error) {
	if p.X == nil {
		return Result{}, needBody(share.X, p)
	}
	uid, err := x.user(ctx)
	if err != nil {
		return Result{}, err
	}
	links := textLinks(p.X.Text)
	token := ""
	// Page back to Since (at most 20 pages of 100): not found is said
	// only when the whole window was read.
	for page := 0; page < 20; page++ {
		q := url.Values{"max_results": {"100"}, "tweet.fields": {"created_at,entities"}}
		if !p.Since.IsZero() {
			q.Set("start_time", p.Since.Add(-time.Minute).UTC().Format(time.RFC3339))
		}
		if token != "" {
			q.Set("pagination_token", token)
		}
		r, err := x.authed(ctx, call{op: "lookup", method: http.MethodGet, url: x.base + "/2/users/" + url.PathEscape(uid) + "/tweets?" + q.Encode()})
		if err != nil {
			return Result{}, err
		}
		if !r.ok() {
			return Result{}, x.classify("lookup", r, false)
		}
		var out struct {
			Data []struct {
				ID       string    `json:"id"`
				Text     string    `json:"text"`
				Created  time.Time `json:"created_at"`
				Entities struct {
					URLs []struct {
						Expanded string `json:"expanded_url"`
					} `json:"urls"`
				} `json:"entities"`
			} `json:"data"`
			Meta struct {
				NextToken string `json:"next_token"`
			} `json:"meta"`
		}
		if err := json.Unmarshal(r.body, &out); err != nil {
			return Result{}, x.fail("lookup", r, NotSent, "", "timeline answer is not JSON")
		}
		older := false
		for _, t := range out.Data {
			if !after(t.Created, p.Since) {
				older = true
				continue
			}
			match := t.Text == p.X.Text
			for _, u := range t.Entities.URLs {
				for _, l := range links {
					match = match || sameLink(u.Expanded, l)
				}
			}
			if match {
				return Result{Network: share.X, ID: t.ID, URL: "https://x.com/i/web/status/" + t.ID}, nil
			}
		}
		if older || out.Meta.NextToken == "" {
			return Result{}, fmt.Errorf("%w: x: no post since the attempt links %v", ErrNotFound, links)
		}
		token = out.Meta.NextToken
	}
	return Result{}, fmt.Errorf("%w: x: the timeline since the attempt is longer than could be read", ErrUnresolvable)
}

// user returns the account's id, asking GET /2/users/me once.
func (x *X) user(ctx context.Context) (string, error) {
	x.mu.Lock()
	id := x.userID
	x.mu.Unlock()
	if id != "" {
		return id, nil
	}
	r, err := x.authed(ctx, call{op: "lookup", method: http.MethodGet, url: x.base + "/2/users/me"})
	if err != nil {
		return "", err
	}
	if !r.ok() {
		return "", x.classify("lookup", r, false)
	}
	var out struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil || out.Data.ID == "" {
		return "", x.fail("lookup", r, NotSent, "", "users/me answer without an id")
	}
	x.mu.Lock()
	x.userID = out.Data.ID
	x.mu.Unlock()
	return out.Data.ID, nil
}

// textLinks returns the http(s) words of text.
func textLinks(text string) []string {
	var out []string
	for _, w := range strings.Fields(text) {
		if strings.HasPrefix(w, "https://") || strings.HasPrefix(w, "http://") {
			out = append(out, w)
		}
	}
	return out
}

func (x *X) classify(op string, r *reply, create bool) *Error {
	var body struct {
		Title  string `json:"title"`
		Detail string `json:"detail"`
		Type   string `json:"type"`
		Errors []struct {
			Message string `json:"message"`
			Code    int    `json:"code"`
		} `json:"errors"`
		Error     string `json:"error"`
		ErrorDesc string `json:"error_description"`
	}
	_ = json.Unmarshal(r.body, &body)
	msg := body.Detail
	code := body.Title
	if msg == "" && len(body.Errors) > 0 {
		msg, code = body.Errors[0].Message, strconv.Itoa(body.Errors[0].Code)
	}
	if msg == "" && body.Error != "" {
		msg, code = body.ErrorDesc, body.Error
	}
	o, reauth := byStatus(r.status, create)
	if create && r.status == http.StatusForbidden && strings.Contains(strings.ToLower(msg), "duplicate content") {
		o = Duplicate
	}
	if len(body.Errors) > 0 && body.Errors[0].Code == 88 {
		o = NotSent
	}
	e := x.fail(op, r, o, code, msg)
	e.Reauth = reauth
	if o == NotSent {
		e.RetryAt = retryHint(ParseRate(share.X, r.status, r.header, r.body, x.now()), x.now())
	}
	return e
}
