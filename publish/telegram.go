package publish

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/broadsheet/broadsheet/share"
)

// TelegramOptions configures a Telegram bot client.
type TelegramOptions struct {
	// BaseURL replaces https://api.telegram.org, for tests or a local Bot
	// API server.
	BaseURL string
	// Token is the bot token from BotFather. It goes in the request path,
	// so it is redacted from every error. Required.
	Token string
}

// Telegram sends messages to chats and channels through the Bot API
// (sendMessage, or sendPhoto for a post with a TelegramPhoto body).
type Telegram struct {
	conn
	base string
	opts TelegramOptions
}

// NewTelegram returns a client sending through hc.
func NewTelegram(hc *http.Client, opts TelegramOptions) (*Telegram, error) {
	if opts.Token == "" || strings.ContainsAny(opts.Token, "/?#") {
		return nil, fmt.Errorf("%w: telegram needs a bot token", ErrConfig)
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "https://api.telegram.org"
	}
	base, err := checkBase(share.Telegram, opts.BaseURL)
	if err != nil {
		return nil, err
	}
	c, err := newConn(hc, share.Telegram, opts.Token)
	if err != nil {
		return nil, err
	}
	return &Telegram{conn: c, base: base, opts: opts}, nil
}

// Network returns share.Telegram.
func (t *Telegram) Network() share.Network { return share.Telegram }

// Prepare checks p; Telegram fetches a photo by its URL.
func (t *Telegram) Prepare(_ context.Context, p Post) (Post, error) {
	if p.Network != share.Telegram || (p.Telegram == nil) == (p.TelegramPhoto == nil) {
		return p, fmt.Errorf("%w: telegram post needs exactly one of a message and a photo body", ErrBadPost)
	}
	return p, nil
}

type telegramReply struct {
	OK          bool   `json:"ok"`
	ErrorCode   int    `json:"error_code"`
	Description string `json:"description"`
	Parameters  struct {
		RetryAfter      int   `json:"retry_after"`
		MigrateToChatID int64 `json:"migrate_to_chat_id"`
	} `json:"parameters"`
	Result struct {
		MessageID int64 `json:"message_id"`
		Chat      struct {
			ID       int64  `json:"id"`
			Username string `json:"username"`
		} `json:"chat"`
	} `json:"result"`
}

// Publish sends the message or photo. Telegram has no idempotency and a
// bot cannot read a channel's history, so an ambiguous send cannot be
// looked up.
func (t *Telegram) Publish(ctx context.Context, p Post) (Result, error) {
	if _, err := t.Prepare(ctx, p); err != nil {
		return Result{}, err
	}
	method, v := "sendMessage", any(p.Telegram)
	if p.TelegramPhoto != nil {
		method, v = "sendPhoto", p.TelegramPhoto
	}
	body, err := jsonBody(v)
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrBadPost, err)
	}
	r, err := t.do(ctx, call{op: "post", method: http.MethodPost, url: t.base + "/bot" + t.opts.Token + "/" + method, body: body, ctype: "application/json", create: true})
	if err != nil {
		return Result{}, err
	}
	var tr telegramReply
	jerr := json.Unmarshal(r.body, &tr)
	if !r.ok() || jerr != nil || !tr.OK {
		if r.ok() {
			return Result{}, t.fail("post", r, Ambiguous, "", "answer is not a Bot API result")
		}
		return Result{}, t.classify("post", r, tr)
	}
	if tr.Result.MessageID == 0 {
		return Result{}, t.fail("post", r, Ambiguous, "", "answer without a message_id")
	}
	id := strconv.FormatInt(tr.Result.MessageID, 10)
	res := Result{Network: share.Telegram, ID: strconv.FormatInt(tr.Result.Chat.ID, 10) + "/" + id}
	if tr.Result.Chat.Username != "" {
		res.URL = "https://t.me/" + url.PathEscape(tr.Result.Chat.Username) + "/" + id
	}
	return res, nil
}

// Lookup returns ErrUnresolvable: the Bot API cannot list a chat's
// messages.
func (t *Telegram) Lookup(context.Context, Post) (Result, error) {
	return Result{}, fmt.Errorf("%w: telegram bots cannot read a chat's history; check the chat", ErrUnresolvable)
}

func (t *Telegram) classify(op string, r *reply, tr telegramReply) *Error {
	o, reauth := byStatus(r.status, true)
	switch {
	case r.status == http.StatusNotFound:
		// The Bot API answers 404 for an unknown bot token.
		o, reauth = Rejected, true
	case r.status == http.StatusForbidden:
		o = Rejected // the bot is not in the chat, or was blocked
	}
	code := ""
	if tr.ErrorCode != 0 {
		code = strconv.Itoa(tr.ErrorCode)
	}
	msg := tr.Description
	if id := tr.Parameters.MigrateToChatID; id != 0 {
		msg += fmt.Sprintf(" (the group is now the supergroup %d: use that chat id)", id)
	}
	e := t.fail(op, r, o, code, msg)
	e.Reauth = reauth
	if o == NotSent {
		e.RetryAt = retryHint(ParseRate(share.Telegram, r.status, r.header, r.body, t.now()), t.now())
	}
	return e
}
