package article

import "fmt"

// ExplainerKind says what an [Explainer] explains. The zero value is unknown
// and fails validation. It marshals to and from its JSON name.
type ExplainerKind int

// Explainer kinds, with their JSON names.
const (
	_                     ExplainerKind = iota
	KindWhyItMatters                    // "why_it_matters"
	KindWhatItMeansForYou               // "what_it_means_for_you"
	KindBackground                      // "background"
	KindWhatHappensNext                 // "what_happens_next"
	KindCustom                          // "custom": Title is required
)

var explainerKinds = [...]struct{ name, title string }{
	{"", ""},
	{"why_it_matters", "Why this matters"},
	{"what_it_means_for_you", "What this means for you"},
	{"background", "Background"},
	{"what_happens_next", "What happens next"},
	{"custom", ""},
}

// String returns the kind's JSON name, or "ExplainerKind(N)" for an unknown
// value.
func (k ExplainerKind) String() string {
	if k > 0 && int(k) < len(explainerKinds) {
		return explainerKinds[k].name
	}
	return fmt.Sprintf("ExplainerKind(%d)", int(k))
}

// DefaultTitle returns the label shown when the explainer has no Title; it
// is empty for [KindCustom] and unknown kinds.
func (k ExplainerKind) DefaultTitle() string {
	if k > 0 && int(k) < len(explainerKinds) {
		return explainerKinds[k].title
	}
	return ""
}

// MarshalText implements encoding.TextMarshaler. An unknown kind is an
// error wrapping [ErrInvalidKind].
func (k ExplainerKind) MarshalText() ([]byte, error) {
	if k > 0 && int(k) < len(explainerKinds) {
		return []byte(explainerKinds[k].name), nil
	}
	return nil, fmt.Errorf("article: %w %d", ErrInvalidKind, int(k))
}

// UnmarshalText implements encoding.TextUnmarshaler. An unknown name is an
// error wrapping [ErrInvalidKind].
func (k *ExplainerKind) UnmarshalText(b []byte) error {
	for i := 1; i < len(explainerKinds); i++ {
		if string(b) == explainerKinds[i].name {
			*k = ExplainerKind(i)
			return nil
		}
	}
	return fmt.Errorf("%w %q (want why_it_matters, what_it_means_for_you, background, what_happens_next or custom)", ErrInvalidKind, b)
}

// PersonKind says whether a byline is a person or an organisation. The
// zero value is [KindPerson], so a byline without a kind is a person; it
// marshals to and from its JSON name, and is left out of encoded JSON (a
// "kind": "person" member decodes to the zero value).
type PersonKind int

// Person kinds, with their JSON names.
const (
	KindPerson       PersonKind = iota // "person", the zero value
	KindOrganization                   // "organization"
)

// String returns the kind's JSON name, or "PersonKind(N)" for an unknown
// value.
func (k PersonKind) String() string {
	switch k {
	case KindPerson:
		return "person"
	case KindOrganization:
		return "organization"
	}
	return fmt.Sprintf("PersonKind(%d)", int(k))
}

// MarshalText implements encoding.TextMarshaler. An unknown kind is an
// error wrapping [ErrInvalidKind].
func (k PersonKind) MarshalText() ([]byte, error) {
	switch k {
	case KindPerson, KindOrganization:
		return []byte(k.String()), nil
	}
	return nil, fmt.Errorf("article: %w %d", ErrInvalidKind, int(k))
}

// UnmarshalText implements encoding.TextUnmarshaler; it accepts "person" and
// "organization". An unknown name is an error wrapping [ErrInvalidKind].
func (k *PersonKind) UnmarshalText(b []byte) error {
	switch string(b) {
	case "person":
		*k = KindPerson
	case "organization":
		*k = KindOrganization
	default:
		return fmt.Errorf("%w %q (want person or organization)", ErrInvalidKind, b)
	}
	return nil
}

// IsOrganization reports whether the byline is an organisation.
func (p Person) IsOrganization() bool { return p.Kind == KindOrganization }
