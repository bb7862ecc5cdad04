package extract_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/broadsheet/broadsheet/extract"
)

func ExampleFetch() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
		w.Write([]byte("<html><head><title>Caf\xe9 opens on the quay</title></head><body><p>Fresh bread from six.</p></body></html>"))
	}))
	defer srv.Close()

	// The default client refuses loopback and private addresses, checked
	// on the resolved IP when it connects.
	_, err := extract.Fetch(context.Background(), extract.NewClient(extract.ClientOptions{}), srv.URL, extract.FetchOptions{})
	fmt.Println(errors.Is(err, extract.ErrBlockedAddress))

	// A test server on 127.0.0.1 has to be allowed explicitly.
	client := extract.NewClient(extract.ClientOptions{AllowLoopback: true})
	page, err := extract.Fetch(context.Background(), client, srv.URL, extract.FetchOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, _ := extract.Page(page.HTML, "https://quay.example/cafe", extract.Options{NoBody: true})
	fmt.Println(page.Charset)
	fmt.Println(res.Article.Headline)
	// Output:
	// true
	// windows-1252
	// Café opens on the quay
}
