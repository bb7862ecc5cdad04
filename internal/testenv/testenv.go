// Package testenv finds the outside tools that broadsheet's tests check
// against (headless Chromium, Java, Node packages) and decides what a test
// does when one is missing: skip on a developer's machine, fail in CI
// (CI=true), so CI can never pass such a test silently.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true).
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing skips the test outside CI and fails it in CI, saying which tool
// is missing and how to install it.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s is missing, and CI=true requires it (install: %s)", what, install)
	}
	t.Skipf("skipping: %s is missing (install: %s); CI=true makes this a failure", what, install)
}

// RepoRoot returns the module's root directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testenv: cannot locate the source tree")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Chromium returns the path of Debian's chromium, or calls Missing.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Missing(t, "chromium", "apt-get install chromium")
	return ""
}

// ChromiumFlags are the flags every headless run here needs: no sandbox
// (root), no GPU, and no background network traffic (the machine has no
// network). Callers add a fresh --user-data-dir.
var ChromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-default-apps", "--disable-extensions", "--mute-audio",
}

// Java returns the path of java, or calls Missing.
func Java(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("java")
	if err != nil {
		Missing(t, "java", "apt-get install default-jre-headless")
	}
	return p
}

// Node returns the path of node, or calls Missing.
func Node(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		Missing(t, "node", "apt-get install nodejs")
	}
	return p
}

// NodeModule returns the directory of an npm package installed under
// tools/node (npm ci --prefix tools/node), or calls Missing.
func NodeModule(t testing.TB, pkg string) string {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "tools", "node", "node_modules", filepath.FromSlash(pkg))
	if _, err := os.Stat(dir); err != nil {
		Missing(t, "npm package "+pkg, "npm ci --prefix tools/node")
	}
	return dir
}

// SkipIfShort skips a slow or tool-driven test under go test -short on a
// developer's machine. With CI=true it fails instead: CI must run every
// check, so -short is refused there rather than silently obeyed.
func SkipIfShort(t testing.TB, why string) {
	t.Helper()
	if !testing.Short() {
		return
	}
	if InCI() {
		t.Fatalf("go test -short would skip this test (%s), and CI=true runs every check: drop -short", why)
	}
	t.Skipf("skipping under -short: %s", why)
}
