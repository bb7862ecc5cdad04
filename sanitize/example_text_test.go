package sanitize_test

import (
	"fmt"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/sanitize"
)

func ExampleText() {
	fmt.Println(sanitize.Text(`<p>Councillors voted <strong>7&ndash;4</strong>.</p><script>track()</script><p>The trial ends.</p>`))
	// Output: Councillors voted 7–4. The trial ends.
}

func ExampleTruncate() {
	fmt.Println(sanitize.Truncate("Kestrel Bay switches off its seafront cameras", 25))
	fmt.Println(sanitize.Truncate("海辺の顔認証カメラを停止へ", 8))
	fmt.Println(sanitize.Truncate("short", 24))
	// Output:
	// Kestrel Bay switches off…
	// 海辺の顔認証カ…
	// short
}

func ExampleTruncateFunc() {
	// A budget in UTF-8 bytes, as some APIs set it.
	bytes := func(s string) int { return len(s) }
	fmt.Println(sanitize.TruncateFunc("café crème brûlée", 16, bytes))
	// Runes, as a database column might count.
	fmt.Println(sanitize.TruncateFunc("café crème brûlée", 12, utf8.RuneCountInString))
	// Output:
	// café crème…
	// café crème…
}

func ExampleDescription() {
	fmt.Println(sanitize.Description(`<h2>Vote</h2><p>An audit found the system named the wrong person in 38% of alerts.</p>`, 61))
	// Output: Vote An audit found the system named the wrong person in 38%…
}
