package sanitize_test

import (
	"fmt"

	"github.com/broadsheet/broadsheet/sanitize"
)

func ExampleBodyPolicy() {
	body, err := sanitize.BodyPolicy(sanitize.Options{BaseURL: "https://news.example.com/local/vote"})
	if err != nil {
		panic(err)
	}
	fmt.Println(body.Sanitize(`<h1 id="vote">Vote</h1><p onclick="x()">Read <a href="/audit">the audit</a> and ` +
		`<a href="https://elsewhere.example/">reactions</a><script>alert(1)</script></div></article>`))
	// Output:
	// <h2 id="user-content-vote">Vote</h2><p>Read <a href="https://news.example.com/audit">the audit</a> and <a href="https://elsewhere.example/" rel="nofollow noopener noreferrer">reactions</a></p>
}

func ExampleInlinePolicy() {
	inline, err := sanitize.InlinePolicy(sanitize.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(inline.Sanitize(`The council voted <strong>7–4<p>to end the trial`))
	// Output:
	// The council voted <strong>7–4 to end the trial</strong>
}

func ExampleTextPolicy() {
	fmt.Println(sanitize.TextPolicy().Sanitize(`<p>Fish &amp; chips</p><p>“tonight”</p>`))
	// Output:
	// Fish &amp; chips “tonight”
}
