//go:build !(js && wasm)

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// withFaithfulPages makes each page go-app prerenders hold what the
// WebAssembly draws in its place, so that nothing moves or reads differently
// when it takes over, and a reader without JavaScript gets the same page.
// go-app's encoder differs from its DOM in three ways that reach readers:
//   - It indents: a newline and spaces around every child of an element with
//     several. In running text that is a space the app never draws:
//     "26 November 2026 ; each page…", "Your data on this device : what…".
//   - It writes an attribute whose value is "true" with no value, which for
//     ARIA means no value at all: aria-hidden="true" became aria-hidden,
//     which hides nothing; aria-pressed="true" became "not a toggle".
//   - It writes attributes in Go's random map order, so that the same page
//     comes out different on every request, compresses worse, and a static
//     export is never the same twice.
//
// Anything that is not an HTML page passes through untouched.
func withFaithfulPages(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &pageRecorder{w: w}
		next.ServeHTTP(rec, r)
		if !rec.buffering {
			return
		}
		body := rec.body.Bytes()
		if faithful, err := faithfulPage(body); err == nil {
			body = faithful
		} else {
			log.Printf("%s goes out as go-app wrote it: %v", r.URL.Path, err)
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(rec.status)
		w.Write(body)
	})
}

// pageRecorder holds back an HTML answer so that it can be rewritten, and
// lets every other answer through as it is written.
type pageRecorder struct {
	w         http.ResponseWriter
	decided   bool
	buffering bool
	status    int
	body      bytes.Buffer
}

func (p *pageRecorder) Header() http.Header { return p.w.Header() }

func (p *pageRecorder) WriteHeader(status int) {
	if p.decided {
		return
	}
	p.decided = true
	p.status = status
	p.buffering = (status == http.StatusOK || status == http.StatusNotFound) &&
		strings.HasPrefix(p.w.Header().Get("Content-Type"), "text/html") && p.w.Header().Get("Content-Encoding") == ""
	if !p.buffering {
		p.w.WriteHeader(status)
	}
}

func (p *pageRecorder) Write(b []byte) (int, error) {
	if !p.decided {
		p.WriteHeader(http.StatusOK)
	}
	if p.buffering {
		return p.body.Write(b)
	}
	return p.w.Write(b)
}

// verbatimElements keep their text exactly: in them every space is drawn.
var verbatimElements = map[string]bool{"pre": true, "textarea": true, "script": true, "style": true}

// faithfulPage rewrites one page go-app encoded (see withFaithfulPages).
func faithfulPage(page []byte) ([]byte, error) {
	z := html.NewTokenizer(bytes.NewReader(page))
	out := bytes.NewBuffer(make([]byte, 0, len(page)))
	verbatim := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				return out.Bytes(), nil
			}
			return nil, z.Err()
		case html.TextToken:
			if verbatim > 0 {
				out.Write(z.Raw())
			} else {
				out.Write(withoutIndentation(z.Raw()))
			}
		case html.StartTagToken:
			name, err := writeTag(out, z, false)
			if err != nil {
				return nil, err
			}
			if verbatimElements[name] {
				verbatim++
			}
		case html.SelfClosingTagToken:
			if _, err := writeTag(out, z, true); err != nil {
				return nil, err
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if verbatimElements[string(name)] && verbatim > 0 {
				verbatim--
			}
			out.Write(z.Raw())
		default:
			out.Write(z.Raw())
		}
	}
}

// withoutIndentation takes off what go-app's encoder adds around a child:
// a newline and its indentation before it, and before the parent's end tag.
// go-app indents by two spaces a level, and the body is at least a level
// deep, so the newline is always followed by spaces. A newline with no
// spaces after it is the text's own (Markdown's soft line break) and stays.
func withoutIndentation(text []byte) []byte {
	if n := indentationAt(text); n > 0 {
		text = text[n:]
	}
	if i := bytes.LastIndexByte(text, '\n'); i >= 0 && i < len(text)-1 && len(bytes.Trim(text[i+1:], " ")) == 0 {
		text = text[:i]
	}
	return text
}

// indentationAt is the length of a newline and the spaces after it at the
// start of text, or 0.
func indentationAt(text []byte) int {
	if len(text) < 2 || text[0] != '\n' || text[1] != ' ' {
		return 0
	}
	n := 1
	for n < len(text) && text[n] == ' ' {
		n++
	}
	return n
}

// writeTag writes the tag the tokenizer is on with its attributes in order
// of name and an ARIA attribute written without a value as "true" (go-app's
// only reason to leave a value out). Names keep the case they were written
// in, which SVG's need (viewBox, refX). It returns the tag's name.
func writeTag(out *bytes.Buffer, z *html.Tokenizer, selfClosing bool) (string, error) {
	raw := string(z.Raw())
	names, err := attributeNames(raw)
	if err != nil {
		return "", err
	}
	name, hasAttr := z.TagName()
	tag := string(name)
	type attribute struct{ name, value string }
	var attrs []attribute
	for hasAttr {
		var key, value []byte
		key, value, hasAttr = z.TagAttr()
		if len(attrs) >= len(names) || !strings.EqualFold(names[len(attrs)], string(key)) {
			return "", fmt.Errorf("the attributes of %.80q could not be read in order", raw)
		}
		a := attribute{names[len(attrs)], string(value)}
		if a.value == "" && strings.HasPrefix(a.name, "aria-") {
			a.value = "true"
		}
		attrs = append(attrs, a)
	}
	slices.SortStableFunc(attrs, func(a, b attribute) int { return strings.Compare(a.name, b.name) })
	out.WriteByte('<')
	out.WriteString(rawTagName(raw, tag))
	for _, a := range attrs {
		out.WriteByte(' ')
		out.WriteString(a.name)
		if a.value != "" {
			out.WriteString(`="`)
			out.WriteString(html.EscapeString(a.value))
			out.WriteByte('"')
		}
	}
	if selfClosing {
		out.WriteByte('/')
	}
	out.WriteByte('>')
	return tag, nil
}

// rawTagName is the tag's name as it was written.
func rawTagName(raw, lower string) string {
	return raw[1 : 1+len(lower)]
}

// attributeNames lists the names of a start tag's attributes as written,
// in order, skipping their values, quoted or not.
func attributeNames(raw string) ([]string, error) {
	i := 1
	for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '>' && raw[i] != '/' {
		i++
	}
	var names []string
	for {
		for i < len(raw) && (isTagSpace(raw[i]) || raw[i] == '/') {
			i++
		}
		if i >= len(raw) || raw[i] == '>' {
			return names, nil
		}
		start := i
		for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '=' && raw[i] != '>' && raw[i] != '/' {
			i++
		}
		names = append(names, raw[start:i])
		for i < len(raw) && isTagSpace(raw[i]) {
			i++
		}
		if i >= len(raw) || raw[i] != '=' {
			continue
		}
		i++
		for i < len(raw) && isTagSpace(raw[i]) {
			i++
		}
		if i < len(raw) && (raw[i] == '"' || raw[i] == '\'') {
			end := strings.IndexByte(raw[i+1:], raw[i])
			if end < 0 {
				return nil, fmt.Errorf("an attribute value in %.80q has no closing quote", raw)
			}
			i += end + 2
			continue
		}
		for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '>' {
			i++
		}
	}
}

func isTagSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}
