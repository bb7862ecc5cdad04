// Package depcheck holds the test that enforces DESIGN.md's dependency
// rules over `go list`: what each package may import, that only
// share/twitterv1 reaches github.com/dghubble/, that testify stays in tests,
// and that nothing imports cmd/ or examples/.
package depcheck
