package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// byline records elements a reader would see as a byline or a dateline.
func (w *walker) byline(n *html.Node, cls string) {
	p := w.p
	if len(p.bylines) > 60 {
		return
	}
	rel := strings.ToLower(attr(n, "rel"))
	switch {
	case n.DataAtom == atom.A && hasToken(rel, "author"):
		p.bylines = append(p.bylines, bylineTag{text: textOf(n), href: attr(n, "href"), how: "a[rel=author]", near: w.article > 0 || w.seenH1})
		return
	case hasToken(rel, "author"):
		p.bylines = append(p.bylines, bylineTag{text: textOf(n), how: "[rel=author]", near: w.article > 0 || w.seenH1})
		return
	}
	if cls == "" {
		return
	}
	if how := bylineClass(cls); how != "" && !inHint(w.hint(), cls) {
		t := textOf(n)
		if t != "" && utf8.RuneCountInString(t) <= 160 {
			href := ""
			if n.DataAtom == atom.A {
				href = attr(n, "href")
			} else if a := firstLink(n); a != nil {
				href = attr(a, "href")
			}
			p.bylines = append(p.bylines, bylineTag{text: t, href: href, how: how, near: w.article > 0 || w.seenH1})
		}
	}
	if dateClass(cls) && len(p.datelines) < 30 && !inHint(w.hint(), cls) {
		if t := textOf(n); t != "" && utf8.RuneCountInString(t) <= 120 {
			p.datelines = append(p.datelines, dateline{t, w.article > 0 || w.seenH1})
		}
	}
}

// outsideRe marks containers whose bylines and dates belong to someone
// else: comments, related stories, promotions.
var outsideRe = regexp.MustCompile(`(^|[\s_-])(comments?|comment-list|reply|replies|related|recommended|recommendations|sidebar|promo|trending|popular|most-?read|newsletter|widget|outbrain|taboola|teaser|rail)([\s_-]|$)`)

// inHint reports a byline inside a container that is not the article.
var (
	byLineRe = regexp.MustCompile(`^(?:By|BY|Von|Par|Por|Door|Di)(?:\s*:?\s+\p{Lu}|\s*:?$)`)
	postedRe = regexp.MustCompile(`(?i)^(?:published|posted|first published|publié|publicado|veröffentlicht|pubblicato)\b`)
)

// textLine reads an unmarked byline ("By Jane Roe" as the whole of a short
// element) or dateline ("Published March 10, 2015") from a text node.
func (w *walker) textLine(n *html.Node) {
	s := strings.TrimSpace(n.Data)
	if len(s) < 2 || len(s) > 200 || w.byLines >= 6 || n.Parent == nil {
		return
	}
	by := byLineRe.MatchString(s)
	posted := !by && postedRe.MatchString(s)
	if !by && !posted {
		return
	}
	if inHint(w.hint(), "") {
		return
	}
	// The whole line: the text node's parent, or its grandparent when the
	// name is in a link or <b> of its own ("By <a>Jane Roe</a>").
	el := n.Parent
	t := textOf(el)
	if by && strings.TrimSpace(strings.TrimPrefix(t, s)) == "" && el.Parent != nil && len(textOf(el.Parent)) < 120 {
		el = el.Parent
		t = textOf(el)
	}
	if utf8.RuneCountInString(t) > 120 {
		return
	}
	w.byLines++
	if by {
		w.p.bylines = append(w.p.bylines, bylineTag{text: t, how: "text \"By …\"", near: w.article > 0 || w.seenH1})
	} else {
		w.p.datelines = append(w.p.datelines, dateline{t, w.article > 0 || w.seenH1})
	}
}

func inHint(hint, cls string) bool {
	return outsideRe.MatchString(strings.TrimSuffix(hint, cls))
}

func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if f == tok {
			return true
		}
	}
	return false
}

func firstLink(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A && attr(c, "href") != "" {
			return c
		}
		if a := firstLink(c); a != nil {
			return a
		}
	}
	return nil
}

var (
	bylineClassRe = regexp.MustCompile(`by-?line|(^|[\s_-])(author-?name|article-?author|post-?author|entry-?author|story-?author|author|authors|writer|contributor-?name|submitted)($|[\s_-])`)
	notBylineRe   = regexp.MustCompile(`(avatar|bio|photo|image|img|thumb|comment|reply|more|follow|about|box|social|share|date|time|label|title-)`)
	dateClassRe   = regexp.MustCompile(`dateline|(^|[\s_-])(date|published|pubdate|post-?date|entry-?date|timestamp|article-?date|story-?date|publish-?date|date-?published|date-?header)($|[\s_-])`)
)

// bylineClass says whether a class/id list marks a byline, and how.
func bylineClass(cls string) string {
	if !strings.Contains(cls, "by") && !strings.Contains(cls, "author") && !strings.Contains(cls, "writer") && !strings.Contains(cls, "contributor") && !strings.Contains(cls, "submitted") {
		return ""
	}
	m := bylineClassRe.FindString(cls)
	if m == "" {
		return ""
	}
	for _, f := range strings.Fields(cls) {
		if bylineClassRe.MatchString(f) && notBylineRe.MatchString(f) {
			return ""
		}
	}
	return "class=" + strings.Trim(m, " _-")
}

func dateClass(cls string) bool {
	return (strings.Contains(cls, "date") || strings.Contains(cls, "publish") || strings.Contains(cls, "stamp")) && dateClassRe.MatchString(cls)
}

// Name cleaning.

var (
	byPrefixRe  = regexp.MustCompile(`(?i)^\s*(?:(?:written|posted|published|reported|text|words|story|photos?)\s+(?:and\s+\w+\s+)?)?(?:by|from|par|por|von|di|door|av|af|autor(?:a|in)?|auteur|author|authors|byline|texte|text|reporting)\s*[:\-–—]?\s+`)
	byOnlyRe    = regexp.MustCompile(`(?i)^(by|par|por|von|di|door)$`)
	splitRe     = regexp.MustCompile(`\s*[;|•·/&＆、]\s*|\s+(?:and|und|et|y|e|with|og|och)\s+`)
	emailRe     = regexp.MustCompile(`\S+@\S+\.\S+`)
	urlRe       = regexp.MustCompile(`(?i)\(?\b(?:https?://|www\.)[^\s)]+\)?`)
	creditRe    = regexp.MustCompile(`(?i)\b(edited|reviewed|fact-checked|photographs?|photos?|illustrations?|graphics|video|translated|additional reporting|compiled|produced)\s+by\b|\b(updated|published|posted)\b`)
	withParenRe = regexp.MustCompile(`(?i)[(\[]\s*(?:with|avec|con|mit|com|met)\s+([^)\]]+)[)\]]`)
	// A job title or desk after a comma or dash: "Jane Roe, Senior Reporter".
	titleWords = []string{
		"reporter", "editor", "correspondent", "writer", "columnist", "contributor", "staff", "journalist", "producer",
		"analyst", "chief", "senior", "associate", "deputy", "managing", "executive", "bureau", "desk", "news",
		"photographer", "critic", "director", "president", "officer", "manager", "engineer", "founder", "ceo",
		"professor", "fellow", "researcher", "scientist", "intern", "host", "anchor", "team", "special", "political",
		"business", "sports", "science", "technology", "tech", "health", "travel", "culture", "opinion",
		"updated", "published", "posted", "minutes", "min", "read", "hours", "ago",
		"contributing", "games", "entertainment", "music", "film", "food", "style", "fashion", "arts", "books",
		"finance", "markets", "world", "national", "local", "metro", "weather", "education", "environment",
		"investigations", "data", "digital", "video", "photo", "media", "foreign", "white", "house", "wire", "services",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"authors", "contributors", "writers", "columnists", "all", "view", "profile", "bio",
		"phd", "md", "mph", "rn", "dds", "esq", "mba",
	}
	monthWords = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)

// cleanNames turns a byline as written ("By Jane Roe and John Doe, Staff
// Writers") into the names alone. It returns nil when what is left does
// not look like names.
func cleanNames(s string) []string {
	s = collapse(html.UnescapeString(s))
	s = emailRe.ReplaceAllString(s, "")
	s = urlRe.ReplaceAllString(s, "")
	if loc := creditRe.FindStringIndex(s); loc != nil && loc[0] > 0 {
		s = s[:loc[0]] // "Jane Roe Edited by John Doe"
	}
	// "(with John Doe)" names co-authors; other brackets are asides.
	s = withParenRe.ReplaceAllString(s, " and $1 ")
	s = parenRe.ReplaceAllString(s, " ")
	s = strings.Trim(s, " ,;:|-–—·•")
	for i := 0; i < 2; i++ {
		if loc := byPrefixRe.FindStringIndex(s); loc != nil {
			s = s[loc[1]:]
		}
	}
	if byOnlyRe.MatchString(s) {
		return nil
	}
	// A dateline or timestamp after the name: "Jane Roe | 3 March 2016".
	parts := splitRe.Split(s, -1)
	var out []string
	for _, part := range parts {
		for _, name := range splitCommas(part) {
			if name = cleanName(name); name != "" && !contains(out, name) {
				out = append(out, name)
			}
		}
	}
	if len(out) > 8 {
		return nil
	}
	// "Jane Roe, CNN", "Jane Roe | The Associated Press": an agency or
	// outlet credited next to a person is an affiliation, not a co-author.
	if len(out) > 1 {
		var people []string
		for _, n := range out {
			if !affiliation(n) {
				people = append(people, n)
			}
		}
		if len(people) > 0 {
			out = people
		}
	}
	return out
}

var acronymRe = regexp.MustCompile(`^\p{Lu}{2,6}$`)

// affiliation reports a credit that names an organisation: an acronym
// (AP, CNN, AFP), "The …", or a name with an organisation word in it.
func affiliation(s string) bool {
	return acronymRe.MatchString(s) || strings.HasPrefix(s, "The ") || orgLike(s, "") || contains(agencies, strings.ToLower(s))
}

var agencies = []string{"reuters", "bloomberg", "associated press", "agence france-presse", "dpa", "xinhua", "kyodo", "efe", "ansa", "pa media", "getty images"}

// splitCommas splits "Jane Roe, John Doe" into two names but keeps
// "Roe, Jane" and "Kooman, F." (last name first) whole, and drops a job
// title after a comma.
func splitCommas(s string) []string {
	if !strings.Contains(s, ",") {
		return []string{s}
	}
	f := strings.Split(s, ",")
	var out []string
	allOneWord := true
	for _, x := range f {
		if len(strings.Fields(x)) > 1 {
			allOneWord = false
		}
	}
	if len(f) == 2 && (allOneWord || len(strings.Fields(f[0])) == 1 && len(strings.Fields(f[1])) <= 3 && !isTitle(strings.TrimSpace(f[1]))) {
		return []string{s} // "Roe, Jane", "Jong, Michiel de"
	}
	for i, x := range f {
		x = strings.TrimSpace(x)
		if x == "" {
			continue
		}
		if i > 0 && isTitle(x) {
			break // the rest is a job title, a desk or a place
		}
		out = append(out, x)
	}
	return out
}

func isTitle(s string) bool {
	ls := strings.ToLower(s)
	for _, w := range strings.FieldsFunc(ls, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if contains(titleWords, w) || contains(monthWords, w) {
			return true
		}
	}
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	// All lower case words ("staff writer" style) read as a title.
	first, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(first)
}

var (
	inPlaceRe   = regexp.MustCompile(`\s+(?:in|at|en|à|em|aus|from)\s+\p{Lu}[\p{L}'’. -]*$`)
	parenRe     = regexp.MustCompile(`\s*[(\[].*?[)\]]\s*`)
	handleRe    = regexp.MustCompile(`^@[A-Za-z0-9_]{1,15}$`)
	trailDashRe = regexp.MustCompile(`\s+[-–—|:]\s+.*$`)
)

// cleanName cleans one name: no prefix, title, place or handle; title case
// for a name written in capitals. It returns "" when s is not a name.
func cleanName(s string) string {
	s = collapse(s)
	s = parenRe.ReplaceAllString(s, " ")
	s = trailDashRe.ReplaceAllString(s, "")
	s = strings.Trim(s, " ,;:|-–—·•*")
	for strings.HasSuffix(s, ".") && !initialEnd(s) {
		s = strings.TrimSuffix(s, ".")
	}
	s = dropTitleTail(s)
	if loc := byPrefixRe.FindStringIndex(s + " "); loc != nil && loc[1] <= len(s) {
		s = strings.TrimSpace(s[loc[1]:])
	}
	s = inPlaceRe.ReplaceAllString(s, "")
	s = strings.TrimSpace(s)
	if s == "" || handleRe.MatchString(s) || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") {
		return ""
	}
	if utf8.RuneCountInString(s) > 60 || len(strings.Fields(s)) > 6 {
		return ""
	}
	letters, digits := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	if letters < 2 || digits > 0 {
		return ""
	}
	ls := strings.ToLower(s)
	for _, bad := range []string{"staff", "admin", "administrator", "unknown", "anonymous", "guest", "editor", "editors", "the editors", "webmaster", "author", "redaction", "rédaction", "newsroom"} {
		if ls == bad {
			return ""
		}
	}
	if isTitleOnly(ls) {
		return ""
	}
	if s == strings.ToUpper(s) && s != strings.ToLower(s) && utf8.RuneCountInString(s) > 3 {
		s = titleCase(s)
	}
	return s
}

// isTitleOnly reports whether every word is a job-title or date word.
func isTitleOnly(ls string) bool {
	words := strings.FieldsFunc(ls, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) == 0 {
		return true
	}
	for _, w := range words {
		if !contains(titleWords, w) && !contains(monthWords, w) && w != "by" && w != "the" && w != "of" && w != "and" {
			return false
		}
	}
	return true
}

func titleCase(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
		up = !unicode.IsLetter(r) && r != '\''
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var orgWords = []string{"organization", "organisation", "foundation", "inc", "ltd", "llc", "corp", "corporation",
	"company", "news", "media", "press", "group", "association", "society", "institute", "university", "project",
	"network", "agency", "staff", "team", "editors", "newsroom", "desk", "magazine", "works", "publishing", "wire"}

// orgLike reports a byline that names an organisation rather than a person.
func orgLike(name, _ string) bool {
	ln := strings.ToLower(name)
	// A byline equal to the site name is as often a personal blog as a
	// desk, so only the words decide.
	for _, w := range strings.FieldsFunc(ln, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if contains(orgWords, w) {
			return true
		}
	}
	return false
}

// initialEnd reports a name ending in an initial ("Kooman, F.").
func initialEnd(s string) bool {
	f := strings.Fields(s)
	last := f[len(f)-1]
	return utf8.RuneCountInString(last) == 2 && unicode.IsUpper([]rune(last)[0])
}

// dropTitleTail cuts a job title or desk written after a name without a
// comma ("Joshua Sokol Contributing Correspondent", "Ben Silverman Games
// Editor"): from the first title word after the second word.
func dropTitleTail(s string) string {
	f := strings.Fields(s)
	if len(f) > 0 && contains([]string{"our", "the", "by"}, strings.ToLower(f[0])) {
		return s // "Our Foreign Staff" is a desk's byline
	}
	for i := 2; i < len(f); i++ {
		w := strings.ToLower(strings.Trim(f[i], ",.;:"))
		if contains(titleWords, w) || contains(monthWords, w) {
			return strings.Join(f[:i], " ")
		}
	}
	return s
}
