// Package fakenet is an in-process stand-in for the seven networks
// package publish posts to: one httptest server answering each network's
// endpoints the way its documentation and its known bugs say, with faults
// a test injects (a 429 with the network's reset signal, an expired token,
// a connection dropped after the post was made, a 500 after the post was
// made, Threads' container that is not FINISHED yet, Telegram's
// retry_after). It counts the posts it made, which is what exactly-once
// tests assert on. It listens on 127.0.0.1 only.
package fakenet

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

// Credentials the fake accepts. Tests assert none of them appears in an
// error or a log.
const (
	MastodonToken    = "mastodon-secret-token-Q9"
	BlueskyHandle    = "news.example.test"
	BlueskyPassword  = "bsky-app-pass-7Hk2"
	BlueskyDID       = "did:plc:fakenewsroom"
	XClientID        = "x-client-id"
	XAccess          = "x-access-secret-1"
	XRefresh         = "x-refresh-secret-1"
	FacebookPageID   = "1001"
	FacebookToken    = "fb-page-secret-Z3"
	LinkedInToken    = "li-secret-token-P1"
	ThreadsUserID    = "2002"
	ThreadsToken     = "threads-secret-T5"
	TelegramBotToken = "123456:tg-bot-secret-AAAA"
	TelegramChat     = "@newsroom"
)

// Fault is a failure the fake produces on a network's next create call
// (or, for ExpiredToken and NotFinished, on its next authenticated call).
type Fault uint8

// The faults.
const (
	// RateLimit: 429 (Facebook and Threads: code 32 with
	// X-Business-Use-Case-Usage) with the network's reset signal, 30s
	// ahead; nothing made.
	RateLimit Fault = iota + 1
	// ExpiredToken: the access token expires now (Bluesky answers 400
	// ExpiredToken, X 401); a refresh rotates the refresh token.
	ExpiredToken
	// Revoked: the credentials are refused for good (401, Graph code 190).
	Revoked
	// DropAfterCreate: the post is made, then the connection is closed
	// without an answer.
	DropAfterCreate
	// ErrorAfterCreate: the post is made, then the answer is a 500
	// (Facebook's code 2 "unexpected error", Bluesky's
	// InternalServerError).
	ErrorAfterCreate
	// DropBeforeCreate: the connection is closed before anything is made.
	DropBeforeCreate
	// NotFinished: the next Threads container stays IN_PROGRESS for three
	// status checks, and publishing it early is refused with code 24,
	// subcode 4279009.
	NotFinished
)

func (s *Server) resetIn() time.Duration {
	if s.ResetIn > 0 {
		return s.ResetIn
	}
	return 30 * time.Second
}

// Restore accepts network n's credentials again after Revoked.
func (s *Server) Restore(n share.Network) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.revoked, n)
}

// Post is a post the fake made.
type Post struct {
	Network share.Network
	ID      string
	Text    string
	Link    string
	Key     string
	Created time.Time
}

// Server is the fake. Its methods are safe for concurrent use.
type Server struct {
	*httptest.Server

	// ResetIn is how far ahead a rate limit's reset is; zero means 30s.
	// Facebook and Threads announce it in whole minutes, Telegram in
	// whole seconds.
	ResetIn time.Duration
	// Delay, if set, is slept after a post is made and before it is
	// answered, widening the window a crash test kills a process in.
	Delay time.Duration

	mu     sync.Mutex
	posts  []Post
	faults map[share.Network][]Fault
	seq    int
	calls  map[string]int

	mastodonKeys  map[string]string // Idempotency-Key → status id
	mastodonMedia map[string]int    // media id → polls left while processing

	// Bluesky keeps every session: access token → its refresh token.
	bskySessions map[string]string
	bskyRefresh  map[string]string // refresh token → its access token
	bskyExpired  map[string]bool   // access tokens past their expiry
	bskyRecords  map[string]Post   // rkey → post
	bskyLogins   int

	xAccess, xRefresh string
	xExpired          bool
	xMedia            map[string]bool

	revoked map[share.Network]bool

	threads map[string]*container
}

type container struct {
	status string
	polls  int
	text   string
	link   string
}

// New starts a fake on 127.0.0.1. Close it when done.
func New() *Server {
	s := &Server{
		faults:        map[share.Network][]Fault{},
		calls:         map[string]int{},
		mastodonKeys:  map[string]string{},
		mastodonMedia: map[string]int{},
		bskyRecords:   map[string]Post{},
		bskySessions:  map[string]string{},
		bskyRefresh:   map[string]string{},
		bskyExpired:   map[string]bool{},
		xAccess:       XAccess, xRefresh: XRefresh,
		xMedia:  map[string]bool{},
		revoked: map[share.Network]bool{},
		threads: map[string]*container{},
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Inject queues faults for network n, used in order.
func (s *Server) Inject(n share.Network, f ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[n] = append(s.faults[n], f...)
	for _, x := range f {
		switch {
		case x == ExpiredToken && n == share.Bluesky:
			for a := range s.bskySessions {
				s.bskyExpired[a] = true
			}
			s.faults[n] = s.faults[n][:len(s.faults[n])-1]
		case x == ExpiredToken && n == share.X:
			s.xExpired = true
			s.faults[n] = s.faults[n][:len(s.faults[n])-1]
		case x == Revoked:
			s.revoked[n] = true
			s.faults[n] = s.faults[n][:len(s.faults[n])-1]
		}
	}
}

// Posts returns the posts made on network n (every network when n is
// NetworkUnknown), oldest first.
func (s *Server) Posts(n share.Network) []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Post
	for _, p := range s.posts {
		if n == share.NetworkUnknown || p.Network == n {
			out = append(out, p)
		}
	}
	return out
}

// Calls returns how many times an endpoint was called, by a name like
// "bluesky createSession" or "x tweets".
func (s *Server) Calls(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[name]
}

// XRefreshToken returns the refresh token the fake currently accepts.
func (s *Server) XRefreshToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.xRefresh
}

// fault pops network n's next fault among those that apply to kinds.
func (s *Server) fault(n share.Network, kinds ...Fault) Fault {
	q := s.faults[n]
	if len(q) == 0 {
		return 0
	}
	for _, k := range kinds {
		if q[0] == k {
			s.faults[n] = q[1:]
			return k
		}
	}
	return 0
}

func (s *Server) record(p Post) Post {
	s.seq++
	if p.ID == "" {
		p.ID = strconv.Itoa(100000 + s.seq)
	}
	p.Created = time.Now().UTC()
	s.posts = append(s.posts, p)
	return p
}

func (s *Server) nextID() string {
	s.seq++
	return strconv.Itoa(100000 + s.seq)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// drop closes the connection without an answer.
func drop(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		// HTTP/2 cannot hijack; abort the stream instead.
		panic(http.ErrAbortHandler)
	}
	c, _, err := hj.Hijack()
	if err == nil {
		c.Close()
	}
}

func bearer(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

var linkRe = regexp.MustCompile(`https?://[^\s<>"]+`)

func firstLink(text string) string { return linkRe.FindString(text) }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	p := r.URL.Path
	switch {
	case strings.HasPrefix(p, "/api/"):
		s.mastodon(w, r, body)
	case strings.HasPrefix(p, "/xrpc/"):
		s.bluesky(w, r, body)
	case strings.HasPrefix(p, "/2/"):
		s.x(w, r, body)
	case strings.HasPrefix(p, "/v23.0/"):
		s.facebook(w, r, body)
	case strings.HasPrefix(p, "/rest/"):
		s.linkedin(w, r, body)
	case strings.HasPrefix(p, "/v1.0/"):
		s.threadsAPI(w, r, body)
	case strings.HasPrefix(p, "/bot"):
		s.telegram(w, r, body)
	default:
		http.NotFound(w, r)
	}
}

// after runs the post-creation part of a create: the delay, then the
// fault's answer (true when it answered).
func (s *Server) afterCreate(w http.ResponseWriter, f Fault, serverError func()) bool {
	if s.Delay > 0 {
		time.Sleep(s.Delay)
	}
	switch f {
	case DropAfterCreate:
		drop(w)
		return true
	case ErrorAfterCreate:
		serverError()
		return true
	}
	return false
}

// ---- Mastodon ----

func (s *Server) mastodon(w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	if bearer(r) != MastodonToken || s.revoked[share.Mastodon] {
		s.mu.Unlock()
		writeJSON(w, 401, map[string]string{"error": "The access token is invalid"})
		return
	}
	switch {
	case r.Method == "POST" && r.URL.Path == "/api/v2/media":
		s.calls["mastodon media"]++
		id := s.nextID()
		s.mastodonMedia[id] = 2
		s.mu.Unlock()
		writeJSON(w, 202, map[string]any{"id": id, "type": "image", "url": nil})
	case r.Method == "GET" && strings.HasPrefix(r.URL.Path, "/api/v1/media/"):
		id := strings.TrimPrefix(r.URL.Path, "/api/v1/media/")
		left, ok := s.mastodonMedia[id]
		if ok && left > 0 {
			s.mastodonMedia[id] = left - 1
		}
		s.mu.Unlock()
		switch {
		case !ok:
			writeJSON(w, 404, map[string]string{"error": "Record not found"})
		case left > 0:
			writeJSON(w, 206, map[string]any{"id": id, "url": nil})
		default:
			writeJSON(w, 200, map[string]any{"id": id, "url": "https://files.example/" + id + ".png"})
		}
	case r.Method == "POST" && r.URL.Path == "/api/v1/statuses":
		s.calls["mastodon statuses"]++
		var st struct {
			Status   string   `json:"status"`
			MediaIDs []string `json:"media_ids"`
		}
		if json.Unmarshal(body, &st) != nil || st.Status == "" {
			s.mu.Unlock()
			writeJSON(w, 422, map[string]string{"error": "Validation failed: Text can't be blank"})
			return
		}
		for _, m := range st.MediaIDs {
			if s.mastodonMedia[m] > 0 {
				s.mu.Unlock()
				writeJSON(w, 422, map[string]string{"error": "Cannot attach files that have not finished processing. Try again in a moment!"})
				return
			}
		}
		key := r.Header.Get("Idempotency-Key")
		f := s.fault(share.Mastodon, RateLimit, DropBeforeCreate, DropAfterCreate, ErrorAfterCreate)
		switch f {
		case RateLimit:
			s.mu.Unlock()
			w.Header().Set("X-RateLimit-Limit", "300")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset", time.Now().Add(s.resetIn()).UTC().Format("2006-01-02T15:04:05.000000Z"))
			writeJSON(w, 429, map[string]string{"error": "Too many requests"})
			return
		case DropBeforeCreate:
			s.mu.Unlock()
			drop(w)
			return
		}
		id, seen := s.mastodonKeys[key]
		if !seen || key == "" {
			post := s.record(Post{Network: share.Mastodon, Text: st.Status, Link: firstLink(st.Status), Key: key})
			id = post.ID
			if key != "" {
				s.mastodonKeys[key] = id
			}
		}
		s.mu.Unlock()
		if s.afterCreate(w, f, func() {
			writeJSON(w, 500, map[string]string{"error": "We're sorry, but something went wrong on our end."})
		}) {
			return
		}
		writeJSON(w, 200, map[string]any{"id": id, "url": "https://mastodon.example/@news/" + id, "uri": "https://mastodon.example/users/news/statuses/" + id})
	default:
		s.mu.Unlock()
		writeJSON(w, 404, map[string]string{"error": "Not found"})
	}
}

// ---- Bluesky ----

func xrpcErr(w http.ResponseWriter, status int, name, msg string) {
	writeJSON(w, status, map[string]string{"error": name, "message": msg})
}

func (s *Server) newBskySession() map[string]string {
	s.seq++
	access := fmt.Sprintf("bsky-access-%d", s.seq)
	refresh := fmt.Sprintf("bsky-refresh-%d", s.seq)
	s.bskySessions[access] = refresh
	s.bskyRefresh[refresh] = access
	return map[string]string{"did": BlueskyDID, "handle": BlueskyHandle, "accessJwt": access, "refreshJwt": refresh}
}

// BlueskyLogins returns how many times createSession succeeded.
func (s *Server) BlueskyLogins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bskyLogins
}

func (s *Server) bluesky(w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	method := strings.TrimPrefix(r.URL.Path, "/xrpc/")
	s.calls["bluesky "+strings.TrimPrefix(method, "com.atproto.server.")]++
	switch method {
	case "com.atproto.server.createSession":
		var in struct{ Identifier, Password string }
		_ = json.Unmarshal(body, &in)
		if in.Identifier != BlueskyHandle || in.Password != BlueskyPassword || s.revoked[share.Bluesky] {
			s.mu.Unlock()
			xrpcErr(w, 401, "AuthenticationRequired", "Invalid identifier or password")
			return
		}
		s.bskyLogins++
		sess := s.newBskySession()
		s.mu.Unlock()
		writeJSON(w, 200, sess)
		return
	case "com.atproto.server.refreshSession":
		old, ok := s.bskyRefresh[bearer(r)]
		if !ok {
			s.mu.Unlock()
			xrpcErr(w, 400, "ExpiredToken", "Token has been revoked")
			return
		}
		// Rotation: the old refresh token and its access token stop working.
		delete(s.bskyRefresh, bearer(r))
		delete(s.bskySessions, old)
		delete(s.bskyExpired, old)
		sess := s.newBskySession()
		s.mu.Unlock()
		writeJSON(w, 200, sess)
		return
	}
	tok := bearer(r)
	if _, ok := s.bskySessions[tok]; !ok || s.revoked[share.Bluesky] {
		s.mu.Unlock()
		xrpcErr(w, 401, "InvalidToken", "Bad token")
		return
	}
	if s.bskyExpired[tok] {
		s.mu.Unlock()
		xrpcErr(w, 400, "ExpiredToken", "Token has expired")
		return
	}
	switch method {
	case "com.atproto.repo.uploadBlob":
		sum := sha256.Sum256(body)
		s.mu.Unlock()
		writeJSON(w, 200, map[string]any{"blob": map[string]any{"$type": "blob", "ref": map[string]string{"$link": "bafkrei" + hex.EncodeToString(sum[:8])}, "mimeType": r.Header.Get("Content-Type"), "size": len(body)}})
	case "com.atproto.repo.getRecord":
		q := r.URL.Query()
		p, ok := s.bskyRecords[q.Get("rkey")]
		s.mu.Unlock()
		if !ok || q.Get("repo") == "" {
			xrpcErr(w, 400, "RecordNotFound", "Could not locate record")
			return
		}
		writeJSON(w, 200, map[string]any{"uri": p.ID, "cid": "bafyfake", "value": map[string]string{"text": p.Text}})
	case "com.atproto.repo.createRecord":
		var in struct {
			Repo, Collection, Rkey string
			Record                 struct {
				Text  string `json:"text"`
				Embed *struct {
					External struct {
						URI string `json:"uri"`
					} `json:"external"`
				} `json:"embed"`
			}
		}
		if json.Unmarshal(body, &in) != nil || in.Record.Text == "" || in.Repo == "" {
			s.mu.Unlock()
			xrpcErr(w, 400, "InvalidRequest", "Input/record must be an object")
			return
		}
		f := s.fault(share.Bluesky, RateLimit, DropBeforeCreate, DropAfterCreate, ErrorAfterCreate)
		switch f {
		case RateLimit:
			s.mu.Unlock()
			w.Header().Set("RateLimit-Limit", "5000")
			w.Header().Set("RateLimit-Remaining", "0")
			w.Header().Set("RateLimit-Reset", strconv.FormatInt(time.Now().Add(s.resetIn()).Unix(), 10))
			w.Header().Set("RateLimit-Policy", "5000;w=3600")
			xrpcErr(w, 429, "RateLimitExceeded", "Rate Limit Exceeded")
			return
		case DropBeforeCreate:
			s.mu.Unlock()
			drop(w)
			return
		}
		if _, dup := s.bskyRecords[in.Rkey]; dup || in.Rkey == "" {
			// A repeated record key is a 500 today (indigo#873).
			s.mu.Unlock()
			xrpcErr(w, 500, "InternalServerError", "Internal Server Error")
			return
		}
		link := ""
		if in.Record.Embed != nil {
			link = in.Record.Embed.External.URI
		}
		uri := "at://" + BlueskyDID + "/app.bsky.feed.post/" + in.Rkey
		p := s.record(Post{Network: share.Bluesky, ID: uri, Text: in.Record.Text, Link: link, Key: in.Rkey})
		s.bskyRecords[in.Rkey] = p
		s.mu.Unlock()
		if s.afterCreate(w, f, func() { xrpcErr(w, 500, "InternalServerError", "Internal Server Error") }) {
			return
		}
		writeJSON(w, 200, map[string]string{"uri": uri, "cid": "bafyfake"})
	default:
		s.mu.Unlock()
		xrpcErr(w, 501, "MethodNotImplemented", "Method Not Implemented")
	}
}

// ---- X ----

func (s *Server) x(w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	if r.URL.Path == "/2/oauth2/token" {
		s.calls["x refresh"]++
		form, _ := url.ParseQuery(string(body))
		if form.Get("grant_type") != "refresh_token" || form.Get("client_id") != XClientID || form.Get("refresh_token") != s.xRefresh || s.revoked[share.X] {
			s.mu.Unlock()
			writeJSON(w, 400, map[string]string{"error": "invalid_request", "error_description": "Value passed for the token was invalid."})
			return
		}
		s.seq++
		s.xAccess = fmt.Sprintf("x-access-%d", s.seq)
		s.xRefresh = fmt.Sprintf("x-refresh-%d", s.seq)
		s.xExpired = false
		out := map[string]any{"token_type": "bearer", "expires_in": 7200, "access_token": s.xAccess, "refresh_token": s.xRefresh, "scope": "tweet.write tweet.read users.read offline.access"}
		s.mu.Unlock()
		writeJSON(w, 200, out)
		return
	}
	if bearer(r) != s.xAccess || s.xExpired || s.revoked[share.X] {
		s.mu.Unlock()
		writeJSON(w, 401, map[string]any{"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"})
		return
	}
	switch {
	case r.Method == "POST" && r.URL.Path == "/2/media/upload/initialize":
		id := s.nextID()
		s.xMedia[id] = false
		s.mu.Unlock()
		writeJSON(w, 200, map[string]any{"data": map[string]any{"id": id, "media_key": "3_" + id}})
	case r.Method == "POST" && strings.HasSuffix(r.URL.Path, "/append"):
		s.mu.Unlock()
		w.WriteHeader(200)
	case r.Method == "POST" && strings.HasSuffix(r.URL.Path, "/finalize"):
		id := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/2/media/upload/"), "/finalize")
		s.mu.Unlock()
		writeJSON(w, 200, map[string]any{"data": map[string]any{"id": id, "processing_info": map[string]any{"state": "pending", "check_after_secs": 1}}})
	case r.Method == "GET" && r.URL.Path == "/2/media/upload":
		id := r.URL.Query().Get("media_id")
		s.xMedia[id] = true
		s.mu.Unlock()
		writeJSON(w, 200, map[string]any{"data": map[string]any{"id": id, "processing_info": map[string]any{"state": "succeeded"}}})
	case r.Method == "GET" && r.URL.Path == "/2/users/me":
		s.mu.Unlock()
		writeJSON(w, 200, map[string]any{"data": map[string]string{"id": "4242", "username": "news"}})
	case r.Method == "GET" && r.URL.Path == "/2/users/4242/tweets":
		var data []map[string]any
		for i := len(s.posts) - 1; i >= 0 && len(data) < 20; i-- {
			p := s.posts[i]
			if p.Network != share.X {
				continue
			}
			var urls []map[string]string
			for _, l := range linkRe.FindAllString(p.Text, -1) {
				urls = append(urls, map[string]string{"url": "https://t.co/abc", "expanded_url": l})
			}
			data = append(data, map[string]any{"id": p.ID, "text": p.Text, "created_at": p.Created.Format(time.RFC3339), "entities": map[string]any{"urls": urls}})
		}
		s.mu.Unlock()
		writeJSON(w, 200, map[string]any{"data": data, "meta": map[string]int{"result_count": len(data)}})
	case r.Method == "POST" && r.URL.Path == "/2/tweets":
		s.calls["x tweets"]++
		var in struct {
			Text  string `json:"text"`
			Media *struct {
				MediaIDs []string `json:"media_ids"`
			} `json:"media"`
		}
		if json.Unmarshal(body, &in) != nil || in.Text == "" {
			s.mu.Unlock()
			writeJSON(w, 400, map[string]any{"title": "Invalid Request", "detail": "One or more parameters to your request was invalid.", "status": 400})
			return
		}
		f := s.fault(share.X, RateLimit, DropBeforeCreate, DropAfterCreate, ErrorAfterCreate)
		switch f {
		case RateLimit:
			s.mu.Unlock()
			w.Header().Set("x-rate-limit-limit", "100")
			w.Header().Set("x-rate-limit-remaining", "0")
			w.Header().Set("x-rate-limit-reset", strconv.FormatInt(time.Now().Add(s.resetIn()).Unix(), 10))
			writeJSON(w, 429, map[string]any{"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429})
			return
		case DropBeforeCreate:
			s.mu.Unlock()
			drop(w)
			return
		}
		for _, p := range s.posts {
			if p.Network == share.X && p.Text == in.Text {
				s.mu.Unlock()
				writeJSON(w, 403, map[string]any{"detail": "You are not allowed to create a Tweet with duplicate content.", "type": "about:blank", "title": "Forbidden", "status": 403})
				return
			}
		}
		p := s.record(Post{Network: share.X, Text: in.Text, Link: firstLink(in.Text)})
		s.mu.Unlock()
		if s.afterCreate(w, f, func() {
			writeJSON(w, 503, map[string]any{"title": "Service Unavailable", "detail": "Service Unavailable", "status": 503})
		}) {
			return
		}
		writeJSON(w, 201, map[string]any{"data": map[string]string{"id": p.ID, "text": p.Text}})
	default:
		s.mu.Unlock()
		writeJSON(w, 404, map[string]any{"title": "Not Found", "status": 404})
	}
}

// ---- Facebook and Threads (Graph API) ----

func graphErr(w http.ResponseWriter, status int, code, sub int, msg string, transient bool) {
	e := map[string]any{"message": msg, "type": "OAuthException", "code": code, "is_transient": transient, "fbtrace_id": "AbCdEf"}
	if sub != 0 {
		e["error_subcode"] = sub
	}
	writeJSON(w, status, map[string]any{"error": e})
}

func throttle(w http.ResponseWriter, id string) {
	w.Header().Set("X-Business-Use-Case-Usage", fmt.Sprintf(`{%q:[{"type":"pages","call_count":100,"total_cputime":40,"total_time":60,"estimated_time_to_regain_access":1}]}`, id))
	graphErr(w, 400, 32, 0, "Page request limit reached", true)
}

func (s *Server) facebook(w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	if bearer(r) != FacebookToken || s.revoked[share.Facebook] {
		s.mu.Unlock()
		graphErr(w, 400, 190, 463, "Error validating access token: Session has expired.", false)
		return
	}
	feed := "/v23.0/" + FacebookPageID + "/feed"
	switch {
	case r.Method == "GET" && r.URL.Path == feed:
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		limit = min(max(limit, 1), 100)
		since, _ := strconv.ParseInt(r.URL.Query().Get("since"), 10, 64)
		var data []map[string]any
		for i := len(s.posts) - 1; i >= 0 && len(data) < limit; i-- {
			p := s.posts[i]
			if p.Network != share.Facebook || p.Created.Unix() < since {
				continue
			}
			data = append(data, map[string]any{
				"id": p.ID, "created_time": p.Created.Format("2006-01-02T15:04:05-0700"),
				"permalink_url": "https://www.facebook.com/" + p.ID,
				"attachments":   map[string]any{"data": []map[string]string{{"unshimmed_url": p.Link, "url": "https://l.facebook.com/l.php?u=x"}}},
			})
		}
		s.mu.Unlock()
		writeJSON(w, 200, map[string]any{"data": data})
	case r.Method == "POST" && r.URL.Path == feed:
		s.calls["facebook feed"]++
		form, _ := url.ParseQuery(string(body))
		if form.Get("link") == "" && form.Get("message") == "" {
			s.mu.Unlock()
			graphErr(w, 400, 100, 0, "(#100) Missing message or attachment", false)
			return
		}
		f := s.fault(share.Facebook, RateLimit, DropBeforeCreate, DropAfterCreate, ErrorAfterCreate)
		switch f {
		case RateLimit:
			s.mu.Unlock()
			throttle(w, FacebookPageID)
			return
		case DropBeforeCreate:
			s.mu.Unlock()
			drop(w)
			return
		}
		// Facebook does not reliably refuse a repeated link post: it
		// made seven copies of one in koala#699.
		p := s.record(Post{Network: share.Facebook, ID: FacebookPageID + "_" + s.nextID(), Text: form.Get("message"), Link: form.Get("link")})
		s.mu.Unlock()
		if s.afterCreate(w, f, func() {
			graphErr(w, 500, 2, 0, "An unexpected error has occurred. Please retry your request later.", true)
		}) {
			return
		}
		writeJSON(w, 200, map[string]string{"id": p.ID})
	default:
		s.mu.Unlock()
		graphErr(w, 400, 100, 33, "Unsupported request", false)
	}
}

func (s *Server) threadsAPI(w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	if bearer(r) != ThreadsToken || s.revoked[share.Threads] {
		s.mu.Unlock()
		graphErr(w, 401, 190, 0, "Invalid OAuth access token - Cannot parse access token", false)
		return
	}
	user := "/v1.0/" + ThreadsUserID
	switch {
	case r.Method == "POST" && r.URL.Path == user+"/threads":
		s.calls["threads container"]++
		form, _ := url.ParseQuery(string(body))
		if form.Get("text") == "" {
			s.mu.Unlock()
			graphErr(w, 400, 100, 0, "Param text is required", false)
			return
		}
		c := &container{status: "IN_PROGRESS", polls: 1, text: form.Get("text"), link: form.Get("link_attachment")}
		if s.fault(share.Threads, NotFinished) == NotFinished {
			c.polls = 3
		}
		id := "c" + s.nextID()
		s.threads[id] = c
		s.mu.Unlock()
		writeJSON(w, 200, map[string]string{"id": id})
	case r.Method == "POST" && r.URL.Path == user+"/threads_publish":
		s.calls["threads publish"]++
		form, _ := url.ParseQuery(string(body))
		id := form.Get("creation_id")
		c := s.threads[id]
		f := s.fault(share.Threads, RateLimit, DropBeforeCreate, DropAfterCreate, ErrorAfterCreate)
		switch {
		case f == RateLimit:
			s.mu.Unlock()
			throttle(w, ThreadsUserID)
			return
		case f == DropBeforeCreate:
			s.mu.Unlock()
			drop(w)
			return
		case c == nil || c.status == "IN_PROGRESS":
			s.mu.Unlock()
			graphErr(w, 400, 24, 4279009, "The requested resource does not exist", false)
			return
		case c.status == "PUBLISHED":
			s.mu.Unlock()
			graphErr(w, 400, 10, 4279016, "The media has already been published", false)
			return
		}
		c.status = "PUBLISHED"
		s.record(Post{Network: share.Threads, ID: id, Text: c.text, Link: c.link})
		s.mu.Unlock()
		if s.afterCreate(w, f, func() { graphErr(w, 500, 1, 0, "An unknown error occurred", true) }) {
			return
		}
		writeJSON(w, 200, map[string]string{"id": id})
	case r.Method == "GET":
		id := strings.TrimPrefix(r.URL.Path, "/v1.0/")
		c := s.threads[id]
		if c == nil {
			s.mu.Unlock()
			graphErr(w, 400, 100, 33, "Object does not exist", false)
			return
		}
		if strings.Contains(r.URL.Query().Get("fields"), "permalink") {
			s.mu.Unlock()
			writeJSON(w, 200, map[string]string{"id": id, "permalink": "https://www.threads.net/@news/post/" + id})
			return
		}
		s.calls["threads status"]++
		if c.status == "IN_PROGRESS" {
			if c.polls > 0 {
				c.polls--
			} else {
				c.status = "FINISHED"
			}
		}
		st := c.status
		s.mu.Unlock()
		writeJSON(w, 200, map[string]string{"id": id, "status": st})
	default:
		s.mu.Unlock()
		graphErr(w, 400, 100, 0, "Unsupported request", false)
	}
}

// ---- LinkedIn ----

func (s *Server) linkedin(w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	if bearer(r) != LinkedInToken || s.revoked[share.LinkedIn] {
		s.mu.Unlock()
		writeJSON(w, 401, map[string]any{"status": 401, "serviceErrorCode": 65601, "code": "REVOKED_ACCESS_TOKEN", "message": "The token used in the request has been revoked by the user"})
		return
	}
	if r.Header.Get("LinkedIn-Version") == "" || r.Header.Get("X-Restli-Protocol-Version") != "2.0.0" {
		s.mu.Unlock()
		writeJSON(w, 400, map[string]any{"status": 400, "code": "VERSION_MISSING", "message": "A version must be present"})
		return
	}
	switch {
	case r.Method == "GET" && r.URL.Path == "/rest/posts":
		var els []map[string]any
		for i := len(s.posts) - 1; i >= 0 && len(els) < 20; i-- {
			p := s.posts[i]
			if p.Network == share.LinkedIn {
				els = append(els, map[string]any{"id": p.ID, "createdAt": p.Created.UnixMilli(), "content": map[string]any{"article": map[string]string{"source": p.Link}}})
			}
		}
		s.mu.Unlock()
		writeJSON(w, 200, map[string]any{"elements": els})
	case r.Method == "POST" && r.URL.Path == "/rest/posts":
		s.calls["linkedin posts"]++
		var in share.LinkedInPost
		if json.Unmarshal(body, &in) != nil || in.Author == "" {
			s.mu.Unlock()
			writeJSON(w, 422, map[string]any{"status": 422, "message": "ERROR :: /author :: field is required but not found"})
			return
		}
		f := s.fault(share.LinkedIn, RateLimit, DropBeforeCreate, DropAfterCreate, ErrorAfterCreate)
		switch f {
		case RateLimit:
			s.mu.Unlock()
			writeJSON(w, 429, map[string]any{"status": 429, "message": "Resource level throttle APPLICATION DAY limit for calls to this resource is reached."})
			return
		case DropBeforeCreate:
			s.mu.Unlock()
			drop(w)
			return
		}
		for _, p := range s.posts {
			if p.Network == share.LinkedIn && p.Text == in.Commentary {
				s.mu.Unlock()
				writeJSON(w, 422, map[string]any{"status": 422, "code": "DUPLICATE_POST", "message": "Content is a duplicate of " + p.ID})
				return
			}
		}
		link := ""
		if in.Content != nil {
			link = in.Content.Article.Source
		}
		p := s.record(Post{Network: share.LinkedIn, ID: "urn:li:share:" + s.nextID(), Text: in.Commentary, Link: link})
		s.mu.Unlock()
		if s.afterCreate(w, f, func() {
			writeJSON(w, 500, map[string]any{"status": 500, "message": "Internal Server Error"})
		}) {
			return
		}
		w.Header().Set("X-Restli-Id", p.ID)
		w.WriteHeader(201)
	default:
		s.mu.Unlock()
		writeJSON(w, 404, map[string]any{"status": 404, "message": "Not Found"})
	}
}

// ---- Telegram ----

func (s *Server) telegram(w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	tok, method, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if tok != TelegramBotToken || s.revoked[share.Telegram] {
		s.mu.Unlock()
		writeJSON(w, 401, map[string]any{"ok": false, "error_code": 401, "description": "Unauthorized"})
		return
	}
	if method != "sendMessage" && method != "sendPhoto" {
		s.mu.Unlock()
		writeJSON(w, 404, map[string]any{"ok": false, "error_code": 404, "description": "Not Found: method not found"})
		return
	}
	s.calls["telegram "+method]++
	var in struct {
		ChatID  string `json:"chat_id"`
		Text    string `json:"text"`
		Caption string `json:"caption"`
		Photo   string `json:"photo"`
	}
	if json.Unmarshal(body, &in) != nil || in.ChatID != TelegramChat || (in.Text == "" && in.Photo == "") {
		s.mu.Unlock()
		writeJSON(w, 400, map[string]any{"ok": false, "error_code": 400, "description": "Bad Request: chat not found"})
		return
	}
	f := s.fault(share.Telegram, RateLimit, DropBeforeCreate, DropAfterCreate, ErrorAfterCreate)
	switch f {
	case RateLimit:
		s.mu.Unlock()
		writeJSON(w, 429, map[string]any{"ok": false, "error_code": 429, "description": "Too Many Requests: retry after N", "parameters": map[string]int{"retry_after": int((s.resetIn() + time.Second - 1) / time.Second)}})
		return
	case DropBeforeCreate:
		s.mu.Unlock()
		drop(w)
		return
	}
	text := in.Text + in.Caption
	p := s.record(Post{Network: share.Telegram, Text: text, Link: firstLink(html.UnescapeString(text))})
	s.mu.Unlock()
	if s.afterCreate(w, f, func() {
		writeJSON(w, 502, map[string]any{"ok": false, "error_code": 502, "description": "Bad Gateway"})
	}) {
		return
	}
	id, _ := strconv.Atoi(p.ID)
	writeJSON(w, 200, map[string]any{"ok": true, "result": map[string]any{"message_id": id, "chat": map[string]any{"id": -1001234, "username": "newsroom", "type": "channel"}, "text": text}})
}
