package jsonld

// Graph is the schema.org JSON-LD document of an article page: one
// @graph of linked nodes (https://schema.org, Google's Article structured
// data guide), with stable @id values derived from the site and canonical
// URLs:
//
//	Organization   {site}#organization   name, url, logo, sameAs
//	WebSite        {site}#website        url, name, publisher, inLanguage
//	ImageObject    {canonical}#primaryimage
//	WebPage        {canonical}           isPartOf, primaryImageOfPage, breadcrumb, dates
//	NewsArticle    {canonical}#article   headline, authors, dates, publisher, speakable …
//	BreadcrumbList {canonical}#breadcrumb Home › Section
//
// A node whose required inputs are missing is left out together with every
// reference to it, and reported in render's Meta.Dropped: Organization needs the
// site's name, URL and a logo with its size; WebSite the site's name and
// URL; ImageObject a lead or share image; NewsArticle at least one
// author; BreadcrumbList the site and a section.
type Graph struct {
	// Context is "https://schema.org".
	Context string `json:"@context"`
	// Nodes holds *Organization, *WebSite, *ImageObject, *WebPage,
	// *NewsArticle and *BreadcrumbList values, in that order.
	Nodes []any `json:"@graph"`
}

// Ref is a reference to another node of the graph by its @id.
type Ref struct {
	ID string `json:"@id"`
}

// Organization is the publisher.
type Organization struct {
	Type   string       `json:"@type"`
	ID     string       `json:"@id"`
	Name   string       `json:"name"`
	URL    string       `json:"url"`
	Logo   *ImageObject `json:"logo"`
	SameAs []string     `json:"sameAs,omitempty"`
}

// WebSite is the site as a whole.
type WebSite struct {
	Type        string `json:"@type"`
	ID          string `json:"@id"`
	URL         string `json:"url"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Publisher   *Ref   `json:"publisher,omitempty"`
	InLanguage  string `json:"inLanguage,omitempty"`
}

// ImageObject is an image with its size.
type ImageObject struct {
	Type       string `json:"@type"`
	ID         string `json:"@id,omitempty"`
	URL        string `json:"url"`
	ContentURL string `json:"contentUrl"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	Caption    string `json:"caption,omitempty"`
	CreditText string `json:"creditText,omitempty"`
	InLanguage string `json:"inLanguage,omitempty"`
}

// WebPage is the page the article is on.
type WebPage struct {
	Type               string `json:"@type"`
	ID                 string `json:"@id"`
	URL                string `json:"url"`
	Name               string `json:"name"`
	Description        string `json:"description,omitempty"`
	IsPartOf           *Ref   `json:"isPartOf,omitempty"`
	PrimaryImageOfPage *Ref   `json:"primaryImageOfPage,omitempty"`
	Breadcrumb         *Ref   `json:"breadcrumb,omitempty"`
	DatePublished      string `json:"datePublished"`
	DateModified       string `json:"dateModified,omitempty"`
	InLanguage         string `json:"inLanguage,omitempty"`
}

// NewsArticle is the article.
type NewsArticle struct {
	Type             string     `json:"@type"`
	ID               string     `json:"@id"`
	Headline         string     `json:"headline"`
	Description      string     `json:"description,omitempty"`
	Image            *Ref       `json:"image,omitempty"`
	ThumbnailURL     string     `json:"thumbnailUrl,omitempty"`
	DatePublished    string     `json:"datePublished"`
	DateModified     string     `json:"dateModified,omitempty"`
	Author           []Person   `json:"author"`
	Publisher        *Ref       `json:"publisher,omitempty"`
	MainEntityOfPage *Ref       `json:"mainEntityOfPage"`
	IsPartOf         *Ref       `json:"isPartOf"`
	ArticleSection   string     `json:"articleSection,omitempty"`
	Keywords         []string   `json:"keywords,omitempty"`
	InLanguage       string     `json:"inLanguage,omitempty"`
	WordCount        int        `json:"wordCount"`
	Speakable        *Speakable `json:"speakable,omitempty"`
	CopyrightHolder  *Ref       `json:"copyrightHolder,omitempty"`
	CopyrightYear    int        `json:"copyrightYear,omitempty"`
}

// Person is a byline: a Person, or an Organization when the article marks
// it so explicitly (never guessed from the name).
type Person struct {
	Type   string   `json:"@type"`
	ID     string   `json:"@id,omitempty"`
	Name   string   `json:"name"`
	URL    string   `json:"url,omitempty"`
	SameAs []string `json:"sameAs,omitempty"`
}

// Speakable points text-to-speech at the key points and explainers
// (https://schema.org/speakable).
type Speakable struct {
	Type        string   `json:"@type"`
	CSSSelector []string `json:"cssSelector"`
}

// BreadcrumbList is Home › Section.
type BreadcrumbList struct {
	Type            string     `json:"@type"`
	ID              string     `json:"@id"`
	ItemListElement []ListItem `json:"itemListElement"`
}

// ListItem is one breadcrumb; the last omits Item.
type ListItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item,omitempty"`
}
