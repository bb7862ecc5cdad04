package serve

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/broadsheet/broadsheet/render/card"
	"github.com/broadsheet/broadsheet/site"
)

var (
	hdrImmutable = []string{ImmutableCache}
	hdrAlias     = []string{DefaultCardAlias}
)

// serveCard serves /cards/{id}/{spec}.{hash}.png (the content-hashed URL,
// cached for a year) and /cards/{id}/{spec}.png (the stable alias, cached
// briefly). A hash that is no longer the card's current one is served the
// current card with the alias's caching: an old og:image URL keeps
// working, and is never cached forever with different bytes.
func (h *Handler) serveCard(w http.ResponseWriter, r *http.Request) {
	h.dataHeaders(w)
	id, file := r.PathValue("id"), r.PathValue("file")
	ext := path.Ext(file)
	if ext != ".png" && ext != ".jpg" {
		h.plain(w, http.StatusNotFound, "not found: cards are .png (.jpg for the photo layout)")
		return
	}
	name := strings.TrimSuffix(file, ext)
	specText, hash, hashed := strings.Cut(name, ".")
	spec, ok := site.ParseCardSpec(specText)
	if !ok {
		h.plain(w, http.StatusBadRequest, "bad card: want WIDTHxHEIGHT-standard, WIDTHxHEIGHT-photo or WIDTHxHEIGHT-keypoint-N, such as 1200x630-standard")
		return
	}
	if msg := h.checkSpec(spec); msg != "" {
		h.plain(w, http.StatusBadRequest, msg)
		return
	}
	if ext != spec.Ext() {
		h.plain(w, http.StatusNotFound, "not found: a "+spec.Layout+" card is "+spec.Ext())
		return
	}
	ctx := r.Context()
	a, err := h.src.Article(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if spec.Layout == "keypoint" && spec.Point > len(a.KeyPoints) {
		h.plain(w, http.StatusNotFound, "not found: the article has "+plural(len(a.KeyPoints), "key point"))
		return
	}
	if spec.Layout == "photo" && (a.Image == nil || a.Image.URL == "") {
		h.plain(w, http.StatusNotFound, "not found: the article has no lead image for a photo card")
		return
	}
	cur := h.cardHash(h.cardDigest(a), spec)
	cc := hdrAlias
	if hashed && hash == cur {
		cc = hdrImmutable
	}
	tag := `"` + cur + `"`
	if notModified(w, r, tag, cc[0], false) {
		return
	}
	key := "card\x00" + cur + "\x00" + spec.String()
	res, err := h.render(ctx, key, func() (*resource, error) {
		var o card.Options
		size, err := card.ParseSize(strconv.Itoa(spec.Width) + "x" + strconv.Itoa(spec.Height))
		if err != nil {
			return nil, err
		}
		o.Size = size
		if err := o.Layout.UnmarshalText([]byte(spec.Layout)); err != nil {
			return nil, err
		}
		if spec.Layout == "keypoint" {
			o.KeyPoint = spec.Point - 1
		}
		if spec.Layout == "photo" {
			data, err := h.opts.LeadImage(ctx, a)
			if err != nil {
				return nil, &leadImageError{err}
			}
			o.ImageData = data
			o.Format = card.FormatJPEG // the .jpg the URL names
		} else {
			o.Format = card.FormatPNG
		}
		if h.cardWords != nil {
			w, err := h.cardWords(a)
			if err != nil {
				return nil, err
			}
			o.Labels = card.LabelsFor(w)
		}
		var b bytes.Buffer
		info, err := h.cards.Render(&b, a, o)
		if err != nil {
			if errors.Is(err, card.ErrImage) {
				return nil, &leadImageError{err}
			}
			return nil, err
		}
		return newResource(b.Bytes(), info.Format.MIME(), DefaultCardAlias, tag), nil
	})
	var lead *leadImageError
	switch {
	case errors.As(err, &lead) && errors.Is(err, fs.ErrNotExist):
		h.plain(w, http.StatusNotFound, "not found: the lead image")
		return
	case errors.As(err, &lead):
		h.plain(w, http.StatusBadGateway, "the lead image cannot be used for a photo card")
		if h.opts.OnError != nil {
			h.opts.OnError(r, err)
		}
		return
	case errors.Is(err, card.ErrNoKeyPoint):
		h.plain(w, http.StatusNotFound, "not found: no such key point")
		return
	case errors.Is(err, card.ErrSize):
		h.plain(w, http.StatusBadRequest, "bad card size")
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	writeCC(w, r, res, cc)
}

// checkSpec bounds a card's size and layout; it returns why a spec is
// refused, or "".
func (h *Handler) checkSpec(s site.CardSpec) string {
	if s.Width < card.MinSide || s.Height < card.MinSide || s.Width > card.MaxSide || s.Height > card.MaxSide {
		return fmt.Sprintf("bad card size %dx%d: each side must be %d to %d pixels", s.Width, s.Height, card.MinSide, card.MaxSide)
	}
	if s.Width*s.Height > h.opts.MaxCardPixels {
		return fmt.Sprintf("bad card size %dx%d: at most %d pixels", s.Width, s.Height, h.opts.MaxCardPixels)
	}
	if s.Layout == "photo" && h.opts.LeadImage == nil {
		return "bad card layout: photo cards need the lead image's pixels, and this handler has no Options.LeadImage (broadsheet serve --images DIR); use standard or keypoint"
	}
	return ""
}

func plural(n int, word string) string {
	s := strconv.Itoa(n) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}

// leadImageError is a failure to get or decode an article's lead image
// for a photo card: not the handler's fault, so not a 500.
type leadImageError struct{ err error }

func (e *leadImageError) Error() string { return "serve: lead image: " + e.err.Error() }

func (e *leadImageError) Unwrap() error { return e.err }
