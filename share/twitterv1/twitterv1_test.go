package twitterv1

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/share"
	"github.com/dghubble/oauth1"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// setup starts a fake X API v1.1 that answers statuses/update with handle
// and returns a Client pointed at it, signing with made-up credentials.
func setup(t *testing.T, handle http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(handle)
	t.Cleanup(srv.Close)
	hc := oauth1.NewConfig("consumer-key", "consumer-secret").Client(context.Background(), oauth1.NewToken("token", "token-secret"))
	hc.Timeout = 2 * time.Second
	c, err := New(hc, Options{BaseURL: srv.URL})
	require.NoError(t, err)
	return c
}

func xPost(t *testing.T) share.Post {
	t.Helper()
	p, err := share.Compose(sample.Article(), share.X, share.Options{})
	require.NoError(t, err)
	return p
}

func TestPostSendsStatus(t *testing.T) {
	p := xPost(t)
	c := setup(t, func(w http.ResponseWriter, r *http.Request) {
		assert.Equal(t, http.MethodPost, r.Method)
		assert.Equal(t, "/1.1/statuses/update.json", r.URL.Path)
		assert.True(t, strings.HasPrefix(r.Header.Get("Authorization"), "OAuth "), "signed with OAuth 1.0a")
		body, _ := io.ReadAll(r.Body)
		form, err := url.ParseQuery(string(body))
		assert.NoError(t, err)
		assert.Equal(t, p.Text, form.Get("status"))
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id": 1800000000000000001, "id_str": "1800000000000000001", "text": "ok"}`)
	})
	tweet, err := c.Post(context.Background(), p)
	require.NoError(t, err)
	assert.Equal(t, "1800000000000000001", tweet.IDStr)
}

func TestPostErrors(t *testing.T) {
	reset := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		status int
		header map[string]string
		body   string
		check  func(t *testing.T, err error)
	}{
		{"rate limit", 429, map[string]string{"x-rate-limit-reset": fmt.Sprint(reset.Unix())}, `{"errors":[{"code":88,"message":"Rate limit exceeded"}]}`,
			func(t *testing.T, err error) {
				var rl *RateLimitError
				require.ErrorAs(t, err, &rl)
				assert.True(t, reset.Equal(rl.Reset), "reset %s", rl.Reset)
				assert.Equal(t, 88, rl.Code)
			}},
		{"bad credentials", 401, nil, `{"errors":[{"code":32,"message":"Could not authenticate you."}]}`,
			func(t *testing.T, err error) {
				var ae *AuthError
				require.ErrorAs(t, err, &ae)
				assert.Equal(t, 32, ae.Code)
			}},
		{"v1.1 closed", 403, nil, `{"errors":[{"code":453,"message":"You currently have access to a subset of X API V2 endpoints"}]}`,
			func(t *testing.T, err error) {
				var ae *AuthError
				require.ErrorAs(t, err, &ae)
				assert.Equal(t, 453, ae.Code)
			}},
		{"duplicate", 403, nil, `{"errors":[{"code":187,"message":"Status is a duplicate."}]}`,
			func(t *testing.T, err error) {
				var ve *ValidationError
				require.ErrorAs(t, err, &ve)
				assert.Equal(t, 187, ve.Code)
			}},
		{"server error without JSON", 503, nil, `<html>down</html>`,
			func(t *testing.T, err error) {
				var ae *APIError
				require.ErrorAs(t, err, &ae)
				assert.Equal(t, 503, ae.StatusCode)
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := setup(t, func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tt.header {
					w.Header().Set(k, v)
				}
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			})
			_, err := c.Post(context.Background(), xPost(t))
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), "twitterv1: "), err.Error())
			tt.check(t, err)
		})
	}
}

func TestPostContext(t *testing.T) {
	release := make(chan struct{})
	c := setup(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Post(ctx, xPost(t))
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)

	//lint:ignore SA1012 a nil context is the input under test
	_, err = c.Post(nil, xPost(t))
	assert.ErrorIs(t, err, ErrNilContext)

	cancelled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	_, err = c.Post(cancelled, xPost(t))
	assert.ErrorIs(t, err, context.Canceled)
}

func TestParams(t *testing.T) {
	p := xPost(t)
	params, err := Params(p)
	require.NoError(t, err)
	assert.Equal(t, p.Text, params.Status)

	bsky, err := share.Compose(sample.Article(), share.Bluesky, share.Options{})
	require.NoError(t, err)
	_, err = Params(bsky)
	assert.ErrorIs(t, err, ErrNotX)
	assert.EqualError(t, err, "twitterv1: post is not for x: it is for bluesky")

	long := p
	long.Text = strings.Repeat("x", 281)
	_, err = Params(long)
	assert.ErrorIs(t, err, share.ErrTooLong)

	_, err = New(nil, Options{})
	assert.ErrorIs(t, err, ErrNoClient)
	_, err = New(http.DefaultClient, Options{BaseURL: "ftp://x"})
	assert.ErrorIs(t, err, share.ErrInvalidURL)
}
