package share

// Network is a place an article can be shared to. The zero value is
// NetworkUnknown; every other value is a live network with a share intent
// (or, for CopyLink, the copy-link action). Networks marshal to and from their
// ID ("x", "bluesky", …) as JSON text.
type Network uint8

// The networks, in the order DefaultNetworks and AllNetworks list them.
const (
	NetworkUnknown Network = iota
	Facebook
	X
	LinkedIn
	WhatsApp
	Telegram
	Reddit
	Email
	Bluesky
	Mastodon
	Threads
	Pinterest
	HackerNews
	Lobsters
	Messenger
	Teams
	Tumblr
	Flipboard
	Line
	Viber
	VK
	// Odnoklassniki is OK.ru (ID "ok", shown as "OK").
	Odnoklassniki
	Weibo
	Xing
	SMS
	// CopyLink is the copy-link action (ID "copy"): its Href is the
	// article URL itself.
	CopyLink
	networkEnd
)

// Size is a popup window's size in CSS pixels. The zero Size means the link
// is not meant for a popup (mailto:, sms:, app links, copy).
type Size struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// info is one network's fixed facts: a precomputed, read-only table.
type info struct {
	id, name, label, color string
	popup                  Size
	medium                 string // utm_medium
	app                    bool   // opens an installed app, not a web page
}

var networkInfo = [networkEnd]info{
	NetworkUnknown: {id: "unknown", name: "Unknown"},
	Facebook:       {"facebook", "Facebook", "Share on Facebook", "#0866FF", Size{626, 436}, "social", false},
	X:              {"x", "X", "Post on X", "#000000", Size{550, 420}, "social", false},
	LinkedIn:       {"linkedin", "LinkedIn", "Share on LinkedIn", "#0A66C2", Size{750, 600}, "social", false},
	WhatsApp:       {"whatsapp", "WhatsApp", "Send with WhatsApp", "#25D366", Size{550, 400}, "social", false},
	Telegram:       {"telegram", "Telegram", "Send with Telegram", "#26A5E4", Size{550, 400}, "social", false},
	Reddit:         {"reddit", "Reddit", "Submit to Reddit", "#FF4500", Size{660, 460}, "social", false},
	Email:          {"email", "Email", "Send by email", "#4A4A4A", Size{}, "email", false},
	Bluesky:        {"bluesky", "Bluesky", "Post on Bluesky", "#1185FE", Size{600, 600}, "social", false},
	Mastodon:       {"mastodon", "Mastodon", "Share on Mastodon", "#6364FF", Size{600, 600}, "social", false},
	Threads:        {"threads", "Threads", "Share on Threads", "#000000", Size{600, 600}, "social", false},
	Pinterest:      {"pinterest", "Pinterest", "Pin on Pinterest", "#E60023", Size{1000, 730}, "social", false},
	HackerNews:     {"hackernews", "Hacker News", "Submit to Hacker News", "#FF6600", Size{800, 600}, "social", false},
	Lobsters:       {"lobsters", "Lobsters", "Submit to Lobsters", "#AC130D", Size{800, 600}, "social", false},
	Messenger:      {"messenger", "Messenger", "Send with Messenger", "#0084FF", Size{600, 500}, "social", false},
	Teams:          {"teams", "Microsoft Teams", "Share to Microsoft Teams", "#4B53BC", Size{700, 600}, "social", false},
	Tumblr:         {"tumblr", "Tumblr", "Share on Tumblr", "#001935", Size{660, 460}, "social", false},
	Flipboard:      {"flipboard", "Flipboard", "Flip into Flipboard", "#E12828", Size{600, 500}, "social", false},
	Line:           {"line", "LINE", "Send with LINE", "#06C755", Size{500, 500}, "social", false},
	Viber:          {"viber", "Viber", "Send with Viber", "#7360F2", Size{}, "social", true},
	VK:             {"vk", "VK", "Share on VK", "#0077FF", Size{660, 460}, "social", false},
	Odnoklassniki:  {"ok", "OK", "Share on OK", "#EE8208", Size{588, 480}, "social", false},
	Weibo:          {"weibo", "Weibo", "Share on Weibo", "#E6162D", Size{660, 550}, "social", false},
	Xing:           {"xing", "XING", "Share on XING", "#006567", Size{600, 500}, "social", false},
	SMS:            {"sms", "SMS", "Send by text message", "#4A4A4A", Size{}, "sms", true},
	CopyLink:       {"copy", "Copy link", "Copy the link to this article", "#4A4A4A", Size{}, "copy", false},
}

// ID is the network's stable lowercase identifier: its JSON text, its CLI
// name and its utm_source value ("x", "hackernews", "copy").
func (n Network) ID() string { return n.info().id }

// String returns n's ID.
func (n Network) String() string { return n.info().id }

// Name is the network's display name ("X", "Hacker News").
func (n Network) Name() string { return n.info().name }

// Label is an accessible label for a share button ("Share on Facebook").
func (n Network) Label() string { return n.info().label }

// Color is the network's brand colour as #RRGGBB, for a button background.
func (n Network) Color() string { return n.info().color }

// Popup is the suggested popup window size; zero for links that should open
// in place (mailto:, sms:, app links) and for CopyLink.
func (n Network) Popup() Size { return n.info().popup }

// AppOnly reports whether n's link opens an installed app (viber:, sms:)
// rather than a web page, so it does nothing on a device without one.
func (n Network) AppOnly() bool { return n.info().app }

// Valid reports whether n is one of the networks above (not
// NetworkUnknown, not out of range).
func (n Network) Valid() bool { return n > NetworkUnknown && n < networkEnd }

func (n Network) info() info {
	if n >= networkEnd {
		return networkInfo[NetworkUnknown]
	}
	return networkInfo[n]
}

// MarshalText returns n's ID. Unknown networks are an error.
func (n Network) MarshalText() ([]byte, error) {
	if !n.Valid() {
		return nil, errorf("%w: %d", ErrUnknownNetwork, uint8(n))
	}
	return []byte(n.ID()), nil
}

// UnmarshalText parses a network ID; see ParseNetwork.
func (n *Network) UnmarshalText(b []byte) error {
	v, err := ParseNetwork(string(b))
	if err != nil {
		return err
	}
	*n = v
	return nil
}

// ParseNetwork returns the network whose ID is id. It also accepts
// "twitter" for X. An unknown id is an error wrapping ErrUnknownNetwork.
func ParseNetwork(id string) (Network, error) {
	if id == "twitter" {
		return X, nil
	}
	for n := Facebook; n < networkEnd; n++ {
		if networkInfo[n].id == id {
			return n, nil
		}
	}
	return NetworkUnknown, errorf("%w: %q", ErrUnknownNetwork, id)
}

// AllNetworks returns every network, in declaration order, as a fresh slice.
func AllNetworks() []Network {
	out := make([]Network, 0, networkEnd-1)
	for n := Facebook; n < networkEnd; n++ {
		out = append(out, n)
	}
	return out
}

// DefaultNetworks returns the share bar a news page shows by default, as a
// fresh slice: the networks most readers use, ending with email and copy.
func DefaultNetworks() []Network {
	return []Network{Facebook, X, WhatsApp, LinkedIn, Bluesky, Threads, Mastodon, Reddit, Telegram, Email, CopyLink}
}
