package locale

import (
	"fmt"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Form is a CLDR plural category
// (https://cldr.unicode.org/index/cldr-spec/plural-rules): which message a
// count selects. English has One and Other; Arabic all six; Japanese
// Other alone.
type Form uint8

// The plural forms. The zero value is FormUnknown.
const (
	FormUnknown Form = iota
	Zero
	One
	Two
	Few
	Many
	Other
)

var formNames = [...]string{"unknown", "zero", "one", "two", "few", "many", "other"}

// String returns the CLDR name of f ("few").
func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return fmt.Sprintf("Form(%d)", int(f))
}

// MarshalText returns f's CLDR name; FormUnknown and out-of-range values
// are an error.
func (f Form) MarshalText() ([]byte, error) {
	if f == FormUnknown || int(f) >= len(formNames) {
		return nil, fmt.Errorf("locale: %w: %d", ErrForm, int(f))
	}
	return []byte(f.String()), nil
}

// UnmarshalText sets f from a CLDR name ("zero" … "other").
func (f *Form) UnmarshalText(b []byte) error {
	v, err := parseForm(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

func parseForm(s string) (Form, error) {
	for i, n := range formNames {
		if i > 0 && n == s {
			return Form(i), nil
		}
	}
	return FormUnknown, fmt.Errorf("locale: %w: %q", ErrForm, s)
}

// PluralForm returns the CLDR cardinal plural form of the whole number n
// in language tag (golang.org/x/text/feature/plural's rules): 1 is One in
// English, 3 is Few in Polish, 11 is Many in Arabic. A negative n is
// treated as its absolute value.
func PluralForm(tag language.Tag, n int) Form {
	if n < 0 {
		n = -n
	}
	return fromX(plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0))
}

func fromX(f plural.Form) Form {
	switch f {
	case plural.Zero:
		return Zero
	case plural.One:
		return One
	case plural.Two:
		return Two
	case plural.Few:
		return Few
	case plural.Many:
		return Many
	}
	return Other
}

// IntegerForms lists the plural forms whole numbers take in tag, in
// the order above: what a count message for that language must define.
// Other is always included (fractions and large numbers fall there in
// every language).
func IntegerForms(tag language.Tag) []Form {
	var seen [len(formNames)]bool
	seen[Other] = true
	// CLDR rules look at n, n%10, n%100 and n%1000000 at most; 0…1099 and a
	// few millions meet every distinct case.
	for n := 0; n < 1100; n++ {
		seen[PluralForm(tag, n)] = true
	}
	for _, n := range []int{1000000, 2000000, 1000001} {
		seen[PluralForm(tag, n)] = true
	}
	var out []Form
	for f := Zero; f <= Other; f++ {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}
