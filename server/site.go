package server

import (
	"encoding/json"
	"encoding/xml"
	"strings"

	"oversight/app"
	"oversight/kb"
)

// sitemap lists every page for search engines, at the site's address.
func sitemap(k *kb.KB, baseURL string) []byte {
	type url struct {
		Loc string `xml:"loc"`
	}
	set := struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	base := strings.TrimRight(baseURL, "/")
	for _, p := range app.Pages(k) {
		set.URLs = append(set.URLs, url{Loc: base + p})
	}
	data, _ := xml.MarshalIndent(set, "", "  ")
	return append([]byte(xml.Header), data...)
}

func robots(baseURL string) []byte {
	return []byte("User-agent: *\nAllow: /\nSitemap: " + strings.TrimRight(baseURL, "/") + "/sitemap.xml\n")
}

// manifestIcon is one icon of the web app manifest.
type manifestIcon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

// appIcons are the app's own icons, all under /web/: nothing is fetched
// from elsewhere. The tests check each size against its file.
var appIcons = []manifestIcon{
	{Src: "/web/icon-192.png", Sizes: "192x192", Type: "image/png", Purpose: "any"},
	{Src: "/web/icon-512.png", Sizes: "512x512", Type: "image/png", Purpose: "any"},
	{Src: "/web/icon-maskable-512.png", Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
	{Src: "/web/icon.svg", Sizes: "any", Type: "image/svg+xml", Purpose: "any"},
}

// manifest is the web app manifest. go-app writes its own without id or
// lang, so the server answers /manifest.webmanifest with this one.
func manifest() []byte {
	data, _ := json.MarshalIndent(map[string]any{
		"id":               "/",
		"name":             app.SiteName,
		"short_name":       "Oversight",
		"description":      appDescription,
		"lang":             "en",
		"dir":              "ltr",
		"start_url":        "/",
		"scope":            "/",
		"display":          "standalone",
		"theme_color":      themeColour,
		"background_color": backgroundColour,
		"categories":       []string{"education"},
		"icons":            appIcons,
	}, "", "  ")
	return data
}
