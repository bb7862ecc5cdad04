package render

import (
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/broadsheet/broadsheet/article"
)

// own returns a deep copy of a ((*article.Article).Clone) in which every
// string is valid UTF-8 (each run of invalid bytes becomes U+FFFD, as HTML
// and JSON would show it), so the resolved metadata holds exactly the text
// the page shows. The walk is by reflection, so a field added to the model
// is covered without a change here.
func own(a *article.Article) *article.Article {
	c := a.Clone()
	validStrings(reflect.ValueOf(c).Elem())
	return c
}

var timeType = reflect.TypeFor[time.Time]()

// validStrings replaces invalid UTF-8 in every string reachable from the
// settable value v.
func validStrings(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); !utf8.ValidString(s) {
			v.SetString(strings.ToValidUTF8(s, "\uFFFD"))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			validStrings(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			validStrings(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == timeType {
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				validStrings(v.Field(i))
			}
		}
	}
}
