package extract

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loopback is the client tests use: httptest listens on 127.0.0.1, which
// the default client refuses.
func loopback() *http.Client { return NewClient(ClientOptions{AllowLoopback: true}) }

const pageHTML = `<!doctype html><html lang="en"><head><title>A test page</title></head><body><p>Hello.</p></body></html>`

func TestFetch(t *testing.T) {
	latin1 := []byte("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body>Caf\xe9</body></html>")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(pageHTML))
	zw.Close()
	var br bytes.Buffer
	bw := brotli.NewWriter(&br)
	bw.Write([]byte(pageHTML))
	bw.Close()

	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, pageHTML)
	})
	mux.HandleFunc("/ua", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html><body>%s</body></html>", r.UserAgent())
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "no gzip asked", 400)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz.Bytes())
	})
	mux.HandleFunc("/br", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "br")
		w.Write(br.Bytes())
	})
	mux.HandleFunc("/latin1-meta", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(latin1)
	})
	mux.HandleFunc("/latin1-header", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		w.Write([]byte("<html><body>\x93quoted\x94</body></html>"))
	})
	mux.HandleFunc("/sjis", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=Shift_JIS")
		w.Write([]byte("<html><body>\x93\xfa\x96\x7b</body></html>")) // 日本
	})
	for i := 1; i <= 7; i++ {
		mux.HandleFunc(fmt.Sprintf("/hop%d", i), func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, fmt.Sprintf("/hop%d", i+1), http.StatusFound)
		})
	}
	mux.HandleFunc("/hop8", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, pageHTML)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/x", http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(bytes.Repeat([]byte("<p>filler</p>"), 1000))
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(bytes.Repeat([]byte(" "), 1<<20))
		zw.Close()
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4"))
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	})
	release := make(chan struct{})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(200)
		fmt.Fprint(w, "<html><body>")
		w.(http.Flusher).Flush()
		select { // a server that never finishes its body
		case <-release:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(release)

	tests := []struct {
		name    string
		path    string
		opts    FetchOptions
		want    string // substring of the UTF-8 page
		wantErr error
		check   func(t *testing.T, f *Fetched)
	}{
		{name: "plain", path: "/page", want: "Hello."},
		{name: "user agent", path: "/ua", want: DefaultUserAgent},
		{name: "custom user agent", path: "/ua", opts: FetchOptions{UserAgent: "archive-bot/2"}, want: "archive-bot/2"},
		{name: "gzip", path: "/gzip", want: "Hello."},
		{name: "brotli", path: "/br", want: "Hello."},
		{name: "meta charset", path: "/latin1-meta", want: "Café", check: func(t *testing.T, f *Fetched) { assert.Equal(t, "windows-1252", f.Charset) }},
		{name: "header charset", path: "/latin1-header", want: "“quoted”"},
		{name: "shift_jis", path: "/sjis", want: "日本"},
		{name: "five redirects", path: "/hop3", want: "Hello.", check: func(t *testing.T, f *Fetched) {
			assert.Equal(t, 5, f.Redirects)
			assert.True(t, strings.HasSuffix(f.URL, "/hop8"), f.URL)
		}},
		{name: "six redirects", path: "/hop2", wantErr: ErrTooManyRedirects},
		{name: "no redirects allowed", path: "/hop7", opts: FetchOptions{MaxRedirects: -1}, wantErr: ErrTooManyRedirects},
		{name: "redirect to ftp", path: "/to-ftp", wantErr: ErrOptions},
		{name: "over the cap", path: "/big", opts: FetchOptions{MaxBytes: 4096}, wantErr: ErrTooLarge},
		{name: "gzip bomb", path: "/bomb", opts: FetchOptions{MaxBytes: 64 << 10}, wantErr: ErrTooLarge},
		{name: "not html", path: "/pdf", wantErr: ErrNotHTML},
		{name: "status", path: "/gone", wantErr: ErrStatus, check: nil},
		{name: "slow server", path: "/slow", opts: FetchOptions{Timeout: 200 * time.Millisecond}, wantErr: context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Fetch(context.Background(), loopback(), srv.URL+tt.path, tt.opts)
			if tt.wantErr != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Contains(t, string(f.HTML), tt.want)
			if tt.check != nil {
				tt.check(t, f)
			}
		})
	}

	t.Run("status details", func(t *testing.T) {
		_, err := Fetch(context.Background(), loopback(), srv.URL+"/gone", FetchOptions{})
		var se *StatusError
		require.ErrorAs(t, err, &se)
		assert.Equal(t, 503, se.Code)
		assert.Equal(t, 120*time.Second, se.RetryAfter)
		assert.True(t, se.Temporary())
	})
	t.Run("loopback refused by default", func(t *testing.T) {
		_, err := Fetch(context.Background(), NewClient(ClientOptions{}), srv.URL+"/page", FetchOptions{})
		assert.ErrorIs(t, err, ErrBlockedAddress)
	})
	t.Run("localhost by name refused", func(t *testing.T) {
		u := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
		_, err := Fetch(context.Background(), NewClient(ClientOptions{}), u+"/page", FetchOptions{})
		assert.ErrorIs(t, err, ErrBlockedAddress)
	})
	t.Run("redirect to loopback refused", func(t *testing.T) {
		// A public-looking start cannot be served here, so check the
		// redirect path through the dialer: a refusing client never
		// reaches the server at all.
		_, err := Fetch(context.Background(), NewClient(ClientOptions{}), srv.URL+"/hop7", FetchOptions{})
		assert.ErrorIs(t, err, ErrBlockedAddress)
	})
	t.Run("nil client", func(t *testing.T) {
		_, err := Fetch(context.Background(), nil, srv.URL, FetchOptions{})
		assert.ErrorIs(t, err, ErrOptions)
	})
	t.Run("bad url", func(t *testing.T) {
		_, err := Fetch(context.Background(), loopback(), "file:///etc/passwd", FetchOptions{})
		assert.ErrorIs(t, err, ErrOptions)
	})
}

func TestFetchPrivateAddresses(t *testing.T) {
	// The dialer refuses these before any packet leaves: no server needed.
	for _, host := range []string{"10.1.2.3", "192.168.0.10", "172.16.5.4", "169.254.169.254", "[fd00:ec2::254]", "100.64.0.1", "0.0.0.0", "[::1]", "[::ffff:127.0.0.1]", "[64:ff9b::a00:1]", "224.0.0.1"} {
		t.Run(host, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_, err := Fetch(ctx, NewClient(ClientOptions{}), "http://"+host+"/", FetchOptions{})
			assert.ErrorIs(t, err, ErrBlockedAddress)
		})
	}
}

func TestRefused(t *testing.T) {
	tests := []struct {
		addr string
		opts ClientOptions
		want bool
	}{
		{"93.184.215.14", ClientOptions{}, false},
		{"2606:2800:21f:cb07:6820:80da:af6b:8b2c", ClientOptions{}, false},
		{"127.0.0.1", ClientOptions{}, true},
		{"127.0.0.1", ClientOptions{AllowLoopback: true}, false},
		{"10.0.0.1", ClientOptions{AllowLoopback: true}, true},
		{"10.0.0.1", ClientOptions{AllowPrivate: true}, false},
		{"169.254.169.254", ClientOptions{AllowLoopback: true}, true},
		{"::ffff:10.0.0.1", ClientOptions{}, true},
		{"2002:a00:1::", ClientOptions{}, true},
		{"198.18.0.1", ClientOptions{}, true},
		{"192.0.2.1", ClientOptions{}, true},
		{"fe80::1", ClientOptions{}, true},
	}
	for _, tt := range tests {
		a := netip.MustParseAddr(tt.addr)
		if got := refused(a, tt.opts) != ""; got != tt.want {
			t.Errorf("refused(%s, %+v) = %v, want %v", tt.addr, tt.opts, got, tt.want)
		}
	}
	if err := DialControl(ClientOptions{})("tcp", "10.0.0.1:80", nil); !errors.Is(err, ErrBlockedAddress) {
		t.Errorf("DialControl(10.0.0.1:80) = %v, want ErrBlockedAddress", err)
	}
}
