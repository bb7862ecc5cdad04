package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

// LinkedInVersion is the LinkedIn-Version sent when the options name
// none. LinkedIn retires versions about a year after release; pin a
// current one in LinkedInOptions.
const LinkedInVersion = "202511"

// LinkedInOptions configures a LinkedIn client.
type LinkedInOptions struct {
	// BaseURL replaces https://api.linkedin.com, for tests.
	BaseURL string
	// Version is the LinkedIn-Version header (YYYYMM); empty means
	// LinkedInVersion.
	Version string
	// Token is a member or organization access token with
	// w_member_social or w_organization_social (60 days). Required.
	Token string
}

// LinkedIn posts article posts through the Posts API (POST /rest/posts);
// the new post's URN comes back in the x-restli-id header.
type LinkedIn struct {
	conn
	base string
	opts LinkedInOptions
}

// NewLinkedIn returns a client sending through hc.
func NewLinkedIn(hc *http.Client, opts LinkedInOptions) (*LinkedIn, error) {
	if opts.Token == "" {
		return nil, fmt.Errorf("%w: linkedin needs an access token", ErrConfig)
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "https://api.linkedin.com"
	}
	if opts.Version == "" {
		opts.Version = LinkedInVersion
	}
	base, err := checkBase(share.LinkedIn, opts.BaseURL)
	if err != nil {
		return nil, err
	}
	c, err := newConn(hc, share.LinkedIn, opts.Token)
	if err != nil {
		return nil, err
	}
	return &LinkedIn{conn: c, base: base, opts: opts}, nil
}

// Network returns share.LinkedIn.
func (l *LinkedIn) Network() share.Network { return share.LinkedIn }

func (l *LinkedIn) headers() http.Header {
	h := share.LinkedInHeaders(l.opts.Version)
	h.Del("Content-Type")
	h.Set("Authorization", "Bearer "+l.opts.Token)
	return h
}

// Prepare checks p; the article card needs no upload.
func (l *LinkedIn) Prepare(_ context.Context, p Post) (Post, error) {
	if p.LinkedIn == nil || p.Network != share.LinkedIn {
		return p, needBody(share.LinkedIn, p)
	}
	return p, nil
}

// Publish creates the post. LinkedIn has no idempotency key; its
// backstop is 422 DUPLICATE_POST naming the existing URN.
func (l *LinkedIn) Publish(ctx context.Context, p Post) (Result, error) {
	if p.LinkedIn == nil || p.Network != share.LinkedIn {
		return Result{}, needBody(share.LinkedIn, p)
	}
	body, err := jsonBody(p.LinkedIn)
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrBadPost, err)
	}
	r, err := l.do(ctx, call{op: "post", method: http.MethodPost, url: l.base + "/rest/posts", header: l.headers(), body: body, ctype: "application/json", create: true})
	if err != nil {
		return Result{}, err
	}
	if !r.ok() {
		return Result{}, l.classify("post", r, true)
	}
	urn := r.header.Get("X-Restli-Id")
	if urn == "" {
		urn = r.header.Get("X-LinkedIn-Id")
	}
	if !strings.HasPrefix(urn, "urn:li:") {
		return Result{}, l.fail("post", r, Ambiguous, "", "created without an x-restli-id URN")
	}
	return Result{Network: share.LinkedIn, ID: urn, URL: linkedInURL(urn)}, nil
}

func linkedInURL(urn string) string {
	return "https://www.linkedin.com/feed/update/" + url.PathEscape(urn) + "/"
}

// Lookup lists the author's recent posts (GET /rest/posts?q=author) for
// one made since p.Since whose article source is p's.
func (l *LinkedIn) Lookup(ctx context.Context, p Post) (Result, error) {
	if p.LinkedIn == nil || p.LinkedIn.Content == nil {
		return Result{}, needBody(share.LinkedIn, p)
	}
	h := l.headers()
	h.Set("X-RestLi-Method", "FINDER")
	// Page back to Since (at most 20 pages of 100): not found is said
	// only when the whole window was read.
	for start := 0; start < 2000; start += 100 {
		q := url.Values{"q": {"author"}, "author": {p.LinkedIn.Author}, "count": {"100"}, "start": {strconv.Itoa(start)}, "sortBy": {"CREATED"}}
		r, err := l.do(ctx, call{op: "lookup", method: http.MethodGet, url: l.base + "/rest/posts?" + q.Encode(), header: h})
		if err != nil {
			return Result{}, err
		}
		if !r.ok() {
			return Result{}, l.classify("lookup", r, false)
		}
		var out struct {
			Elements []struct {
				ID        string `json:"id"`
				CreatedAt int64  `json:"createdAt"`
				Content   struct {
					Article struct {
						Source string `json:"source"`
					} `json:"article"`
				} `json:"content"`
			} `json:"elements"`
		}
		if err := json.Unmarshal(r.body, &out); err != nil {
			return Result{}, l.fail("lookup", r, NotSent, "", "posts answer is not JSON")
		}
		older := false
		for _, e := range out.Elements {
			if e.CreatedAt > 0 && !after(time.UnixMilli(e.CreatedAt), p.Since) {
				older = true
				continue
			}
			if sameLink(e.Content.Article.Source, p.LinkedIn.Content.Article.Source) && strings.HasPrefix(e.ID, "urn:li:") {
				return Result{Network: share.LinkedIn, ID: e.ID, URL: linkedInURL(e.ID)}, nil
			}
		}
		if older || len(out.Elements) < 100 {
			return Result{}, fmt.Errorf("%w: linkedin: no post since the attempt links %s", ErrNotFound, p.LinkedIn.Content.Article.Source)
		}
	}
	return Result{}, fmt.Errorf("%w: linkedin: the author's posts since the attempt are more than could be read", ErrUnresolvable)
}

var linkedInURN = regexp.MustCompile(`urn:li:(?:share|ugcPost|activity):[0-9]+`)

func (l *LinkedIn) classify(op string, r *reply, create bool) *Error {
	var body struct {
		Message          string `json:"message"`
		Code             string `json:"code"`
		ServiceErrorCode int    `json:"serviceErrorCode"`
		ErrorDetails     struct {
			InputErrors []struct {
				Code string `json:"code"`
			} `json:"inputErrors"`
		} `json:"errorDetails"`
	}
	_ = json.Unmarshal(r.body, &body)
	code := body.Code
	for _, ie := range body.ErrorDetails.InputErrors {
		if ie.Code != "" {
			code = ie.Code
		}
	}
	o, reauth := byStatus(r.status, create)
	e := l.fail(op, r, o, code, body.Message)
	if r.status == http.StatusUnprocessableEntity && (code == "DUPLICATE_POST" || strings.Contains(strings.ToLower(body.Message), "duplicate")) {
		e.Outcome = Duplicate
		e.DuplicateOf = linkedInURN.FindString(body.Message)
	}
	if r.status == http.StatusForbidden && (body.ServiceErrorCode == 65600 || code == "REVOKED_ACCESS_TOKEN") {
		reauth = true
	}
	e.Reauth = reauth
	if e.Outcome == NotSent {
		e.RetryAt = retryHint(ParseRate(share.LinkedIn, r.status, r.header, r.body, l.now()), l.now())
	}
	return e
}
