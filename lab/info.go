package lab

// Info is what the app shows of a lab without running it: its page's words,
// its controls, the prediction it asks for and what the paper reported. It
// is plain data; the app knows only a summary of it (kb.Lab), so that its
// WebAssembly links neither the simulations nor their pages.
type Info struct {
	ID      string `json:"id"`      // its address: /labs/<ID>
	Title   string `json:"title"`   // e.g. "Weak-to-strong generalization"
	Concept string `json:"concept"` // the id of the concept it belongs to
	Summary string `json:"summary"` // one sentence for the index, the concept page and search
	Intro   string `json:"intro"`   // what the learner does, a short paragraph
	// Shows and DoesNot say what the toy shows and what it does not: it is
	// a toy, not a claim about the systems the concept is about.
	Shows   string `json:"shows"`
	DoesNot string `json:"doesNot"`
	// Caveat is the id of the caveat that says where the analogy may fail.
	Caveat string `json:"caveat"`
	// ConceptTitle and CaveatTitle are the titles of the concept and the
	// caveat, which the page links by name: the labs' worker has no
	// knowledge base to look them up in (a test holds them to content/).
	ConceptTitle string     `json:"conceptTitle"`
	CaveatTitle  string     `json:"caveatTitle"`
	Spec         Spec       `json:"spec"`
	Predict      Prediction `json:"predict"`
	Reported     []Fact     `json:"reported"` // the source's findings, beside the toy's
	// Reviewed is the day the reported facts were last checked against
	// their sources, YYYY-MM-DD.
	Reviewed string `json:"reviewed"`
}

// Prediction is what the learner commits to before the first run: a
// question, answered yes or no or by one of its Choices, and a guess of one
// number, which the run then answers.
type Prediction struct {
	Question string `json:"question"` // e.g. "Will the student beat its teacher?"
	// Choices, when set, are the answers to choose from (the run answers
	// with one's Key, Outcome.Choice); otherwise the answer is yes or no.
	Choices []Option `json:"choices,omitempty"`
	Guess   string   `json:"guess"`   // the slider's label
	Help    string   `json:"help"`    // what the number means, in a sentence
	Measure string   `json:"measure"` // the number's short name, e.g. "PGR"
	// Unit follows the guess where it is written, e.g. "%"; may be empty.
	Unit    string  `json:"unit,omitempty"`
	Min     float64 `json:"min"`
	Max     float64 `json:"max"`
	Step    float64 `json:"step"`
	Default float64 `json:"default"`
}

// Fact is a finding a source reports, shown beside the toy's numbers. Cite
// is the id of a source in content/sources.
type Fact struct {
	Value string `json:"value"`
	About string `json:"about"`
	Cite  string `json:"cite"`
	Where string `json:"where"`
}

// Path is the address of a lab's page.
func Path(id string) string { return IndexPath + "/" + id }

// IndexPath is the address of the page that lists the labs.
const IndexPath = "/labs"

// Cited lists the sources of the reported facts in the order they are
// first cited, which is how their citations are numbered.
func (i Info) Cited() []string {
	var ids []string
	seen := map[string]bool{}
	for _, f := range i.Reported {
		if !seen[f.Cite] {
			seen[f.Cite] = true
			ids = append(ids, f.Cite)
		}
	}
	return ids
}
