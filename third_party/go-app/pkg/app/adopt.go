package app

import (
	"reflect"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/errors"
)

// Oversight Explorer: upstream's client built the first page's whole tree
// anew and put it in place of the page the server had prerendered, so the
// browser parsed, styled and laid out every element of the page twice while
// the app started. The engine now adopts the prerendered page: each text,
// element and raw HTML of the first render takes the node the server wrote
// for it in the same place, and an element's attributes are brought to what
// the browser's render says. Where the two renders differ (what only the
// browser knows, such as the reader's local data), a new node is mounted in
// that place, as upstream mounts every node, so the page always ends as the
// browser's render says, whatever the server sent.

// adoption says what became of the prerendered node an element was given.
type adoption int

const (
	// tookNode: the element owns the node now.
	tookNode adoption = iota
	// replacesNode: the element was mounted anew and takes the node's place.
	replacesNode
	// precedesNode: the element was mounted anew and goes before the node,
	// which the element's next sibling may still take.
	precedesNode
)

// adoptionHelpers are the functions of app.js that answer, in one call
// each, whether a prerendered node is what Go would make: reading a string
// from JavaScript into Go costs two calls and an encoding, and asking the
// DOM attribute by attribute made adopting the page cost more than drawing
// it.
type adoptionHelpers struct {
	element Value // oversightAdoptElement(node, nodeName, attrs) int
	text    Value // oversightAdoptText(node, text) bool
}

// newAdoptionHelpers returns helpers that find theirs in the page's app.js,
// which comes from the same build as the WebAssembly (the service worker
// caches both under the build's version), when the engine first adopts a
// node: an engine that never adopts, such as HTMLString's in the worker that
// compiles the WebAssembly (web/wasmcompile.js), has no page to ask.
func newAdoptionHelpers() *adoptionHelpers {
	return &adoptionHelpers{}
}

// find looks the helpers up, once.
func (h *adoptionHelpers) find() {
	if h.element != nil {
		return
	}
	element, text := Window().Get("oversightAdoptElement"), Window().Get("oversightAdoptText")
	if element.Type() != TypeFunction || text.Type() != TypeFunction {
		panic(errors.New("app.js has no oversightAdoptElement or oversightAdoptText: it is not from the WebAssembly's build"))
	}
	h.element, h.text = element, text
}

// What oversightAdoptElement says of a node.
const (
	otherNode       = 0
	otherAttributes = 1
	sameElement     = 2
)

// Adopt mounts v onto node, the prerendered node in v's place (null when
// there is none), and says what became of node. The caller puts a newly
// mounted element into the document.
func (m nodeManager) Adopt(ctx Context, depth uint, v UI, node Value) (UI, adoption, error) {
	m.slicer.yieldIfDue()
	ctx = m.context(ctx, v)

	switch v := v.(type) {
	case *text:
		if !v.Mounted() && m.adoptText(v, node) {
			return v, tookNode, nil
		}

	case HTML:
		if !v.Mounted() {
			if match := m.matchElement(ctx, v, node); match != otherNode {
				return m.adoptHTML(ctx, depth, v, node, match)
			}
		}

	case Composer:
		return m.adoptComponent(ctx, depth, v, node)

	case *raw:
		if isElementName(nodeName(node)) && !v.Mounted() {
			return m.adoptRawHTML(v, node)
		}
	}

	mounted, err := m.Mount(ctx, depth, v)
	if err != nil {
		return nil, 0, err
	}
	if isElementNode(mounted) && isElementName(nodeName(node)) {
		return mounted, replacesNode, nil
	}
	return mounted, precedesNode, nil
}

// matchElement says whether node is the element v would make, and whether
// it already has v's attributes.
func (m nodeManager) matchElement(ctx Context, v HTML, node Value) int {
	m.adoption.find()
	return m.adoption.element.Invoke(node, elementNodeName(v), attributesAsParsed(ctx, v.attrs())).Int()
}

// attributesAsParsed is what a browser holds of attrs once it has parsed
// the server's page: the names and values joined with NUL, a boolean
// property there only when true, with no value.
func attributesAsParsed(ctx Context, attrs attributes) string {
	var b strings.Builder
	for name, value := range attrs {
		inDOM, present := attributeInDOM(name, value, ctx.ResolveStaticResource)
		if !present {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(0)
		}
		b.WriteString(name)
		b.WriteByte(0)
		b.WriteString(inDOM)
	}
	return b.String()
}

// nodeName is the DOM's nodeName of node: "#text" for a text, the tag in
// capitals for an HTML element, the tag as written for an SVG element; ""
// for no node.
func nodeName(node Value) string {
	if node == nil || node.IsNull() || node.IsUndefined() {
		return ""
	}
	return node.Get("nodeName").String()
}

// elementNodeName is the nodeName of the element the browser would make
// for v.
func elementNodeName(v HTML) string {
	if v.XMLNamespace() == "" {
		return strings.ToUpper(v.Tag())
	}
	return v.Tag()
}

func isElementName(nodeName string) bool {
	return nodeName != "" && nodeName[0] != '#'
}

func isElementNode(v UI) bool {
	switch v.(type) {
	case HTML, *raw:
		return true
	}
	return false
}

// adoptText makes v own node, and node say v's text, when node is a text.
func (m nodeManager) adoptText(v *text, node Value) bool {
	m.adoption.find()
	if !m.adoption.text.Invoke(node, v.value).Bool() {
		return false
	}
	v.jsvalue = node
	return true
}

func (m nodeManager) adoptHTML(ctx Context, depth uint, v HTML, node Value, match int) (UI, adoption, error) {
	v = v.setJSElement(node)
	if match == sameElement {
		m.setHTMLProperties(ctx, v)
	} else {
		m.adoptHTMLAttributes(ctx, v)
	}
	m.mountHTMLEventHandlers(ctx, v)
	v = v.setDepth(depth).(HTML)

	children := v.body()
	next := node.firstChild()
	for i, child := range children {
		current := next
		child, became, err := m.Adopt(ctx, depth+1, child, current)
		if err != nil {
			return nil, 0, errors.New("adopting child failed").
				WithTag("type", reflect.TypeOf(v)).
				WithTag("tag", v.Tag()).
				WithTag("depth", depth).
				WithTag("index", i).
				Wrap(err)
		}
		switch became {
		case tookNode:
			next = current.Get("nextSibling")
		case replacesNode:
			next = current.Get("nextSibling")
			node.replaceChild(child, current)
		case precedesNode:
			node.Call("insertBefore", child, current)
		}
		children[i] = child.setParent(v)
	}
	for nodeName(next) != "" {
		leftover := next
		next = leftover.Get("nextSibling")
		node.removeChild(leftover)
	}
	return v, tookNode, nil
}

// adoptHTMLAttributes brings the attributes of v's prerendered element to
// v's: an attribute is written only where the element's differs, so the
// browser restyles nothing the server already drew right, and one the
// browser's render does not have is removed.
func (m nodeManager) adoptHTMLAttributes(ctx Context, v HTML) {
	element := v.JSValue()
	attrs := v.attrs()
	for name, value := range attrs {
		inDOM, present := attributeInDOM(name, value, ctx.ResolveStaticResource)
		if isLiveProperty(name) || !holdsAttribute(element, name, inDOM, present) {
			setJSAttribute(element, name, resolveAttributeURLValue(name, value, ctx.ResolveStaticResource))
		}
	}

	names := element.Call("getAttributeNames").Call("join", " ").String()
	for _, name := range strings.Fields(names) {
		if _, kept := attrs[name]; !kept {
			deleteJSAttribute(element, name)
		}
	}
}

// setHTMLProperties sets the attributes that setJSAttribute sets as
// properties, whose live state the page's attributes do not show.
func (m nodeManager) setHTMLProperties(ctx Context, v HTML) {
	for name, value := range v.attrs() {
		if isLiveProperty(name) {
			setJSAttribute(v.JSValue(), name, value)
		}
	}
}

// holdsAttribute reports whether element holds the attribute name as
// attributeInDOM says it should: inDOM, or not at all when not present.
func holdsAttribute(element Value, name, inDOM string, present bool) bool {
	current := element.Call("getAttribute", name)
	if current.IsNull() {
		return !present
	}
	return present && current.String() == inDOM
}

func (m nodeManager) adoptComponent(ctx Context, depth uint, v Composer, node Value) (UI, adoption, error) {
	if v.Mounted() {
		return nil, 0, errors.New("component is already mounted").
			WithTag("parent-type", reflect.TypeOf(v.parent())).
			WithTag("type", reflect.TypeOf(v)).
			WithTag("depth", v.depth())
	}

	v = v.setRef(v)
	v = v.setDepth(depth)
	if initializer, ok := v.(Initializer); ok {
		initializer.OnInit()
	}
	if mounter, ok := v.(Mounter); ok && IsClient {
		ctx.Dispatch(mounter.OnMount)
	}

	root, err := m.renderComponent(v)
	if err != nil {
		return nil, 0, errors.New("rendering component failed").
			WithTag("type", reflect.TypeOf(v)).
			WithTag("depth", v.depth()).
			Wrap(err)
	}
	root, became, err := m.Adopt(ctx, depth+1, root, node)
	if err != nil {
		return nil, 0, errors.New("adopting component root failed").
			WithTag("type", reflect.TypeOf(v)).
			WithTag("depth", v.depth()).
			Wrap(err)
	}
	root = root.setParent(v)
	v = v.setRoot(root)
	return v, became, nil
}

// adoptRawHTML takes node when it is the element that v's HTML makes, and
// otherwise mounts v in its place.
func (m nodeManager) adoptRawHTML(v *raw, node Value) (UI, adoption, error) {
	wrapper, _ := Window().createElement("div", "")
	wrapper.setInnerHTML(v.value)
	made := wrapper.firstChild()
	if made.IsNull() {
		return nil, 0, errors.New("raw html has no element").
			WithTag("raw-preview", previewText(v.value))
	}
	wrapper.removeChild(made)
	if made.Call("isEqualNode", node).Bool() {
		v.jsElement = node
		return v, tookNode, nil
	}
	v.jsElement = made
	return v, replacesNode, nil
}
