package serve_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/render"
	"github.com/broadsheet/broadsheet/serve"
)

// TestCardTimeZone checks that Render.TimeZone reaches the cards: the
// sample, published 26 November 09:30 UTC, is the same day in London and
// Paris and the evening before (25 November, 22:30) at UTC-11, on its page and on its card.
// (With a zone the card's date is CLDR's long date from package locale,
// "26 November 2026", not Theme.Dateline's "26 Nov 2026".)
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
