package article_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/internal/sample"
)

var timeType = reflect.TypeFor[time.Time]()

// fill sets every field reachable from v to a non-zero value: strings,
// numbers and bools get a value derived from a counter, pointers a new
// value, slices two elements. A field of a kind it does not know fails the
// test, so a new kind of field needs a rule here (and in Clone).
func fill(t *testing.T, v reflect.Value, n *int, path string) {
	t.Helper()
	*n++
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(time.Date(2026, 1, 1, 0, 0, *n, 0, time.FixedZone("", 3600))))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(path)
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n%2 + 1)) // 1 or 2: a valid kind either way
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), n, path)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(t, v.Index(i), n, path+"[]")
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			require.True(t, f.IsExported(), "%s.%s: unexported field", path, f.Name)
			fill(t, v.Field(i), n, path+"."+f.Name)
		}
	default:
		t.Fatalf("%s: fill has no rule for %s; teach it (and Article.Clone) the new field", path, v.Type())
	}
}

// shared fails the test when a and b share memory anywhere: a pointer, or
// a slice's backing array.
func shared(t *testing.T, a, b reflect.Value, path string) {
	t.Helper()
	if a.Type() == timeType {
		return // a value; its *Location is immutable
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			return
		}
		assert.NotEqual(t, a.Pointer(), b.Pointer(), "%s: Clone shares the pointer", path)
		shared(t, a.Elem(), b.Elem(), path)
	case reflect.Slice:
		if a.Len() == 0 {
			return
		}
		assert.NotEqual(t, a.Pointer(), b.Pointer(), "%s: Clone shares the backing array", path)
		for i := range a.Len() {
			shared(t, a.Index(i), b.Index(i), path+"[]")
		}
	case reflect.Map, reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer:
		t.Fatalf("%s: shared has no rule for %s", path, a.Type())
	case reflect.Struct:
		for i := range a.NumField() {
			shared(t, a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name)
		}
	}
}

// TestCloneEveryField fills every field of an Article by reflection, so a
// field added later is covered without editing the test: Clone must copy
// it, and must not share any pointer or slice with the original.
func TestCloneEveryField(t *testing.T) {
	var a article.Article
	n := 0
	fill(t, reflect.ValueOf(&a).Elem(), &n, "Article")
	c := a.Clone()
	require.Equal(t, &a, c)
	shared(t, reflect.ValueOf(&a), reflect.ValueOf(c), "Article")

	// Changing the clone leaves the original alone.
	c.Authors[0].Name = "changed"
	c.Site.Logo.Alt = "changed"
	c.Site.Newsletter.Title = "changed"
	c.Tags[1] = "changed"
	assert.Equal(t, "Article.Authors[].Name", a.Authors[0].Name)
	assert.Equal(t, "Article.Site.Logo.Alt", a.Site.Logo.Alt)
	assert.Equal(t, "Article.Site.Newsletter.Title", a.Site.Newsletter.Title)
	assert.Equal(t, "Article.Tags[]", a.Tags[1])
}

// TestCloneNilAndEmpty checks the edges: nil clones to nil, and absent and
// empty values keep their form.
func TestCloneNilAndEmpty(t *testing.T) {
	var nilArticle *article.Article
	assert.Nil(t, nilArticle.Clone())

	a := &article.Article{Tags: []string{}, Site: &article.Site{Name: "n"}}
	c := a.Clone()
	assert.NotNil(t, c.Tags)
	assert.Empty(t, c.Tags)
	assert.Nil(t, c.Hashtags)
	assert.Nil(t, c.Image)
	assert.Nil(t, c.Site.Logo)
	assert.Nil(t, c.Site.Newsletter)
	assert.Equal(t, a, c)

	s := sample.Article()
	assert.Equal(t, s, s.Clone())
}
