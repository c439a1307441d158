// Package qrread reads the QR codes the app draws, for tests: it paints an
// SVG path of unit squares into an image, checks the blank margin a
// scanner needs around the code, and decodes the code with an independent
// decoder (gozxing, a port of ZXing), so a test proves that the code is a
// valid QR code that holds what it should.
//
// The decoder reads the image as a clean picture of one code (ZXing's
// "pure barcode" mode) rather than searching it for finder patterns as it
// would a photo: gozxing's search picks a false finder pattern out of the
// data in about one valid code in fifteen (131 of 2,001 join addresses,
// each of which reads back in pure mode), which would make the tests fail
// by chance on the random port and join code of a run. The pure reading
// still checks all that the code holds: its format, version, mask and
// error correction, and the text.
package qrread

import (
	"fmt"
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"

	"github.com/makiuchi-d/gozxing"
	zxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// QuietZone is the blank margin, in modules, that a scanner needs around a
// code.
const QuietZone = 4

var unitSquare = regexp.MustCompile(`M(\d+) (\d+)h1v1h-1z`)

// DecodeSVG reads a code drawn as one path of unit squares ("M x yh1v1h-1z"
// each) in a square viewBox ("0 0 side side").
func DecodeSVG(viewBox, path string) (string, error) {
	const scale = 8
	fields := strings.Fields(viewBox)
	if len(fields) != 4 {
		return "", fmt.Errorf("viewBox %q is not four numbers", viewBox)
	}
	side, err := strconv.Atoi(fields[3])
	if err != nil {
		return "", fmt.Errorf("viewBox %q: %w", viewBox, err)
	}
	img := image.NewGray(image.Rect(0, 0, side*scale, side*scale))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for _, m := range unitSquare.FindAllStringSubmatch(path, -1) {
		x, _ := strconv.Atoi(m[1])
		y, _ := strconv.Atoi(m[2])
		if min(x, y) < QuietZone || max(x, y) >= side-QuietZone {
			return "", fmt.Errorf("a dark module at (%d, %d) is inside the %d-module quiet zone of a %d-module image", x, y, QuietZone, side)
		}
		for dy := range scale {
			for dx := range scale {
				img.SetGray(x*scale+dx, y*scale+dy, color.Gray{})
			}
		}
	}
	bitmap, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	pure := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true}
	result, err := zxingqr.NewQRCodeReader().Decode(bitmap, pure)
	if err != nil {
		return "", err
	}
	return result.GetText(), nil
}
