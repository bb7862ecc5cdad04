package extract

import (
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/broadsheet/broadsheet/article"
)

var xHandleRe = regexp.MustCompile(`^[A-Za-z0-9_]{1,15}$`)

// handleFromURL returns the X handle in a twitter.com or x.com profile URL.
func handleFromURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	if host != "twitter.com" && host != "x.com" && host != "mobile.twitter.com" {
		return ""
	}
	h := strings.Trim(u.Path, "/")
	if xHandleRe.MatchString(h) && h != "intent" && h != "share" && h != "home" {
		return h
	}
	return ""
}

func cleanHandle(s string) string {
	s = strings.TrimSpace(s)
	if h := handleFromURL(s); h != "" {
		return h
	}
	s = strings.TrimPrefix(s, "@")
	if xHandleRe.MatchString(s) {
		return s
	}
	return ""
}

// ldPeople reads a JSON-LD author value: a string, a Person or
// Organization, a list of them, or @id references to them.
func (x *extractor) ldPeople(v any) []article.Person {
	var out []article.Person
	for _, a := range x.g.all(v) {
		switch a := a.(type) {
		case string:
			if strings.Contains(a, "://") {
				continue
			}
			for _, n := range cleanNames(a) {
				out = append(out, article.Person{Name: n})
			}
		case node:
			name := x.g.str(a, "name")
			if name == "" {
				name = strings.TrimSpace(x.g.str(a, "givenName") + " " + x.g.str(a, "familyName"))
			}
			names := cleanNames(plainText(name))
			if len(names) == 0 {
				continue
			}
			p := article.Person{Name: names[0]}
			if len(names) > 1 {
				for _, n := range names {
					out = append(out, article.Person{Name: n})
				}
				continue
			}
			for _, t := range ldTypes(a) {
				if t == "Organization" || t == "NewsMediaOrganization" || t == "Corporation" {
					p.Kind = article.KindOrganization
				}
			}
			p.URL = x.profileURL(x.g.str(a, "url"))
			for _, s := range x.g.strs(a, "sameAs") {
				if h := handleFromURL(s); h != "" && p.X == "" {
					p.X = h
				} else if p.URL == "" && !strings.Contains(s, "facebook.com") {
					p.URL = x.profileURL(s)
				}
			}
			out = append(out, p)
		}
	}
	return out
}

// profileURL keeps an author URL when it is absolute http(s) and a page of
// its own, not the site's home page.
func (x *extractor) profileURL(s string) string {
	u := x.p.abs(s)
	if u == "" {
		return ""
	}
	pu, err := url.Parse(u)
	if err != nil || strings.Trim(pu.Path, "/") == "" && pu.RawQuery == "" {
		return ""
	}
	if _, err := article.CheckURL(u); err != nil {
		return ""
	}
	return u
}

func namesToPeople(names []string) []article.Person {
	var out []article.Person
	for _, n := range names {
		out = append(out, article.Person{Name: n})
	}
	return out
}

func (x *extractor) authors() {
	type src struct {
		people []article.Person
		name   string
	}
	var srcs []src
	if x.main != nil {
		srcs = append(srcs, src{x.ldPeople(x.main["author"]), ldName(x.main) + " author"})
		srcs = append(srcs, src{x.ldPeople(x.main["creator"]), ldName(x.main) + " creator"})
	}
	var metaURL string
	for _, k := range []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "citation_author", "og:article:author", "book:author"} {
		vals := x.p.metaAll(k)
		var people []article.Person
		for _, v := range vals {
			if strings.Contains(v, "://") || strings.HasPrefix(v, "/") {
				if metaURL == "" {
					metaURL = x.profileURL(v)
				}
				continue
			}
			for _, n := range cleanNames(v) {
				if !hasName(people, n) {
					people = append(people, article.Person{Name: n})
				}
			}
		}
		srcs = append(srcs, src{people, "meta " + k})
	}
	if v := parselyPage(x.p); v != nil {
		var people []article.Person
		if list, ok := v["authors"].([]any); ok {
			for _, a := range list {
				if s, ok := a.(string); ok {
					people = append(people, namesToPeople(cleanNames(s))...)
				}
			}
		}
		srcs = append(srcs, src{people, "meta parsely-page authors"})
	}
	if x.mi != nil {
		var people []article.Person
		for _, pv := range x.mi.props["author"] {
			if pv.item != nil {
				name := pv.item.text("name")
				if name == "" {
					name = pv.text
				}
				for _, n := range cleanNames(name) {
					if !hasName(people, n) {
						people = append(people, article.Person{Name: n, URL: x.profileURL(pv.item.text("url"))})
					}
				}
			} else if !strings.Contains(pv.text, "://") {
				for _, n := range cleanNames(pv.text) {
					if !hasName(people, n) {
						people = append(people, article.Person{Name: n})
					}
				}
			}
		}
		srcs = append(srcs, src{people, "microdata author"})
	}
	for _, b := range orderBylines(x.p.bylines) {
		people := namesToPeople(cleanNames(b.text))
		if len(people) == 1 && b.href != "" {
			people[0].URL = x.profileURL(b.href)
		}
		srcs = append(srcs, src{people, "visible byline (" + b.how + ")"})
	}
	site := x.siteNameHint()
	chosen := -1
	for i, s := range srcs {
		if len(s.people) > 0 {
			chosen = i
			break
		}
	}
	// A source naming only an organisation (the site, a foundation) gives
	// way to a person the page itself shows as the author.
	if chosen >= 0 && allOrgs(srcs[chosen].people, site) {
		for i := chosen + 1; i < len(srcs); i++ {
			s := srcs[i]
			visible := strings.HasPrefix(s.name, "visible byline") || s.name == "microdata author"
			if visible && len(s.people) > 0 && !allOrgs(s.people, site) {
				x.r.note("authors: %s names an organisation (%s); %s names a person, kept", srcs[chosen].name, srcs[chosen].people[0].Name, s.name)
				chosen = i
				break
			}
		}
	}
	for _, s := range srcs[max(chosen, 0):] {
		if len(s.people) == 0 {
			continue
		}
		for i := range s.people {
			if orgLike(s.people[i].Name, site) && s.people[i].Kind == article.KindPerson && strings.EqualFold(s.people[i].Name, site) {
				s.people[i].Kind = article.KindOrganization
			}
		}
		x.a.Authors = s.people
		for i, p := range s.people {
			x.r.add("authors["+itoa(i)+"].name", s.name, p.Name)
		}
		break
	}
	if len(x.a.Authors) == 0 {
		return
	}
	// "Headline | Author Name": the byline glued to a title.
	if locs := titleSepRe.FindAllStringIndex(x.a.Headline, -1); len(locs) > 0 {
		last := locs[len(locs)-1]
		if tail := strings.TrimSpace(x.a.Headline[last[1]:]); hasName(x.a.Authors, tail) {
			x.a.Headline = strings.TrimSpace(x.a.Headline[:last[0]])
			for i := range x.r.Fields {
				if x.r.Fields[i].Path == "headline" {
					x.r.Fields[i].Value = x.a.Headline
					x.r.Fields[i].Source += " (author's name removed)"
				}
			}
		}
	}
	// Fill in profile links and handles the chosen source left out.
	for i := range x.a.Authors {
		p := &x.a.Authors[i]
		if p.URL == "" {
			for _, b := range x.p.bylines {
				if b.href != "" && strings.EqualFold(collapse(b.text), p.Name) {
					if u := x.profileURL(b.href); u != "" {
						p.URL = u
						x.r.add("authors["+itoa(i)+"].url", "visible byline link", u)
						break
					}
				}
			}
		}
	}
	if len(x.a.Authors) == 1 {
		p := &x.a.Authors[0]
		if p.URL == "" && metaURL != "" {
			p.URL = metaURL
			x.r.add("authors[0].url", "meta article:author", metaURL)
		}
		if p.X == "" {
			if v, _ := x.p.metaFirst("twitter:creator"); v != "" {
				site, _ := x.p.metaFirst("twitter:site")
				if h := cleanHandle(v); h != "" && !strings.EqualFold(h, cleanHandle(site)) {
					p.X = h
					x.r.add("authors[0].x", "meta twitter:creator", h)
				}
			}
		}
	}
}

func allOrgs(ps []article.Person, site string) bool {
	for _, p := range ps {
		if p.Kind != article.KindOrganization && !orgLike(p.Name, site) {
			return false
		}
	}
	return true
}

// orderBylines puts marked bylines (rel=author, class) before plain
// "By …" lines, and within each those in the article or after its <h1>
// before those in headers and navigation.
func orderBylines(bs []bylineTag) []bylineTag {
	rank := func(b bylineTag) int {
		r := 0
		if strings.HasPrefix(b.how, "text") {
			r += 2
		}
		if !b.near {
			r++
		}
		return r
	}
	out := append([]bylineTag(nil), bs...)
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

func hasName(ps []article.Person, n string) bool {
	for _, p := range ps {
		if strings.EqualFold(p.Name, n) {
			return true
		}
	}
	return false
}

func (x *extractor) site() {
	s := &article.Site{}
	var pub node
	if x.main != nil {
		pub, _ = x.g.resolve(x.main["publisher"]).(node)
	}
	if pub == nil && x.web != nil {
		pub, _ = x.g.resolve(x.web["publisher"]).(node)
	}
	if v, k := x.p.metaFirst("og:site_name"); v != "" {
		s.Name = plainText(v)
		x.r.add("site.name", "meta "+k, s.Name)
	} else if pub != nil && x.g.str(pub, "name") != "" {
		s.Name = plainText(x.g.str(pub, "name"))
		x.r.add("site.name", ldName(pub)+" publisher name", s.Name)
	} else if v, k := x.p.metaFirst("application-name", "al:ios:app_name", "al:android:app_name", "dc.publisher", "dcterms.publisher", "publisher"); v != "" && !strings.Contains(v, "://") {
		s.Name = plainText(v)
		x.r.add("site.name", "meta "+k, s.Name)
	}
	if x.a.URL != "" {
		if u, err := url.Parse(x.a.URL); err == nil {
			if _, err := article.CheckURL(u.Scheme + "://" + u.Host + "/"); err == nil {
				s.URL = u.Scheme + "://" + u.Host + "/"
				x.r.add("site.url", "origin of the article URL", s.URL)
			}
		}
	}
	if v, _ := x.p.metaFirst("og:locale"); v != "" {
		if loc, err := article.OGLocale(v); err == nil {
			s.Locale = loc
			x.r.add("site.locale", "meta og:locale", loc)
		}
	}
	if pub != nil {
		if logo := x.ldImage(pub["logo"]); logo != nil && !junkImage(logo.URL, logo.Width, logo.Height, "", true) {
			s.Logo = logo
			x.r.add("site.logo.url", ldName(pub)+" publisher logo", logo.URL)
		}
	}
	if v, _ := x.p.metaFirst("twitter:site"); v != "" {
		if h := cleanHandle(v); h != "" {
			s.X = h
			x.r.add("site.x", "meta twitter:site", h)
		}
	}
	if v, _ := x.p.metaFirst("fb:app_id"); v != "" && digitsRe.MatchString(v) {
		s.FacebookAppID = v
		x.r.add("site.facebook_app_id", "meta fb:app_id", v)
	}
	if v, _ := x.p.metaFirst("article:publisher"); strings.Contains(v, "facebook.com/") {
		if u := x.p.abs(v); u != "" && strings.HasPrefix(u, "https://") {
			s.FacebookPage = u
			x.r.add("site.facebook_page", "meta article:publisher", u)
		}
	}
	if o := x.opts.Site; o != nil {
		if o.Name != "" {
			s.Name = o.Name
			x.r.add("site.name", "Options.Site", o.Name)
		}
		if o.URL != "" {
			s.URL = o.URL
			x.r.add("site.url", "Options.Site", o.URL)
		}
		if o.Tagline != "" {
			s.Tagline = o.Tagline
		}
		if o.Locale != "" {
			s.Locale = o.Locale
		}
		if o.Logo != nil {
			s.Logo = o.Logo
		}
		if o.X != "" {
			s.X = o.X
		}
		if o.FacebookAppID != "" {
			s.FacebookAppID = o.FacebookAppID
		}
		if o.FacebookPage != "" {
			s.FacebookPage = o.FacebookPage
		}
		if o.Bluesky != "" {
			s.Bluesky = o.Bluesky
		}
		if o.Mastodon != "" {
			s.Mastodon = o.Mastodon
		}
		if o.Newsletter != nil {
			s.Newsletter = o.Newsletter
		}
	}
	if *s != (article.Site{}) {
		x.a.Site = s
	}
}

var digitsRe = regexp.MustCompile(`^[0-9]{1,20}$`)
