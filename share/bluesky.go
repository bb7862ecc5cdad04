package share

//go:generate node ../tools/node/gen/bluesky-tlds.js bskytlds_gen.go
//go:generate gofmt -w bskytlds_gen.go

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/share/count"
)

// Bluesky record types and endpoints.
const (
	BlueskyCreateRecordEndpoint = "https://{pds}/xrpc/com.atproto.repo.createRecord"
	BlueskyUploadBlobEndpoint   = "https://{pds}/xrpc/com.atproto.repo.uploadBlob"
	blueskyPostType             = "app.bsky.feed.post"
	blueskyExternalType         = "app.bsky.embed.external"
	blueskyLinkType             = "app.bsky.richtext.facet#link"
	blueskyTagType              = "app.bsky.richtext.facet#tag"
	blueskyMentionType          = "app.bsky.richtext.facet#mention"
)

// BlueskyCreateRecord is the body of com.atproto.repo.createRecord for a
// post (POST with Authorization: Bearer <accessJwt> from
// com.atproto.server.createSession).
type BlueskyCreateRecord struct {
	// Repo is the poster's handle or DID.
	Repo       string      `json:"repo"`
	Collection string      `json:"collection"` // app.bsky.feed.post
	Record     BlueskyPost `json:"record"`
}

// BlueskyPost is an app.bsky.feed.post record
// (lexicons/app/bsky/feed/post.json).
type BlueskyPost struct {
	Type      string         `json:"$type"` // app.bsky.feed.post
	Text      string         `json:"text"`
	CreatedAt string         `json:"createdAt"`
	Langs     []string       `json:"langs,omitempty"`
	Facets    []BlueskyFacet `json:"facets,omitempty"`
	Embed     *BlueskyEmbed  `json:"embed,omitempty"`
}

// BlueskyFacet marks a range of the text as a link, hashtag or mention.
type BlueskyFacet struct {
	Index    BlueskyByteSlice `json:"index"`
	Features []BlueskyFeature `json:"features"`
}

// BlueskyByteSlice is a range of the UTF-8 bytes of the text: ByteStart
// inclusive, ByteEnd exclusive.
type BlueskyByteSlice struct {
	ByteStart int `json:"byteStart"`
	ByteEnd   int `json:"byteEnd"`
}

// BlueskyFeature is one facet feature: a link (URI), a hashtag (Tag,
// without '#') or a mention (DID).
type BlueskyFeature struct {
	Type string `json:"$type"`
	URI  string `json:"uri,omitempty"`
	Tag  string `json:"tag,omitempty"`
	DID  string `json:"did,omitempty"`
}

// BlueskyEmbed is an app.bsky.embed.external link card. Bluesky does not
// fetch link cards itself: the client supplies title, description and
// thumbnail.
type BlueskyEmbed struct {
	Type     string          `json:"$type"` // app.bsky.embed.external
	External BlueskyExternal `json:"external"`
}

// BlueskyExternal is the card's content. Thumb is nil until the caller
// uploads the image: POST its bytes to com.atproto.repo.uploadBlob
// (Content-Type image/jpeg or image/png, at most 1,000,000 bytes) and put
// the returned blob here.
type BlueskyExternal struct {
	URI         string       `json:"uri"`
	Title       string       `json:"title"`
	Description string       `json:"description"`
	Thumb       *BlueskyBlob `json:"thumb,omitempty"`
}

// BlueskyBlob is a blob reference as uploadBlob returns it.
type BlueskyBlob struct {
	Type     string         `json:"$type"` // blob
	Ref      BlueskyBlobRef `json:"ref"`
	MimeType string         `json:"mimeType"`
	Size     int            `json:"size"`
}

// BlueskyBlobRef is the blob's content id.
type BlueskyBlobRef struct {
	Link string `json:"$link"`
}

// BlueskyOptions adds what only the caller knows.
type BlueskyOptions struct {
	// Repo is the poster's handle or DID; empty means the site's Bluesky
	// handle.
	Repo string
	// CreatedAt is the record's timestamp; zero means time.Now().
	CreatedAt time.Time
	// DIDs maps handles to DIDs (resolve them with
	// com.atproto.identity.resolveHandle): a mention of a handle in the
	// text becomes a mention facet only if its DID is here.
	DIDs map[string]string
}

// NewBlueskyPost builds a's createRecord body: the fitted text, a facet
// for every link, hashtag and mention (with a DID) in it, the article's
// language, and an external card for the article.
func NewBlueskyPost(a *article.Article, opts Options, bo BlueskyOptions) (BlueskyCreateRecord, error) {
	p, err := Compose(a, Bluesky, opts)
	if err != nil {
		return BlueskyCreateRecord{}, err
	}
	repo := bo.Repo
	if repo == "" && a.Site != nil {
		repo = strings.TrimPrefix(a.Site.Bluesky, "@")
	}
	if repo == "" {
		return BlueskyCreateRecord{}, netErrorf(Bluesky, "%w: repo (handle or DID)", ErrMissingField)
	}
	created := bo.CreatedAt
	if created.IsZero() {
		created = time.Now()
	}
	post := BlueskyPost{
		Type:      blueskyPostType,
		Text:      p.Text,
		CreatedAt: created.UTC().Format("2006-01-02T15:04:05.000Z"),
		Facets:    BlueskyFacets(p.Text, bo.DIDs),
		Embed: &BlueskyEmbed{Type: blueskyExternalType, External: BlueskyExternal{
			URI: p.URL, Title: cleanText(a.SocialTitle(), maxTextBytes), Description: cleanText(a.Standfirst, maxTextBytes),
		}},
	}
	if lang := primaryLanguage(a.Language); lang != "" {
		post.Langs = []string{a.Language}
	}
	return BlueskyCreateRecord{Repo: repo, Collection: blueskyPostType, Record: post}, nil
}

// jsSpace is JavaScript's \s, which @atproto/api's expressions use:
// wider than Go's (it has U+00A0, U+2028, U+FEFF …).
const jsSpace = `\t\n\v\f\r \x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}`

// blueskyTagGraphemeMax is the longest tag @atproto/api links, in
// grapheme clusters.
const blueskyTagGraphemeMax = 64

// zeroWidth are the invisible characters a tag may not contain.
const zeroWidth = `\x{00AD}\x{2060}\x{200A}\x{200B}\x{200C}\x{200D}\x{20E2}`

var (
	// blueskyLinkRe is @atproto/api's URL_REGEX (flags gim): a link with
	// a scheme, or a domain of ASCII letters and digits (group 2) and what
	// follows it up to white space. The i flag is spelt out: Go's (?i)
	// would also fold ſ and K (the Kelvin sign) into s and k.
	blueskyLinkRe    = regexp.MustCompile(`(?:^|[` + jsSpace + `(])((?:[hH][tT][tT][pP][sS]?://[^` + jsSpace + `]+)|([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+)[^` + jsSpace + `]*)`)
	blueskyTagRe     = regexp.MustCompile(`(?:^|[` + jsSpace + `])[#＃]([^` + jsSpace + zeroWidth + `]*[^\d\pP` + jsSpace + zeroWidth + `]+[^` + jsSpace + zeroWidth + `]*)`)
	blueskyMentionRe = regexp.MustCompile(`(?:^|[` + jsSpace + `(])@([a-zA-Z0-9.\-]+)\b`)
	blueskyCashtagRe = regexp.MustCompile(`(?:^|[` + jsSpace + `(])(\$[A-Za-z][A-Za-z0-9]*)`)
)

func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// BlueskyFacets returns the facets of text, sorted by ByteStart, found
// with the rules of @atproto/api's detectFacets: mentions of handles
// that dids maps to a DID (a handle must end in a known top-level domain
// or .test); links with an http(s) scheme and domains without one that
// end in a known top-level domain (the link is then https:// + the text;
// as in @atproto/api, a text already starting "http" is kept as it is);
// one trailing . , ; : ! ? is dropped from a link, and a trailing ')'
// when it has no '('; hashtags (the tag without '#' and without trailing
// punctuation, at most 64 graphemes); and cashtags ($ and at most five
// letters and digits, upper-cased).
func BlueskyFacets(text string, dids map[string]string) []BlueskyFacet {
	var out []BlueskyFacet
	if len(dids) > 0 {
		for _, m := range blueskyMentionRe.FindAllStringSubmatchIndex(text, -1) {
			handle := text[m[2]:m[3]]
			if !blueskyDomain(handle) && !strings.HasSuffix(handle, ".test") {
				continue // probably not a handle
			}
			did := dids[handle]
			if did == "" {
				did = dids[strings.ToLower(handle)]
			}
			if did == "" {
				continue
			}
			out = append(out, BlueskyFacet{
				Index:    BlueskyByteSlice{m[2] - 1, m[3]},
				Features: []BlueskyFeature{{Type: blueskyMentionType, DID: did}},
			})
		}
	}
	for _, m := range blueskyLinkRe.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[2], m[3]
		uri := text[start:end]
		if !strings.HasPrefix(uri, "http") {
			if m[4] < 0 || !blueskyDomain(text[m[4]:m[5]]) {
				continue // a scheme in capitals, or no known top-level domain
			}
			uri = "https://" + uri
		}
		if strings.ContainsAny(uri[len(uri)-1:], ".,;:!?") {
			uri, end = uri[:len(uri)-1], end-1
		}
		if strings.HasSuffix(uri, ")") && !strings.Contains(uri, "(") {
			uri, end = uri[:len(uri)-1], end-1
		}
		out = append(out, BlueskyFacet{
			Index:    BlueskyByteSlice{start, end},
			Features: []BlueskyFeature{{Type: blueskyLinkType, URI: uri}},
		})
	}
	for _, m := range blueskyTagRe.FindAllStringSubmatchIndex(text, -1) {
		if strings.HasPrefix(text[m[2]:], "\uFE0F") {
			continue
		}
		tag := strings.TrimRightFunc(strings.TrimFunc(text[m[2]:m[3]], isJSSpace), unicode.IsPunct)
		if g, _ := count.Bluesky(tag); tag == "" || g > blueskyTagGraphemeMax {
			continue
		}
		hash := m[2] - len("#")
		if text[hash] != '#' {
			hash = m[2] - len("＃")
		}
		out = append(out, BlueskyFacet{
			Index:    BlueskyByteSlice{hash, m[2] + len(tag)},
			Features: []BlueskyFeature{{Type: blueskyTagType, Tag: tag}},
		})
	}
	for _, m := range blueskyCashtagRe.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[2], m[3]
		if end-start > 6 { // '$' and at most five characters
			continue
		}
		if end < len(text) {
			r, _ := utf8.DecodeRuneInString(text[end:])
			if !isJSSpace(r) && !strings.ContainsRune(".,;:!?)\"'\u2019", r) {
				continue
			}
		}
		out = append(out, BlueskyFacet{
			Index:    BlueskyByteSlice{start, end},
			Features: []BlueskyFeature{{Type: blueskyTagType, Tag: strings.ToUpper(text[start:end])}},
		})
	}
	// Stable, so that facets starting together keep @atproto/api's order.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Index.ByteStart < out[j].Index.ByteStart })
	return out
}

// blueskyDomain is @atproto/api's isValidDomain: the text ends with '.'
// and a top-level domain of its list (case-sensitively: "example.COM" is
// not linked).
func blueskyDomain(s string) bool {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return false
	}
	_, ok := slices.BinarySearch(blueskyTLDs[:], s[i+1:])
	return ok
}

// primaryLanguage returns the primary subtag of a BCP 47 tag ("en" for
// "en-GB").
func primaryLanguage(tag string) string {
	p, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(p)
}
