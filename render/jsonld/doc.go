// Package jsonld holds the schema.org node types of the JSON-LD graph that
// package render puts in every article page (https://schema.org, Google's
// Article structured-data guide). The types are plain values with JSON
// tags; render builds a [Graph] from an article and encodes it with HTML
// escaping, so callers read these types in render.Meta.LinkedData rather
// than build them.
//
//	m, err := r.Meta(a)
//	for _, n := range m.LinkedData.Nodes {
//		if na, ok := n.(*jsonld.NewsArticle); ok {
//			fmt.Println(na.Headline)
//		}
//	}
//
// # Security
//
// The values are plain text. encoding/json with its default HTML escaping
// (as render uses) makes them safe inside <script type="application/ld+json">;
// an encoder with SetEscapeHTML(false) does not.
package jsonld
