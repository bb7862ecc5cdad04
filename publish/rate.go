package publish

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

// Rate is what a response said about the account's rate limit. Zero
// fields mean the network did not say.
type Rate struct {
	// Limit is the requests allowed in the window.
	Limit int
	// Remaining is the requests left in the window; -1 when not given.
	Remaining int
	// Reset is when the window resets.
	Reset time.Time
}

// ParseRate reads the rate-limit signals of a response from network n,
// each in its own format (now is the time the response arrived):
//
//   - X: x-rate-limit-{limit,remaining,reset}, reset in Unix seconds;
//     when x-user-limit-24hour-remaining or x-app-limit-24hour-remaining
//     is 0, the later of their resets.
//   - Bluesky: ratelimit-{limit,remaining,reset}, reset in Unix seconds.
//   - Mastodon: X-RateLimit-{Limit,Remaining,Reset}, reset an ISO 8601
//     timestamp.
//   - Facebook and Threads: X-Business-Use-Case-Usage (or X-App-Usage),
//     JSON whose estimated_time_to_regain_access is in minutes.
//   - LinkedIn: no headers; its daily quotas reset at midnight UTC, which
//     Reset gives when the status is 429.
//   - Telegram: parameters.retry_after, in seconds, in the JSON body.
//
// A Retry-After header (seconds or an HTTP date) is read for every
// network. Malformed values are ignored; ParseRate never fails.
func ParseRate(n share.Network, status int, h http.Header, body []byte, now time.Time) Rate {
	r := Rate{Remaining: -1}
	switch n {
	case share.X:
		r.Limit = atoi(h.Get("x-rate-limit-limit"))
		r.Remaining = atoiOr(h.Get("x-rate-limit-remaining"), -1)
		r.Reset = unixSeconds(h.Get("x-rate-limit-reset"))
		for _, p := range []string{"x-user-limit-24hour-", "x-app-limit-24hour-"} {
			if h.Get(p+"remaining") == "0" {
				if t := unixSeconds(h.Get(p + "reset")); t.After(r.Reset) {
					r.Reset, r.Remaining = t, 0
				}
			}
		}
	case share.Bluesky:
		r.Limit = atoi(h.Get("ratelimit-limit"))
		r.Remaining = atoiOr(h.Get("ratelimit-remaining"), -1)
		r.Reset = unixSeconds(h.Get("ratelimit-reset"))
	case share.Mastodon:
		r.Limit = atoi(h.Get("X-RateLimit-Limit"))
		r.Remaining = atoiOr(h.Get("X-RateLimit-Remaining"), -1)
		if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(h.Get("X-RateLimit-Reset"))); err == nil {
			r.Reset = t
		}
	case share.Facebook, share.Threads:
		if m := metaRegain(h); m > 0 {
			r.Reset = now.Add(time.Duration(m) * time.Minute)
			r.Remaining = 0
		}
	case share.LinkedIn:
		if status == http.StatusTooManyRequests {
			y, mo, d := now.UTC().Date()
			r.Reset = time.Date(y, mo, d+1, 0, 0, 0, 0, time.UTC)
			r.Remaining = 0
		}
	case share.Telegram:
		var tg struct {
			Parameters struct {
				RetryAfter int64 `json:"retry_after"`
			} `json:"parameters"`
		}
		if json.Unmarshal(body, &tg) == nil && tg.Parameters.RetryAfter > 0 && tg.Parameters.RetryAfter < 1<<31 {
			r.Reset = now.Add(time.Duration(tg.Parameters.RetryAfter) * time.Second)
			r.Remaining = 0
		}
	}
	if t := retryAfter(h.Get("Retry-After"), now); t.After(r.Reset) {
		r.Reset = t
	}
	return r
}

// metaRegain reads the largest estimated_time_to_regain_access (minutes)
// in Meta's usage headers. X-Business-Use-Case-Usage maps an id to a list
// of usage objects; X-App-Usage is one object.
func metaRegain(h http.Header) int {
	type usage struct {
		Regain int `json:"estimated_time_to_regain_access"`
	}
	best := 0
	if v := h.Get("X-Business-Use-Case-Usage"); v != "" {
		var m map[string][]usage
		if json.Unmarshal([]byte(v), &m) == nil {
			for _, list := range m {
				for _, u := range list {
					best = max(best, u.Regain)
				}
			}
		}
	}
	for _, name := range []string{"X-App-Usage", "X-Ad-Account-Usage"} {
		var u usage
		if v := h.Get(name); v != "" && json.Unmarshal([]byte(v), &u) == nil {
			best = max(best, u.Regain)
		}
	}
	return min(best, 7*24*60)
}

// retryAfter parses Retry-After: delay seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 || s > 7*24*3600 {
			return time.Time{}
		}
		return now.Add(time.Duration(s) * time.Second)
	}
	if t, err := http.ParseTime(v); err == nil {
		return t
	}
	return time.Time{}
}

func unixSeconds(v string) time.Time {
	s, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || s <= 0 || s > 1<<40 {
		return time.Time{}
	}
	return time.Unix(s, 0)
}

func atoi(v string) int { return atoiOr(v, 0) }

func atoiOr(v string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def
	}
	return n
}

// retryHint is the RetryAt for a not-sent failure: the rate-limit reset
// when the server gave one in the future, else zero.
func retryHint(rt Rate, now time.Time) time.Time {
	if rt.Reset.After(now) {
		return rt.Reset
	}
	return time.Time{}
}
