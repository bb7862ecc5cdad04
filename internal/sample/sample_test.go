package sample_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/broadsheet/broadsheet/internal/sample"
)

// TestRoundTrip checks that the sample decodes strictly and encodes back to
// the same JSON value.
func TestRoundTrip(t *testing.T) {
	a := sample.Article()
	var buf bytes.Buffer
	if err := a.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	var want, got any
	if err := json.Unmarshal(sample.JSON(), &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("sample does not round-trip:\n%s", buf.String())
	}
}

func TestTicker(t *testing.T) {
	if len(sample.Ticker()) == 0 {
		t.Fatal("Ticker() is empty")
	}
}
