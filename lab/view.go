package lab

// View is what a lab's page shows, as the app asks for it: the setting
// (an address's query), whether to run the lab at it first, and where the
// learner stands with their prediction. The page's main part is rendered
// from it as HTML by the labs' own code (labs.Bench), on the server to
// prerender the page and in the labs' worker in the browser, so that the
// app's WebAssembly carries neither the simulations nor the drawing of
// their results.
type View struct {
	Lab   string `json:"lab"`
	Query string `json:"query"`
	// Run asks for a run at Query before rendering; otherwise the page
	// shows the last run there was (or, before any, a run at the
	// defaults, folded away).
	Run       bool   `json:"run"`
	Committed bool   `json:"committed"`
	Answer    string `json:"answer"` // "yes", "no" or "" before an answer
	// Guess is the learner's guess once committed; nil shows the
	// prediction's default.
	Guess *float64 `json:"guess"`
	// State is the lab's own state on its page, such as a game the learner
	// is playing: the labs' code writes it into its buttons (data-state)
	// and reads it back; the app only keeps it for the visit.
	State string `json:"state,omitempty"`
}
