// Package xsscheck holds sanitize's browser test: every vector of
// sanitize's attack corpus (sanitize/testdata/vectors.txt) loaded in
// headless Chromium, raw as the positive control and sanitised by the body
// policies, with script execution trapped. It is a package of its own so
// that sanitize's test binary, which the fuzzer instruments, does not link
// chromedp, and so that `go test ./sanitize` stays fast; the test is
// skipped under -short.
package xsscheck
