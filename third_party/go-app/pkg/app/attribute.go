package app

import (
	"strconv"
	"strings"
)

type attributes map[string]string

func (a attributes) Set(name string, value any) {
	var v string
	switch name {
	case "value":
		v = toString(value)

	case "style", "allow":
		v = strings.TrimLeft(a[name]+";"+toAttributeValue(value), ";")

	case "class":
		v = strings.TrimSpace(a[name] + " " + toAttributeValue(value))

	case "srcset":
		v = strings.TrimLeft(a[name]+", "+toAttributeValue(value), ", ")

	default:
		v = toAttributeValue(value)
	}

	switch v {
	case "cite",
		"data",
		"download",
		"href",
		"src",
		"value":
		a[name] = v

	default:
		if v != "" {
			a[name] = v
		}
	}
}

type attributeURLResolver func(string) string

func toAttributeValue(v any) string {
	return strings.TrimSpace(toString(v))
}

func resolveAttributeURLValue(name, value string, resolve attributeURLResolver) string {
	switch name {
	case "cite",
		"data",
		"href",
		"src":
		return resolve(value)

	case "srcset":
		srcs := strings.Split(value, ", ")
		for i, src := range srcs {
			srcs[i] = resolve(src)
		}
		return strings.Join(srcs, ", ")

	default:
		return value
	}
}

func setJSAttribute(jsElement Value, name, value string) {
	if property, ok := booleanProperties[name]; ok {
		on, _ := strconv.ParseBool(value)
		jsElement.Set(property, on)
		return
	}

	switch name {
	case "value":
		jsElement.Set(name, value)

	case "contenteditable":
		jsElement.Set("contentEditable", value)

	default:
		jsElement.Call("setAttribute", name, value)
	}
}

// booleanProperties are the attributes that setJSAttribute sets as boolean
// properties, with the property's name. Oversight Explorer: one list, so
// that the server's encoder writes them as the DOM reflects them.
var booleanProperties = map[string]string{
	"async":     "async",
	"autofocus": "autofocus",
	"autoplay":  "autoplay",
	"checked":   "checked",
	"default":   "default",
	"defer":     "defer",
	"disabled":  "disabled",
	"hidden":    "hidden",
	"ismap":     "isMap",
	"loop":      "loop",
	"multiple":  "multiple",
	"muted":     "muted",
	"open":      "open",
	"readonly":  "readOnly",
	"required":  "required",
	"reversed":  "reversed",
	"selected":  "selected",
}

func isBooleanProperty(name string) bool {
	_, ok := booleanProperties[name]
	return ok
}

// Oversight Explorer: attributeInDOM is the attribute the DOM holds once
// setJSAttribute has set name to value: a boolean property is there, with
// no value, only when true; any other attribute holds its value, a URL
// resolved. The server's encoder writes it so, and the first page compares
// the prerendered page's attributes with it.
func attributeInDOM(name, value string, resolve attributeURLResolver) (inDOM string, present bool) {
	if isBooleanProperty(name) {
		on, _ := strconv.ParseBool(value)
		return "", on
	}
	return resolveAttributeURLValue(name, value, resolve), true
}

// isLiveProperty reports whether setJSAttribute sets name as a property
// whose live state (a field's typed value) the attribute does not show.
func isLiveProperty(name string) bool {
	return name == "value" || name == "contenteditable"
}

func deleteJSAttribute(jsElement Value, name string) {
	jsElement.Call("removeAttribute", name)
}
