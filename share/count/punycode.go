package count

// punycodeLabelLen returns the length of a domain label (UTF-16 units)
// after punycode's toASCII: the label itself if it is ASCII, else "xn--"
// plus its RFC 3492 encoding.
func punycodeLabelLen(label []uint16) int {
	ascii := true
	for _, u := range label {
		if u >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return len(label)
	}
	// Decode UTF-16 to code points, keeping lone surrogates as they are
	// (as punycode.js's ucs2decode does).
	cps := make([]int, 0, len(label))
	for i := 0; i < len(label); i++ {
		u := int(label[i])
		if u >= 0xD800 && u <= 0xDBFF && i+1 < len(label) && label[i+1] >= 0xDC00 && label[i+1] <= 0xDFFF {
			u = 0x10000 + (u-0xD800)<<10 + int(label[i+1]) - 0xDC00
			i++
		}
		cps = append(cps, u)
	}
	return 4 + punycodeEncodedLen(cps)
}

// punycodeEncodedLen is the length of the RFC 3492 encoding of cps.
func punycodeEncodedLen(cps []int) int {
	const (
		base, tmin, tmax, skew, damp = 36, 1, 26, 38, 700
		initialBias, initialN        = 72, 128
	)
	out := 0
	basic := 0
	for _, c := range cps {
		if c < 0x80 {
			basic++
		}
	}
	out += basic
	h := basic
	if basic > 0 {
		out++ // delimiter
	}
	n, delta, bias := initialN, 0, initialBias
	adapt := func(delta, numPoints int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / numPoints
		k := 0
		for delta > ((base-tmin)*tmax)/2 {
			delta /= base - tmin
			k += base
		}
		return k + (base-tmin+1)*delta/(delta+skew)
	}
	for h < len(cps) {
		m := int(^uint(0) >> 1)
		for _, c := range cps {
			if c >= n && c < m {
				m = c
			}
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, c := range cps {
			if c < n {
				delta++
			}
			if c == n {
				q := delta
				for k := base; ; k += base {
					t := k - bias
					if t < tmin {
						t = tmin
					} else if t > tmax {
						t = tmax
					}
					if q < t {
						break
					}
					out++
					q = (q - t) / (base - t)
				}
				out++
				bias = adapt(delta, h+1, h == basic)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return out
}
