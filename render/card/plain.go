package card

import "github.com/broadsheet/broadsheet/sanitize"

// keyPointText returns key point n as plain text ("" if there is none):
// key points are untrusted inline HTML, and sanitize.Text keeps only their
// text, with entities decoded once.
func (d *drawer) keyPointText(n int) string {
	if n < 0 || n >= len(d.a.KeyPoints) {
		return ""
	}
	return sanitize.Text(d.a.KeyPoints[n])
}
