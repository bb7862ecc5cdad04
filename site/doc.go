// Package site holds a collection of articles as one immutable value: loaded
// from files and folders, each article inheriting the publication's
// settings from a site configuration, indexed by id, canonical URL and
// path, ordered newest first.
//
//	cfg, err := site.LoadConfig("site.json")        // an article "site" object
//	c, err := site.Load(site.Options{Site: cfg}, "articles/")
//	a, err := c.Article(ctx, "council-data-vote")
//	latest, err := c.LatestContext(ctx, 20)           // newest first
//	ticker := site.Ticker(latest, a, 5)               // breaking stories, newest first
//	for i := range c.Len() { e := c.Entry(i); … }    // every article's Entry, reading no file
//
// # Memory
//
// A collection keeps an Entry of every article (id, canonical URL, dates,
// breaking flag, image URL, source file, digest: a couple of hundred
// bytes). Up to Options.MaxResident articles (DefaultMaxResident) it keeps
// the articles too; a larger archive keeps only the entries and reads an
// article from its file again when asked (Article, ArticleByURL,
// LatestContext), decoding it the same way and checking it against the
// digest loaded, with a small cache of those read lately. So a collection
// of a hundred thousand articles costs tens of megabytes, and listing it
// (sitemaps, a static build's plan) reads no file.
//
// # Files
//
// Load reads each path given: a file is decoded by its extension, a folder
// is walked recursively for files whose extension has a decoder (names
// starting with "." or "_" are skipped, and so is a file named site.json,
// the conventional name of the configuration). The decoders are a registry
// by extension (Options.Decoders); DefaultDecoders has ".json" (strict
// article JSON, package article) and ".md" (Markdown with YAML front
// matter, package markdown). Another format plugs in by adding its
// extension.
//
// # Inheritance
//
// The configuration is an article's "site" object, written once. Each
// article inherits it member by member: a member the article's own "site"
// sets wins, every other member comes from the configuration (see
// Inherit). Logo and newsletter are single members: an article giving its
// own logo replaces the whole logo.
//
// # Errors
//
// Every file is decoded and checked (article.Check, after inheritance);
// every problem of every file is reported at once in a *LoadError, each
// with the file name and the field path ("a.json: authors[0].url: …").
// Two articles with the same id or canonical URL are an error naming both
// files. With Options.KeepGoing, Load also returns the collection of the
// good files next to the *LoadError. Warnings never stop a file; they are
// kept (Collection.Warnings).
//
// # URL layout
//
// The layout shared by package serve and a static build lives here, so
// both give the same URLs: an article's page is at the path of its
// canonical URL (PagePath), listings and feeds at fixed paths (IndexPath,
// RSSPath, AtomPath, JSONFeedPath, SitemapPath, NewsSitemapPath), share
// cards at content-hashed paths (CardPath, hashed by CardHash) with a
// stable alias per article and card spec (CardAliasPath). The inputs of a
// page that are not in the article are decided here too, so a static
// build renders the pages serve renders, byte for byte: the og:image of
// an article without an image (ShareImage: its 1200x630-standard card)
// and the ticker's stories (Ticker).
//
// # Concurrency
//
// A *Collection is immutable and safe for concurrent use; reloading builds
// a new one. Live holds the current collection behind an atomic pointer,
// so a server can swap in a reloaded collection while requests read the
// old one.
//
// # Security
//
// Article files are untrusted: each is read up to Options.MaxFileBytes and
// decoded strictly; an article with error-severity findings is never in a
// collection. Folder walks skip symbolic links (to files and to folders),
// so a link cannot pull files from elsewhere into the site; a path named
// on its own is followed.
package site
