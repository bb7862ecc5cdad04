package markdown

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"go.yaml.in/yaml/v3"

	"github.com/broadsheet/broadsheet/article"
)

// ErrFrontMatter is returned, wrapped, when a file has no front matter, or
// front matter that is not a YAML mapping this package can read.
var ErrFrontMatter = errors.New("invalid front matter")

// DefaultMaxBytes is the largest file Decode reads when Options.MaxBytes
// is zero: 2 MiB, four times a long novel. It is lower than article JSON's
// 10 MiB because Markdown costs more to parse than JSON.
const DefaultMaxBytes = 2 << 20

// Options configures [Decode]. The zero value uses the defaults.
type Options struct {
	// MaxBytes bounds the file's size; 0 means [DefaultMaxBytes].
	MaxBytes int64
}

// Decode reads one Markdown article from r: YAML front matter between two
// "---" lines holding the members of the article JSON (snake_case, as
// package article documents them), then the body in Markdown. name is the
// file's name for messages ("" if there is none).
//
// The result follows [article.Decode]'s contract: problems with single
// fields (an unknown key, a value of the wrong type, an unknown kind, a
// time without offset, a "body" key, which the Markdown provides) do not
// stop decoding; the article comes back with those fields zero and a
// *[article.ValidationError] whose findings carry the JSON path, the file
// name and the line of the key. A file over opts.MaxBytes, without front
// matter, or whose front matter is not valid YAML returns a nil article
// and an error wrapping [ErrFrontMatter] or [article.ErrTooLarge], naming
// the file and, where the YAML library knows it, the line; so does
// Markdown whose shape would make parsing it slow ([ErrTooComplex]), which
// is refused before it is parsed.
//
// Decode does not validate the article; [DecodeAndValidate] does both,
// with lines on every finding it can place.
func Decode(r io.Reader, name string, opts Options) (*article.Article, error) {
	a, _, err := decode(r, name, opts)
	return a, err
}

// DecodeAndValidate decodes a Markdown article like [Decode] and validates
// it like [article.DecodeAndValidate]: findings lists every finding, the
// decoder's and validation's, each with the file name and, when the field
// came from the front matter, its line; err is nil unless the file is
// unreadable or some finding is an error.
func DecodeAndValidate(r io.Reader, name string, opts Options) (*article.Article, []article.Finding, error) {
	a, pos, err := decode(r, name, opts)
	a, findings, err := article.Validated(a, err)
	for i := range findings {
		pos.place(&findings[i])
	}
	var ve *article.ValidationError
	if errors.As(err, &ve) {
		for i := range ve.Findings {
			pos.place(&ve.Findings[i])
		}
	}
	return a, findings, err
}

// positions maps JSON paths to the front-matter lines they came from.
type positions struct {
	name  string
	lines map[string]int
	body  int // the line the Markdown body starts on
}

// place sets f's File and Line: the line of f's path, or of its nearest
// ancestor that has one.
func (p *positions) place(f *article.Finding) {
	if p == nil {
		return
	}
	f.File = p.name
	if f.Line > 0 {
		return
	}
	if f.Path == "body" {
		f.Line = p.body
		return
	}
	for path := f.Path; path != ""; path = parent(path) {
		if n, ok := p.lines[path]; ok {
			f.Line = n
			return
		}
	}
}

// parent returns the JSON path one level up: "authors" for "authors[1]",
// "authors[1]" for "authors[1].url", "" at the top.
func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

var (
	gfm = goldmark.New(
		goldmark.WithExtensions(extension.GFM),
		// Raw HTML is kept: the result is the article's untrusted HTML,
		// which package sanitize cleans like any JSON body. Without this,
		// goldmark would replace it with a comment and the text in it
		// would be lost without a word.
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	yamlLine = regexp.MustCompile(`^yaml: line ([0-9]+): `)
)

// maxNodes bounds the front matter's YAML nodes; aliases are refused, so
// this is also a bound on the JSON built from it.
const maxNodes = 100000

func decode(r io.Reader, name string, opts Options) (*article.Article, *positions, error) {
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, nil, fmt.Errorf("markdown: %sreading: %w", prefix(name), err)
	}
	if int64(len(data)) > max {
		return nil, nil, fmt.Errorf("markdown: %s%w: larger than %d bytes", prefix(name), article.ErrTooLarge, max)
	}
	if !utf8.Valid(data) {
		return nil, nil, fmt.Errorf("markdown: %s%w: the file is not valid UTF-8", prefix(name), ErrFrontMatter)
	}
	front, body, bodyLine, ok := split(data)
	if !ok {
		return nil, nil, fmt.Errorf("markdown: %s%w: the file must start with a line \"---\", the front matter, and a line \"---\" after it", prefix(name), ErrFrontMatter)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			msg = fmt.Sprintf("line %d: %s", n+1, strings.TrimPrefix(err.Error(), m[0]))
		}
		return nil, nil, fmt.Errorf("markdown: %s%w: %s", prefix(name), ErrFrontMatter, msg)
	}
	c := &converter{pos: &positions{name: name, lines: map[string]int{}, body: bodyLine}}
	c.buf.WriteByte('{')
	members := 0
	if len(doc.Content) > 0 {
		root := doc.Content[0]
		if root.Kind != yaml.MappingNode {
			return nil, nil, fmt.Errorf("markdown: %s%w: line %d: the front matter must be a mapping of keys to values", prefix(name), ErrFrontMatter, root.Line+1)
		}
		if members, err = c.mapping(root, ""); err != nil {
			return nil, nil, fmt.Errorf("markdown: %s%w", prefix(name), err)
		}
	}
	// The Markdown body becomes the "body" member. A "body" key in the
	// front matter has been reported (see member) and left out.
	if err := guard(body, bodyLine); err != nil {
		return nil, nil, fmt.Errorf("markdown: %s%w", prefix(name), err)
	}
	if strings.TrimSpace(string(body)) != "" {
		if members > 0 {
			c.buf.WriteByte(',')
		}
		c.buf.WriteString(`"body":`)
		c.str(convert(body, false))
	}
	c.buf.WriteByte('}')
	// The JSON holds the file's text plus HTML tags: bound it by a multiple
	// of the input, not the JSON default.
	a, err := article.Decode(bytes.NewReader(c.buf.Bytes()), article.DecodeOptions{MaxBytes: 16*int64(len(data)) + 64<<10})
	if a == nil {
		return nil, nil, fmt.Errorf("markdown: %s%w", prefix(name), err)
	}
	var ve *article.ValidationError
	if errors.As(err, &ve) || len(c.findings) > 0 {
		if ve == nil {
			ve = &article.ValidationError{}
		}
		ve.Findings = append(c.findings, ve.Findings...)
		for i := range ve.Findings {
			c.pos.place(&ve.Findings[i])
		}
		err = ve
	}
	return a, c.pos, err
}

func prefix(name string) string {
	if name == "" {
		return ""
	}
	return name + ": "
}

// split cuts data into its front matter and body. The file starts with a
// line "---" (after an optional byte order mark); the front matter ends at
// the next line "---" or "...". bodyLine is the line the body starts on.
func split(data []byte) (front, body []byte, bodyLine int, ok bool) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, rest, found := bytes.Cut(data, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, nil, 0, false
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		next := len(rest)
		if end >= 0 {
			next = off + end + 1
		}
		l := string(bytes.TrimRight(rest[off:next], " \t\r\n"))
		if l == "---" || l == "..." {
			return rest[:off], rest[next:], line + 1, true
		}
		if end < 0 {
			break
		}
		off = next
		line++
	}
	return nil, nil, 0, false
}

// convert renders Markdown to HTML. inline unwraps a result that is a
// single paragraph, for key points and short explainers.
func convert(src []byte, inline bool) string {
	var out bytes.Buffer
	// goldmark's HTML renderer writes to a bytes.Buffer, which cannot fail.
	_ = gfm.Convert(src, &out)
	s := out.String()
	if inline {
		t := strings.TrimSuffix(s, "\n")
		if strings.HasPrefix(t, "<p>") && strings.HasSuffix(t, "</p>") && strings.Count(t, "<p>") == 1 {
			return t[len("<p>") : len(t)-len("</p>")]
		}
	}
	return strings.TrimSuffix(s, "\n")
}

// converter writes the front matter as an article JSON document, noting
// the line of every member.
type converter struct {
	buf      bytes.Buffer
	pos      *positions
	nodes    int
	findings []article.Finding
}

func (c *converter) add(path string, line int, code string, sentinel error, msg string) {
	c.findings = append(c.findings, article.Finding{Path: path, Line: line, Code: code,
		Severity: article.SeverityError, Message: msg, Err: sentinel})
}

// mapping writes the members of a YAML mapping (its '{' and '}' are the
// caller's) and returns how many it wrote.
func (c *converter) mapping(n *yaml.Node, path string) (int, error) {
	written := 0
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || (k.Tag != "!!str" && k.Tag != "!!int" && k.Tag != "!!bool" && k.Tag != "!!float" && k.Tag != "!!null") {
			c.add(path, k.Line+1, "invalid_type", article.ErrInvalidType, "a key must be a plain name")
			continue
		}
		p := k.Value
		if path != "" {
			p = path + "." + k.Value
		}
		if path == "" && k.Value == "body" {
			c.add("body", k.Line+1, "unknown_field", article.ErrUnknownField,
				"the body is the Markdown after the front matter, not a key")
			continue
		}
		if written > 0 {
			c.buf.WriteByte(',')
		}
		c.str(k.Value)
		c.buf.WriteByte(':')
		if _, seen := c.pos.lines[p]; !seen {
			c.pos.lines[p] = k.Line + 1
		}
		if err := c.value(v, p); err != nil {
			return written, err
		}
		written++
	}
	return written, nil
}

// value writes one YAML value as JSON. Markdown members (key points and
// explainer bodies) are converted to HTML on the way.
func (c *converter) value(n *yaml.Node, path string) error {
	c.nodes++
	if c.nodes > maxNodes {
		return fmt.Errorf("%w: line %d: more than %d values", ErrFrontMatter, n.Line+1, maxNodes)
	}
	if _, seen := c.pos.lines[path]; !seen {
		c.pos.lines[path] = n.Line + 1
	}
	switch n.Kind {
	case yaml.AliasNode:
		return fmt.Errorf("%w: line %d: %s: anchors and aliases are not supported; write the value out", ErrFrontMatter, n.Line+1, path)
	case yaml.MappingNode:
		c.buf.WriteByte('{')
		if _, err := c.mapping(n, path); err != nil {
			return err
		}
		c.buf.WriteByte('}')
	case yaml.SequenceNode:
		c.buf.WriteByte('[')
		for i, e := range n.Content {
			if i > 0 {
				c.buf.WriteByte(',')
			}
			if err := c.value(e, path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		c.buf.WriteByte(']')
	case yaml.ScalarNode:
		c.scalar(n, path)
	default:
		return fmt.Errorf("%w: line %d: %s: unexpected YAML node", ErrFrontMatter, n.Line+1, path)
	}
	return nil
}

// scalar writes a YAML scalar as the JSON value of the same type, so that
// article's decoder applies its own rules: strings stay strings (and are
// Markdown where the member is), numbers and booleans stay what YAML made
// them (quote a headline such as "1984"), and timestamps are written as
// the text the author gave, which must then be RFC 3339 with an offset.
func (c *converter) scalar(n *yaml.Node, path string) {
	switch n.ShortTag() {
	case "!!null":
		c.buf.WriteString("null")
	case "!!bool":
		if n.Value == "true" || n.Value == "True" || n.Value == "TRUE" {
			c.buf.WriteString("true")
		} else {
			c.buf.WriteString("false")
		}
	case "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
			c.buf.WriteString(strconv.FormatInt(i, 10))
			return
		}
		c.str(n.Value)
	case "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			b, _ := json.Marshal(f)
			c.buf.Write(b)
			return
		}
		c.str(n.Value)
	default: // !!str, !!timestamp, !!binary and anything else: the text
		v := n.Value
		if isMarkdown(path) {
			if err := guard([]byte(v), n.Line+1); err != nil {
				c.add(path, n.Line+1, "too_complex", ErrTooComplex, strings.TrimPrefix(err.Error(), ErrTooComplex.Error()+": "))
				v = ""
			} else {
				v = convert([]byte(v), true)
			}
		}
		c.str(v)
	}
}

// isMarkdown reports whether the member at path holds Markdown:
// key_points[i] and explainers[i].body.
func isMarkdown(path string) bool {
	if strings.HasPrefix(path, "key_points[") && strings.HasSuffix(path, "]") && !strings.Contains(path, ".") {
		return true
	}
	return strings.HasPrefix(path, "explainers[") && strings.HasSuffix(path, "].body") && strings.Count(path, ".") == 1
}

// str writes s as a JSON string without HTML escaping.
func (c *converter) str(s string) {
	enc := json.NewEncoder(&c.buf)
	enc.SetEscapeHTML(false)
	// A string always encodes.
	_ = enc.Encode(s)
	c.buf.Truncate(c.buf.Len() - 1) // Encode's newline
}
