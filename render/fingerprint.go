package render

import (
	"encoding/binary"
	"hash/maphash"
	"time"

	"github.com/broadsheet/broadsheet/article"
)

// fingerprint is a 128-bit digest of everything a Prepared depends on: every
// field of the article, the PrepareOptions and the share image. Two seeds make an accidental
// collision (which would serve one article's page for another) as unlikely
// as guessing a random 128-bit key; the seeds are per Renderer, so no one
// can build colliding articles offline. TestFingerprintCoversEveryField
// changes every field of an article in turn and checks the digest changes.
type fingerprint [2]uint64

type hasher struct {
	h   [2]maphash.Hash
	buf [8]byte
}

func (h *hasher) u64(v uint64) {
	binary.LittleEndian.PutUint64(h.buf[:], v)
	h.h[0].Write(h.buf[:])
	h.h[1].Write(h.buf[:])
}

func (h *hasher) str(s string) {
	h.u64(uint64(len(s)))
	h.h[0].WriteString(s)
	h.h[1].WriteString(s)
}

func (h *hasher) strs(ss []string) {
	h.u64(uint64(len(ss)))
	for _, s := range ss {
		h.str(s)
	}
}

func (h *hasher) time(t time.Time) {
	_, off := t.Zone()
	h.u64(uint64(t.Unix()))
	h.u64(uint64(t.Nanosecond())<<32 | uint64(uint32(int32(off))))
}

func (h *hasher) image(img *article.Image) {
	if img == nil {
		h.u64(0)
		return
	}
	h.u64(1)
	h.str(img.URL)
	h.str(img.Alt)
	h.u64(uint64(img.Width))
	h.u64(uint64(img.Height))
	h.str(img.Caption)
	h.str(img.Credit)
	h.str(img.Type)
}

func (r *Renderer) fingerprint(a *article.Article, po *PrepareOptions, shareImage *article.Image) fingerprint {
	var h hasher
	h.h[0].SetSeed(r.seeds[0])
	h.h[1].SetSeed(r.seeds[1])
	h.str(a.ID)
	h.str(a.URL)
	h.str(a.Headline)
	h.str(a.SocialHeadline)
	h.str(a.Standfirst)
	h.str(a.Kicker)
	h.str(a.Section)
	h.strs(a.Tags)
	h.strs(a.Hashtags)
	h.str(a.Language)
	if a.Breaking {
		h.u64(1)
	} else {
		h.u64(0)
	}
	h.time(a.Published)
	h.time(a.Modified)
	h.u64(uint64(len(a.Authors)))
	for _, p := range a.Authors {
		h.str(p.Name)
		h.str(p.URL)
		h.u64(uint64(p.Kind))
		h.str(p.X)
		h.str(p.Bluesky)
		h.str(p.Mastodon)
	}
	h.strs(a.KeyPoints)
	h.str(a.Body)
	h.u64(uint64(len(a.Explainers)))
	for _, e := range a.Explainers {
		h.u64(uint64(e.Kind))
		h.str(e.Title)
		h.str(e.Body)
	}
	h.image(a.Image)
	if s := a.Site; s == nil {
		h.u64(0)
	} else {
		h.u64(1)
		h.str(s.Name)
		h.str(s.URL)
		h.str(s.Tagline)
		h.str(s.Locale)
		h.image(s.Logo)
		h.str(s.X)
		h.str(s.FacebookAppID)
		h.str(s.FacebookPage)
		h.str(s.Bluesky)
		h.str(s.Mastodon)
		if n := s.Newsletter; n == nil {
			h.u64(0)
		} else {
			h.u64(1)
			h.str(n.Title)
			h.str(n.Pitch)
			h.str(n.Action)
			h.str(n.Button)
		}
	}
	h.image(shareImage)
	h.u64(uint64(len(po.Alternates)))
	for _, alt := range po.Alternates {
		h.str(alt.Lang)
		h.str(alt.URL)
	}
	return fingerprint{h.h[0].Sum64(), h.h[1].Sum64()}
}
