package depcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"

	"github.com/broadsheet/broadsheet/internal/testenv"
)

const mod = "github.com/broadsheet/broadsheet"

// allowed lists, for each library package, the non-standard import paths
// (or path prefixes ending in "/") it may import directly. Packages of this
// module under internal/ are allowed everywhere except article.
var allowed = map[string][]string{
	"article":         {"golang.org/x/text/"},
	"sanitize":        {"github.com/microcosm-cc/bluemonday", "golang.org/x/net/html", "github.com/rivo/uniseg"},
	"share":           {mod + "/article", mod + "/sanitize", mod + "/share/count", "golang.org/x/text/"},
	"share/count":     {"golang.org/x/text/", "github.com/rivo/uniseg"},
	"share/twitterv1": {mod + "/article", mod + "/share", mod + "/publish", mod + "/share/count", "github.com/dghubble/go-twitter/", "github.com/dghubble/oauth1"},
	"render":          {mod + "/article", mod + "/sanitize", mod + "/share", mod + "/render/jsonld", mod + "/locale", "golang.org/x/net/html"},
	"render/jsonld":   {},
	"markdown":        {mod + "/article", "github.com/yuin/goldmark", "go.yaml.in/yaml/v3"},
	"render/card":     {mod + "/article", mod + "/sanitize", mod + "/locale", "golang.org/x/image/", "github.com/go-text/typesetting/"},
	"locale":          {"golang.org/x/text/", "github.com/go-playground/locales/"},
	"site":            {mod + "/article", mod + "/markdown"},
	"feed":            {mod + "/article", mod + "/sanitize"},
	"serve":           {mod + "/article", mod + "/sanitize", mod + "/locale", mod + "/render/card", mod + "/site", mod + "/feed", mod + "/render", mod + "/share", "golang.org/x/sync/"},
	"build":           {mod + "/article", mod + "/feed", mod + "/markdown", mod + "/render/card", mod + "/serve", mod + "/site"},
	"extract":         {mod + "/article", mod + "/sanitize", "golang.org/x/net/html", "codeberg.org/readeck/go-readability/v2", "github.com/andybalholm/brotli"},
	"publish":         {mod + "/article", mod + "/share"},
	"publish/outbox": {mod + "/article", mod + "/share", mod + "/publish",
		"github.com/riverqueue/river", "github.com/jackc/pgx/v5", "modernc.org/sqlite"},
}

// databaseModules may be imported (directly or not) only by publish/outbox
// and the programs that wire it (cmd, examples, bench).
var databaseModules = []string{"github.com/riverqueue/", "github.com/jackc/", "modernc.org/"}

type pkg struct {
	ImportPath string
	Standard   bool
	Imports    []string
	Deps       []string
}

func list(t *testing.T, args ...string) []pkg {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go list needs the go command on PATH: %v", err)
	}
	cmd := exec.Command(goCmd, append([]string{"list", "-json"}, args...)...)
	cmd.Dir = testenv.RepoRoot(t)
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func matches(path, rule string) bool {
	if strings.HasSuffix(rule, "/") {
		return strings.HasPrefix(path, rule) || path == strings.TrimSuffix(rule, "/")
	}
	return path == rule || strings.HasPrefix(path, rule+"/")
}

func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func TestImportRules(t *testing.T) {
	pkgs := list(t, "./...")
	if len(pkgs) == 0 {
		t.Fatal("go list found no packages")
	}
	for _, p := range pkgs {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, mod), "/")
		top, _, _ := strings.Cut(rel, "/")
		inCmd := top == "cmd" || top == "examples"
		for _, imp := range p.Imports {
			if strings.HasPrefix(imp, mod+"/cmd/") || strings.HasPrefix(imp, mod+"/examples/") {
				t.Errorf("%s imports %s: nothing may import cmd/ or examples/", rel, imp)
			}
		}
		for _, dep := range p.Deps {
			if strings.HasPrefix(dep, "github.com/stretchr/testify") {
				t.Errorf("%s depends on %s outside its tests: testify is for _test.go files only", rel, dep)
			}
			if strings.HasPrefix(dep, "github.com/dghubble/") && !inCmd && rel != "share/twitterv1" {
				t.Errorf("%s reaches %s: only share/twitterv1 may use go-twitter", rel, dep)
			}
			for _, db := range databaseModules {
				if strings.HasPrefix(dep, db) && !inCmd && top != "bench" && rel != "publish/outbox" && !strings.HasPrefix(rel, "publish/outbox/") {
					t.Errorf("%s reaches %s: River and database drivers belong to publish/outbox only", rel, dep)
				}
			}
		}
		rules, ok := allowed[rel]
		if !ok {
			continue
		}
	imports:
		for _, imp := range p.Imports {
			if isStd(imp) || (rel != "article" && strings.HasPrefix(imp, mod+"/internal/")) {
				continue
			}
			for _, r := range rules {
				if matches(imp, r) {
					continue imports
				}
			}
			t.Errorf("%s imports %s, which DESIGN.md does not allow it (allowed: %v)", rel, imp, rules)
		}
	}
}

// TestRulesSeeViolations proves the matcher is not vacuous.
func TestRulesSeeViolations(t *testing.T) {
	cases := []struct {
		path, rule string
		want       bool
	}{
		{"golang.org/x/text/language", "golang.org/x/text/", true},
		{"golang.org/x/textual", "golang.org/x/text/", false},
		{"github.com/dghubble/go-twitter/twitter", "github.com/dghubble/go-twitter/", true},
		{"golang.org/x/net/html/atom", "golang.org/x/net/html", true},
		{"golang.org/x/net/http2", "golang.org/x/net/html", false},
	}
	for _, c := range cases {
		if got := matches(c.path, c.rule); got != c.want {
			t.Errorf("matches(%q, %q) = %v, want %v", c.path, c.rule, got, c.want)
		}
	}
	if isStd("github.com/x/y") || !isStd("net/http") {
		t.Error("isStd misclassifies")
	}
}

// TestEveryPackageHasAnExample holds the house rule that each public package
// has a runnable program under examples/, named after the package's last
// path element (render/card → examples/card).
func TestEveryPackageHasAnExample(t *testing.T) {
	pkgs := list(t, "./...")
	have := map[string]bool{}
	for _, p := range pkgs {
		if rest, ok := strings.CutPrefix(p.ImportPath, mod+"/examples/"); ok {
			have[rest] = true
		}
	}
	for _, p := range pkgs {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, mod), "/")
		top, _, _ := strings.Cut(rel, "/")
		if rel == "" || top == "internal" || top == "cmd" || top == "examples" || top == "bench" {
			continue
		}
		name := rel[strings.LastIndex(rel, "/")+1:]
		if !have[name] {
			t.Errorf("package %s has no runnable program examples/%s", rel, name)
		}
	}
}
