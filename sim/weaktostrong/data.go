package weaktostrong

import "math"

// The task: a latent vector z of independent standard normals; the truth is
// whether z0 > 0. The student's features mix all of z, with z0 scaled up by
// the salience, plus a little noise of their own. The weak supervisor sees z0
// through noise, and part of that noise (the imitable share) is z1, which the
// student sees too: those errors the student can learn to copy. The rest is
// the supervisor's own, invisible to the student.
const (
	latentDim   = 8
	strongDim   = 16
	strongNoise = 0.5 // of each student feature, against a signal of about 1

	groundTruthSize = 100 // labelled examples the weak supervisor learns from
	trainSize       = 500 // examples the weak supervisor labels for the students
	testSize        = 1000
)

// Independent random streams of one seed, so that each part of the data does
// not depend on how much the others drew.
const (
	streamMix uint64 = iota + 1
	streamGroundTruth
	streamTrain
	streamTest
)

// task is how one seed's latent shows in each view.
type task struct {
	mix      []float64 // strongDim rows of latentDim weights
	salience float64   // the weight of z0 in the student's features
	seed     uint64
	// The weak supervisor's noise on z0 has spread weakNoise, and the
	// imitable share of its variance is z1's.
	weakNoiseZ float64 // weakNoise·√imitable: how much z1 moves the weak view
	weakNoiseE float64 // weakNoise·√(1−imitable): the supervisor's own noise
}

func newTask(salience, weakNoise, imitable float64, seed uint64) task {
	g := newNormals(seed, streamMix)
	mix := make([]float64, strongDim*latentDim)
	scale := 1 / math.Sqrt(latentDim)
	for i := range mix {
		mix[i] = g.next() * scale
	}
	return task{
		mix: mix, salience: salience, seed: seed,
		weakNoiseZ: weakNoise * math.Sqrt(imitable),
		weakNoiseE: weakNoise * math.Sqrt(1-imitable),
	}
}

// dataset holds n examples: each view's features row by row, the truth, and
// the two latents the picture is drawn in.
type dataset struct {
	n      int
	strong []float64 // n rows of strongDim
	weak   []float64 // n rows of weakDim
	truth  []float64 // 1 when z0 > 0, else 0
	z0, z1 []float64
}

// weakDim is the weak supervisor's view: one noisy reading of z0.
const weakDim = 1

func (t task) sample(n int, stream uint64) dataset {
	g := newNormals(t.seed, stream)
	d := dataset{
		n:      n,
		strong: make([]float64, n*strongDim),
		weak:   make([]float64, n*weakDim),
		truth:  make([]float64, n),
		z0:     make([]float64, n),
		z1:     make([]float64, n),
	}
	z := make([]float64, latentDim)
	for i := range n {
		for j := range z {
			z[j] = g.next()
		}
		d.z0[i], d.z1[i] = z[0], z[1]
		if z[0] > 0 {
			d.truth[i] = 1
		}
		own := g.next()
		d.weak[i] = z[0] + float64(t.weakNoiseZ*z[1]) + float64(t.weakNoiseE*own)
		z[0] *= t.salience
		row := d.strong[i*strongDim : (i+1)*strongDim]
		for k := range row {
			row[k] = dot(t.mix[k*latentDim:(k+1)*latentDim], z) + float64(strongNoise*g.next())
		}
	}
	return d
}
