// Package locale holds the library's words and date formats in the
// article's own language: a [Catalogue] chosen by BCP 47 tag, with CLDR
// plural forms, text direction, and CLDR dates in a site's display time
// zone.
//
// # Getting started
//
// Pick the words for an article's language once, when its page is
// prepared, and keep them:
//
//	w, err := locale.New().Words(a.Language) // "fr-CA" → French
//	if err != nil { … }                      // not a BCP 47 tag
//	w = w.InZone(paris)                      // from locale.LoadZone("Europe/Paris")
//	w.Get(locale.KeyPoints)                  // "Ce qu’il faut retenir"
//	w.Format(locale.ShareOn, "network", "Facebook") // "Partager sur Facebook"
//	w.Count(locale.MinRead, 5)               // "5 min de lecture"
//	w.DateTime(a.Published)                  // "24 novembre 2026 à 07:45 CET"
//	w.Dir()                                  // locale.LTR; RTL for ar, he, fa, ur…
//
// # Languages and fallback
//
// The shipped catalogue ([New]) has English, French, German, Spanish,
// Italian, Portuguese (Brazil, with Portugal's differences as pt-PT), Dutch,
// Polish, Swedish, Turkish, Arabic, Hebrew, Persian, Hindi, Japanese,
// Korean, Simplified and Traditional Chinese, Ukrainian and Russian. A tag
// is matched with golang.org/x/text/language (fr-CA → fr, zh-TW → zh-Hant,
// pt-AO → pt-PT), and each key falls back through the language's parents
// to English, so a regional variant need only say what differs. A
// language the catalogue lacks gets English words but keeps its own
// direction: an Urdu page is still right to left.
//
// Each language's [Catalogue.Source] says what its wording rests on. The
// wording follows what papers in each language print rather than a
// word-for-word translation («Ce qu’il faut retenir», „Darum geht’s“,
// «입력» before a date). It was written from knowledge, then reviewed
// against stored copies of news sites' pages and the BBC World Service's
// site code: each Source names what was checked, what changed on the
// evidence and what stays unchecked, and SOURCES.md in the package's
// directory lists the pages. Much stays unchecked, so a publisher should
// review its language and override what its house style says otherwise.
//
// # Overrides and new languages
//
// A [Catalogue] is immutable. [Catalogue.Override] returns one with a
// site's own wording ("Photo: {credit}"), [Catalogue.Add] one with a new
// language or regional variant, and [Words.With] words with one article's
// own wording. Each checks its keys (one of [Keys], a plural form the
// language has) and placeholders ({network}, {date}, {n}…) and names
// every problem, so a typo fails at start-up rather than printing a
// blank.
//
// # Plurals
//
// Counted messages ([MinRead], [MinutesAgo], [HoursAgo], [DaysAgo],
// [Byline] by number of authors) hold one message per CLDR plural form
// ([Form]), chosen by golang.org/x/text/feature/plural's CLDR rules:
// Arabic has six forms (دقيقة قراءة واحدة, دقيقتا قراءة, 3 دقائق قراءة,
// 11 دقيقة قراءة…), Polish, Russian and Ukrainian three for whole numbers,
// Japanese one.
//
// # Dates and time zones
//
// Dates and times use CLDR's patterns and month names through
// github.com/go-playground/locales ([DateFormatter]; any of its locales can
// be given to [Catalogue.Add]). Persian dates are in the Solar Hijri
// calendar, CLDR's default for Persian and the one Iranian and Afghan
// papers print (26 November 2026 is ۵ آذر ۱۴۰۵ in Iran, ۵ قوس ۱۴۰۵ in
// Afghanistan); go-playground has only the Gregorian calendar, so the
// conversion is done here, with Borkowski's arithmetic for its leap
// years. A site that dates Persian articles in the Gregorian calendar
// asks for it in the tag: "fa-u-ca-gregory". Without a display zone a time is shown in
// its own offset, labelled "UTC" or "UTC+01:00"; [Words.InZone] shows it
// in a site's IANA zone with the zone database's abbreviation ("GMT" in
// winter and "BST" in summer for Europe/London), or the offset where the
// database has none ("UTC+03:00" for Asia/Qatar). Machine-readable times
// (<time datetime>) stay RFC 3339: that is the caller's.
//
// # Cost
//
// [Catalogue.Words] resolves a language once (a few small allocations);
// each formatting method builds its string on the call. Resolve what a
// page needs when it is prepared, not on every view.
//
// # Security
//
// Messages are plain text, not HTML: a caller inserting them into a page
// must escape them like any other text (html/template does). Overrides
// come from site configuration, which this package does not trust to be
// well formed: it reports bad keys, forms and placeholders as errors and
// never panics on them.
package locale
