package serve_test

import (
	"context"
	"strconv"

	"github.com/broadsheet/broadsheet/article"
	"github.com/broadsheet/broadsheet/site"
)

type versionKey struct{}

func withVersion(ctx context.Context, i int) context.Context {
	return context.WithValue(ctx, versionKey{}, i)
}

// uncachedSource serves one article whose body changes with every
// request's version, so neither the handler's cache nor the renderer's
// has seen it.
type uncachedSource struct {
	*site.Collection
	a *article.Article
}

func (u uncachedSource) VersionContext(ctx context.Context) (string, error) {
	i, _ := ctx.Value(versionKey{}).(int)
	return strconv.Itoa(i), nil
}

func (u uncachedSource) Article(ctx context.Context, id string) (*article.Article, error) {
	i, _ := ctx.Value(versionKey{}).(int)
	a := u.a.Clone()
	a.Body += "<p>" + strconv.Itoa(i) + "</p>"
	return a, nil
}
