package sanitize

import (
	"testing"
)

// corpusPolicies are the configurations every vector goes through.
func corpusPolicies(t testing.TB) map[string]*Policy {
	t.Helper()
	body, err := BodyPolicy(Options{BaseURL: "https://news.example.com/local/story"})
	if err != nil {
		t.Fatal(err)
	}
	bare, err := BodyPolicy(Options{})
	if err != nil {
		t.Fatal(err)
	}
	embeds, err := BodyPolicy(Options{BaseURL: "https://news.example.com/", Embeds: true, DropIDs: true})
	if err != nil {
		t.Fatal(err)
	}
	inline, err := InlinePolicy(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*Policy{"body": body, "body-bare": bare, "body-embeds": embeds, "inline": inline, "text": TextPolicy()}
}

func TestCorpus(t *testing.T) {
	vs := loadVectors(t)
	if len(vs) < 200 {
		t.Fatalf("corpus has %d vectors, want at least 200", len(vs))
	}
	seen := map[string]bool{}
	for _, v := range vs {
		if seen[v.name] {
			t.Errorf("duplicate vector name %s", v.name)
		}
		seen[v.name] = true
	}
	for pname, p := range corpusPolicies(t) {
		for _, v := range vs {
			out := string(p.Sanitize(v.html))
			if again := string(p.Sanitize(out)); again != out {
				t.Errorf("%s/%s: not idempotent:\n  in:    %q\n  once:  %q\n  twice: %q", pname, v.name, v.html, out, again)
			}
			for _, prob := range safetyProblems(p, out) {
				t.Errorf("%s/%s: %s\n  in:  %q\n  out: %q", pname, v.name, prob, v.html, out)
			}
		}
	}
}

// TestCheckerCatches feeds the raw vectors to the static checker: it must
// flag most of them, or it proves nothing about the sanitised output.
func TestCheckerCatches(t *testing.T) {
	vs := loadVectors(t)
	body, err := BodyPolicy(Options{})
	if err != nil {
		t.Fatal(err)
	}
	caught := 0
	for _, v := range vs {
		if len(safetyProblems(body, v.html)) > 0 {
			caught++
		}
	}
	t.Logf("static checker flags %d of %d raw vectors", caught, len(vs))
	if caught < len(vs)*9/10 {
		t.Errorf("static checker flags only %d of %d raw vectors", caught, len(vs))
	}
}
