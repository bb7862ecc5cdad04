package site_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/broadsheet/broadsheet/site"
)

// BenchmarkLoad2000 loads a folder of 2,000 small articles that inherit
// site.json: read, strict decode, inherit, check, index, version digest.
func BenchmarkLoad2000(b *testing.B) {
	dir := b.TempDir()
	for i := range 2000 {
		id := fmt.Sprintf("story-%04d", i)
		doc := story(id, fmt.Sprintf("2026-11-%02dT%02d:%02d:00Z", 1+i%28, i%24, i%60), "")
		if err := os.WriteFile(filepath.Join(dir, id+".json"), []byte(doc), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cfg, err := site.ParseConfig([]byte(config))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c, err := site.Load(site.Options{Site: cfg}, dir)
		if err != nil {
			b.Fatal(err)
		}
		if c.Len() != 2000 {
			b.Fatalf("loaded %d", c.Len())
		}
	}
}
