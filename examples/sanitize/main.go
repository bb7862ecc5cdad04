// Command sanitize shows the sanitize package at work on a sample article
// body (body.html, original fiction): the body through the body policy
// (built once, shared), a key point through the inline policy, a meta
// description and a post-sized cut, what the body policy does to a hostile
// snippet, and how Swallowed reports a body that loses its end.
//
//	go run ./examples/sanitize
package main

import (
	_ "embed"
	"fmt"
	"os"

	"github.com/broadsheet/broadsheet/sanitize"
)

// articleURL is the sample article's own URL: relative links resolve
// against it, and links to other origins get rel="nofollow …".
const articleURL = "https://news.example.com/local/kestrel-bay-camera-vote"

//go:embed body.html
var articleBody string

var keyPoints = []string{
	"The council voted <strong>7–4</strong> to end the promenade trial at midnight on Friday.",
	"An independent audit found <em>38%</em> of the system’s alerts named the wrong person.",
}

func main() {

	// Build each policy once; a Policy is safe for concurrent use.
	body, err := sanitize.BodyPolicy(sanitize.Options{BaseURL: articleURL})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	inline, err := sanitize.InlinePolicy(sanitize.Options{BaseURL: articleURL})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	fmt.Println("== body (safe HTML, balanced)")
	fmt.Println(body.Sanitize(articleBody))

	fmt.Println("\n== key points (inline HTML)")
	for _, kp := range keyPoints {
		fmt.Println("-", inline.Sanitize(kp))
	}

	fmt.Println("\n== meta description (160 graphemes)")
	fmt.Println(sanitize.Description(articleBody, 160))

	fmt.Println("\n== a 100-byte cut, measured in UTF-8 bytes")
	fmt.Println(sanitize.TruncateFunc(sanitize.Text(articleBody), 100, func(s string) int { return len(s) }))

	hostile := `<p id="siteConfig" onclick="steal()">Read <a href="javascript:alert(1)">this</a>` +
		`<img src=x onerror=alert(1)> <b>now</div></article><form action="https://evil.example/">`
	fmt.Println("\n== a hostile snippet")
	fmt.Println("in: ", hostile)
	fmt.Println("out:", body.Sanitize(hostile))

	broken := `<p>The formula <math><style>mi{}</math> holds.</p><p>The rest of the article.</p>`
	fmt.Println("\n== a body that loses its end")
	fmt.Println("out:", body.Sanitize(broken))
	if sw, ok := sanitize.Swallowed(broken); ok {
		fmt.Println("warning:", sw)
	}
}
