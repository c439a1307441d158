package weaktostrong

import "math"

// confidenceLoss is the auxiliary confidence loss of Burns et al., as
// openai/weak-to-strong writes it (logconf_loss_fn): the student is trained
// towards a mix of the weak label and its own prediction hardened to 0 or 1,
// so that it can hold to what it is confident of where the weak supervisor
// disagrees. The hardening threshold is set, at every step, so that the
// hardened predictions have the weak labels' class balance: the student
// cannot settle the question by calling everything one class. The weight of
// its own predictions ramps up from 0 over a warm-up, while the student is
// still learning what the weak labels say, and then stays at alpha.
//
// The released code jumps to alpha at the end of its warm-up (its weight
// during the warm-up is the fraction of training done, times alpha); a
// linear ramp is the smoother reading of the same idea.
type confidenceLoss struct {
	weak    []float64 // the weak supervisor's soft labels
	alpha   float64
	warmup  int // steps
	ones    int // how many hardened predictions are 1: the weak labels' mass on class 1
	target  []float64
	scratch []float64
}

func newConfidenceLoss(weak []float64, alpha float64, warmup int) *confidenceLoss {
	mass := 0.0
	for _, p := range weak {
		mass += p
	}
	n := len(weak)
	return &confidenceLoss{
		weak:    weak,
		alpha:   alpha,
		warmup:  warmup,
		ones:    int(math.Round(mass)),
		target:  make([]float64, n),
		scratch: make([]float64, n),
	}
}

// weightAt is the weight of the student's own hardened predictions at a step.
func (c *confidenceLoss) weightAt(step int) float64 {
	if step >= c.warmup {
		return c.alpha
	}
	return c.alpha * float64(step) / float64(c.warmup)
}

// targets mixes the weak labels with the hardened predictions.
func (c *confidenceLoss) targets(step int, probs []float64) []float64 {
	a := c.weightAt(step)
	threshold := c.threshold(probs)
	for i, p := range probs {
		hard := 0.0
		if p > threshold {
			hard = 1
		}
		c.target[i] = float64((1-a)*c.weak[i]) + float64(a*hard)
	}
	return c.target
}

// threshold is the prediction that c.ones of the rows are above (fewer when
// predictions tie at it).
func (c *confidenceLoss) threshold(probs []float64) float64 {
	n := len(probs)
	if c.ones >= n {
		return math.Inf(-1)
	}
	copy(c.scratch, probs)
	return nthSmallest(c.scratch, n-1-c.ones)
}

// nthSmallest returns the value that would be at index k if xs were sorted,
// reordering xs (Hoare's selection: linear time, where sorting every step
// was most of a run's time).
func nthSmallest(xs []float64, k int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		pivot := xs[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return xs[k]
		}
	}
	return xs[k]
}
