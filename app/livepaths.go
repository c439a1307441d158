package app

// LivePath is where the server answers the live classes' API (package
// live, mounted by `oversight serve`); a static export has nothing there.
const LivePath = "/live"
