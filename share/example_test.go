package share_test

import (
	"errors"
	"fmt"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/share"
)

func ExampleLinks() {
	a := sample.Article()
	links, err := share.Links(a, share.Options{Networks: []share.Network{share.X, share.Email, share.CopyLink}})
	if err != nil {
		fmt.Println(err)
	}
	for _, l := range links {
		fmt.Printf("%s | %s | %s | popup %dx%d\n%s\n", l.Name, l.Label, l.Color, l.Popup.Width, l.Popup.Height, l.Href)
	}
	// Output:
	// X | Post on X | #000000 | popup 550x420
	// https://x.com/intent/tweet?text=Kestrel%20Bay%20switches%20off%20its%20seafront%20face-scanning%20cameras&url=https%3A%2F%2Fnews.example.com%2Flocal%2Fkestrel-bay-camera-vote%3Futm_source%3Dx%26utm_medium%3Dsocial%26utm_campaign%3Dshare&hashtags=KestrelBay%2CLocalNews&via=kestrelcourier
	// Email | Send by email | #4A4A4A | popup 0x0
	// mailto:?subject=Kestrel%20Bay%20switches%20off%20its%20seafront%20face-scanning%20cameras&body=Councillors%20voted%207%E2%80%934%20to%20end%20a%20live%20facial-recognition%20trial%20on%20the%20promenade%20after%20an%20audit%20found%20the%20system%20flagged%20the%20wrong%20person%20in%2038%25%20of%20its%20alerts.%0D%0A%0D%0Ahttps%3A%2F%2Fnews.example.com%2Flocal%2Fkestrel-bay-camera-vote%3Futm_source%3Demail%26utm_medium%3Demail%26utm_campaign%3Dshare
	// Copy link | Copy the link to this article | #4A4A4A | popup 0x0
	// https://news.example.com/local/kestrel-bay-camera-vote
}

func ExampleLinks_missingImage() {
	a := sample.Article()
	a.Image = nil
	links, err := share.Links(a, share.Options{Networks: []share.Network{share.Pinterest, share.Reddit}})
	fmt.Println(len(links), links[0].Network)
	fmt.Println(errors.Is(err, share.ErrMissingImage), err)
	// Output:
	// 1 reddit
	// true share: pinterest: article has no image
}

func ExampleCompose() {
	a := sample.Article()
	a.SocialHeadline = "Kestrel Bay council votes 7–4 to switch off the seafront face-scanning cameras after an audit found 38% of alerts named the wrong person; harbour police to appeal 👮‍♀️"
	p, err := share.Compose(a, share.Mastodon, share.Options{Mastodon: share.MastodonOptions{MaxCharacters: 150}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Text)
	fmt.Println(p.Length, p.Limit, p.Unit, p.Hashtags)
	// Output:
	// Kestrel Bay council votes 7–4 to switch off the seafront face-scanning cameras after an audit found 38% of alerts named the… https://news.example.com/local/kestrel-bay-camera-vote?utm_source=mastodon&utm_medium=social&utm_campaign=share
	// 148 150 graphemes []
}

func ExampleEscapeLittleText() {
	fmt.Println(share.EscapeLittleText("Vote passes (7–4) #KestrelBay @council"))
	// Output:
	// Vote passes \(7–4\) \#KestrelBay \@council
}

func ExampleBuild() {
	a := sample.Article()
	set, err := share.Build(a, share.Options{Networks: []share.Network{share.Bluesky, share.Reddit, share.Telegram}})
	if err != nil {
		fmt.Println(err)
	}
	for _, l := range set.Links {
		fmt.Println("link", l.Network)
	}
	for _, p := range set.Posts {
		fmt.Printf("post %s: %d of %d %s\n", p.Network, p.Length, p.Limit, p.Unit)
	}
	fmt.Println(set.WebShare.URL)
	// Output:
	// link bluesky
	// link reddit
	// link telegram
	// post bluesky: 193 of 300 graphemes
	// post telegram: 354 of 4096 utf16
	// https://news.example.com/local/kestrel-bay-camera-vote?utm_source=web_share&utm_medium=social&utm_campaign=share
}
