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
	// Campaign is utm_campaign; empty means "share".
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
	if u.Off {
		return raw
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
	var q query
	for _, pair := range strings.Split(rawq, "&") {
		if pair == "" || isUTMPair(pair) {
			continue
		}
		if q.b.Len() > 0 {
			q.b.WriteByte('&')
		}
		q.b.WriteString(pair)
	}
	q.add("utm_source", source)
	q.add("utm_medium", medium)
	q.add("utm_campaign", campaign)
	q.add("utm_content", u.Content)
	return q.join(path) + frag
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
