package article

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultMaxBytes is the largest article document [Decode] reads when
// [DecodeOptions].MaxBytes is zero: 10 MiB.
const DefaultMaxBytes = 10 << 20

// DecodeOptions configures [Decode]. The zero value uses the defaults.
type DecodeOptions struct {
	// MaxBytes bounds the document's size; 0 means [DefaultMaxBytes]. A
	// document larger than this is refused without being read whole.
	MaxBytes int64
}

// Decode reads one article JSON document from r, strictly and with a size
// limit: an unknown or duplicate field, a value of the wrong JSON type, an
// unknown kind, a time that is not RFC 3339 with an explicit UTC offset,
// trailing data, invalid UTF-8, a lone UTF-16 surrogate escape or a
// document over opts.MaxBytes is an error. Decode does not validate the
// article; [DecodeAndValidate] does both.
//
// Problems with single fields do not stop decoding: Decode returns the
// article with those fields left zero, together with a *[ValidationError]
// listing every such problem with its JSON path (each one an error).
// Problems with the document as a whole (malformed JSON, too large, not an
// object) return a nil article and an error wrapping [ErrSyntax] or
// [ErrTooLarge].
func Decode(r io.Reader, opts DecodeOptions) (*Article, error) {
	max := opts.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("article: reading: %w", err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("article: %w: larger than %d bytes", ErrTooLarge, max)
	}
	return decode(data)
}

// decode decodes one document held in memory; [Decode] has bounded it.
func decode(data []byte) (*Article, error) {
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, n := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return nil, fmt.Errorf("article: %w: invalid UTF-8 at byte %d", ErrSyntax, off)
	}
	if off := loneSurrogate(data); off >= 0 {
		return nil, fmt.Errorf("article: %w: unpaired UTF-16 surrogate escape at byte %d", ErrSyntax, off)
	}
	d := &decoder{dec: json.NewDecoder(bytes.NewReader(data))}
	d.dec.UseNumber()
	var a Article
	tok, err := d.token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("article: %w: the document must be a JSON object", ErrSyntax)
	}
	if err := d.object(reflect.ValueOf(&a).Elem(), ""); err != nil {
		return nil, err
	}
	if _, err := d.dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("article: %w: trailing data after the article at byte %d", ErrSyntax, d.dec.InputOffset())
	}
	if len(d.findings) > 0 {
		return &a, &ValidationError{Findings: d.findings}
	}
	return &a, nil
}

// DecodeAndValidate decodes an article from r with [Decode] and validates
// it, and is what a program reading articles from files wants:
//
//	a, findings, err := article.DecodeAndValidate(r, article.DecodeOptions{})
//	for _, f := range findings {
//		log.Print(f) // warnings too
//	}
//	if err != nil {
//		return err // unreadable, or some finding is an error
//	}
//
// See [Validated] for what it returns.
func DecodeAndValidate(r io.Reader, opts DecodeOptions) (*Article, []Finding, error) {
	return Validated(Decode(r, opts))
}

// Validated completes what a decoder returned: the article and error from
// [Decode] (or from another decoder with the same contract, such as package
// markdown's). When a is nil, err is returned as it is. Otherwise findings
// holds the decoder's findings followed by [Article.Check]'s, in document
// order, leaving out Check's findings for a field the decoder already
// reported (a field that failed to decode is zero, and would be reported
// again as missing); err is nil unless some finding is an error, and is
// then a *[ValidationError] holding the error findings, as
// [Article.Validate] returns.
func Validated(a *Article, err error) (*Article, []Finding, error) {
	if a == nil {
		return nil, nil, err
	}
	var findings []Finding
	bad := map[string]bool{}
	var ve *ValidationError
	if errors.As(err, &ve) {
		findings = append(findings, ve.Findings...)
		for _, f := range ve.Findings {
			bad[f.Path] = true
		}
	} else if err != nil {
		return a, nil, err
	}
	for _, f := range a.Check() {
		if !bad[f.Path] {
			findings = append(findings, f)
		}
	}
	return a, findings, errorsOnly(findings)
}

// errorsOnly returns a *[ValidationError] holding the error findings, or nil
// when there is none.
func errorsOnly(findings []Finding) error {
	var errs []Finding
	for _, f := range findings {
		if f.Severity == SeverityError {
			errs = append(errs, f)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Findings: errs}
}

// Encode writes a as indented JSON with a trailing newline. HTML is not
// escaped, so the document stays readable; the result decodes to a value
// equal to a.
func (a *Article) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(a); err != nil {
		return fmt.Errorf("article: encoding: %w", err)
	}
	return nil
}

type decoder struct {
	dec      *json.Decoder
	findings []Finding
}

func (d *decoder) token() (json.Token, error) {
	tok, err := d.dec.Token()
	if err == io.EOF {
		return nil, fmt.Errorf("article: %w: unexpected end of input", ErrSyntax)
	}
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("article: %w at byte %d: %s", ErrSyntax, se.Offset, strings.TrimPrefix(se.Error(), "json: "))
		}
		return nil, fmt.Errorf("article: %w: %w", ErrSyntax, err)
	}
	return tok, nil
}

func (d *decoder) add(path, code string, sentinel error, msg string) {
	d.findings = append(d.findings, Finding{Path: path, Code: code, Severity: SeverityError, Message: msg, Err: sentinel})
}

var (
	timeType     = reflect.TypeFor[time.Time]()
	textUnmarshT = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// value decodes the next JSON value into v. Only errors that make the
// document unreadable are returned; field problems become findings.
func (d *decoder) value(v reflect.Value, path string) error {
	tok, err := d.token()
	if err != nil {
		return err
	}
	if tok == nil { // null: the field stays absent
		return nil
	}
	t := v.Type()
	switch {
	case t == timeType:
		s, ok := tok.(string)
		if !ok {
			return d.mismatch(tok, path, "an RFC 3339 date-time string")
		}
		tm, bad := parseTime(s)
		if bad != nil {
			d.add(path, bad.Code, bad.Err, bad.Message)
			return nil
		}
		v.Set(reflect.ValueOf(tm))
		return nil
	case reflect.PointerTo(t).Implements(textUnmarshT):
		s, ok := tok.(string)
		if !ok {
			return d.mismatch(tok, path, "a string")
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			sentinel := ErrInvalidValue
			if errors.Is(err, ErrInvalidKind) {
				sentinel = ErrInvalidKind
			}
			d.add(path, "invalid_value", sentinel, err.Error())
		}
		return nil
	}
	switch t.Kind() {
	case reflect.String:
		s, ok := tok.(string)
		if !ok {
			return d.mismatch(tok, path, "a string")
		}
		v.SetString(s)
	case reflect.Bool:
		b, ok := tok.(bool)
		if !ok {
			return d.mismatch(tok, path, "true or false")
		}
		v.SetBool(b)
	case reflect.Int:
		n, ok := tok.(json.Number)
		if !ok {
			return d.mismatch(tok, path, "a whole number")
		}
		i, err := strconv.ParseInt(string(n), 10, 32)
		if err != nil {
			d.add(path, "invalid_type", ErrInvalidType, fmt.Sprintf("want a whole number below 2^31, got %s", n))
			return nil
		}
		v.SetInt(i)
	case reflect.Pointer:
		if tok != json.Delim('{') {
			return d.mismatch(tok, path, "an object")
		}
		p := reflect.New(t.Elem())
		if err := d.object(p.Elem(), path); err != nil {
			return err
		}
		v.Set(p)
	case reflect.Struct:
		if tok != json.Delim('{') {
			return d.mismatch(tok, path, "an object")
		}
		return d.object(v, path)
	case reflect.Slice:
		if tok != json.Delim('[') {
			return d.mismatch(tok, path, "an array")
		}
		s := reflect.MakeSlice(t, 0, 4)
		for i := 0; d.dec.More(); i++ {
			s = reflect.Append(s, reflect.Zero(t.Elem()))
			if err := d.value(s.Index(i), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		if _, err := d.token(); err != nil { // ']'
			return err
		}
		if s.Len() > 0 { // an empty array is absent, as Encode writes it
			v.Set(s)
		}
	default:
		panic("article: decoder has no rule for " + t.String())
	}
	return nil
}

// object decodes the members of an object whose '{' was read into the
// struct v.
func (d *decoder) object(v reflect.Value, path string) error {
	fields := jsonFields(v.Type())
	seen := make(map[string]bool, len(fields))
	for d.dec.More() {
		tok, err := d.token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		fpath := key
		if path != "" {
			fpath = path + "." + key
		}
		idx, ok := fields[key]
		switch {
		case !ok:
			d.add(fpath, "unknown_field", ErrUnknownField, "unknown field")
			if err := d.skip(); err != nil {
				return err
			}
			continue
		case seen[key]:
			d.add(fpath, "duplicate_field", ErrDuplicate, "field appears twice; the last value is kept")
			v.Field(idx).SetZero()
		}
		seen[key] = true
		if err := d.value(v.Field(idx), fpath); err != nil {
			return err
		}
	}
	_, err := d.token() // '}'
	return err
}

// mismatch records a wrong JSON type and skips the rest of the value whose
// first token was tok.
func (d *decoder) mismatch(tok json.Token, path, want string) error {
	d.add(path, "invalid_type", ErrInvalidType, "want "+want+", got "+jsonKind(tok))
	return d.skipRest(tok)
}

// skip consumes the next value whole.
func (d *decoder) skip() error {
	tok, err := d.token()
	if err != nil {
		return err
	}
	return d.skipRest(tok)
}

// skipRest consumes the rest of a value whose first token was tok.
func (d *decoder) skipRest(tok json.Token) error {
	if tok != json.Delim('{') && tok != json.Delim('[') {
		return nil
	}
	for depth := 1; depth > 0; {
		t, err := d.token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

func jsonKind(tok json.Token) string {
	switch t := tok.(type) {
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case json.Delim:
		if t == '{' {
			return "an object"
		}
		return "an array"
	}
	return "null"
}

// jsonFields maps the JSON names of a struct's fields to their indexes.
func jsonFields(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = i
		}
	}
	return m
}

// parseTime accepts RFC 3339 with an explicit offset and explains anything
// else in a [Finding] (without its path).
func parseTime(s string) (time.Time, *Finding) {
	bad := func(code string, sentinel error, format string, args ...any) (time.Time, *Finding) {
		return time.Time{}, &Finding{Code: code, Err: sentinel, Message: fmt.Sprintf(format, args...)}
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		if t.IsZero() {
			return bad("invalid_time", ErrInvalidTime, "the zero time is not a date")
		}
		return t, nil
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02T15:04"} {
		if _, err := time.Parse(layout, s); err == nil {
			return bad("no_offset", ErrNoOffset, "%q has no UTC offset; add Z or +hh:mm", s)
		}
	}
	if _, err := time.Parse(time.DateOnly, s); err == nil {
		return bad("invalid_time", ErrInvalidTime, "%q is a date without a time; want RFC 3339 such as 2026-11-26T09:30:00Z", s)
	}
	return bad("invalid_time", ErrInvalidTime, "%q is not an RFC 3339 date-time such as 2026-11-26T09:30:00Z", s)
}

// loneSurrogate returns the offset of a \uD800–\uDFFF escape inside a JSON
// string that is not part of a high-low pair, or -1. encoding/json would
// turn it into U+FFFD without a word; the decoder refuses it instead.
func loneSurrogate(data []byte) int {
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString && i+1 < len(data):
			if data[i+1] != 'u' {
				i++ // skip the escaped character
				continue
			}
			r, ok := hex4(data, i+2)
			switch {
			case !ok:
				i++
			case r >= 0xD800 && r < 0xDC00:
				lo, ok := rune(0), false
				if i+7 < len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
					lo, ok = hex4(data, i+8)
				}
				if !ok || lo < 0xDC00 || lo > 0xDFFF {
					return i
				}
				i += 11
			case r >= 0xDC00 && r <= 0xDFFF:
				return i
			default:
				i += 5
			}
		}
	}
	return -1
}

func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
