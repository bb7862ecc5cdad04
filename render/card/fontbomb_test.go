package card

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font/gofont/goregular"
)

// Font files of the red team's kind (issue 16, item 1), generated here.

// collection returns a TTC of members fonts that all share one copy of
// Go Regular's tables, each member's directory claiming tables tables
// (0 keeps Go Regular's own count).
func collection(members, tables int) []byte {
	head := 12 + 4*members
	var b bytes.Buffer
	b.WriteString("ttcf\x00\x01\x00\x00")
	binary.Write(&b, binary.BigEndian, uint32(members))
	for range members {
		binary.Write(&b, binary.BigEndian, uint32(head))
	}
	sf := bytes.Clone(goregular.TTF)
	n := int(binary.BigEndian.Uint16(sf[4:]))
	for i := range n { // table offsets count from the file's start in a TTC
		rec := 12 + 16*i
		binary.BigEndian.PutUint32(sf[rec+8:], binary.BigEndian.Uint32(sf[rec+8:])+uint32(head))
	}
	if tables > 0 {
		binary.BigEndian.PutUint16(sf[4:], uint16(tables))
	}
	b.Write(sf)
	return b.Bytes()
}

// ttcHeader returns a collection header claiming members fonts, with the
// offsets list present and nothing else.
func ttcHeader(members int) []byte {
	b := make([]byte, 12+4*members)
	copy(b, "ttcf\x00\x01\x00\x00")
	binary.BigEndian.PutUint32(b[8:], uint32(members))
	return b
}

// woff returns a WOFF whose tables entries all point at one zlib stream
// that inflates to orig bytes (overlapping entries), or, with distinct,
// at consecutive copies of it.
func woff(tables, orig int, distinct bool) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(make([]byte, orig))
	zw.Close()
	stream := z.Bytes()
	dir := 44 + 20*tables
	var b bytes.Buffer
	b.WriteString("wOFF\x00\x01\x00\x00")
	binary.Write(&b, binary.BigEndian, uint32(0)) // length, unchecked
	binary.Write(&b, binary.BigEndian, uint16(tables))
	b.Write(make([]byte, 44-b.Len()))
	tags := []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "post", "GSUB", "GPOS", "GDEF", "kern", "OS/2", "cvt ", "fpgm"}
	for i := range tables {
		off := dir
		if distinct {
			off += i * len(stream)
		}
		b.WriteString(tags[i%len(tags)])
		binary.Write(&b, binary.BigEndian, uint32(off))
		binary.Write(&b, binary.BigEndian, uint32(len(stream)))
		binary.Write(&b, binary.BigEndian, uint32(orig))
		binary.Write(&b, binary.BigEndian, uint32(0))
	}
	copies := 1
	if distinct {
		copies = tables
	}
	for range copies {
		b.Write(stream)
	}
	return b.Bytes()
}

// Each costly font file is refused at once, naming what is wrong, or
// parsed reading only the font asked for; the bound is on allocation.
// Before the limits these cost 25 s and 5.3 GB (2,048 members of 65,535
// tables), 30 s of directory checks (100,000 members) and 278 MB
// (overlapping WOFF tables); see BENCHMARKS.md.
func TestCostlyFontsAreRefused(t *testing.T) {
	single := allocated(func() { _, _ = ParseFont(goregular.TTF) })
	tests := []struct {
		name  string
		data  []byte
		want  string // "" = parses
		limit uint64 // bytes ParseFont may allocate
	}{
		{"2,048 members of 65,535 tables", collection(2048, 65535), "collection claims 2048 fonts (limit 256)", 1 << 20},
		{"100,000 members", ttcHeader(100_000), "collection claims 100000 fonts (limit 256)", 1 << 20},
		{"200 members of 65,535 tables", collection(200, 65535), "table directory claims 65535 tables (limit 256)", 1 << 20},
		{"200 members: only the first is parsed", collection(200, 0), "", 2*single + 1<<20},
		{"overlapping WOFF tables", woff(6, 1<<20, false), "WOFF tables overlap", 1 << 20},
		{"WOFF tables inflating past the total", woff(3, 60<<20, true), "inflate to more than 128 MB in all", 1 << 20},
		{"WOFF table claiming more than deflate can hold", func() []byte {
			b := woff(1, 1<<10, false)
			binary.BigEndian.PutUint32(b[44+12:], 100<<20)
			return b
		}(), "claims 104857600 bytes from", 1 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			var f *Font
			n := allocated(func() { f, err = ParseFont(tt.data) })
			if tt.want == "" {
				require.NoError(t, err)
				assert.Equal(t, "Go", f.Family())
			} else {
				require.ErrorIs(t, err, ErrFont)
				assert.Contains(t, err.Error(), tt.want)
			}
			assert.LessOrEqual(t, n, tt.limit, "ParseFont allocated %d bytes", n)
		})
	}
	// ParseCollection parses every font, so it refuses collections whose
	// fonts' tables add up past MaxFontBytes.
	big := append(collection(250, 0), make([]byte, 600<<10)...)
	rec := 12 + 4*250 + 12 // the shared directory's first table record
	binary.BigEndian.PutUint32(big[rec+12:], binary.BigEndian.Uint32(big[rec+12:])+600<<10)
	_, err := ParseCollection(big)
	require.ErrorIs(t, err, ErrFont)
	assert.Contains(t, err.Error(), "more than 128 MB of tables in all")
	fs, err := ParseCollection(collection(3, 0))
	require.NoError(t, err)
	assert.Len(t, fs, 3)
	f, err := ParseCollectionFont(collection(3, 0), 2)
	require.NoError(t, err)
	assert.Equal(t, "Go", f.Family())
	_, err = ParseCollectionFont(collection(3, 0), 3)
	assert.ErrorContains(t, err, "no font 3 in a file of 3")
}
