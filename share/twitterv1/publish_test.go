package twitterv1

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/share"
)

func TestPublisherOutcomes(t *testing.T) {
	rows := []struct {
		name    string
		status  int
		body    string
		outcome publish.Outcome
		reauth  bool
	}{
		{"rate limit", 429, `{"errors":[{"code":88,"message":"Rate limit exceeded"}]}`, publish.NotSent, false},
		{"bad token", 401, `{"errors":[{"code":89,"message":"Invalid or expired token"}]}`, publish.Rejected, true},
		{"duplicate", 403, `{"errors":[{"code":187,"message":"Status is a duplicate."}]}`, publish.Duplicate, false},
		{"server error", 503, `{"errors":[{"code":130,"message":"Over capacity"}]}`, publish.Ambiguous, false},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			c := setup(t, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(r.status)
				_, _ = w.Write([]byte(r.body))
			})
			pc := Publisher(c)
			_, err := pc.Publish(context.Background(), publish.Post{Network: share.X, X: &share.XTweet{Text: "A headline https://news.example.com/a"}})
			require.Error(t, err)
			assert.Equal(t, r.outcome, publish.Classify(err), "%v", err)
			assert.Equal(t, r.reauth, publish.IsReauth(err))
		})
	}
	c := setup(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":1860000000000000001,"id_str":"1860000000000000001","text":"A headline"}`))
	})
	res, err := Publisher(c).Publish(context.Background(), publish.Post{Network: share.X, X: &share.XTweet{Text: "A headline"}})
	require.NoError(t, err)
	assert.Equal(t, "1860000000000000001", res.ID)
	_, err = Publisher(c).Lookup(context.Background(), publish.Post{})
	assert.ErrorIs(t, err, publish.ErrUnresolvable)
}
