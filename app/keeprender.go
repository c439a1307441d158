package app

import ui "github.com/maxence-charriere/go-app/v10/pkg/app"

// keepRenderIfUnchanged tells go-app that a dispatch, an OnMount or an
// OnNav, left what its component draws as it was (before and after are that
// state): go-app marks the component, and every component above it, to
// render again after each dispatch. As the app started, that rendered the
// first page again and compared it with itself once for each of its OnMount
// calls, the whole concept map among them, on the main thread of a phone
// that had just drawn it. A component whose state did change still renders,
// and so does a component above it that another dispatch marked.
func keepRenderIfUnchanged[T comparable](ctx ui.Context, before, after T) {
	if before == after {
		ctx.PreventUpdate()
	}
}
