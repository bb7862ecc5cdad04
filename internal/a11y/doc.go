// Package a11y holds render's accessibility check: axe-core at WCAG 2.1 AA
// in headless Chromium, driven with chromedp. It is a package of its own so
// that render's test binary, which the fuzzer instruments, does not link
// chromedp.
package a11y
