package markdown

import (
	"bytes"
	"errors"
	"fmt"
)

// ErrTooComplex is returned, wrapped, when Markdown has a shape that would
// make parsing it slow: goldmark, like other CommonMark parsers, takes time
// quadratic in a few constructs that no article needs in bulk.
var ErrTooComplex = errors.New("markdown too complex to parse")

// Limits on the shape of Markdown, far above what an article needs; see
// [ErrTooComplex].
const (
	// maxNesting is the deepest a line may nest block quotes and list
	// items (">>>> …", "- - - …", "1. 1. …").
	maxNesting = 32
	// maxCells bounds the '|' on one line (a table row's cells).
	maxCells = 512
	// maxBlockWork bounds, for each block of the text (a run of lines
	// between blank lines), the number of inline delimiters in it ([ ] ( *
	// _ ` < !) times its length: the parser may look through the rest of
	// the block from each one (for a link destination, a closing
	// delimiter, the end of a code span). maxWork bounds the sum over
	// blocks. A 1 KB paragraph with 50 delimiters costs 50,000.
	maxBlockWork = 1 << 24
	maxWork      = 1 << 28
)

// guard refuses Markdown whose shape would make goldmark slow. line is
// the file line src starts on, for messages.
func guard(src []byte, line int) error {
	work := 0
	blockStart, blockLen, delims := line, 0, 0
	endBlock := func() error {
		w := delims * blockLen
		work += w
		if w > maxBlockWork || work > maxWork {
			return fmt.Errorf("%w: line %d: too much inline markup in too long a block of text (%d delimiters in %d bytes); split it with blank lines", ErrTooComplex, blockStart, delims, blockLen)
		}
		blockLen, delims = 0, 0
		return nil
	}
	for len(src) > 0 {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if len(bytes.TrimSpace(l)) == 0 {
			if err := endBlock(); err != nil {
				return err
			}
			line++
			blockStart = line
			continue
		}
		if d := nesting(l); d > maxNesting {
			return fmt.Errorf("%w: line %d: block quotes and lists nested %d deep; the limit is %d", ErrTooComplex, line, d, maxNesting)
		}
		if n := bytes.Count(l, []byte("|")); n > maxCells {
			return fmt.Errorf("%w: line %d: %d '|' in one line; the limit is %d table cells", ErrTooComplex, line, n, maxCells)
		}
		blockLen += len(l) + 1
		for _, c := range l {
			switch c {
			case '[', ']', '(', '*', '_', '`', '<', '!', '~':
				delims++
			}
		}
		line++
	}
	return endBlock()
}

// nesting counts the block-quote markers and list-item markers that open
// a line, as CommonMark would nest them.
func nesting(l []byte) int {
	depth := 0
	for {
		i := 0
		for i < len(l) && i < 3 && l[i] == ' ' {
			i++
		}
		l = l[i:]
		switch {
		case len(l) > 0 && l[0] == '>':
			l = l[1:]
		case len(l) > 1 && (l[0] == '-' || l[0] == '*' || l[0] == '+') && (l[1] == ' ' || l[1] == '\t'):
			l = l[2:]
		default:
			n := 0
			for n < len(l) && n < 9 && l[n] >= '0' && l[n] <= '9' {
				n++
			}
			if n == 0 || n+1 >= len(l) || (l[n] != '.' && l[n] != ')') || (l[n+1] != ' ' && l[n+1] != '\t') {
				return depth
			}
			l = l[n+2:]
		}
		depth++
		if len(l) > 0 && (l[0] == ' ' || l[0] == '\t') {
			l = l[1:]
		}
	}
}
