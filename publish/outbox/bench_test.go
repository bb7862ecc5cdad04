package outbox_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/publish/outbox"
	"github.com/broadsheet/broadsheet/share"
)

// BenchmarkEnqueueSQLite measures storing one entry and its River job in
// the embedded outbox. bench/outbox measures the whole path (enqueue →
// worked → recorded) and throughput by workers.
func BenchmarkEnqueueSQLite(b *testing.B) {
	ob, err := outbox.Open(context.Background(), filepath.Join(b.TempDir(), "o.db"), outbox.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer ob.Close()
	st := share.MastodonStatus{Status: "A story https://news.example.com/a", Visibility: "public"}
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		_, err := ob.Enqueue(context.Background(), outbox.Request{Story: fmt.Sprint("s", i), Post: publish.Post{Network: share.Mastodon, Key: fmt.Sprint("k", i), Mastodon: &st}})
		if err != nil {
			b.Fatal(err)
		}
	}
}
