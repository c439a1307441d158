package load

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode"
)

// attributeProblem says why v cannot be written into an HTML attribute as
// it is, or "" if it can. Titles, summaries and other one-line texts reach
// attributes (the meta description, aria-label), and go-app writes
// prerendered attribute values with strconv.Quote instead of escaping them
// for HTML: a " would end the value and let the rest in as markup, a \ comes
// out doubled, a character Go does not print (a no-break space, a zero-width
// joiner) comes out as an escape like \u00a0, and the browser reads &amp;
// or &copy as the character they name. So each of those is refused: the
// text then reads the same in the prerendered page and in the app. < and >
// would be harmless inside the quotes, but they are refused too, so that no
// text carries markup to wherever else it may be written.
func attributeProblem(v string) string {
	if strings.ContainsAny(v, "\"\\<>") {
		return "contains one of \" \\ < > which break HTML attributes: use typographic quotes “ ” ‘ ’ instead"
	}
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return "contains a control character or line break: keep it on one line"
	}
	if html.UnescapeString(v) != v {
		return "contains an HTML character reference (like &amp;), which a page would show as the character: write the character itself"
	}
	if strconv.Quote(v) != `"`+v+`"` {
		for _, r := range v {
			if !strconv.IsPrint(r) {
				return fmt.Sprintf("contains the character %U, which a page cannot show as it is: use an ordinary space or leave it out", r)
			}
		}
	}
	return ""
}
