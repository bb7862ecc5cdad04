package sanitize

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/testenv"
)

// xnetFixes are the golang.org/x/net/html advisories this package's
// pipeline is exposed to (bluemonday tokenizes with x/net/html; the tests
// parse and render with it), with the first release that fixes each. The
// vulnerability database cannot be reached from the build machines, so
// this table is the check; update it when a new advisory appears.
var xnetFixes = []struct{ id, fixed, what string }{
	{"CVE-2025-22872 (GO-2025-3595)", "v0.38.0", "tokenizer reads attr=value/ as self-closing"},
	{"CVE-2025-47911 (GO-2026-4440)", "v0.45.0", "quadratic parsing"},
	{"CVE-2026-25680", "v0.55.0", "cubic tree construction"},
	{"CVE-2026-25681", "v0.55.0", "character references in DOCTYPE rendered unsafely"},
	{"CVE-2026-27136", "v0.55.0", "namespaced elements in foreign content"},
	{"CVE-2026-42502 (GO-2026-5027)", "v0.55.0", "HTML elements in foreign content rendered unsafely"},
}

// semver parses "vMAJOR.MINOR.PATCH[-…]" into comparable numbers.
func semver(t *testing.T, v string) [3]int {
	t.Helper()
	core, _, _ := strings.Cut(strings.TrimPrefix(v, "v"), "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		t.Fatalf("version %q is not vMAJOR.MINOR.PATCH", v)
	}
	var out [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			t.Fatalf("version %q: %v", v, err)
		}
		out[i] = n
	}
	return out
}

func older(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

func TestXNetVersion(t *testing.T) {
	gomod, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	var inGoMod string
	for _, line := range strings.Split(string(gomod), "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		if len(f) >= 2 && f[0] == "golang.org/x/net" {
			inGoMod = f[1]
		}
	}
	if inGoMod == "" {
		t.Fatal("go.mod does not require golang.org/x/net: pin it, or bluemonday's old minimum is used")
	}
	var inBuild string
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "golang.org/x/net" {
				inBuild = d.Version
				if d.Replace != nil {
					inBuild = d.Replace.Version
				}
			}
		}
	}
	for _, v := range []struct{ where, version string }{{"go.mod", inGoMod}, {"the test binary", inBuild}} {
		if v.version == "" {
			continue
		}
		for _, fix := range xnetFixes {
			if older(semver(t, v.version), semver(t, fix.fixed)) {
				t.Errorf("%s uses golang.org/x/net %s, older than %s which fixes %s (%s)", v.where, v.version, fix.fixed, fix.id, fix.what)
			}
		}
	}
	t.Logf("golang.org/x/net: go.mod %s, build %s", inGoMod, inBuild)
}
