package locale_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/locale"
)

// article.Normalize removes an explainer's heading repeated at the start
// of its body in the article's language (article.ExplainerLabels); the
// headings it knows must be the ones this catalogue prints, or a page
// exported and imported again would show its heading twice.
func TestExplainerHeadingsKnownToNormalize(t *testing.T) {
	keys := map[article.ExplainerKind]locale.Key{
		article.KindWhyItMatters:      locale.WhyItMatters,
		article.KindWhatItMeansForYou: locale.WhatItMeansForYou,
		article.KindBackground:        locale.Background,
		article.KindWhatHappensNext:   locale.WhatHappensNext,
	}
	c := locale.New()
	for _, tag := range c.Languages() {
		w, err := c.Words(tag.String())
		require.NoError(t, err)
		for kind, key := range keys {
			heading := strings.ReplaceAll(w.Get(key), "’", "'")
			known := article.ExplainerLabels(tag.String(), kind)
			assert.Contains(t, known, heading, "%s %s", tag, key)
		}
	}
}
