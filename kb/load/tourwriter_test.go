package load

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"oversight/kb"
)

// tourMarkdown writes a tour back in the tour format: parsing the result
// must give the same tour, which proves the parser loses nothing.
func tourMarkdown(t *kb.Tour) []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\naudience: %s\nminutes: %d\nsummary: %s\n",
		yamlText(t.Title), yamlText(t.Audience), t.Minutes, yamlText(t.Summary))
	if t.Reviewed != "" {
		fmt.Fprintf(&b, "reviewed: %s\n", t.Reviewed)
	}
	if t.Weight != 0 {
		fmt.Fprintf(&b, "weight: %d\n", t.Weight)
	}
	if len(t.ListedSources) > 0 {
		fmt.Fprintf(&b, "sources: [%s]\n", strings.Join(t.ListedSources, ", "))
	}
	b.WriteString("---\n")
	for _, s := range t.Steps {
		fmt.Fprintf(&b, "\n## %s\n\n%s %s\n\n%s\n", s.Title, conceptsLabel, strings.Join(s.Concepts, ", "), s.Narration)
		if s.Notes != "" {
			fmt.Fprintf(&b, "\n### %s\n\n%s\n", NotesHeading, s.Notes)
		}
		if len(s.Questions) > 0 {
			fmt.Fprintf(&b, "\n### %s\n\n", QuestionsHeading)
			for _, q := range s.Questions {
				fmt.Fprintf(&b, "- %s\n", q)
			}
		}
	}
	if len(t.Quiz) > 0 {
		fmt.Fprintf(&b, "\n## %s\n", SelfCheckHeading)
		for _, q := range t.Quiz {
			fmt.Fprintf(&b, "\n### %s\n\n", q.Prompt)
			for i, o := range q.Options {
				mark := " "
				if i == q.Answer {
					mark = "x"
				}
				fmt.Fprintf(&b, "- [%s] %s\n", mark, o)
			}
			fmt.Fprintf(&b, "\n%s %s\n", feedbackLabel, q.Feedback)
		}
	}
	return b.Bytes()
}

// yamlText writes one line of text as a YAML value: plain when YAML reads
// it back unchanged, quoted otherwise.
func yamlText(v string) string {
	var back struct{ V string }
	if yaml.Unmarshal([]byte("v: "+v), &back) == nil && back.V == v {
		return v
	}
	out, _ := yaml.Marshal(v) // a string always encodes
	return strings.TrimSuffix(string(out), "\n")
}
