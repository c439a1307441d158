package load

import (
	"bytes"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"oversight/kb"
)

// The fields a glossary term may have in its front matter.
var termFields = []string{"title", "aliases", "summary", "sources", "reviewed"}

// term reads one glossary term: a file of front matter only, since the
// definition is its summary.
func (l *loader) term(file, id string, doc document) {
	f := fields(file, doc.front, termFields, l.log)
	t := &kb.Term{ID: id, File: file}
	t.Title = l.text(file, "title", f["title"], doc.front)
	t.Summary = l.text(file, "summary", f["summary"], doc.front)
	t.SummaryLine = lineOr(f["summary"], doc.front)
	t.Reviewed = l.date(file, "reviewed", f["reviewed"], doc.front, "YYYY-MM-DD", 10)
	for _, r := range l.idList(file, "sources", f["sources"]) {
		if l.checkSource(r) {
			t.Sources = append(t.Sources, r.id)
		}
	}
	if f["title"] != nil {
		l.claimForm(t, t.Title, ref{file: file, line: line(f["title"])})
	}
	for _, a := range l.formList(file, f["aliases"]) {
		l.claimForm(t, a.id, a)
		t.Aliases = append(t.Aliases, a.id)
	}
	if len(bytes.TrimSpace(doc.body)) > 0 {
		l.log.add(file, doc.bodyLine, "a glossary term has no body: write its definition in summary:")
	}
	l.terms = append(l.terms, t)
	l.termsByID[id] = t
}

// formList reads the aliases of a term, a list of one-line texts, each with
// where it was written.
func (l *loader) formList(file string, n *yaml.Node) []ref {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.log.add(file, line(n), "aliases must be a list, like [reward models, preference model]")
		return nil
	}
	var out []ref
	for _, item := range n.Content {
		if v := l.text(file, "alias", item, n); v != "" {
			out = append(out, ref{id: v, file: file, line: line(item)})
		}
	}
	return out
}

// claimForm records that a form names the term. A form must have a letter,
// and name one term only: text could not say which of two it means.
func (l *loader) claimForm(t *kb.Term, form string, at ref) {
	key := formKey(form)
	switch first, taken := l.termForms[key]; {
	case key == "":
	case !strings.ContainsFunc(key, unicode.IsLetter):
		l.log.add(at.file, at.line, "the form %q has no letter: a term is found in text by its words", form)
	case taken && first.id == t.ID:
		l.log.add(at.file, at.line, "the form %q is given twice (first on line %d)", form, first.line)
	case taken:
		l.log.add(at.file, at.line, "the form %q already names the term %s (%s:%d): a form may name one term only", form, first.id, first.file, first.line)
	default:
		l.termForms[key] = ref{id: t.ID, file: at.file, line: at.line}
	}
}

// checkGlossaryLinks reports links to glossary terms that do not exist, on
// one line of a body.
func (l *loader) checkGlossaryLinks(text, file string, at int) {
	for _, m := range glossaryHref.FindAllStringSubmatch(text, -1) {
		if _, ok := l.termsByID[m[1]]; !ok {
			l.log.add(file, at, "the text links to unknown glossary term %q%s", m[1], l.termHint(m[1]))
		}
	}
}

// termHint names the closest glossary term id, to catch typos.
func (l *loader) termHint(id string) string {
	ids := make([]string, 0, len(l.termsByID))
	for known := range l.termsByID {
		ids = append(ids, known)
	}
	return didYouMean(id, ids)
}

// checkCitationForm reports what looks like a citation on one line of a
// body but is not written [@id]: it would show as typed, linking nowhere.
func (l *loader) checkCitationForm(text, file string, at int) {
	if len(citationStart.FindAllStringIndex(text, -1)) > len(citation.FindAllStringIndex(text, -1)) {
		l.log.add(file, at, "a citation that links nowhere: write each as [@source-id], one id per brackets, like [@burns2023weak]")
	}
}

// lineOr is the line of a field, or of its parent mapping when the field
// is missing.
func lineOr(n, parent *yaml.Node) int {
	if n == nil {
		return line(parent)
	}
	return line(n)
}
