package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/fakenet"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/share"
)

// fakeAccounts points every network's account at srv.
func fakeAccounts(t *testing.T, srv *fakenet.Server) {
	t.Helper()
	for k, v := range map[string]string{
		"BROADSHEET_MASTODON_SERVER": srv.URL, "BROADSHEET_MASTODON_TOKEN": fakenet.MastodonToken,
		"BROADSHEET_BLUESKY_PDS": srv.URL, "BROADSHEET_BLUESKY_HANDLE": fakenet.BlueskyHandle, "BROADSHEET_BLUESKY_APP_PASSWORD": fakenet.BlueskyPassword,
		"BROADSHEET_X_API": srv.URL, "BROADSHEET_X_ACCESS_TOKEN": fakenet.XAccess, "BROADSHEET_X_REFRESH_TOKEN": fakenet.XRefresh, "BROADSHEET_X_CLIENT_ID": fakenet.XClientID,
		"BROADSHEET_FACEBOOK_API": srv.URL, "BROADSHEET_FACEBOOK_PAGE_ID": fakenet.FacebookPageID, "BROADSHEET_FACEBOOK_TOKEN": fakenet.FacebookToken,
		"BROADSHEET_LINKEDIN_API": srv.URL, "BROADSHEET_LINKEDIN_TOKEN": fakenet.LinkedInToken, "BROADSHEET_LINKEDIN_AUTHOR": "urn:li:organization:77",
		"BROADSHEET_THREADS_API": srv.URL, "BROADSHEET_THREADS_USER_ID": fakenet.ThreadsUserID, "BROADSHEET_THREADS_TOKEN": fakenet.ThreadsToken,
		"BROADSHEET_TELEGRAM_API": srv.URL, "BROADSHEET_TELEGRAM_BOT_TOKEN": fakenet.TelegramBotToken, "BROADSHEET_TELEGRAM_CHAT": fakenet.TelegramChat,
	} {
		t.Setenv(k, v)
	}
}

func sampleFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "story.json")
	require.NoError(t, os.WriteFile(p, sample.JSON(), 0o600))
	return p
}

func TestPublishCommand(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	fakeAccounts(t, srv)
	story := sampleFile(t)
	box := filepath.Join(t.TempDir(), "outbox.db")

	code, stdout, stderr := runCLI(t, "", "publish", "--network", "mastodon,bluesky,x,facebook,linkedin,threads,telegram", "--outbox", box, story)
	require.Equal(t, 0, code, "stderr: %s", stderr)
	for _, n := range share.PostNetworks() {
		assert.Contains(t, stdout, n.ID()+"\tpublished\t", n.ID())
		assert.Len(t, srv.Posts(n), 1, n.ID())
	}
	assert.Contains(t, stdout, "https://bsky.app/profile/")

	// Publishing the same story again posts nothing new.
	code, stdout, stderr = runCLI(t, "", "publish", "--network", "mastodon,bluesky", "--outbox", box, story)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "already in the outbox")
	assert.Contains(t, stdout, "mastodon\tpublished")
	assert.Len(t, srv.Posts(share.NetworkUnknown), 7)
	assert.Equal(t, 1, srv.BlueskyLogins(), "the session was saved in the outbox, not logged in again")

	code, stdout, _ = runCLI(t, "", "outbox", "--outbox", box, "list")
	require.Equal(t, 0, code)
	assert.Equal(t, 8, strings.Count(stdout, "\n"), stdout) // header + 7
	code, stdout, _ = runCLI(t, "", "outbox", "--outbox", box, "list", "--format", "json", "--state", "published")
	require.Equal(t, 0, code)
	var es []map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &es))
	assert.Len(t, es, 7)
}

func TestPublishWithCard(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	fakeAccounts(t, srv)
	code, _, stderr := runCLI(t, "", "publish", "--network", "bluesky,mastodon,x", "--card", "--outbox", filepath.Join(t.TempDir(), "o.db"), sampleFile(t))
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, 1, srv.Calls("mastodon media"), "the card uploaded to Mastodon")
	assert.Equal(t, 1, srv.Calls("bluesky com.atproto.repo.uploadBlob"), "the card as the Bluesky thumbnail")
	assert.Len(t, srv.Posts(share.NetworkUnknown), 3)
}

func TestPublishRefusedToken(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	fakeAccounts(t, srv)
	story := sampleFile(t)
	box := filepath.Join(t.TempDir(), "outbox.db")
	srv.Inject(share.Mastodon, fakenet.Revoked)
	code, _, stderr := runCLI(t, "", "publish", "--network", "mastodon", "--outbox", box, story)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "token refused: re-authorise")
	assert.Contains(t, stderr, "The access token is invalid", "the platform's reason")
	assert.NotContains(t, stderr, fakenet.MastodonToken)

	code, stdout, _ := runCLI(t, "", "outbox", "--outbox", box, "list", "--state", "reauth")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "reauth", "the post stays, marked for re-authorisation")

	srv.Restore(share.Mastodon)
	code, stdout, stderr = runCLI(t, "", "outbox", "--outbox", box, "retry", "1")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "queued again")
	code, _, stderr = runCLI(t, "", "outbox", "--outbox", box, "run", "--until-idle")
	require.Equal(t, 0, code, stderr)
	assert.Len(t, srv.Posts(share.Mastodon), 1)
}

func TestPublishTelegramUnconfirmed(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	fakeAccounts(t, srv)
	srv.Inject(share.Telegram, fakenet.DropAfterCreate)
	code, _, stderr := runCLI(t, "", "publish", "--network", "telegram", "--outbox", filepath.Join(t.TempDir(), "o.db"), sampleFile(t))
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "cannot be asked: check the account")
	assert.NotContains(t, stderr, fakenet.TelegramBotToken)
	assert.Len(t, srv.Posts(share.Telegram), 1)
}

func TestPublishUsageAndDryRun(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	story := sampleFile(t)
	box := filepath.Join(t.TempDir(), "o.db")
	runCLICases(t, []cliCase{
		{name: "no network", args: []string{"publish", story}, code: 2, stderr: "--network is required"},
		{name: "bad network", args: []string{"publish", "--network", "reddit", story}, code: 2, stderr: "no posting API"},
		{name: "bad time", args: []string{"publish", "--network", "x", "--at", "tomorrow", story}, code: 2, stderr: "RFC 3339"},
		{name: "no account", args: []string{"publish", "--network", "x", "--outbox", box, story}, code: 1, stderr: "set BROADSHEET_X_ACCESS_TOKEN"},
		{name: "outbox no subcommand", args: []string{"outbox"}, code: 2, stderr: "want a subcommand"},
		{name: "outbox bad id", args: []string{"outbox", "--outbox", box, "retry", "x"}, code: 2, stderr: "not an entry ID"},
		{name: "outbox unknown id", args: []string{"outbox", "--outbox", box, "cancel", "99"}, code: 1, stderr: "no such entry"},
	})
	code, stdout, stderr := runCLI(t, "", "publish", "--network", "bluesky,telegram", "--dry-run", story)
	require.Equal(t, 0, code, stderr)
	var reqs []map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &reqs))
	require.Len(t, reqs, 2)
	assert.Equal(t, share.BlueskyCreateRecordEndpoint, reqs[0]["endpoint"])
	assert.Contains(t, reqs[1]["missing_env"], "BROADSHEET_TELEGRAM_BOT_TOKEN")
	assert.Empty(t, srv.Posts(share.NetworkUnknown))
}

func TestPublishScheduled(t *testing.T) {
	srv := fakenet.New()
	defer srv.Close()
	fakeAccounts(t, srv)
	box := filepath.Join(t.TempDir(), "o.db")
	code, stdout, stderr := runCLI(t, "", "publish", "--network", "x", "--at", "+1h", "--outbox", box, sampleFile(t))
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "x\tscheduled\t")
	code, stdout, _ = runCLI(t, "", "outbox", "--outbox", box, "list")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "queued")
	assert.Contains(t, stdout, "at 20")
	code, _, _ = runCLI(t, "", "outbox", "--outbox", box, "run", "--until-idle")
	require.Equal(t, 0, code)
	assert.Empty(t, srv.Posts(share.X), "not before its time")
}
