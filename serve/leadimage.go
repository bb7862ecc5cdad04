package serve

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

// MaxLeadImageBytes bounds the file LeadImageFS reads for one lead image:
// 64 MiB, far above a 24-megapixel JPEG. Package card then bounds its
// pixels and decoding memory.
const MaxLeadImageBytes = 64 << 20

// LeadImageFS returns an Options.LeadImage that reads each lead image
// from fsys at its URL's path: the image of an article whose image.url
// is https://news.example.com/media/2026/11/promenade.jpg is the file
// media/2026/11/promenade.jpg of fsys (os.DirFS of the folder a site's
// media are published from). Whatever the URL's host, only its path is
// used, and fs.FS paths cannot leave fsys ("..", absolute paths and
// backslashes are refused). A missing file is an error wrapping
// fs.ErrNotExist, which the handler answers with 404.
func LeadImageFS(fsys fs.FS) func(ctx context.Context, a *article.Article) ([]byte, error) {
	return func(ctx context.Context, a *article.Article) ([]byte, error) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if a.Image == nil || a.Image.URL == "" {
			return nil, fmt.Errorf("serve: article %q has no lead image: %w", a.ID, fs.ErrNotExist)
		}
		u, err := url.Parse(a.Image.URL)
		if err != nil {
			return nil, fmt.Errorf("serve: lead image of %q: %w", a.ID, err)
		}
		name := strings.TrimPrefix(u.Path, "/")
		if !fs.ValidPath(name) || strings.Contains(name, `\`) || name == "." {
			return nil, fmt.Errorf("serve: lead image of %q: %q is not a file path: %w", a.ID, u.Path, fs.ErrNotExist)
		}
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("serve: lead image of %q: %w", a.ID, err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("serve: lead image of %q: %s is a folder: %w", a.ID, name, fs.ErrNotExist)
		}
		b, err := io.ReadAll(io.LimitReader(f, MaxLeadImageBytes+1))
		if err != nil {
			return nil, fmt.Errorf("serve: lead image of %q: %w", a.ID, err)
		}
		if len(b) > MaxLeadImageBytes {
			return nil, fmt.Errorf("serve: lead image of %q: %s is over %d MiB", a.ID, name, MaxLeadImageBytes>>20)
		}
		return b, nil
	}
}
