package share

import (
	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/share/count"
)

// Telegram Bot API endpoints (POST, JSON).
const (
	TelegramSendMessageEndpoint = "https://api.telegram.org/bot{token}/sendMessage"
	TelegramSendPhotoEndpoint   = "https://api.telegram.org/bot{token}/sendPhoto"
)

// TelegramMessage is the body of sendMessage
// (https://core.telegram.org/bots/api#sendmessage) with parse_mode HTML.
type TelegramMessage struct {
	// ChatID is a numeric chat id or "@channelusername".
	ChatID             string               `json:"chat_id"`
	Text               string               `json:"text"`
	ParseMode          string               `json:"parse_mode"` // HTML
	LinkPreviewOptions *TelegramLinkPreview `json:"link_preview_options,omitempty"`
}

// TelegramLinkPreview chooses the link preview.
type TelegramLinkPreview struct {
	IsDisabled       bool   `json:"is_disabled,omitempty"`
	URL              string `json:"url,omitempty"`
	PreferLargeMedia bool   `json:"prefer_large_media,omitempty"`
	ShowAboveText    bool   `json:"show_above_text,omitempty"`
}

// TelegramPhoto is the body of sendPhoto with an HTTP photo URL and an
// HTML caption.
type TelegramPhoto struct {
	ChatID    string `json:"chat_id"`
	Photo     string `json:"photo"`
	Caption   string `json:"caption,omitempty"`
	ParseMode string `json:"parse_mode,omitempty"` // HTML
}

// NewTelegramMessage builds a's message for chatID: the headline in <b>,
// the standfirst, the URL and the hashtags, escaped for parse_mode HTML
// and fitted to 4096 characters after entity parsing, with a large
// preview of the article link.
func NewTelegramMessage(a *article.Article, opts Options, chatID string) (TelegramMessage, error) {
	if chatID == "" {
		return TelegramMessage{}, netErrorf(Telegram, "%w: chat_id", ErrMissingField)
	}
	p, err := Compose(a, Telegram, opts)
	if err != nil {
		return TelegramMessage{}, err
	}
	return TelegramMessage{
		ChatID: chatID, Text: p.Text, ParseMode: "HTML",
		LinkPreviewOptions: &TelegramLinkPreview{URL: p.URL, PreferLargeMedia: true},
	}, nil
}

// NewTelegramPhoto builds a's sendPhoto for chatID: the lead image with
// the post as caption, fitted to 1024 characters after entity parsing. An
// article without an image is an error wrapping ErrMissingImage.
func NewTelegramPhoto(a *article.Article, opts Options, chatID string) (TelegramPhoto, error) {
	if chatID == "" {
		return TelegramPhoto{}, netErrorf(Telegram, "%w: chat_id", ErrMissingField)
	}
	s, err := newSource(a, &opts)
	if err != nil {
		return TelegramPhoto{}, err
	}
	if s.imageURL() == "" {
		return TelegramPhoto{}, netErr(Telegram, ErrMissingImage)
	}
	m := meter{Telegram, UnitUTF16, count.TelegramCaptionLimit, count.Telegram, headUTF16}
	f, err := fit(s.layoutFor(Telegram, s.dest(Telegram)), m)
	if err != nil {
		return TelegramPhoto{}, err
	}
	return TelegramPhoto{ChatID: chatID, Photo: s.imageURL(), Caption: f.text, ParseMode: "HTML"}, nil
}
