package share

import (
	"strings"
)

// UTM sets the campaign parameters added to the article URL in each link
// and post. The zero value adds utm_source=<network ID>,
// utm_medium=social (email for Email, sms for SMS) and
// utm_campaign=share. The parameters go on the destination URL only: the
// article's canonical URL is never changed.
type UTM struct {
	// Off leaves URLs as they are: no UTM parameters at all.
	Off bool `json:"off,omitempty"`
	// Campaign is utm_campaign; empty means "share". Campaign and Content
	// are at most 256 bytes each (longer is [ErrInvalidOptions]).
	Campaign string `json:"campaign,omitempty"`
	// Content is utm_content (placement: "share_bar", "autopost");
	// empty leaves it out.
	Content string `json:"content,omitempty"`
}

var utmKeys = [...]string{"utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "utm_id"}

// withUTM returns raw (an absolute URL already checked) with the UTM
// parameters for source and medium, keeping its other query parameters in
// order, byte for byte, and its fragment. Existing utm_* parameters are
// replaced.
func (u UTM) withUTM(raw, source, medium string) string {
	d := u.split(raw)
	return d.url(source, medium)
}

// destURL is an article URL split once around the parameters that change
// from network to network, so that each network's destination costs one
// concatenation and its percent-encoded form none at all:
//
//	head + "utm_source=" + source + "&utm_medium=" + medium + tail
//
// head is the URL up to its query, the kept parameters and a separator;
// tail is the campaign, the content and the fragment. With UTM off the
// destination is raw itself.
type destURL struct {
	off              bool
	raw              string
	head, tail       string
	escHead, escTail string // escape(head), escape(tail), set by escape
}

func (u UTM) split(raw string) destURL {
	if u.Off {
		return destURL{off: true, raw: raw}
	}
	base, frag := raw, ""
	if i := strings.IndexByte(raw, '#'); i >= 0 {
		base, frag = raw[:i], raw[i:]
	}
	path, rawq := base, ""
	if i := strings.IndexByte(base, '?'); i >= 0 {
		path, rawq = base[:i], base[i+1:]
	}
	campaign := u.Campaign
	if campaign == "" {
		campaign = "share"
	}
	// head and tail share one string.
	b := make([]byte, 0, len(raw)+len("?&utm_campaign=&utm_content=")+3*(len(campaign)+len(u.Content)))
	b = append(b, path...)
	b = append(b, '?')
	for pair := range strings.SplitSeq(rawq, "&") {
		if pair == "" || isUTMPair(pair) {
			continue
		}
		b = append(b, pair...)
		b = append(b, '&')
	}
	k := len(b)
	b = append(b, "&utm_campaign="...)
	b = appendEscape(b, campaign)
	if u.Content != "" {
		b = append(b, "&utm_content="...)
		b = appendEscape(b, u.Content)
	}
	b = append(b, frag...)
	ht := string(b)
	return destURL{raw: raw, head: ht[:k], tail: ht[k:]}
}

// escape sets escHead and escTail (escRaw with UTM off) on first use.
func (d *destURL) escape() {
	if d.escHead != "" {
		return
	}
	if d.off {
		d.escHead = escape(d.raw)
		return
	}
	b := make([]byte, 0, escapedLen(d.head)+escapedLen(d.tail))
	b = appendEscape(b, d.head)
	k := len(b)
	b = appendEscape(b, d.tail)
	both := string(b)
	d.escHead, d.escTail = both[:k], both[k:]
}

// url returns the destination for source and medium.
func (d *destURL) url(source, medium string) string {
	if d.off {
		return d.raw
	}
	source, medium = escape(source), escape(medium)
	var b strings.Builder
	b.Grow(len(d.head) + len(d.tail) + len(source) + len(medium) + len("utm_source=&utm_medium="))
	b.WriteString(d.head)
	b.WriteString("utm_source=")
	b.WriteString(source)
	b.WriteString("&utm_medium=")
	b.WriteString(medium)
	b.WriteString(d.tail)
	return b.String()
}

// appendEscaped appends escape(d.url(source, medium)) to b.
func (d *destURL) appendEscaped(b []byte, source, medium string) []byte {
	d.escape()
	b = append(b, d.escHead...)
	if d.off {
		return b
	}
	b = append(b, "utm_source%3D"...)
	b = appendEscape(b, escape(source))
	b = append(b, "%26utm_medium%3D"...)
	b = appendEscape(b, escape(medium))
	return append(b, d.escTail...)
}

func isUTMPair(pair string) bool {
	key := pair
	if i := strings.IndexByte(pair, '='); i >= 0 {
		key = pair[:i]
	}
	for _, k := range utmKeys {
		if strings.EqualFold(key, k) {
			return true
		}
	}
	return false
}
