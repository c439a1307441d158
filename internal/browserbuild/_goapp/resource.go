// The browser's part of go-app v10.1.11's pkg/app/resource.go, which
// Oversight Explorer's browser build puts in its place
// (internal/browserbuild): the functions below are go-app's own, unchanged;
// the resource resolvers for the server (LocalDir and the others, built on
// net/http) are left out.

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
