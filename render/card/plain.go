package card

// keyPointText returns key point n as plain text ("" if there is none).
func (d *drawer) keyPointText(n int) string {
	if n < 0 || n >= len(d.a.KeyPoints) {
		return ""
	}
	return d.a.KeyPoints[n] // TODO(sanitize): plain text once sanitize lands
}
