package kb

import "sort"

// Redirect says that an old concept id, merged into another concept, now
// names that concept: its address should lead to the concept's page.
type Redirect struct {
	From, To string
}

// Redirects lists every alias with the concept it names, ordered by alias,
// so that a server or a static export can send old addresses on.
func (k *KB) Redirects() []Redirect {
	out := make([]Redirect, 0, len(k.redirects))
	for from, to := range k.redirects {
		out = append(out, Redirect{From: from, To: to})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].From < out[j].From })
	return out
}

// RedirectOf returns the id of the concept that an old id was merged into.
func (k *KB) RedirectOf(id string) (string, bool) {
	to, ok := k.redirects[id]
	return to, ok
}
