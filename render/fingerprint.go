package render

import (
	"encoding/binary"
	"hash/maphash"
	"math"
	"reflect"
	"time"

	"github.com/broadsheet/broadsheet/article"
)

// fingerprint is a 128-bit digest of everything a Prepared depends on:
// every field of the article, the PrepareOptions and the share image. Two
// seeds make an accidental collision (which would serve one article's page
// for another) as unlikely as guessing a random 128-bit key; the seeds are
// per Renderer, so no one can build colliding articles offline. The walk
// is by reflection, so a field added to the model is part of the key
// without a change here; TestFingerprintCoversEveryField changes every
// field in turn and checks the digest changes.
type fingerprint [2]uint64

type hasher struct {
	h   [2]maphash.Hash
	buf [8]byte
}

func (h *hasher) u64(v uint64) {
	binary.LittleEndian.PutUint64(h.buf[:], v)
	h.h[0].Write(h.buf[:])
	h.h[1].Write(h.buf[:])
}

func (h *hasher) str(s string) {
	h.u64(uint64(len(s)))
	h.h[0].WriteString(s)
	h.h[1].WriteString(s)
}

// value hashes v and everything reachable from it. v must be addressable
// (reached through a pointer) for time.Time values.
func (h *hasher) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		h.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.u64(1)
		} else {
			h.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		h.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.u64(math.Float64bits(v.Float()))
	case reflect.Pointer:
		if v.IsNil() {
			h.u64(0)
			return
		}
		h.u64(1)
		h.value(v.Elem())
	case reflect.Slice:
		h.u64(uint64(v.Len()))
		for i := range v.Len() {
			h.value(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == timeType {
			// The instant and the offset: the same instant in another zone
			// reads differently on the page.
			t := v.Addr().Interface().(*time.Time)
			_, off := t.Zone()
			h.u64(uint64(t.Unix()))
			h.u64(uint64(t.Nanosecond())<<32 | uint64(uint32(int32(off))))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				h.value(v.Field(i))
			}
		}
	default:
		// A kind the model does not use (map, interface, …): its type,
		// so adding one is a test failure (TestFingerprintCoversEveryField)
		// rather than a silent hole.
		h.str(v.Type().String())
	}
}

func (r *Renderer) fingerprint(a *article.Article, po *PrepareOptions, shareImage *article.Image) fingerprint {
	var h hasher
	h.h[0].SetSeed(r.seeds[0])
	h.h[1].SetSeed(r.seeds[1])
	h.value(reflect.ValueOf(a))
	h.value(reflect.ValueOf(shareImage))
	h.value(reflect.ValueOf(po))
	return fingerprint{h.h[0].Sum64(), h.h[1].Sum64()}
}
