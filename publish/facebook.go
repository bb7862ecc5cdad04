package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

// FacebookOptions configures a Facebook Page client.
type FacebookOptions struct {
	// BaseURL replaces https://graph.facebook.com, for tests.
	BaseURL string
	// Version is the Graph API version; empty means v23.0.
	Version string
	// PageID is the Page's id. Required.
	PageID string
	// Token is a Page access token with pages_manage_posts and
	// pages_read_engagement. Required.
	Token string
}

// Facebook posts links to a Facebook Page's feed (POST /{page-id}/feed).
type Facebook struct {
	conn
	base string
	opts FacebookOptions
}

// NewFacebook returns a client sending through hc.
func NewFacebook(hc *http.Client, opts FacebookOptions) (*Facebook, error) {
	if opts.PageID == "" || opts.Token == "" {
		return nil, fmt.Errorf("%w: facebook needs a page id and a page access token", ErrConfig)
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "https://graph.facebook.com"
	}
	if opts.Version == "" {
		opts.Version = "v23.0"
	}
	base, err := checkBase(share.Facebook, opts.BaseURL)
	if err != nil {
		return nil, err
	}
	c, err := newConn(hc, share.Facebook, opts.Token)
	if err != nil {
		return nil, err
	}
	return &Facebook{conn: c, base: base + "/" + url.PathEscape(opts.Version), opts: opts}, nil
}

// Network returns share.Facebook.
func (f *Facebook) Network() share.Network { return share.Facebook }

func (f *Facebook) auth() http.Header {
	return http.Header{"Authorization": {"Bearer " + f.opts.Token}}
}

// Prepare checks p; a link post needs no upload (Facebook reads the
// article page's Open Graph tags).
func (f *Facebook) Prepare(_ context.Context, p Post) (Post, error) {
	if p.Facebook == nil || p.Network != share.Facebook {
		return p, needBody(share.Facebook, p)
	}
	return p, nil
}

// Publish posts the link to the Page's feed. Facebook has no idempotency
// key and has answered 500 for posts it made: after an ambiguous answer,
// Lookup.
func (f *Facebook) Publish(ctx context.Context, p Post) (Result, error) {
	if p.Facebook == nil || p.Network != share.Facebook {
		return Result{}, needBody(share.Facebook, p)
	}
	body := p.Facebook.Form().Encode()
	r, err := f.do(ctx, call{op: "post", method: http.MethodPost, url: f.base + "/" + url.PathEscape(f.opts.PageID) + "/feed", header: f.auth(), body: []byte(body), ctype: "application/x-www-form-urlencoded", create: true})
	if err != nil {
		return Result{}, err
	}
	if !r.ok() {
		return Result{}, f.classify("post", r, true)
	}
	var out struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(r.body, &out); err != nil || out.ID == "" {
		return Result{}, f.fail("post", r, Ambiguous, "", "feed answer without an id")
	}
	return Result{Network: share.Facebook, ID: out.ID, URL: facebookURL(out.ID)}, nil
}

func facebookURL(id string) string { return "https://www.facebook.com/" + url.PathEscape(id) }

// Lookup reads the Page's recent posts (GET /{page-id}/feed) for one made
// since p.Since whose attachment links to p's link.
func (f *Facebook) Lookup(ctx context.Context, p Post) (Result, error) {
	if p.Facebook == nil {
		return Result{}, needBody(share.Facebook, p)
	}
	q := url.Values{"fields": {"id,created_time,permalink_url,attachments{unshimmed_url,url}"}, "limit": {"100"}}
	if !p.Since.IsZero() {
		q.Set("since", fmt.Sprint(p.Since.Add(-time.Minute).Unix()))
	}
	next := f.base + "/" + url.PathEscape(f.opts.PageID) + "/feed?" + q.Encode()
	// Follow the pages back to Since (at most 100 pages of 100 posts): a
	// busy Page may have posted more since the ambiguous attempt. Not
	// found is said only when the whole window was read.
	covered := false
	for page := 0; page < 100 && next != ""; page++ {
		r, err := f.do(ctx, call{op: "lookup", method: http.MethodGet, url: next, header: f.auth()})
		if err != nil {
			return Result{}, err
		}
		if !r.ok() {
			return Result{}, f.classify("lookup", r, false)
		}
		var out struct {
			Data []struct {
				ID          string `json:"id"`
				Created     string `json:"created_time"`
				Permalink   string `json:"permalink_url"`
				Attachments struct {
					Data []struct {
						Unshimmed string `json:"unshimmed_url"`
						URL       string `json:"url"`
					} `json:"data"`
				} `json:"attachments"`
			} `json:"data"`
			Paging struct {
				Next string `json:"next"`
			} `json:"paging"`
		}
		if err := json.Unmarshal(r.body, &out); err != nil {
			return Result{}, f.fail("lookup", r, NotSent, "", "feed answer is not JSON")
		}
		older := false
		for _, post := range out.Data {
			if t, err := time.Parse("2006-01-02T15:04:05-0700", post.Created); err == nil && !after(t, p.Since) {
				older = true
				continue
			}
			for _, a := range post.Attachments.Data {
				if sameLink(a.Unshimmed, p.Facebook.Link) || sameLink(a.URL, p.Facebook.Link) {
					u := post.Permalink
					if !strings.HasPrefix(u, "https://") {
						u = facebookURL(post.ID)
					}
					return Result{Network: share.Facebook, ID: post.ID, URL: u}, nil
				}
			}
		}
		next = ""
		switch {
		case older || len(out.Data) == 0 || out.Paging.Next == "":
			covered = true
		case f.sameServer(out.Paging.Next):
			next = out.Paging.Next
		}
	}
	if !covered {
		return Result{}, fmt.Errorf("%w: facebook: the feed since the attempt is longer than could be read", ErrUnresolvable)
	}
	return Result{}, fmt.Errorf("%w: facebook: no recent page post links %s", ErrNotFound, p.Facebook.Link)
}

// sameServer reports whether a paging URL points at the server the client
// was configured with (the token is sent there).
func (f *Facebook) sameServer(raw string) bool {
	u, err := url.Parse(raw)
	b, berr := url.Parse(f.base)
	return err == nil && berr == nil && u.Scheme == b.Scheme && u.Host == b.Host
}

func (f *Facebook) classify(op string, r *reply, create bool) *Error {
	o, reauth, code, msg := metaClassify(r.status, r.body, create)
	e := f.fail(op, r, o, code, msg)
	e.Reauth = reauth
	if o == NotSent {
		e.RetryAt = retryHint(ParseRate(share.Facebook, r.status, r.header, r.body, f.now()), f.now())
	}
	return e
}
