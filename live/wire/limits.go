package wire

// Limits on what a person types, in characters (Unicode code points): the
// server refuses more, and the app's fields say so before it has to.
const (
	MaxQuestion = 280
	MaxNickname = 24
	MaxPrompt   = 280
	MaxOption   = 80
	MaxUnit     = 16
	MaxLab      = 300
	MaxTour     = 80
	MinOptions  = 2
	MaxOptions  = 8
	MaxSteps    = 1000
)

// CodeAlphabet has the digits and capitals that cannot be misread: no 0/O,
// 1/I/L. 31 symbols, 6 of them make 31⁶ ≈ 8.9 × 10⁸ join codes, so with
// the default 200 live rooms one guess finds a room with probability
// 2.3 × 10⁻⁷.
const (
	CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	CodeLength   = 6
	// MaxTypedCode is the most a code as typed may hold, spaces and
	// dashes included.
	MaxTypedCode = 4 * CodeLength
)
