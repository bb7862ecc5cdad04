package feed

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/broadsheet/broadsheet/article"
)

// JSONFeedVersion is the version URL JSON writes.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url,omitempty"`
	FeedURL     string       `json:"feed_url,omitempty"`
	Description string       `json:"description,omitempty"`
	Icon        string       `json:"icon,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonItem struct {
	ID            string       `json:"id"`
	URL           string       `json:"url"`
	Title         string       `json:"title"`
	Summary       string       `json:"summary,omitempty"`
	ContentHTML   string       `json:"content_html,omitempty"`
	ContentText   string       `json:"content_text,omitempty"`
	Image         string       `json:"image,omitempty"`
	DatePublished string       `json:"date_published,omitempty"`
	DateModified  string       `json:"date_modified,omitempty"`
	Authors       []jsonAuthor `json:"authors,omitempty"`
	Tags          []string     `json:"tags,omitempty"`
	Language      string       `json:"language,omitempty"`
}

// JSON writes arts as a JSON Feed 1.1 document; see the package
// documentation.
func JSON(w io.Writer, arts []*article.Article, o Options) error {
	ch, items, err := resolve(arts, &o, true)
	if err != nil {
		return err
	}
	f := jsonFeed{
		Version:     JSONFeedVersion,
		Title:       ch.Title,
		HomePageURL: ch.Link,
		FeedURL:     ch.SelfURL,
		Description: ch.Description,
		Language:    ch.Language,
		Items:       make([]jsonItem, 0, len(items)),
	}
	if ch.Logo != nil {
		f.Icon = ch.Logo.URL
	}
	if ch.siteName != "" {
		f.Authors = []jsonAuthor{{Name: ch.siteName, URL: ch.Link}}
	}
	for _, it := range items {
		ji := jsonItem{
			ID:            it.url,
			URL:           it.url,
			Title:         it.title,
			Summary:       it.summary,
			ContentHTML:   it.content,
			DatePublished: atomTime(it.pub),
			Tags:          it.cats,
			Language:      it.a.Language,
		}
		if ji.ContentHTML == "" {
			// An item must have content_html or content_text.
			ji.ContentText = it.summary
		}
		if !it.a.Modified.IsZero() && !it.updated.Equal(it.pub) {
			ji.DateModified = atomTime(it.updated)
		}
		if it.img != nil {
			ji.Image = it.img.URL
		}
		for _, p := range it.a.Authors {
			ja := jsonAuthor{Name: p.Name}
			if _, err := article.CheckURL(p.URL); err == nil {
				ja.URL = p.URL
			}
			ji.Authors = append(ji.Authors, ja)
		}
		f.Items = append(f.Items, ji)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("feed: %w", err)
	}
	return nil
}
