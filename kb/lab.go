package kb

// Lab is what the app knows of a lab, enough to route to it, link it and
// cite its sources. The lab itself — its controls, its runs, its page — is
// the labs' own code (package labs), which the app's WebAssembly does not
// link; the server adds these (labs.Attach), since content/ does not hold
// labs.
type Lab struct {
	ID      string
	Title   string
	Concept string // the id of the concept it belongs to
	Summary string
	// QueryKeys are the parameters its page reads from the address.
	QueryKeys []string
	// Sources are the sources its page cites, in citation order, and
	// Reviewed the day they were last checked.
	Sources  []string
	Reviewed string
}
