package publish

import "time"

// tidAlphabet is the base32-sortable alphabet of atproto TIDs.
const tidAlphabet = "234567abcdefghijklmnopqrstuvwxyz"

// NewTID returns the atproto timestamp identifier for t and clockID (its
// low 10 bits): 13 characters of base32-sortable text encoding a 64-bit
// integer whose top bit is 0, whose next 53 bits are microseconds since
// the Unix epoch and whose low 10 bits are the clock id
// (https://atproto.com/specs/tid). Use it as a Bluesky post's record key,
// chosen once per post so a retry targets the same record.
func NewTID(t time.Time, clockID uint) string {
	v := uint64(t.UnixMicro())&(1<<53-1)<<10 | uint64(clockID&0x3FF)
	var b [13]byte
	for i := 12; i >= 0; i-- {
		b[i] = tidAlphabet[v&31]
		v >>= 5
	}
	return string(b[:])
}

// validTID reports whether s is 13 characters of the TID alphabet with a
// first character that keeps the top bit 0.
func validTID(s string) bool {
	if len(s) != 13 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '2' && c <= '7' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return s[0] >= '2' && s[0] <= '7' || s[0] >= 'a' && s[0] <= 'j'
}
