// Oversight Explorer: the part of resource.go that the browser needs, moved
// here unchanged so that resource.go can leave net/http out of the browser.

package app

import "strings"

func clientResourceResolver(resourcesLocation string) func(string) string {
	return func(location string) string {
		if remoteLocation(location) || !webLocation(location) {
			return location
		}
		location = strings.Trim(location, "/")
		return resourcesLocation + "/" + strings.TrimPrefix(location, "web/")
	}
}

func resolveOGResource(domain string, location string) string {
	if remoteLocation(location) {
		return location
	}
	path := strings.TrimRight("/"+strings.Trim(location, "/"), "/")
	// Oversight Explorer: a Domain may be a whole origin, such as
	// http://localhost:8000, which upstream would prefix with https://.
	if remoteLocation(domain) {
		return strings.TrimRight(domain, "/") + path
	}
	return "https://" + domain + path
}

func remoteLocation(location string) bool {
	return strings.HasPrefix(location, "https://") ||
		strings.HasPrefix(location, "http://")
}

func webLocation(location string) bool {
	return strings.HasPrefix(location, "/web/") ||
		location == "/web" ||
		strings.HasPrefix(location, "web/") ||
		location == "web"
}
