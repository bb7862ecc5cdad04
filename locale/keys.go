package locale

import "strings"

// Key names one of the library's words in a [Catalogue]. A plural key
// (see [Key.Plural]) holds one message per CLDR plural form, stored under
// the key followed by a dot and the form ("min_read.one"); [Key.Form]
// names one of them.
type Key string

// The library's words. The comment after each is the English message;
// {name} marks a placeholder filled in by the caller.
const (
	SkipToArticle Key = "skip_to_article" // Skip to the article
	Breaking      Key = "breaking"        // Breaking (the badge before a kicker)
	BreakingNews  Key = "breaking_news"   // Breaking news (the ticker's label)
	// Byline is plural by the number of authors: By {authors}.
	Byline        Key = "byline"
	ListSeparator Key = "list_separator" // ", " between names
	ListAnd       Key = "list_and"       // " and " before the last name
	Published     Key = "published"      // Published {date}
	Updated       Key = "updated"        // Updated {date}
	KeyPoints     Key = "key_points"     // Key points
	KeyPoint      Key = "key_point"      // Key point (a card's badge over one of them)

	WhyItMatters      Key = "why_it_matters"        // Why this matters
	WhatItMeansForYou Key = "what_it_means_for_you" // What this means for you
	Background        Key = "background"            // Background
	WhatHappensNext   Key = "what_happens_next"     // What happens next

	ShareArticle Key = "share_article"  // Share this article
	ShareOn      Key = "share_on"       // Share on {network}
	PostOn       Key = "post_on"        // Post on {network}
	SendWith     Key = "send_with"      // Send with {network}
	SubmitTo     Key = "submit_to"      // Submit to {network}
	PinOn        Key = "pin_on"         // Pin on {network}
	ShareTo      Key = "share_to"       // Share to {network}
	FlipInto     Key = "flip_into"      // Flip into {network}
	SendEmail    Key = "send_email"     // Send by email
	SendSMS      Key = "send_sms"       // Send by text message
	CopyLink     Key = "copy_link"      // Copy the link to this article
	CopyLinkName Key = "copy_link_name" // Copy link
	EmailName    Key = "email_name"     // Email (the e-mail share link's name)
	SMSName      Key = "sms_name"       // SMS (the text-message share link's name)

	EmailAddress Key = "email_address" // Email address
	Newsletter   Key = "newsletter"    // Newsletter (a sign-up box's default title)
	SignUp       Key = "sign_up"       // Sign up (the newsletter button's default)
	PhotoCredit  Key = "photo_credit"  // Photograph: {credit}

	WrittenBy   Key = "written_by"   // Written by (twitter:label1)
	ReadingTime Key = "reading_time" // Reading time (twitter:label2)
	// MinRead is plural: {n} min read.
	MinRead Key = "min_read"

	// DateTime joins a date, a time and a zone: {date}, {time} {zone}.
	DateTime Key = "datetime"
	JustNow  Key = "just_now" // just now
	// MinutesAgo, HoursAgo and DaysAgo are plural: {n} minutes ago.
	MinutesAgo Key = "minutes_ago"
	HoursAgo   Key = "hours_ago"
	DaysAgo    Key = "days_ago"
)

// Keys lists every key in the order above: what a complete language
// defines (each plural key by at least its "other" form).
func Keys() []Key {
	return []Key{
		SkipToArticle, Breaking, BreakingNews, Byline, ListSeparator, ListAnd,
		Published, Updated, KeyPoints, KeyPoint,
		WhyItMatters, WhatItMeansForYou, Background, WhatHappensNext,
		ShareArticle, ShareOn, PostOn, SendWith, SubmitTo, PinOn, ShareTo, FlipInto,
		SendEmail, SendSMS, CopyLink, CopyLinkName, EmailName, SMSName,
		EmailAddress, Newsletter, SignUp, PhotoCredit,
		WrittenBy, ReadingTime, MinRead,
		DateTime, JustNow, MinutesAgo, HoursAgo, DaysAgo,
	}
}

// Plural reports whether k is chosen by a count, one message per plural
// form.
func (k Key) Plural() bool {
	switch k {
	case Byline, MinRead, MinutesAgo, HoursAgo, DaysAgo:
		return true
	}
	return false
}

// Form is the key of k's message for plural form f ("min_read.few").
func (k Key) Form(f Form) Key { return k + "." + Key(f.String()) }

// split separates a key into its base and plural form: "min_read.few"
// gives MinRead, Few, true; a key without a form gives itself,
// FormUnknown, true; a malformed one false.
func (k Key) split() (Key, Form, bool) {
	base, form, ok := strings.Cut(string(k), ".")
	if !ok {
		return k, FormUnknown, isKey(k)
	}
	f, err := parseForm(form)
	if err != nil || !isKey(Key(base)) || !Key(base).Plural() {
		return k, FormUnknown, false
	}
	return Key(base), f, true
}

func isKey(k Key) bool {
	for _, x := range Keys() {
		if x == k {
			return true
		}
	}
	return false
}

// placeholders lists the {names} in s, in order, without braces.
func placeholders(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return out
		}
		out = append(out, s[i+1:i+j])
		s = s[i+j+1:]
	}
}
