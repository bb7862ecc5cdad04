module github.com/broadsheet/broadsheet

go 1.26
