package kb

// The addresses of the pages that show the knowledge base. The app routes
// them and the loader checks the links authors write in Markdown against
// them, so both read them from here.
const (
	ConceptsPath = "/concepts"
	CaveatsPath  = "/caveats"
	HistoryPath  = "/history"
	ReadingsPath = "/readings"
	SourcesPath  = "/sources"
	GlossaryPath = "/glossary"
)

// ConceptPath is the address of a concept's page.
func ConceptPath(id string) string { return ConceptsPath + "/" + id }

// CaveatPath is the address of a caveat's page.
func CaveatPath(id string) string { return CaveatsPath + "/" + id }

// EventPath is the address of a history event's page.
func EventPath(id string) string { return HistoryPath + "/" + id }

// ReadingPath is the address of an interpretive reading.
func ReadingPath(id string) string { return ReadingsPath + "/" + id }

// GlossaryTermPath is the address of a term on the glossary page.
func GlossaryTermPath(id string) string { return GlossaryPath + "#" + id }

// ValidID says whether id can name an item, and so be part of an address:
// words of lower-case ASCII letters and digits joined by single hyphens,
// like "weak-to-strong-generalization".
func ValidID(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
