package locale

// shipped returns the catalogue's languages. Each language's Source says
// what its wording rests on: the translator's knowledge of what papers in
// the language print, reviewed against stored copies of news sites' pages
// and the BBC World Service's site code, with what was checked, what
// changed and what stayed unchecked (locale/SOURCES.md has the evidence).
// The plural forms follow CLDR's categories (checked by the tests against
// golang.org/x/text's CLDR tables), and dates come from CLDR through
// github.com/go-playground/locales. Publishers should review their
// language and override what their house style says otherwise.
func shipped() []Language {
	return []Language{
		english(), french(), german(), spanish(), italian(), portuguese(), portuguesePT(),
		dutch(), polish(), swedish(), turkish(), arabic(), hebrew(), persian(), hindi(),
		japanese(), korean(), chineseSimplified(), chineseTraditional(), ukrainian(), russian(),
	}
}

// english is the library's own wording (British English), the last
// fallback of every language. Its messages reproduce what render printed
// before the catalogue existed, byte for byte.
func english() Language {
	return Language{Tag: "en", Source: "the library's British English wording (render and share before the catalogue)", Messages: Messages{
		SkipToArticle:         "Skip to the article",
		Breaking:              "Breaking",
		BreakingNews:          "Breaking news",
		Byline + ".other":     "By {authors}",
		ListSeparator:         ", ",
		ListAnd:               " and ",
		Published:             "Published {date}",
		Updated:               "Updated {date}",
		KeyPoints:             "Key points",
		KeyPoint:              "Key point",
		WhyItMatters:          "Why this matters",
		WhatItMeansForYou:     "What this means for you",
		Background:            "Background",
		WhatHappensNext:       "What happens next",
		ShareArticle:          "Share this article",
		ShareOn:               "Share on {network}",
		PostOn:                "Post on {network}",
		SendWith:              "Send with {network}",
		SubmitTo:              "Submit to {network}",
		PinOn:                 "Pin on {network}",
		ShareTo:               "Share to {network}",
		FlipInto:              "Flip into {network}",
		SendEmail:             "Send by email",
		SendSMS:               "Send by text message",
		CopyLink:              "Copy the link to this article",
		CopyLinkName:          "Copy link",
		EmailName:             "Email",
		SMSName:               "SMS",
		EmailAddress:          "Email address",
		Newsletter:            "Newsletter",
		SignUp:                "Sign up",
		PhotoCredit:           "Photograph: {credit}",
		WrittenBy:             "Written by",
		ReadingTime:           "Reading time",
		MinRead + ".one":      "{n} min read",
		MinRead + ".other":    "{n} min read",
		DateTime:              "{date}, {time} {zone}",
		JustNow:               "just now",
		MinutesAgo + ".one":   "{n} minute ago",
		MinutesAgo + ".other": "{n} minutes ago",
		HoursAgo + ".one":     "{n} hour ago",
		HoursAgo + ".other":   "{n} hours ago",
		DaysAgo + ".one":      "{n} day ago",
		DaysAgo + ".other":    "{n} days ago",
	}}
}
