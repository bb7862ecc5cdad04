//go:build linux

package render

import (
	"io"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/broadsheet/broadsheet/internal/sample"
)

// threadCPU is the CPU time (user and system) of the calling OS thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestCPUPerPage measures the CPU time of this thread per cold page (GC
// background work on other threads excluded; assists included): less
// distorted by a loaded machine than wall time. It reports, it asserts
// nothing about time.
func TestCPUPerPage(t *testing.T) {
	if os.Getenv("BROADSHEET_CPU") == "" {
		t.Skip("set BROADSHEET_CPU=1 to measure (BENCHMARKS.md, render cold path, round 2)")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const n = 600
	in := tickerView(sample.Ticker())
	measure := func(name string, f func(i int) error) {
		runtime.GC()
		start, wall := threadCPU(), time.Now()
		for i := range n {
			if err := f(i); err != nil {
				t.Fatal(err)
			}
		}
		cpu := threadCPU() - start
		t.Logf("%-14s cpu %6.1f µs/op  wall %6.1f µs/op", name, float64(cpu.Microseconds())/n, float64(time.Since(wall).Microseconds())/n)
	}
	unc, err := New(Options{CacheBytes: -1})
	if err != nil {
		t.Fatal(err)
	}
	a := sample.Article()
	measure("uncached", func(int) error { return unc.Page(io.Discard, a, in) })

	r := newRenderer(t)
	measure("prepare", func(int) error { _, err := r.prepare(a, PrepareOptions{}, nil); return err })

	w := newRenderer(t)
	for _, v := range articleVariants(0, 8) {
		if err := w.Page(io.Discard, v, in); err != nil {
			t.Fatal(err)
		}
	}
	vs := articleVariants(1, n)
	measure("coldwarmsite", func(i int) error { return w.Page(io.Discard, vs[i], in) })
}
