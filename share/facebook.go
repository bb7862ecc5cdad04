package share

import (
	"net/url"
	"strconv"
	"time"

	"github.com/broadsheet/broadsheet/article"
)

// FacebookFeedEndpoint is the Graph API endpoint FacebookFeed is posted to
// (POST, with a Page access token); fill in the API version and page id.
const FacebookFeedEndpoint = "https://graph.facebook.com/{version}/{page-id}/feed"

// FacebookFeed is the body of a Graph API Page feed post
// (https://developers.facebook.com/docs/pages-api/posts). The link card
// comes from the article page's Open Graph tags: Graph API v2.9 removed the
// picture, name and description overrides.
type FacebookFeed struct {
	// Message is the post text.
	Message string `json:"message,omitempty"`
	// Link is the article URL with UTM parameters.
	Link string `json:"link"`
	// Published is false for a scheduled post, absent otherwise.
	Published *bool `json:"published,omitempty"`
	// ScheduledPublishTime is the UNIX time to publish at; only with
	// Published false, 10 minutes to 30 days ahead.
	ScheduledPublishTime int64 `json:"scheduled_publish_time,omitempty"`
}

// FacebookSchedule asks for a scheduled post.
type FacebookSchedule struct {
	// At is when to publish; zero publishes now.
	At time.Time
	// Now is the time the request will be sent, for checking the window;
	// zero means time.Now().
	Now time.Time
}

// Facebook's scheduling window.
const (
	FacebookScheduleMin = 10 * time.Minute
	FacebookScheduleMax = 30 * 24 * time.Hour
)

// NewFacebookFeed builds a's Page feed post. A schedule outside 10 minutes
// to 30 days from Now is an error wrapping ErrSchedule.
func NewFacebookFeed(a *article.Article, opts Options, sched FacebookSchedule) (FacebookFeed, error) {
	p, err := Compose(a, Facebook, opts)
	if err != nil {
		return FacebookFeed{}, err
	}
	f := FacebookFeed{Message: p.Text, Link: p.URL}
	if !sched.At.IsZero() {
		now := sched.Now
		if now.IsZero() {
			now = time.Now()
		}
		ahead := sched.At.Sub(now)
		if ahead < FacebookScheduleMin || ahead > FacebookScheduleMax {
			return FacebookFeed{}, netErrorf(Facebook, "%w: %s ahead, want 10m to 720h", ErrSchedule, ahead.Round(time.Second))
		}
		published := false
		f.Published = &published
		f.ScheduledPublishTime = sched.At.Unix()
	}
	return f, nil
}

// Form returns the body as form fields, the Graph API's other accepted
// encoding.
func (f FacebookFeed) Form() url.Values {
	v := url.Values{}
	if f.Message != "" {
		v.Set("message", f.Message)
	}
	v.Set("link", f.Link)
	if f.Published != nil {
		v.Set("published", strconv.FormatBool(*f.Published))
	}
	if f.ScheduledPublishTime != 0 {
		v.Set("scheduled_publish_time", strconv.FormatInt(f.ScheduledPublishTime, 10))
	}
	return v
}
