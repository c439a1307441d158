// Package qrread reads the QR codes the app draws, for tests: it paints an
// SVG path of unit squares into an image and decodes it with an independent
// decoder (gozxing, a port of ZXing), so a test proves that a phone's camera
// would read what the code holds.
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
	result, err := zxingqr.NewQRCodeReader().Decode(bitmap, nil)
	if err != nil {
		return "", err
	}
	return result.GetText(), nil
}
