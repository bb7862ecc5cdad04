package article

// Check returns every finding about a, errors and warnings, in document
// order. It is filled in by validate.go.
func (a *Article) Check() []Finding { return nil }
