package serve_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render"
	"github.com/broadsheet/broadsheet/serve"
	"github.com/broadsheet/broadsheet/site"
)

// TestCardTimeZone checks that Render.TimeZone reaches the cards: the
// sample, published 26 November 09:30 UTC, is the same day in London and
// Paris and the evening before (25 November, 22:30) at UTC-11, on its page and on its card.
// (An English card keeps Theme.Dateline's "26 Nov 2026" in the zone.)
func TestCardTimeZone(t *testing.T) {
	path := "/cards/" + sample.Article().ID + "/1200x630-standard.png"
	get := func(zone string) (card, page []byte) {
		_, srv := newServer(t, collection(t), serve.Options{Render: render.Options{TimeZone: zone}})
		c, p := do(t, "GET", srv.URL+path), do(t, "GET", srv.URL+"/a/"+sample.Article().ID)
		require.Equal(t, 200, c.status, string(c.body))
		require.Equal(t, 200, p.status, string(p.body))
		return c.body, p.body
	}
	_, ownPage := get("")
	londonCard, londonPage := get("Europe/London")
	parisCard, _ := get("Europe/Paris")
	farCard, farPage := get("Pacific/Pago_Pago")
	assert.Contains(t, string(ownPage), "26 November 2026, 09:30 UTC")
	assert.Contains(t, string(londonPage), "26 November 2026, 09:30 GMT")
	assert.Contains(t, string(farPage), "25 November 2026, 22:30")
	assert.Equal(t, londonCard, parisCard, "the same date in London and Paris: the same card")
	assert.NotEqual(t, londonCard, farCard, "another date at UTC-11: another card")

	_, err := serve.New(collection(t), serve.Options{Render: render.Options{TimeZone: "Mars/Olympus"}})
	require.ErrorIs(t, err, serve.ErrOptions)
}

// TestSiteTimeZone checks that a site configuration's time_zone reaches
// pages and cards as Render.TimeZone does, and that Render.TimeZone wins.
func TestSiteTimeZone(t *testing.T) {
	path := "/cards/" + sample.Article().ID + "/1200x630-standard.png"
	srvIndex := func(t *testing.T, siteZone string) string {
		s := sample.Article()
		cfg := s.Site
		cfg.TimeZone = siteZone
		s.Site = nil
		c, err := site.New(cfg, []*article.Article{s}, false)
		require.NoError(t, err)
		_, srv := newServer(t, c, serve.Options{})
		return srv.URL + "/"
	}
	get := func(siteZone, renderZone string) (card, page []byte) {
		s := sample.Article()
		cfg := s.Site
		cfg.TimeZone = siteZone
		s.Site = nil
		c, err := site.New(cfg, []*article.Article{s}, false)
		require.NoError(t, err)
		_, srv := newServer(t, c, serve.Options{Render: render.Options{TimeZone: renderZone}})
		cr, pr := do(t, "GET", srv.URL+path), do(t, "GET", srv.URL+"/a/"+sample.Article().ID)
		require.Equal(t, 200, cr.status, string(cr.body))
		require.Equal(t, 200, pr.status, string(pr.body))
		return cr.body, pr.body
	}
	ownCard, _ := get("", "")
	siteCard, sitePage := get("Pacific/Pago_Pago", "")
	optCard, _ := get("", "Pacific/Pago_Pago")
	wonCard, wonPage := get("Pacific/Pago_Pago", "Europe/London")
	assert.Contains(t, string(sitePage), "25 November 2026, 22:30")
	idx := do(t, "GET", srvIndex(t, "Pacific/Pago_Pago"))
	assert.Contains(t, string(idx.body), `<time datetime="2026-11-26T09:30:00Z">25 Nov 2026</time>`, "the index in the site's zone")
	assert.Equal(t, optCard, siteCard, "site.time_zone draws the card Render.TimeZone draws")
	assert.NotEqual(t, ownCard, siteCard)
	assert.Contains(t, string(wonPage), "26 November 2026, 09:30 GMT", "Render.TimeZone wins")
	assert.NotEqual(t, siteCard, wonCard)
}
