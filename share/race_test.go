//go:build race

package share

// raceEnabled reports a -race build, where sync.Pool drops a quarter of
// what is put back (regexp's and share/count's scratch buffers then get
// reallocated), so allocation bounds do not hold and are not checked.
const raceEnabled = true
