package load

import (
	"go.yaml.in/yaml/v3"

	"oversight/kb"
)

// pendingAlias is an old id that a concept's file says was merged into it,
// remembered until every concept id is known.
type pendingAlias struct {
	ref
	to string
}

// conceptAliases reads a concept's aliases: the ids of concepts merged into
// it, whose addresses must keep working.
func (l *loader) conceptAliases(file, to string, n *yaml.Node) []string {
	var ids []string
	for _, r := range l.idList(file, "aliases", n) {
		l.aliases = append(l.aliases, pendingAlias{ref: r, to: to})
		ids = append(ids, r.id)
	}
	return ids
}

// checkAliases runs once every concept is known. An alias must be a valid
// id that no concept has and no other concept claims: an address must
// lead to one page.
func (l *loader) checkAliases() {
	l.aliasOf = make(map[string]string)
	first := make(map[string]pendingAlias)
	for _, a := range l.aliases {
		c, isConcept := l.conceptsByID[a.id]
		prior, claimed := first[a.id]
		switch {
		case !kb.ValidID(a.id):
			l.log.add(a.file, a.line, "alias %q is not a valid id: use lowercase letters, digits and single hyphens", a.id)
		case isConcept:
			l.log.add(a.file, a.line, "alias %q is the id of a concept (%s): an alias must be an id that no concept has", a.id, c.File)
		case claimed:
			l.log.add(a.file, a.line, "alias %q is already an alias of %s (%s:%d): an old id can lead to one concept only", a.id, prior.to, prior.file, prior.line)
		default:
			first[a.id] = a
			l.aliasOf[a.id] = a.to
		}
	}
}
