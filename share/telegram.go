package share

import (
	"strconv"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

// TelegramLength returns the length Telegram limits a parse_mode HTML
// message or caption by: the UTF-16 length of its text after entity
// parsing, that is with the tags removed and the character references
// (&lt; &gt; &amp; &quot; and numeric ones) decoded.
func TelegramLength(html string) int {
	if !strings.ContainsAny(html, "<&") {
		return UTF16Length(html)
	}
	n, start := 0, 0
	for i := 0; i < len(html); {
		switch html[i] {
		case '<':
			j := strings.IndexByte(html[i:], '>')
			if j < 0 {
				return n + UTF16Length(html[start:])
			}
			n += UTF16Length(html[start:i])
			i += j + 1
			start = i
			continue
		case '&':
			if j := strings.IndexByte(html[i:], ';'); j > 1 {
				if r, ok := telegramRef(html[i+1 : i+j]); ok {
					n += UTF16Length(html[start:i]) + UTF16Length(r)
					i += j + 1
					start = i
					continue
				}
			}
		}
		i++
	}
	return n + UTF16Length(html[start:])
}

func telegramRef(name string) (string, bool) {
	switch name {
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "amp":
		return "&", true
	case "quot":
		return `"`, true
	}
	if len(name) > 1 && name[0] == '#' {
		base, digits := 10, name[1:]
		if digits[0] == 'x' || digits[0] == 'X' {
			base, digits = 16, digits[1:]
		}
		v, err := strconv.ParseUint(digits, base, 32)
		if err != nil || v > 0x10FFFF {
			return "", false
		}
		return string(rune(v)), true
	}
	return "", false
}

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
		return TelegramMessage{}, netErr(Telegram, errorf("%w: chat_id", ErrMissingField))
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
		return TelegramPhoto{}, netErr(Telegram, errorf("%w: chat_id", ErrMissingField))
	}
	s, err := newSource(a, &opts)
	if err != nil {
		return TelegramPhoto{}, err
	}
	if s.imageURL() == "" {
		return TelegramPhoto{}, netErr(Telegram, ErrMissingImage)
	}
	m := meter{Telegram, UnitUTF16, TelegramCaptionLimit, TelegramLength, headUTF16}
	f, err := fit(s.layoutFor(Telegram, s.dest(Telegram)), m)
	if err != nil {
		return TelegramPhoto{}, err
	}
	return TelegramPhoto{ChatID: chatID, Photo: s.imageURL(), Caption: f.text, ParseMode: "HTML"}, nil
}
