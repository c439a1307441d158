package debate

// Fact is a number the paper reports, beside which the lab shows its own.
type Fact struct {
	Key    string  `json:"key"`
	Value  float64 `json:"value"` // a fraction: 0.594 is 59.4%
	What   string  `json:"what"`
	Source string  `json:"source"` // the citation key in the project's references
	Where  string  `json:"where"`  // where in the paper it is stated
}

// Reported are the paper's MNIST results: its sparse judge, a
// convolutional network on 28×28 MNIST digits, alone with random pixels
// and after debate. Read in the paper's abstract.
func Reported() []Fact {
	const source, where = "irving2018debate", "Abstract"
	return []Fact{
		{Key: "mnist-6-random", Value: 0.594, Source: source, Where: where,
			What: "The sparse MNIST judge's accuracy from 6 pixels, before debate."},
		{Key: "mnist-6-debate", Value: 0.889, Source: source, Where: where,
			What: "The same judge's accuracy when debaters chose the 6 pixels."},
		{Key: "mnist-4-random", Value: 0.482, Source: source, Where: where,
			What: "The sparse MNIST judge's accuracy from 4 pixels, before debate."},
		{Key: "mnist-4-debate", Value: 0.852, Source: source, Where: where,
			What: "The same judge's accuracy when debaters chose the 4 pixels."},
	}
}
