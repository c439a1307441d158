package debate

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"math"
)

// The sparse judge: a small neural network that sees only the pixels
// revealed to it (where each is and its value) and scores the ten labels.
// It was trained once, on the training digits of which between MinK and
// MaxK random pixels were shown (train.go), and its weights are committed
// in judge.bin: training takes about half a second natively but several
// seconds in WebAssembly, too long to repeat each time the lab opens. A
// test trains it again and checks that it gets judge.bin byte for byte
// (natively and in WebAssembly alike).
//
//go:embed judge.bin
var judgeBin []byte

// hiddenUnits is the width of the judge's one hidden layer: enough for
// pixels to change each other's meaning, small enough that a verdict costs
// a few dozen multiplications, so the debaters can search through
// thousands.
const hiddenUnits = 32

// The number of revealed pixels the judge was trained for, and so the
// range of the lab's k.
const (
	MinK = 2
	MaxK = 10
)

// judge is the sparse judge's weights. A revealed pixel p with value v
// feeds seen[p] + (v/16)·ink[p] into the hidden layer: "seen" lets a blank
// pixel speak too, and a pixel not revealed adds nothing.
type judge struct {
	seen, ink  [Pixels][hiddenUnits]float64
	hiddenBias [hiddenUnits]float64
	out        [Labels][hiddenUnits]float64
	outBias    [Labels]float64
}

// view is what the judge has been shown so far, as its hidden units' inputs.
type view [hiddenUnits]float64

// loadJudge reads the committed judge.
func loadJudge() (*judge, error) {
	return decodeWeights(judgeBin)
}

// blank is the judge's view before any pixel is revealed.
func (j *judge) blank() view { return view(j.hiddenBias) }

// show adds pixel p, whose value is v, to a view.
func (j *judge) show(w *view, p int, v uint8) {
	seen, ink, x := &j.seen[p], &j.ink[p], float64(v)/MaxValue
	for i := range w {
		w[i] += seen[i] + x*ink[i]
	}
}

// scores are the judge's log-odds for each label, up to a constant.
func (j *judge) scores(w *view) [Labels]float64 {
	s := j.outBias
	for i, h := range w {
		if h <= 0 {
			continue
		}
		for l := range s {
			s[l] += h * j.out[l][i]
		}
	}
	return s
}

// guess is the label the judge scores highest; a tie goes to the smaller.
func (j *judge) guess(w *view) int {
	s := j.scores(w)
	best := 0
	for l := 1; l < Labels; l++ {
		if s[l] > s[best] {
			best = l
		}
	}
	return best
}

// contest is the judge choosing between two labels, a and b.
type contest struct {
	bias float64
	diff [hiddenUnits]float64
}

func (j *judge) contest(a, b int) contest {
	c := contest{bias: j.outBias[a] - j.outBias[b]}
	for i := range c.diff {
		c.diff[i] = j.out[a][i] - j.out[b][i]
	}
	return c
}

// margin is how much more the judge believes a than b, as a difference of
// log-odds: above zero it picks a.
func (c *contest) margin(w *view) float64 {
	m := c.bias
	for i, h := range w {
		if h > 0 {
			m += h * c.diff[i]
		}
	}
	return m
}

// marginWith is the margin once pixel p, whose value is v, joins the view,
// without changing the view.
func (c *contest) marginWith(j *judge, w *view, p int, v uint8) float64 {
	m := c.bias
	seen, ink, x := &j.seen[p], &j.ink[p], float64(v)/MaxValue
	for i, h := range w {
		if h += seen[i] + x*ink[i]; h > 0 {
			m += h * c.diff[i]
		}
	}
	return m
}

// The weights travel as little-endian float32s, in the order of the fields
// of judge: seen, ink, hidden biases, output weights, output biases.
const weightCount = 2*Pixels*hiddenUnits + hiddenUnits + Labels*hiddenUnits + Labels

func (w *judge) fields() [][]float64 {
	var f [][]float64
	for p := range w.seen {
		f = append(f, w.seen[p][:])
	}
	for p := range w.ink {
		f = append(f, w.ink[p][:])
	}
	f = append(f, w.hiddenBias[:])
	for l := range w.out {
		f = append(f, w.out[l][:])
	}
	return append(f, w.outBias[:])
}

// encode writes the weights, each rounded to float32.
func (w *judge) encode() []byte {
	b := make([]byte, 0, 4*weightCount)
	for _, field := range w.fields() {
		for _, x := range field {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(x)))
		}
	}
	return b
}

func decodeWeights(b []byte) (*judge, error) {
	if len(b) != 4*weightCount {
		return nil, fmt.Errorf("judge: %d bytes of weights, want %d", len(b), 4*weightCount)
	}
	w := new(judge)
	for _, field := range w.fields() {
		for i := range field {
			x := float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("judge: a weight is %v", x)
			}
			field[i] = x
			b = b[4:]
		}
	}
	return w, nil
}
