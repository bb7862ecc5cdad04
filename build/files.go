package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// manifest records, per unit (article id, or "listings"), the key its
// files were built from and the files.
type manifest struct {
	Format  int              `json:"format"`
	Entries map[string]entry `json:"entries"`
}

type entry struct {
	Key string `json:"key"`
	// News is the news sitemap's window key (listings only).
	News  string   `json:"news,omitempty"`
	Files []string `json:"files"`
}

const manifestFormat = 1

// readManifest reads the manifest in dir; a missing or unreadable one (of
// another format, or damaged) is empty: everything is rebuilt.
func readManifest(dir, name string) (*manifest, error) {
	m := &manifest{Entries: map[string]entry{}}
	data, err := os.ReadFile(filepath.Join(dir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("build: reading the manifest: %w", err)
	}
	var got manifest
	if json.Unmarshal(data, &got) != nil || got.Format != manifestFormat || got.Entries == nil {
		return m, nil
	}
	return &got, nil
}

func writeManifest(dir, name string, m *manifest) error {
	m.Format = manifestFormat
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("build: manifest: %w", err)
	}
	data = append(data, '\n')
	if old, err := os.ReadFile(filepath.Join(dir, name)); err == nil && bytes.Equal(old, data) {
		return nil // unchanged: leave it untouched
	}
	var dc dirCache
	return dc.writeFile(dir, name, data)
}

// dirCache remembers the folders made, so each is made once per build.
// It is safe for concurrent use.
type dirCache struct{ made sync.Map }

// writeFile writes data to rel (slash-separated) under dir: to a temporary
// file beside it, then renamed over it, so the file is never seen half
// written. The temporary name is fixed (".NAME.tmp"), so a build killed
// mid-write leaves at most one stray file per output, which the next write
// of that output replaces.
func (dc *dirCache) writeFile(dir, rel string, data []byte) error {
	target := filepath.Join(dir, filepath.FromSlash(rel))
	d, base := filepath.Split(target)
	if _, ok := dc.made.Load(d); !ok {
		// Most folders are new and their parent exists: one mkdir.
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return fmt.Errorf("build: %w", err)
			}
		}
		dc.made.Store(d, true)
	}
	tmp := filepath.Join(d, "."+base+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("build: writing %s: %w", rel, err)
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("build: writing %s: %w", rel, err)
	}
	return nil
}
