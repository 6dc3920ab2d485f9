module github.com/signintech/gopdf

go 1.13

require (
	github.com/klauspost/compress v1.18.0
	github.com/phpdave11/gofpdi v1.0.14-0.20211212211723-1f10f9844311
)
