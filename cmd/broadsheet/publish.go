package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/publish/outbox"
	"github.com/broadsheet/broadsheet/render/card"
	"github.com/broadsheet/broadsheet/share"
)

func publishCommand() command {
	return command{
		name:    "publish",
		args:    "--network N[,N…] [--outbox FILE|postgres://…] [--at TIME] [--wait DUR] [--card] [--dry-run] ARTICLE",
		summary: "post an article to the accounts in the environment, exactly once, through the outbox",
		run:     runPublish,
	}
}

func runPublish(e *env, args []string) error {
	f := newFlags(e, publishCommand(), false)
	networks := f.String("network", "", "comma-separated `networks`: mastodon, bluesky, x, facebook, linkedin, threads, telegram")
	target := f.String("outbox", "", "the outbox: an SQLite `FILE` or a postgres:// URL (default $BROADSHEET_OUTBOX, else broadsheet-outbox.db)")
	at := f.String("at", "", "post no earlier than `TIME` (RFC 3339, or +DURATION such as +30m)")
	wait := f.Duration("wait", 2*time.Minute, "how long to wait for the posts before leaving them to 'broadsheet outbox run'")
	dry := f.Bool("dry-run", false, "print each network's request (endpoint, key, body) and send nothing")
	campaign := f.String("utm-campaign", "", "utm_campaign `value` (default share)")
	withCard := f.Bool("card", false, "attach the article's share card (JPEG) where the network takes an upload: Mastodon, the Bluesky link card, X")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	nets, err := parsePostNetworks(*networks)
	if err != nil {
		return err
	}
	when, err := parseAt(*at, time.Now())
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("takes one ARTICLE (a file, or - for standard input)")
	}
	a, err := f.readArticle(pos[0])
	if err != nil {
		return err
	}
	story := a.ID
	if story == "" {
		story = a.URL
	}
	opts := postOptions(*campaign)
	if *withCard {
		img, err := shareCard(a)
		if err != nil {
			return err
		}
		opts.Image = img
	}
	if *dry {
		// Show where the account's values go even when they are unset.
		if opts.TelegramChat == "" {
			opts.TelegramChat = "$BROADSHEET_TELEGRAM_CHAT"
		}
		if opts.LinkedInAuthor == "" {
			opts.LinkedInAuthor = "urn:li:organization:$BROADSHEET_LINKEDIN_AUTHOR"
		}
	}
	var reqs []outbox.Request
	for _, n := range nets {
		if miss := missingEnv(n); len(miss) > 0 && !*dry {
			return fmt.Errorf("%s account not configured: set %s (see README, Publishing)", n, strings.Join(miss, ", "))
		}
		p, err := publish.NewPost(a, n, opts)
		if err != nil {
			return err
		}
		reqs = append(reqs, outbox.Request{Story: story, Post: p, At: when})
	}
	if *dry {
		return dryRun(e, reqs)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ob, err := openOutbox(ctx, *target)
	if err != nil {
		return err
	}
	defer ob.Close()
	enq, err := ob.Enqueue(ctx, reqs...)
	if err != nil {
		return err
	}
	ids := make([]int64, len(enq))
	for i, en := range enq {
		ids[i] = en.ID
		if en.Existing {
			fmt.Fprintf(e.stderr, "%s: story %s was already in the outbox (entry %d, %s)\n", en.Network, story, en.ID, en.State)
		}
	}
	deadline := time.Now().Add(*wait)
	if when.After(deadline) {
		for _, en := range enq {
			fmt.Fprintf(e.stdout, "%s\tscheduled\t%s\tentry %d\n", en.Network, when.UTC().Format(time.RFC3339), en.ID)
		}
		fmt.Fprintln(e.stderr, "scheduled: 'broadsheet outbox run' posts them when due")
		return nil
	}
	switch err := ob.Start(ctx); {
	case errors.Is(err, outbox.ErrBusy):
		fmt.Fprintln(e.stderr, "another 'broadsheet outbox run' is delivering this outbox; waiting for it")
	case err != nil:
		return err
	default:
		defer ob.Stop(context.Background())
	}
	wctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	es, werr := ob.Wait(wctx, ids, outbox.WaitOptions{Until: func(en outbox.Entry) bool {
		return en.RetryAt.After(deadline) // rate-limited past the wait
	}})
	if es == nil {
		return werr
	}
	return report(e, es)
}

// openOutbox opens the outbox with the environment's accounts, which keep
// their rotating tokens in it.
func openOutbox(ctx context.Context, target string) (*outbox.Outbox, error) {
	acc := newAccounts(nil)
	ob, err := outbox.Open(ctx, outboxTarget(target), outbox.Options{Clients: acc.resolve})
	if err != nil {
		return nil, err
	}
	acc.ob = ob
	return ob, nil
}

// report prints each entry's result and returns errSilent unless all are
// published.
func report(e *env, es []outbox.Entry) error {
	failed := false
	for _, en := range es {
		switch en.State {
		case outbox.Published:
			fmt.Fprintf(e.stdout, "%s\tpublished\t%s\n", en.Network, orID(en))
			continue
		case outbox.Reauth:
			fmt.Fprintf(e.stderr, "%s: token refused: re-authorise the account (see README, Publishing), then 'broadsheet outbox retry %d'\n  %s\n", en.Network, en.ID, en.Error)
		case outbox.Unconfirmed:
			fmt.Fprintf(e.stderr, "%s: may have been posted, and the network cannot be asked: check the account, then 'broadsheet outbox retry %d' (not there) or 'broadsheet outbox cancel %d' (it is)\n  %s\n", en.Network, en.ID, en.ID, en.Error)
		case outbox.Queued, outbox.Sending:
			why := ""
			if !en.RetryAt.IsZero() {
				why = " until " + en.RetryAt.UTC().Format(time.RFC3339)
			}
			fmt.Fprintf(e.stderr, "%s: not yet posted (waiting%s); it stays in the outbox (entry %d) for 'broadsheet outbox run'\n  %s\n", en.Network, why, en.ID, en.Error)
		default:
			fmt.Fprintf(e.stderr, "%s: %s (entry %d): %s\n", en.Network, en.State, en.ID, en.Error)
		}
		failed = true
	}
	if failed {
		return errSilent
	}
	return nil
}

func orID(en outbox.Entry) string {
	if en.URL != "" {
		return en.URL
	}
	return en.RemoteID
}

// parseNetworks parses --network.
func parsePostNetworks(list string) ([]share.Network, error) {
	if list == "" {
		return nil, usagef("--network is required (mastodon, bluesky, x, facebook, linkedin, threads, telegram)")
	}
	var out []share.Network
	seen := map[share.Network]bool{}
	for _, id := range strings.Split(list, ",") {
		n, err := share.ParseNetwork(strings.TrimSpace(id))
		if err != nil || !share.HasPost(n) {
			return nil, usagef("--network: %q has no posting API; want mastodon, bluesky, x, facebook, linkedin, threads or telegram", id)
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, nil
}

// parseAt parses --at: RFC 3339, or +DURATION from now.
func parseAt(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, ok := strings.CutPrefix(s, "+"); ok {
		dur, err := time.ParseDuration(d)
		if err != nil || dur < 0 {
			return time.Time{}, usagef("--at: %q is not +DURATION (like +30m)", s)
		}
		return now.Add(dur), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usagef("--at: %q is not an RFC 3339 time (2026-11-26T09:30:00Z) or +DURATION", s)
	}
	return t, nil
}

// dryRun prints what each network would be sent.
func dryRun(e *env, reqs []outbox.Request) error {
	type request struct {
		Network  string `json:"network"`
		Endpoint string `json:"endpoint"`
		Key      string `json:"key,omitempty"`
		Body     any    `json:"body"`
		Missing  string `json:"missing_env,omitempty"`
		At       string `json:"not_before,omitempty"`
	}
	var out []request
	for _, r := range reqs {
		p := r.Post
		q := request{Network: p.Network.ID(), Key: p.Key, Missing: strings.Join(missingEnv(p.Network), ", ")}
		if !r.At.IsZero() {
			q.At = r.At.UTC().Format(time.RFC3339)
		}
		switch p.Network {
		case share.X:
			q.Endpoint, q.Body = share.XTweetEndpoint, p.X
		case share.Bluesky:
			q.Endpoint, q.Body = share.BlueskyCreateRecordEndpoint, p.Bluesky
			q.Key = "(a TID chosen when enqueued)"
		case share.Mastodon:
			q.Endpoint, q.Body = share.MastodonStatusEndpoint, p.Mastodon
		case share.Facebook:
			q.Endpoint, q.Body = share.FacebookFeedEndpoint, p.Facebook
		case share.LinkedIn:
			q.Endpoint, q.Body = share.LinkedInPostsEndpoint, p.LinkedIn
		case share.Threads:
			q.Endpoint, q.Body = share.ThreadsContainerEndpoint+" then "+share.ThreadsPublishEndpoint, p.Threads
		case share.Telegram:
			q.Endpoint, q.Body = share.TelegramSendMessageEndpoint, p.Telegram
			if p.TelegramPhoto != nil {
				q.Endpoint, q.Body = share.TelegramSendPhotoEndpoint, p.TelegramPhoto
			}
		}
		out = append(out, q)
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// shareCard renders a's standard share card as a JPEG to attach.
func shareCard(a *article.Article) (*publish.Image, error) {
	r, err := card.New(card.DefaultTheme())
	if err != nil {
		return nil, err
	}
	b, _, err := r.Bytes(a, card.Options{Format: card.FormatJPEG})
	if err != nil {
		return nil, fmt.Errorf("share card: %w", err)
	}
	return &publish.Image{Data: b, Type: "image/jpeg", Alt: a.SocialTitle()}, nil
}
