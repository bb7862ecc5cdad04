package extract

import (
	"reflect"
	"testing"
)

func TestCleanNames(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "Jane Roe", []string{"Jane Roe"}},
		{"by prefix", "By Jane Roe", []string{"Jane Roe"}},
		{"by colon", "by: Jane Roe", []string{"Jane Roe"}},
		{"written by", "Written by Jane Roe", []string{"Jane Roe"}},
		{"foreign prefix", "Par Marie Dupont", []string{"Marie Dupont"}},
		{"two with and", "By Jane Roe and John Doe", []string{"Jane Roe", "John Doe"}},
		{"three with commas", "Jane Roe, John Doe and Ana Lima", []string{"Jane Roe", "John Doe", "Ana Lima"}},
		{"ampersand", "Jane Roe & John Doe", []string{"Jane Roe", "John Doe"}},
		{"job title after comma", "Jane Roe, Senior Reporter", []string{"Jane Roe"}},
		{"job title without comma", "Joshua Sokol Contributing Correspondent", []string{"Joshua Sokol"}},
		{"desk and title", "Ben Silverman Games Editor", []string{"Ben Silverman"}},
		{"dateline place", "Eleanor Ainge Roy in Dunedin", []string{"Eleanor Ainge Roy"}},
		{"weekday after name", "Joe Wee Monday", []string{"Joe Wee"}},
		{"last name first", "Roe, Jane", []string{"Roe, Jane"}},
		{"last name first with initial", "Kooman, F.", []string{"Kooman, F."}},
		{"last name first with particle", "Jong, Michiel de", []string{"Jong, Michiel de"}},
		{"co-authors in brackets", "Martin Untersinger (avec Damien Leloup, Morgane Tual)", []string{"Martin Untersinger", "Damien Leloup", "Morgane Tual"}},
		{"aside in brackets", "Richard (R.J.) Eskow", []string{"Richard Eskow"}},
		{"link after name", "Bradley M. Kuhn (http://ebb.org/bkuhn)", []string{"Bradley M. Kuhn"}},
		{"credit after name", "Rob Ewaschuk Edited by Betsy Beyer", []string{"Rob Ewaschuk"}},
		{"email", "Jane Roe jane@example.com", []string{"Jane Roe"}},
		{"capitals", "BY NATALIYA VASILYEVA", []string{"Nataliya Vasilyeva"}},
		{"desk byline", "Our Foreign Staff", []string{"Our Foreign Staff"}},
		{"handle only", "@janeroe", nil},
		{"url only", "https://example.com/jane", nil},
		{"title only", "Staff Writer", nil},
		{"placeholder", "admin", nil},
		{"date only", "March 10, 2015", nil},
		{"by alone", "By", nil},
		{"accented name not split", "Renée Dupont", []string{"Renée Dupont"}},
		{"cjk", "肖春芳", []string{"肖春芳"}},
		{"time in byline", "Jane Roe | Updated 3 hours ago", []string{"Jane Roe"}},
		{"outlet after comma", "Ahiza Garcia, CNN", []string{"Ahiza Garcia"}},
		{"agency after pipe", "Jane Roe | Reuters", []string{"Jane Roe"}},
		{"the agency", "Jane Roe and John Doe, The Associated Press", []string{"Jane Roe", "John Doe"}},
		{"agency alone", "AFP", []string{"AFP"}},
		{"degree", "Jane Roe, PhD", []string{"Jane Roe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cleanNames(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("cleanNames(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOrgLike(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Organization for Transformative Works", true},
		{"BBC News", true},
		{"Jane Roe", false},
		{"Newsome Smith", false},
	} {
		if got := orgLike(tt.in, ""); got != tt.want {
			t.Errorf("orgLike(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
