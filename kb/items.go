package kb

// CaveatGroup says where a caveat comes from in the article.
type CaveatGroup string

// The groups of caveats.
const (
	// GroupLimits are the field-wide limits and disputes.
	GroupLimits CaveatGroup = "limits-and-disputes"
	// GroupDirection are caveats attached to one research direction.
	GroupDirection CaveatGroup = "direction"
)

// CaveatGroups lists the groups in the order the caveats page shows them.
var CaveatGroups = []CaveatGroup{GroupLimits, GroupDirection}

// Label is the group's heading.
func (g CaveatGroup) Label() string {
	switch g {
	case GroupLimits:
		return "Limits and disputes"
	case GroupDirection:
		return "Caveats on single directions"
	}
	return string(g)
}

// Caveat is a limit or dispute that qualifies some concepts.
type Caveat struct {
	Entry
	Group CaveatGroup
	// Qualifies are the ids of the concepts the caveat qualifies.
	Qualifies []string
}

// Evidence is how strong the record of a historical event is.
type Evidence string

// The levels of evidence, strongest first.
const (
	EvidenceOfficial Evidence = "official"
	EvidencePaper    Evidence = "paper"
	EvidencePress    Evidence = "press"
	EvidencePersonal Evidence = "personal"
)

// EvidenceLevels lists the levels in the order a legend shows them.
var EvidenceLevels = []Evidence{EvidenceOfficial, EvidencePaper, EvidencePress, EvidencePersonal}

// Label names the evidence level for readers.
func (e Evidence) Label() string {
	switch e {
	case EvidenceOfficial:
		return "Official announcement"
	case EvidencePaper:
		return "Research paper"
	case EvidencePress:
		return "Press report"
	case EvidencePersonal:
		return "Personal statement"
	}
	return string(e)
}

// IsReport says whether the evidence is someone's account rather than a
// primary record: readers must be able to tell the two apart.
func (e Evidence) IsReport() bool { return e == EvidencePress || e == EvidencePersonal }

// Event is a dated moment in the field's institutional history.
type Event struct {
	Entry
	// Date is YYYY-MM-DD, or YYYY-MM when the day is not known.
	Date     string
	Evidence Evidence
	// Concerns are the ids of the concepts the event concerns.
	Concerns []string
}

// Reading is an interpretive reading: interpretation, not fact.
type Reading struct {
	Entry
}

// Page is a page of prose, such as the definition and origin or the
// technical problem.
type Page struct {
	Entry
}

// Status says how far a source's details were confirmed.
type Status string

// Statuses are the statuses a source can have.
const (
	StatusVerified       Status = "verified"
	StatusPartlyVerified Status = "partly-verified"
	StatusUnverified     Status = "unverified"
)

var Statuses = []Status{StatusVerified, StatusPartlyVerified, StatusUnverified}

// Label names the status for readers.
func (s Status) Label() string {
	switch s {
	case StatusVerified:
		return "Verified"
	case StatusPartlyVerified:
		return "Partly verified"
	case StatusUnverified:
		return "Unverified"
	}
	return string(s)
}

// Source is a bibliography entry.
type Source struct {
	ID      string
	Title   string
	Authors string
	Venue   string
	// Date is YYYY, YYYY-MM or YYYY-MM-DD, as far as it is known.
	Date   string
	URL    string
	Status Status
	// Unverified says what is not confirmed, unless Status is verified.
	Unverified string
	// Note is the body rendered to HTML: what the source shows.
	Note string
	File string
}
