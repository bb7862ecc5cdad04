package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/publish/outbox"
	"github.com/broadsheet/broadsheet/share"
)

// accountEnv documents the environment each network's account is read
// from (README "Publishing"). *_API overrides the server, for a local
// test server; it must be https or http to a loopback host.
var accountEnv = map[share.Network][]string{
	share.Mastodon: {"BROADSHEET_MASTODON_SERVER", "BROADSHEET_MASTODON_TOKEN"},
	share.Bluesky:  {"BROADSHEET_BLUESKY_HANDLE", "BROADSHEET_BLUESKY_APP_PASSWORD"},
	share.X:        {"BROADSHEET_X_ACCESS_TOKEN"},
	share.Facebook: {"BROADSHEET_FACEBOOK_PAGE_ID", "BROADSHEET_FACEBOOK_TOKEN"},
	share.LinkedIn: {"BROADSHEET_LINKEDIN_TOKEN", "BROADSHEET_LINKEDIN_AUTHOR"},
	share.Threads:  {"BROADSHEET_THREADS_USER_ID", "BROADSHEET_THREADS_TOKEN"},
	share.Telegram: {"BROADSHEET_TELEGRAM_BOT_TOKEN", "BROADSHEET_TELEGRAM_CHAT"},
}

// missingEnv names the required variables of n that are unset.
func missingEnv(n share.Network) []string {
	var out []string
	for _, k := range accountEnv[n] {
		if os.Getenv(k) == "" {
			out = append(out, k)
		}
	}
	return out
}

// accounts builds each network's client once, from the environment, and
// keeps rotating credentials (the Bluesky session, the X token) in the
// outbox so that the next run does not log in again.
type accounts struct {
	hc *http.Client
	ob *outbox.Outbox

	mu      sync.Mutex
	clients map[share.Network]publish.Client
}

func newAccounts(ob *outbox.Outbox) *accounts {
	return &accounts{hc: &http.Client{Timeout: 30 * time.Second}, ob: ob, clients: map[share.Network]publish.Client{}}
}

// resolve is the outbox's Resolver: the "default" account of each network.
func (a *accounts) resolve(n share.Network, account string) (publish.Client, error) {
	if account != "default" {
		return nil, fmt.Errorf("no account %q configured (the environment configures \"default\")", account)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if c, ok := a.clients[n]; ok {
		return c, nil
	}
	c, err := a.build(n)
	if err != nil {
		return nil, err
	}
	a.clients[n] = c
	return c, nil
}

func (a *accounts) saveToken(name string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = a.ob.SaveToken(ctx, name, string(b))
}

func (a *accounts) loadToken(name string, v any) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, ok, err := a.ob.Token(ctx, name)
	return err == nil && ok && json.Unmarshal([]byte(s), v) == nil
}

// origin fingerprints the environment's credentials: a saved token is
// used only while the environment still holds the ones it came from.
func origin(vals ...string) string {
	h := sha256.Sum256([]byte(strings.Join(vals, "\x00")))
	return hex.EncodeToString(h[:8])
}

func (a *accounts) build(n share.Network) (publish.Client, error) {
	if miss := missingEnv(n); len(miss) > 0 {
		return nil, fmt.Errorf("%s account not configured: set %s", n, strings.Join(miss, ", "))
	}
	env := os.Getenv
	switch n {
	case share.Mastodon:
		return publish.NewMastodon(a.hc, publish.MastodonOptions{Server: env("BROADSHEET_MASTODON_SERVER"), Token: env("BROADSHEET_MASTODON_TOKEN")})
	case share.Bluesky:
		type saved struct {
			Origin  string                 `json:"origin"`
			Session publish.BlueskySession `json:"session"`
		}
		from := origin(env("BROADSHEET_BLUESKY_PDS"), env("BROADSHEET_BLUESKY_HANDLE"), env("BROADSHEET_BLUESKY_APP_PASSWORD"))
		o := publish.BlueskyOptions{PDS: env("BROADSHEET_BLUESKY_PDS"), Handle: env("BROADSHEET_BLUESKY_HANDLE"), AppPassword: env("BROADSHEET_BLUESKY_APP_PASSWORD"),
			OnSession: func(s publish.BlueskySession) { a.saveToken("bluesky/default", saved{from, s}) }}
		var s saved
		if a.loadToken("bluesky/default", &s) && s.Origin == from {
			o.Session = &s.Session
		}
		return publish.NewBluesky(a.hc, o)
	case share.X:
		type saved struct {
			Origin string         `json:"origin"`
			Token  publish.XToken `json:"token"`
		}
		from := origin(env("BROADSHEET_X_ACCESS_TOKEN"), env("BROADSHEET_X_REFRESH_TOKEN"))
		o := publish.XOptions{BaseURL: env("BROADSHEET_X_API"), ClientID: env("BROADSHEET_X_CLIENT_ID"), ClientSecret: env("BROADSHEET_X_CLIENT_SECRET"),
			Token:   publish.XToken{AccessToken: env("BROADSHEET_X_ACCESS_TOKEN"), RefreshToken: env("BROADSHEET_X_REFRESH_TOKEN")},
			OnToken: func(t publish.XToken) { a.saveToken("x/default", saved{from, t}) }}
		var s saved
		if a.loadToken("x/default", &s) && s.Origin == from {
			o.Token = s.Token
		}
		return publish.NewX(a.hc, o)
	case share.Facebook:
		return publish.NewFacebook(a.hc, publish.FacebookOptions{BaseURL: env("BROADSHEET_FACEBOOK_API"), Version: env("BROADSHEET_FACEBOOK_VERSION"), PageID: env("BROADSHEET_FACEBOOK_PAGE_ID"), Token: env("BROADSHEET_FACEBOOK_TOKEN")})
	case share.LinkedIn:
		return publish.NewLinkedIn(a.hc, publish.LinkedInOptions{BaseURL: env("BROADSHEET_LINKEDIN_API"), Version: env("BROADSHEET_LINKEDIN_VERSION"), Token: env("BROADSHEET_LINKEDIN_TOKEN")})
	case share.Threads:
		return publish.NewThreads(a.hc, publish.ThreadsOptions{BaseURL: env("BROADSHEET_THREADS_API"), UserID: env("BROADSHEET_THREADS_USER_ID"), Token: env("BROADSHEET_THREADS_TOKEN")})
	case share.Telegram:
		return publish.NewTelegram(a.hc, publish.TelegramOptions{BaseURL: env("BROADSHEET_TELEGRAM_API"), Token: env("BROADSHEET_TELEGRAM_BOT_TOKEN")})
	}
	return nil, fmt.Errorf("%s has no posting API", n)
}

// postOptions are the account-specific parts of a post, from the
// environment.
func postOptions(campaign string) publish.PostOptions {
	return publish.PostOptions{
		Share:          share.Options{UTM: share.UTM{Campaign: campaign}},
		BlueskyRepo:    os.Getenv("BROADSHEET_BLUESKY_HANDLE"),
		LinkedInAuthor: os.Getenv("BROADSHEET_LINKEDIN_AUTHOR"),
		TelegramChat:   os.Getenv("BROADSHEET_TELEGRAM_CHAT"),
	}
}

// outboxTarget is --outbox, else BROADSHEET_OUTBOX, else broadsheet-outbox.db
// in the working directory.
func outboxTarget(flag string) string {
	if flag != "" {
		return flag
	}
	if v := os.Getenv("BROADSHEET_OUTBOX"); v != "" {
		return v
	}
	return "broadsheet-outbox.db"
}
