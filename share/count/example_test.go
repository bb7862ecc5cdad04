package count_test

import (
	"fmt"

	"github.com/broadsheet/broadsheet/share/count"
)

func ExampleX() {
	r := count.X("Council votes 7–4 🗳️ https://news.example.com/local/kestrel-bay-camera-vote 日本")
	fmt.Println(r.WeightedLength, r.Valid, r.Permillage)
	// Output:
	// 49 true 175
}

func ExampleBluesky() {
	g, b := count.Bluesky("Family day 👨‍👩‍👧‍👦 in Kestrel Bay")
	fmt.Println(g, b)
	// Output:
	// 27 51
}
