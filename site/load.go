package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/markdown"
)

// Decoder turns one file's bytes into an article. name is the file's path,
// for messages. A decoder returns, like article.Parse, a nil article and an
// error for a file it cannot read at all, or the article and an
// *article.ValidationError for problems with single fields. It must be
// safe for concurrent use.
type Decoder func(name string, data []byte) (*article.Article, error)

// JSON is the Decoder for article JSON: article.Decode, with no size
// limit beyond Options.MaxFileBytes.
func JSON(_ string, data []byte) (*article.Article, error) {
	return article.Decode(bytes.NewReader(data), article.DecodeOptions{MaxBytes: int64(len(data)) + 1})
}

// Markdown is the Decoder for Markdown with YAML front matter (package
// markdown, with its default limits): findings carry the line of their key.
func Markdown(name string, data []byte) (*article.Article, error) {
	return markdown.Decode(bytes.NewReader(data), name, markdown.Options{})
}

// DefaultDecoders returns a new registry with ".json" → JSON and ".md" →
// Markdown. Add an extension (with its dot, lower case) to load another
// format.
func DefaultDecoders() map[string]Decoder {
	return map[string]Decoder{".json": JSON, ".md": Markdown}
}

// Options configures Load. The zero value loads *.json articles with no
// inherited site and fails on any bad file.
type Options struct {
	// Site is the configuration every article inherits (see Inherit);
	// nil means none.
	Site *article.Site
	// Decoders maps a file extension (".json", lower case) to its
	// decoder; nil means DefaultDecoders.
	Decoders map[string]Decoder
	// KeepGoing makes Load return the collection of the good files
	// together with the *LoadError listing the bad ones.
	KeepGoing bool
	// MaxFileBytes bounds each file; zero means article.DefaultMaxBytes
	// (10 MiB).
	MaxFileBytes int64
	// Jobs bounds how many files are decoded at once; zero means
	// GOMAXPROCS.
	Jobs int
	// MaxResident bounds the articles the collection keeps decoded in
	// memory: a collection of at most MaxResident articles keeps them all;
	// a larger one keeps only each article's Entry and reads the article
	// from its file again when asked (Collection.Article), so its memory
	// stays bounded for an archive of any size. Zero means
	// DefaultMaxResident; a negative value keeps none.
	MaxResident int
}

// DefaultMaxResident is the largest collection Load keeps in memory by
// default (see Options.MaxResident): some tens of megabytes of articles.
const DefaultMaxResident = 5000

// Load reads the articles in paths (files and folders; see the package
// documentation) into a Collection. Every problem of every file is
// reported in one *LoadError; a path that does not exist is one of them.
// With opts.KeepGoing the collection of the good files is returned with
// it; otherwise the collection is nil.
func Load(opts Options, paths ...string) (*Collection, error) {
	decoders := opts.Decoders
	if decoders == nil {
		decoders = DefaultDecoders()
	}
	limit := opts.MaxFileBytes
	if limit <= 0 {
		limit = article.DefaultMaxBytes
	}
	var files []string
	var bad []*FileError
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			bad = append(bad, &FileError{Path: root, Err: fmt.Errorf("site: %w", unwrapPath(err))})
			continue
		}
		if !st.IsDir() {
			if decoders[strings.ToLower(filepath.Ext(root))] == nil {
				bad = append(bad, &FileError{Path: root, Err: fmt.Errorf("%w (have %s)", ErrUnknownFormat, strings.Join(slices.Sorted(maps.Keys(decoders)), ", "))})
				continue
			}
			add(root)
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, &FileError{Path: p, Err: fmt.Errorf("site: %w", unwrapPath(err))})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() || name == ConfigName {
				return nil
			}
			if decoders[strings.ToLower(filepath.Ext(name))] != nil {
				add(p)
			}
			return nil
		})
		if err != nil {
			bad = append(bad, &FileError{Path: root, Err: fmt.Errorf("site: %w", err)})
		}
	}
	slices.Sort(files)

	maxRes := opts.MaxResident
	if maxRes == 0 {
		maxRes = DefaultMaxResident
	}
	resident := len(files) <= maxRes
	// Each file's folder, interned: a collection keeps one copy of each.
	dirs := []string{""}
	dirOf := make([]uint32, len(files))
	seenDir := map[string]uint32{}
	for i, f := range files {
		d := f[:strings.LastIndexAny(f, `/`+string(filepath.Separator))+1]
		k, ok := seenDir[d]
		if !ok {
			k = uint32(len(dirs))
			dirs = append(dirs, d)
			seenDir[d] = k
		}
		dirOf[i] = k
	}
	ld := newLoading(len(files), resident)
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(jobs, max(len(files), 1)) {
		wg.Go(func() {
			for i := range next {
				it := decodeFile(files[i], decoders, limit)
				if it.art == nil {
					ld.fail(i, it.err)
					continue
				}
				ld.prepare(i, opts.Site, dirOf[i], files[i][len(dirs[dirOf[i]]):], it.defID, it.art, it.err)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	c, err := ld.build(opts.Site, dirs, func(i int) string { return files[i] }, true)
	if err != nil {
		var le *LoadError
		if !errors.As(err, &le) {
			return nil, err
		}
		bad = append(bad, le.Files...)
	}
	c.decoders, c.limit = decoders, limit
	if len(bad) > 0 {
		slices.SortStableFunc(bad, func(a, b *FileError) int { return strings.Compare(a.Path, b.Path) })
		le := &LoadError{Files: bad}
		if opts.KeepGoing {
			return c, le
		}
		return nil, le
	}
	return c, nil
}

// decoded is one file's decoding.
type decoded struct {
	art   *article.Article // nil when the file cannot be read at all
	err   error
	defID string // the id the file name gives
}

func decodeFile(p string, decoders map[string]Decoder, limit int64) decoded {
	var it decoded
	base := filepath.Base(p)
	it.defID = strings.TrimSuffix(base, filepath.Ext(base))
	data, err := readLimited(p, limit)
	if err != nil {
		var fe *FileError
		if errors.As(err, &fe) {
			err = fe.Err
		}
		it.err = err
		return it
	}
	dec := decoders[strings.ToLower(filepath.Ext(p))]
	a, err := safeDecode(dec, p, bytes.Clone(data))
	if a == nil {
		if err == nil {
			err = fmt.Errorf("site: the decoder returned no article")
		}
		it.err = err
		return it
	}
	it.art, it.err = a, err
	return it
}

// safeDecode runs a decoder, turning a panic in a third-party decoder into
// an error for that file.
func safeDecode(dec Decoder, name string, data []byte) (a *article.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("site: decoder panicked: %v", r)
		}
	}()
	return dec(name, data)
}

// unwrapPath drops *fs.PathError's own copy of the path, which FileError
// already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
