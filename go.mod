module github.com/broadsheet/broadsheet

go 1.26.0

require (
	github.com/go-text/typesetting v0.3.5
	golang.org/x/image v0.48.0
)

require golang.org/x/sys v0.50.0 // indirect
