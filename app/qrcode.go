package app

import (
	"strconv"
	"strings"

	"github.com/boombuler/barcode/qr"
	ui "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// qrQuietZone is the blank margin a scanner needs around the code, in
// modules.
const qrQuietZone = 4

// QRCode draws a QR code of a text (here, the address of a tour step) as
// SVG, so that students can open the same page on their phones. The code is
// encoded in Go by github.com/boombuler/barcode; nothing is fetched.
type QRCode struct {
	ui.Compo

	// Text is what the code holds.
	Text string
	// Label describes the code for screen readers.
	Label string
}

func (q *QRCode) Render() ui.UI {
	size, path, err := qrPath(q.Text)
	if err != nil {
		return ui.P().Class("qr-error").Text("This address is too long for a QR code.")
	}
	side := strconv.Itoa(size + 2*qrQuietZone)
	return svg("svg").
		Class("qr-code").
		Attr("viewBox", "0 0 "+side+" "+side).
		Attr("role", "img").
		Aria("label", q.Label).
		Attr("shape-rendering", "crispEdges").
		Body(
			svg("rect").Class("qr-light").Attr("width", side).Attr("height", side),
			svg("path").Class("qr-dark").Attr("d", path),
		)
}

// qrPath encodes text and returns the code's width in modules and an SVG
// path with one unit square per dark module, offset by the quiet zone.
func qrPath(text string) (int, string, error) {
	code, err := qr.Encode(text, qr.M, qr.Auto)
	if err != nil {
		return 0, "", err
	}
	size := code.Bounds().Dx()
	var d strings.Builder
	for y := range size {
		for x := range size {
			if r, _, _, _ := code.At(x, y).RGBA(); r < 0x8000 {
				d.WriteString("M" + strconv.Itoa(x+qrQuietZone) + " " + strconv.Itoa(y+qrQuietZone) + "h1v1h-1z")
			}
		}
	}
	return size, d.String(), nil
}
