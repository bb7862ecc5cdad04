package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/build"
	"github.com/broadsheet/broadsheet/site"
)

// Build a site, then build it again: the unchanged rebuild renders and
// writes nothing.
func ExampleBuild() {
	out, err := os.MkdirTemp("", "example-build-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(out)
	publication := &article.Site{Name: "The Gannet Point Gazette", URL: "https://news.example.com/"}
	c, err := site.New(publication, []*article.Article{{
		ID: "headland-path-reopens", URL: "https://news.example.com/local/headland-path-reopens",
		Headline: "Headland path reopens after the landslip", Language: "en-GB",
		Published: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC),
		Authors:   []article.Person{{Name: "Marta Quillon"}},
		Body:      "<p>Walkers can use the cliff path again from Saturday.</p>",
	}}, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	for range 2 {
		res, err := build.Build(context.Background(), c, build.Options{Out: out})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d rendered, %d files written\n", res.Rendered, res.Written)
	}
	_, err = os.Stat(filepath.Join(out, "local", "headland-path-reopens", "index.html"))
	fmt.Println("page written:", err == nil)
	// Output:
	// 1 rendered, 13 files written
	// 0 rendered, 0 files written
	// page written: true
}
