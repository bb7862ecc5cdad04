package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/broadsheet/broadsheet/share"
)

func postCommand() command {
	return command{
		name: "post",
		args: "--network N [--author URN] [--chat ID] [--photo] [--repo HANDLE] [--created TIME] [--utm-campaign C] [ARTICLE]",
		summary: "print the exact API request body for one network " +
			"(facebook, x, bluesky, mastodon, linkedin, threads, telegram); no network I/O",
		run: runPost,
	}
}

func runPost(e *env, args []string) error {
	f := newFlags(e, postCommand(), true)
	network := f.String("network", "", "the `network`: facebook, x, bluesky, mastodon, linkedin, threads or telegram")
	author := f.String("author", "", "LinkedIn author `URN` (urn:li:organization:… or urn:li:person:…); required for linkedin")
	chat := f.String("chat", "", "Telegram chat `ID` or @channel; required for telegram")
	photo := f.Bool("photo", false, "telegram: a sendPhoto body with the lead image instead of sendMessage")
	repo := f.String("repo", "", "Bluesky repo `handle` or DID (default: the site's Bluesky handle)")
	created := f.String("created", "", "Bluesky createdAt `time`, RFC 3339 (default: now)")
	campaign := f.String("utm-campaign", "", "utm_campaign `value` (default share)")
	var n share.Network
	var createdAt time.Time
	a, _, err := f.article(args, func() error {
		if *network == "" {
			return usagef("--network is required (facebook, x, bluesky, mastodon, linkedin, threads, telegram)")
		}
		var err error
		n, err = share.ParseNetwork(*network)
		if err != nil || !share.HasPost(n) {
			return usagef("--network: %q has no posting API here; want facebook, x, bluesky, mastodon, linkedin, threads or telegram", *network)
		}
		switch {
		case n == share.LinkedIn && *author == "":
			return usagef("--author is required for linkedin (urn:li:organization:ID or urn:li:person:ID)")
		case n == share.Telegram && *chat == "":
			return usagef("--chat is required for telegram (a chat id or @channelusername)")
		}
		if *created != "" {
			if createdAt, err = time.Parse(time.RFC3339, *created); err != nil {
				return usagef("--created: %v", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	opts := share.Options{UTM: share.UTM{Campaign: *campaign}}
	var body any
	switch n {
	case share.Facebook:
		body, err = share.NewFacebookFeed(a, opts, share.FacebookSchedule{})
	case share.X:
		body, err = share.NewXTweet(a, opts)
	case share.Bluesky:
		body, err = share.NewBlueskyPost(a, opts, share.BlueskyOptions{Repo: *repo, CreatedAt: createdAt})
	case share.Mastodon:
		var s share.MastodonStatus
		s, err = share.NewMastodonStatus(a, opts)
		if err == nil {
			fmt.Fprintf(e.stderr, "Idempotency-Key: %s\n", s.IdempotencyKey)
		}
		body = s
	case share.LinkedIn:
		body, err = share.NewLinkedInPost(a, opts, *author)
	case share.Threads:
		body, err = share.NewThreadsContainer(a, opts)
	case share.Telegram:
		if *photo {
			body, err = share.NewTelegramPhoto(a, opts, *chat)
		} else {
			body, err = share.NewTelegramMessage(a, opts, *chat)
		}
	}
	if err != nil {
		return err
	}
	w, finish := f.out()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return finish(enc.Encode(body))
}
