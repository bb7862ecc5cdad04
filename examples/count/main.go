// Command count measures texts as each network does: X's weighted length,
// Bluesky's graphemes and bytes, Mastodon's characters (every URL 23),
// Threads' characters (emoji by their bytes) and UTF-16 units. Each
// argument is one text; with none it measures three samples.
//
//	go run ./examples/count
//	go run ./examples/count "Council votes 7–4 🗳️ https://news.example.com/a"
package main

import (
	"fmt"
	"os"

	"github.com/broadsheet/broadsheet/share/count"
)

func main() {
	texts := os.Args[1:]
	if len(texts) == 0 {
		texts = []string{
			"Kestrel Bay switches off its seafront cameras https://news.example.com/local/kestrel-bay-camera-vote",
			"Family day 👨‍👩‍👧‍👦 in Kestrel Bay",
			"港湾委员会投票 https://news.example.com/zh/vote",
		}
	}
	for _, t := range texts {
		x := count.X(t)
		g, b := count.Bluesky(t)
		fmt.Printf("%q\n", t)
		fmt.Printf("  X         %3d/%d weighted (valid: %v)\n", x.WeightedLength, count.XLimit, x.Valid)
		fmt.Printf("  Bluesky   %3d/%d graphemes, %d/%d bytes\n", g, count.BlueskyGraphemeLimit, b, count.BlueskyByteLimit)
		fmt.Printf("  Mastodon  %3d/%d\n", count.Mastodon(t), count.MastodonDefaultLimit)
		fmt.Printf("  Threads   %3d/%d\n", count.Threads(t), count.ThreadsLimit)
		fmt.Printf("  UTF-16    %3d\n", count.UTF16(t))
	}
}
