// Command articleoutline keeps app/testdata/article-outline.txt, the outline
// of the seed article the app is built from: its section headings and, in
// the sections that list items, the lead-in phrase of each paragraph. The
// app's coverage test reads the outline, so the repository tests alone;
// CI (.ci/run) checks the outline against the article itself, which is
// not in the repository (CI passes the team's copy):
//
//	go run ./tools/articleoutline -check path/to/superalignment-article.txt
//	go run ./tools/articleoutline -write path/to/superalignment-article.txt
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// outlineFile is where the outline is kept, from the repository's root.
const outlineFile = "app/testdata/article-outline.txt"

const header = `# The outline of the seed article the app is built from
# (superalignment-article.txt): its section headings, and indented under the
# sections that list items the lead-in phrase of each of their paragraphs.
# app/coverage_test.go checks that each has a page; .ci/run checks this
# outline against the article (go run ./tools/articleoutline -check …).
`

func main() {
	check := flag.String("check", "", "the article: fail if the outline does not match it")
	write := flag.String("write", "", "the article: write its outline")
	flag.Parse()
	if (*check == "") == (*write == "") {
		fmt.Fprintln(os.Stderr, "usage: articleoutline -check article.txt | -write article.txt")
		os.Exit(2)
	}
	if err := run(*check, *write); err != nil {
		fmt.Fprintln(os.Stderr, "articleoutline:", err)
		os.Exit(1)
	}
}

func run(check, write string) error {
	article := check + write
	data, err := os.ReadFile(article)
	if err != nil {
		return err
	}
	want := header + outline(string(data))
	if write != "" {
		return os.WriteFile(outlineFile, []byte(want), 0o644)
	}
	got, err := os.ReadFile(outlineFile)
	if err != nil {
		return err
	}
	if string(got) != want {
		return fmt.Errorf("%s no longer matches %s: run `go run ./tools/articleoutline -write %s`, then give every new topic a page (app/coverage_test.go)", outlineFile, article, article)
	}
	fmt.Printf("articleoutline: %s matches %s\n", outlineFile, article)
	return nil
}

// chrome are lines of the wiki page around the article, not its sections.
var chrome = map[string]bool{"Return to Wiki": true}

// leadIn finds a paragraph's opening phrase: "Scalable oversight. …".
var leadIn = regexp.MustCompile(`^([A-Z][A-Za-z -]{2,60})\. ["“A-Z]`)

// listSections are the sections whose paragraphs each open with the name of
// the item they discuss.
var listSections = map[string]bool{"Research Directions": true, "Limits and Disputes": true}

// outline lists the article's section headings (short lines standing alone
// between blank lines, without a full stop) and, indented under the
// sections that list items, the lead-in phrase of each paragraph.
func outline(article string) string {
	lines := strings.Split(strings.ReplaceAll(article, "\r\n", "\n"), "\n")
	var out strings.Builder
	section := ""
	for i, l := range lines {
		l = strings.TrimSpace(l)
		blankAround := (i == 0 || strings.TrimSpace(lines[i-1]) == "") && (i+1 == len(lines) || strings.TrimSpace(lines[i+1]) == "")
		switch {
		case l == "" || strings.Contains(l, "·") || chrome[l]:
		case blankAround && len(l) < 40 && !strings.ContainsAny(l, ".:"):
			section = l
			fmt.Fprintln(&out, l)
		case listSections[section] && leadIn.MatchString(l):
			fmt.Fprintln(&out, "  "+leadIn.FindStringSubmatch(l)[1])
		}
	}
	return out.String()
}
