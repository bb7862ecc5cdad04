package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// The manifest is JSON Lines, so a build streams it instead of holding it:
//
//	{"format":2}
//	{"id":"a-story","key":"…","files":["uk/a-story/index.html",…]}   one line per article, sorted by id
//	{"listings":true,"key":"…","news":"…","files":["index.html",…]}  last
//
// A build reads the old manifest in id order while it walks its articles
// in id order, and writes the new one in the same order.
const manifestFormat = 2

// line is one line of the manifest.
type line struct {
	Format   int      `json:"format,omitempty"`
	ID       string   `json:"id,omitempty"`
	Listings bool     `json:"listings,omitempty"`
	Key      string   `json:"key,omitempty"`
	News     string   `json:"news,omitempty"`
	Files    []string `json:"files,omitempty"`
}

// entry is what the manifest says of one unit.
type entry struct {
	Key   string
	News  string // the news sitemap's window key (listings only)
	Files []string
}

// maxLine bounds one manifest line.
const maxLine = 16 << 20

// oldManifest reads a manifest: its listings entry at once, its article
// lines in order, one at a time.
type oldManifest struct {
	listings entry
	sum      []byte // SHA-256 of the file; nil when there is none
	f        *os.File
	sc       *bufio.Scanner
	lines    []line // a format 1 manifest, converted and sorted
	peeked   *line
}

// openManifest opens the manifest at p. A missing one is empty; one that
// cannot be parsed (another format, damaged) is empty too, so everything
// is rebuilt.
func openManifest(p string) (*oldManifest, error) {
	m := &oldManifest{}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("build: reading the manifest: %w", err)
	}
	// First pass: the checksum, the format and the listings line.
	h := sha256.New()
	sc := bufio.NewScanner(io.TeeReader(f, h))
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	format := 0
	for n := 0; sc.Scan(); n++ {
		b := sc.Bytes()
		if n == 0 {
			var hd line
			if json.Unmarshal(b, &hd) == nil {
				format = hd.Format
			}
			if format != manifestFormat {
				break
			}
			continue
		}
		if bytes.HasPrefix(b, []byte(`{"listings":true`)) {
			var l line
			if json.Unmarshal(b, &l) == nil {
				m.listings = entry{Key: l.Key, News: l.News, Files: l.Files}
			}
		}
	}
	if format != manifestFormat {
		f.Close()
		return readFormat1(p)
	}
	if sc.Err() != nil {
		f.Close()
		return &oldManifest{}, nil
	}
	m.sum = h.Sum(nil)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("build: reading the manifest: %w", err)
	}
	m.f = f
	m.sc = bufio.NewScanner(f)
	m.sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	m.sc.Scan() // the header
	return m, nil
}

// readFormat1 reads the first format (one JSON object, written by earlier
// versions) so its files are still known and removed when stale.
func readFormat1(p string) (*oldManifest, error) {
	m := &oldManifest{}
	data, err := os.ReadFile(p)
	if err != nil {
		return m, nil
	}
	var v1 struct {
		Format  int              `json:"format"`
		Entries map[string]entry `json:"entries"`
	}
	if json.Unmarshal(data, &v1) != nil || v1.Format != 1 {
		return m, nil
	}
	for name, e := range v1.Entries {
		if name == "listings" {
			m.listings = e
			continue
		}
		m.lines = append(m.lines, line{ID: name, Key: e.Key, Files: e.Files})
	}
	slices.SortFunc(m.lines, func(a, b line) int { return strings.Compare(a.ID, b.ID) })
	return m, nil
}

// peek returns the next article line without taking it; nil at the end.
func (m *oldManifest) peek() *line {
	if m.peeked != nil {
		return m.peeked
	}
	if m.lines != nil {
		if len(m.lines) == 0 {
			return nil
		}
		m.peeked = &m.lines[0]
		m.lines = m.lines[1:]
		return m.peeked
	}
	for m.sc != nil && m.sc.Scan() {
		var l line
		if json.Unmarshal(m.sc.Bytes(), &l) != nil || l.ID == "" {
			continue // the listings line, or damage
		}
		m.peeked = &l
		return m.peeked
	}
	return nil
}

// next takes the next article line; nil at the end.
func (m *oldManifest) next() *line {
	l := m.peek()
	m.peeked = nil
	return l
}

func (m *oldManifest) close() {
	if m.f != nil {
		m.f.Close()
	}
}

// newManifest writes a manifest to a temporary file beside it, then, if
// its bytes differ from the old one's, renames it over the old.
type newManifest struct {
	path string
	f    *os.File
	w    *bufio.Writer
	h    hash.Hash
	err  error
}

func createManifest(p string) (*newManifest, error) {
	f, err := os.Create(p + ".new")
	if err != nil {
		return nil, fmt.Errorf("build: writing the manifest: %w", err)
	}
	m := &newManifest{path: p, f: f, w: bufio.NewWriterSize(f, 256<<10), h: sha256.New()}
	m.put(line{Format: manifestFormat})
	return m, nil
}

func (m *newManifest) put(l line) {
	if m.err != nil {
		return
	}
	b, err := json.Marshal(l)
	if err != nil {
		m.err = err
		return
	}
	b = append(b, '\n')
	m.h.Write(b)
	_, m.err = m.w.Write(b)
}

// commit finishes the manifest; it leaves the old one untouched when the
// new one has the same bytes.
func (m *newManifest) commit(oldSum []byte) error {
	if m.err == nil {
		m.err = m.w.Flush()
	}
	if err := m.f.Close(); err != nil && m.err == nil {
		m.err = err
	}
	tmp := m.path + ".new"
	if m.err != nil {
		os.Remove(tmp)
		return fmt.Errorf("build: writing the manifest: %w", m.err)
	}
	if oldSum != nil && bytes.Equal(oldSum, m.h.Sum(nil)) {
		return os.Remove(tmp)
	}
	if err := os.Rename(tmp, m.path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("build: writing the manifest: %w", err)
	}
	return nil
}

// The journal is the build's intent log: before a unit writes files the
// old manifest does not list, it appends them to the journal. A build
// that finishes (or stops cleanly) removes the journal after writing its
// manifest; a build killed mid-way leaves it, and the next build first
// removes every file it names (and their temporary files), which the old
// manifest knows nothing of, so no stray file outlives a killed build.
type journal struct {
	path string
	mu   sync.Mutex
	f    *os.File
}

// intend records files about to be written.
func (j *journal) intend(files []string) error {
	if len(files) == 0 {
		return nil
	}
	b, err := json.Marshal(files)
	if err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		if j.f, err = os.OpenFile(j.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
			return fmt.Errorf("build: journal: %w", err)
		}
	}
	// One write per line: a kill leaves whole lines, and at worst a torn
	// last one, which recovery skips.
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("build: journal: %w", err)
	}
	return nil
}

// finish closes and removes the journal.
func (j *journal) finish() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f != nil {
		j.f.Close()
		j.f = nil
	}
	if err := os.Remove(j.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("build: journal: %w", err)
	}
	return nil
}

// recoverJournal removes the files a killed build's journal names, and
// their temporary files, then the journal. It returns how many files it
// removed.
func recoverJournal(out, p string) (int, error) {
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("build: journal: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	n := 0
	for sc.Scan() {
		var files []string
		if json.Unmarshal(sc.Bytes(), &files) != nil {
			continue // a torn last line
		}
		for _, rel := range files {
			if !localPath(rel) {
				continue // never outside the output folder
			}
			target := filepath.Join(out, filepath.FromSlash(rel))
			if os.Remove(target) == nil {
				n++
			}
			os.Remove(tmpName(target))
			removeEmptyParents(out, rel)
		}
	}
	f.Close()
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return n, fmt.Errorf("build: journal: %w", err)
	}
	return n, nil
}

// localPath reports whether rel is a clean relative slash path.
func localPath(rel string) bool {
	return rel != "" && filepath.IsLocal(filepath.FromSlash(rel)) && path.Clean(rel) == rel
}

// removeEmptyParents removes rel's folders, deepest first, while they are
// empty.
func removeEmptyParents(out, rel string) {
	for d := path.Dir(rel); d != "." && d != "/"; d = path.Dir(d) {
		if os.Remove(filepath.Join(out, filepath.FromSlash(d))) != nil {
			return // not empty (or gone): its parents are not empty either
		}
	}
}

// tmpName is the temporary file a write of target goes through.
func tmpName(target string) string {
	d, base := filepath.Split(target)
	return filepath.Join(d, "."+base+".tmp")
}

// dirCache remembers the folders made lately, so a unit's several files in
// one folder make it once; it is bounded, so memory does not grow with the
// site. It is safe for concurrent use.
type dirCache struct {
	mu   sync.Mutex
	ring [64]string
	next int
}

func (dc *dirCache) has(d string) bool {
	dc.mu.Lock()
	defer dc.mu.Unlock()
	return slices.Contains(dc.ring[:], d)
}

func (dc *dirCache) add(d string) {
	dc.mu.Lock()
	defer dc.mu.Unlock()
	dc.ring[dc.next] = d
	dc.next = (dc.next + 1) % len(dc.ring)
}

// writeFile writes data to rel (slash-separated) under dir; see writeFrom.
func (dc *dirCache) writeFile(dir, rel string, data []byte) error {
	return dc.writeFrom(dir, rel, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// mkdir makes the folder of target.
func (dc *dirCache) mkdir(target string) (string, error) {
	d := filepath.Dir(target)
	if !dc.has(d) {
		// Most folders are new and their parent exists: one mkdir.
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return "", fmt.Errorf("build: %w", err)
			}
		}
		dc.add(d)
	}
	return d, nil
}

// writeFrom writes what fill writes to rel (slash-separated) under dir:
// to a temporary file beside it, then renamed over it, so the file is
// never seen half written. The temporary name is fixed (".NAME.tmp"): a
// build killed mid-write leaves at most one per output, which the next
// build removes (see journal) or replaces. Files are not synced: a
// finished file survives the build being killed, not the machine losing
// power (see the package documentation).
func (dc *dirCache) writeFrom(dir, rel string, fill func(io.Writer) error) error {
	target := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := dc.mkdir(target); err != nil {
		return err
	}
	tmp := tmpName(target)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("build: writing %s: %w", rel, err)
	}
	err = fill(f)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("build: writing %s: %w", rel, cerr)
	}
	if err == nil {
		if err = os.Rename(tmp, target); err != nil {
			err = fmt.Errorf("build: writing %s: %w", rel, err)
		}
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// link makes rel a hard link to the file from (both relative to dir), the
// same way writeFrom writes: a link at the temporary name, renamed over
// rel. Where hard links fail (another file system), it copies.
func (dc *dirCache) link(dir, from, rel string) error {
	src := filepath.Join(dir, filepath.FromSlash(from))
	target := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := dc.mkdir(target); err != nil {
		return err
	}
	tmp := tmpName(target)
	os.Remove(tmp) // a stray of a killed build
	if err := os.Link(src, tmp); err != nil {
		data, rerr := os.ReadFile(src)
		if rerr != nil {
			return fmt.Errorf("build: writing %s: %w", rel, rerr)
		}
		return dc.writeFile(dir, rel, data)
	}
	err := os.Rename(tmp, target)
	// Renaming a link over a link to the same file does nothing, and
	// leaves the temporary name: remove it either way.
	os.Remove(tmp)
	if err != nil {
		return fmt.Errorf("build: writing %s: %w", rel, err)
	}
	return nil
}
