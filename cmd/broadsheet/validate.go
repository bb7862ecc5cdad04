package main

import (
	"encoding/json"
	"fmt"

	"github.com/broadsheet/broadsheet/article"
)

func validateCommand() command {
	return command{
		name:    "validate",
		args:    "[--format text|json] [ARTICLE...]",
		summary: "check articles and list every finding with its field path; exit 1 if any is an error",
		run:     runValidate,
	}
}

// validateResult is one article's outcome in --format json.
type validateResult struct {
	Article  string            `json:"article"`
	Valid    bool              `json:"valid"`
	Error    string            `json:"error,omitempty"`
	Findings []article.Finding `json:"findings"`
}

func runValidate(e *env, args []string) error {
	f := newFlags(e, validateCommand(), true)
	format := f.String("format", "text", "output `format`: text or json")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("--format must be text or json, not %q", *format)
	}
	if len(pos) == 0 {
		pos = []string{""}
	}
	w, finish := f.out()
	failed := false
	var results []validateResult
	for _, arg := range pos {
		res := validateResult{Article: source(arg), Valid: true, Findings: []article.Finding{}}
		a, findings, err := f.loadArticle(arg)
		switch {
		case a == nil:
			res.Valid = false
			res.Error = err.Error()
		default:
			res.Findings = append(res.Findings, findings...)
			res.Valid = err == nil
		}
		failed = failed || !res.Valid
		if *format == "json" {
			results = append(results, res)
			continue
		}
		switch {
		case res.Error != "":
			fmt.Fprintf(w, "%s: %s\n", res.Article, res.Error)
		case len(res.Findings) == 0:
			fmt.Fprintf(w, "%s: ok, no findings\n", res.Article)
		default:
			for _, fd := range res.Findings {
				fmt.Fprintf(w, "%s: %s\n", res.Article, describe(fd))
			}
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(results); err != nil {
			return finish(err)
		}
	}
	if err := finish(nil); err != nil {
		return err
	}
	if failed {
		return errSilent
	}
	return nil
}
