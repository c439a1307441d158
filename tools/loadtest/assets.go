package main

import (
	"bytes"
	"io"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// pageAssets lists, in the order the page names them and once each, the
// same-origin files a browser fetches when it opens the page at pageURL:
// scripts, images, and links to styles, preloads, icons and the manifest.
// Each is a path with its query, as it is asked of the server.
func pageAssets(page []byte, pageURL *url.URL) ([]string, error) {
	var assets []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return assets, nil
			}
			return nil, z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			ref, ok := fetchedReference(z.Token())
			if !ok {
				continue
			}
			if p, ok := sameOrigin(pageURL, ref); ok && !slices.Contains(assets, p) {
				assets = append(assets, p)
			}
		}
	}
}

// fetchedReference is the address a tag makes the browser fetch, if any.
func fetchedReference(t html.Token) (string, bool) {
	attr := func(name string) string {
		for _, a := range t.Attr {
			if a.Key == name {
				return strings.TrimSpace(a.Val)
			}
		}
		return ""
	}
	var ref string
	switch t.Data {
	case "script", "img":
		ref = attr("src")
	case "link":
		if slices.ContainsFunc(strings.Fields(strings.ToLower(attr("rel"))), fetchedLinkRel) {
			ref = attr("href")
		}
	}
	return ref, ref != ""
}

// sameOrigin resolves ref against the page's address and returns its path
// and query when it is on the page's own origin.
func sameOrigin(pageURL *url.URL, ref string) (string, bool) {
	u, err := pageURL.Parse(ref)
	if err != nil || u.Scheme != pageURL.Scheme || u.Host != pageURL.Host {
		return "", false
	}
	return u.RequestURI(), true
}

// fetchedLinkRel tells the link relations a browser fetches while it opens
// a page: styles, preloads, icons and the manifest. Others (canonical,
// alternate, expect, preconnect…) name no file to fetch, or one fetched
// later if ever.
func fetchedLinkRel(rel string) bool {
	switch rel {
	case "stylesheet", "preload", "modulepreload", "icon", "apple-touch-icon", "mask-icon", "manifest":
		return true
	}
	return false
}
