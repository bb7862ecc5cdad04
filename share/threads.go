package share

import (
	"net/url"

	"github.com/broadsheet/broadsheet/article"
)

// Threads endpoints: create a container, then publish it (both POST with
// access_token; Meta advises waiting about 30 seconds in between).
const (
	ThreadsContainerEndpoint = "https://graph.threads.net/v1.0/{threads-user-id}/threads"
	ThreadsPublishEndpoint   = "https://graph.threads.net/v1.0/{threads-user-id}/threads_publish"
)

// ThreadsContainer is the first request: it creates a media container
// (https://developers.facebook.com/docs/threads/posts). The answer's id is
// the creation_id of ThreadsPublish.
type ThreadsContainer struct {
	MediaType      string `json:"media_type"` // TEXT or IMAGE
	Text           string `json:"text"`
	ImageURL       string `json:"image_url,omitempty"`
	LinkAttachment string `json:"link_attachment,omitempty"`
	TopicTag       string `json:"topic_tag,omitempty"`
	ReplyControl   string `json:"reply_control,omitempty"`
}

// ThreadsPublish is the second request: publish the container.
type ThreadsPublish struct {
	CreationID string `json:"creation_id"`
}

// NewThreadsContainer builds a's TEXT container: the fitted text (500
// characters, at most 5 links), the article URL as the link attachment and
// the first hashtag as the topic tag.
func NewThreadsContainer(a *article.Article, opts Options) (ThreadsContainer, error) {
	s, err := newSource(a, &opts)
	if err != nil {
		return ThreadsContainer{}, err
	}
	p, err := s.fitted(Threads, &opts)
	if err != nil {
		return ThreadsContainer{}, err
	}
	c := ThreadsContainer{MediaType: "TEXT", Text: p.Text, LinkAttachment: p.URL}
	if len(s.tags) > 0 {
		c.TopicTag = topicTag(s.tags[0])
	}
	return c, nil
}

// Values returns the container as request parameters.
func (c ThreadsContainer) Values() url.Values {
	v := url.Values{}
	v.Set("media_type", c.MediaType)
	v.Set("text", c.Text)
	for k, val := range map[string]string{
		"image_url": c.ImageURL, "link_attachment": c.LinkAttachment,
		"topic_tag": c.TopicTag, "reply_control": c.ReplyControl,
	} {
		if val != "" {
			v.Set(k, val)
		}
	}
	return v
}

// Values returns the publish request's parameters.
func (p ThreadsPublish) Values() url.Values {
	return url.Values{"creation_id": {p.CreationID}}
}
