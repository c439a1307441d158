// Package thirdparty checks the code vendored beside it: go-app, in
// go-app/, with Oversight Explorer's changes (go-app.patch) to the version
// its authors ship (go-app.upstream). Its tests fail when the three
// disagree, when go.mod asks for another go-app version, and when a change
// stops doing what it is for. OVERSIGHT.md says what differs and why.
package thirdparty
