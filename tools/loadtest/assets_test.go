package main

import (
	"net/url"
	"slices"
	"testing"
)

func TestPageAssetsAreTheSameOriginFilesABrowserFetchesToOpenThePage(t *testing.T) {
	page := `<!DOCTYPE html><html><head>
<link rel="icon" href="/web/icon.svg">
<link rel="apple-touch-icon" href="/web/icon-maskable-512.png">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="stylesheet" href="/app.css?v=2" type="text/css">
<link rel="Shortcut Icon" href="favicon.ico">
<link rel="canonical" href="/concepts/debate">
<link rel="alternate" href="/feed.xml">
<link rel="expect" href="#site-footer" blocking="render">
<link rel="preconnect" href="/">
<link rel="stylesheet" href="https://fonts.example.org/font.css">
<script defer src="/wasm_exec.js"></script>
<script>var inline = "<script src='/not-a-tag.js'>";</script>
<script src="//cdn.example.org/lib.js"></script>
<script src="http://127.0.0.1:8000/app.js#x"></script>
<link rel="preload" href="/knowledge.json" as="fetch" crossorigin="anonymous">
<link rel="modulepreload" href="module.js">
</head><body>
<a href="/concepts/debate">Debate</a>
<img src="/web/icon.svg" alt="">
<img src="data:image/png;base64,AAAA" alt="">
<img src="/web/icon-192.png" alt=""/>
</body></html>`
	pageURL, _ := url.Parse("http://127.0.0.1:8000/concepts/debate")
	got, err := pageAssets([]byte(page), pageURL)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"/web/icon.svg", "/web/icon-maskable-512.png", "/manifest.webmanifest", "/app.css?v=2",
		"/concepts/favicon.ico", "/wasm_exec.js", "/app.js", "/knowledge.json",
		"/concepts/module.js", "/web/icon-192.png",
	}
	if !slices.Equal(got, want) {
		t.Errorf("pageAssets\n got %q\nwant %q", got, want)
	}
}

func TestAPageThatNamesNoFileHasNoAssets(t *testing.T) {
	pageURL, _ := url.Parse("http://127.0.0.1:8000/")
	got, err := pageAssets([]byte(`<p>Only <a href="/tours">a link</a>.</p>`), pageURL)
	if err != nil || len(got) != 0 {
		t.Errorf("pageAssets = %q, %v; want none", got, err)
	}
}
