package locale

import "errors"

// Errors returned by this package, wrapped with the detail that names the
// offending key, language or value; test with errors.Is.
var (
	// ErrLanguage is returned when a language tag is not valid BCP 47.
	ErrLanguage = errors.New("invalid language tag")
	// ErrUnknownLanguage is returned by Override for a language the
	// catalogue does not have (use Add).
	ErrUnknownLanguage = errors.New("language not in the catalogue")
	// ErrDuplicate is returned by Add for a language the catalogue has
	// (use Override).
	ErrDuplicate = errors.New("language already in the catalogue")
	// ErrKey is returned for a message key the catalogue does not define,
	// or a plural form on a key that has none.
	ErrKey = errors.New("unknown key")
	// ErrForm is returned for a plural form name that is not one of
	// CLDR's six, or one the language does not use.
	ErrForm = errors.New("invalid plural form")
	// ErrPlaceholder is returned for a message that lacks a placeholder
	// its key requires ("{network}") or has one its key does not fill.
	ErrPlaceholder = errors.New("bad placeholder")
	// ErrDirection is returned for a direction other than "ltr" or "rtl".
	ErrDirection = errors.New("invalid direction")
	// ErrZone is returned when a display time zone is not a known IANA
	// name.
	ErrZone = errors.New("unknown time zone")
	// ErrIncomplete is returned by Add when a new language with no
	// parent in the catalogue lacks keys (it would fall back to English
	// word by word).
	ErrIncomplete = errors.New("incomplete language")
)
