// Command sanitize shows the sanitize package at work on the built-in
// sample article: the body through the body policy (built once, shared),
// the key points through the inline policy, a meta description and a
// post-sized cut, then what the body policy does to a hostile snippet.
//
//	go run ./examples/sanitize
package main

import (
	"fmt"
	"os"

	"github.com/broadsheet/broadsheet/internal/sample"
	"github.com/broadsheet/broadsheet/sanitize"
)

func main() {
	a := sample.Article()

	// Build each policy once; a Policy is safe for concurrent use.
	body, err := sanitize.BodyPolicy(sanitize.Options{BaseURL: a.URL})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	inline, err := sanitize.InlinePolicy(sanitize.Options{BaseURL: a.URL})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	fmt.Println("== body (safe HTML, balanced)")
	fmt.Println(body.Sanitize(a.Body))

	fmt.Println("\n== key points (inline HTML)")
	for _, kp := range a.KeyPoints {
		fmt.Println("-", inline.Sanitize(kp))
	}

	fmt.Println("\n== meta description (160 graphemes)")
	fmt.Println(sanitize.Description(a.Body, 160))

	fmt.Println("\n== a 100-byte cut, measured in UTF-8 bytes")
	fmt.Println(sanitize.TruncateFunc(sanitize.Text(a.Body), 100, func(s string) int { return len(s) }))

	hostile := `<p id="siteConfig" onclick="steal()">Read <a href="javascript:alert(1)">this</a>` +
		`<img src=x onerror=alert(1)> <b>now</div></article><form action="https://evil.example/">`
	fmt.Println("\n== a hostile snippet")
	fmt.Println("in: ", hostile)
	fmt.Println("out:", body.Sanitize(hostile))
}
