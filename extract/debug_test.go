package extract

import (
	"os"
	"testing"
)

// TestDebugPage prints the report for the suite page named by
// EXTRACT_DEBUG (a development aid; skipped otherwise).
func TestDebugPage(t *testing.T) {
	name := os.Getenv("EXTRACT_DEBUG")
	if name == "" {
		t.Skip("set EXTRACT_DEBUG=page to print a suite page's report")
	}
	res, err := Page(suiteSource(t, name), suiteBase, Options{NoBody: os.Getenv("EXTRACT_BODY") == ""})
	t.Logf("err: %v", err)
	if res != nil {
		res.Report.WriteText(os.Stdout)
	}
}
