package debate

import (
	"math"
	"slices"
)

// A debater chooses its pixel by looking ahead (minimax with alpha-beta
// pruning) over a few promising pixels per turn. Its strength is how many:
// at strength 1 it takes the pixel that helps its claim most right now; at
// strength c it weighs, at every turn it looks ahead to, the c pixels that
// would help the side to move most if the debate stopped after them, and
// every answer the other side has among its own c. It looks ahead to the
// end of the debate, or LookaheadTurns turns when more are left, which
// bounds a turn's work at c^LookaheadTurns judgements.

const (
	// MaxStrength is the most pixels a debater weighs per turn.
	MaxStrength = 6
	// LookaheadTurns is the most turns, its own included, that a debater
	// looks ahead.
	LookaheadTurns = 4
)

// debatePosition is a debate in progress.
type debatePosition struct {
	judge    *judge
	digit    *digit
	contest  contest // the honest claim against the liar's
	order    []bool  // order[t] is true when the honest debater reveals at turn t
	revealed uint64  // bit p is set once pixel p is shown
	seen     view    // the judge's view of the revealed pixels
	turn     int     // how many pixels have been revealed
}

func newPosition(j *judge, d *digit, liar int, order []bool) *debatePosition {
	return &debatePosition{judge: j, digit: d, contest: j.contest(d.Label, liar), order: order, seen: j.blank()}
}

// margin is how far the judge leans to the honest claim: above zero, the
// honest debater wins if the debate ends now.
func (s *debatePosition) margin() float64 { return s.contest.margin(&s.seen) }

// reveal shows pixel p to the judge and passes the turn.
func (s *debatePosition) reveal(p int) {
	s.judge.show(&s.seen, p, s.digit.Pixels[p])
	s.revealed |= 1 << p
	s.turn++
}

// rankPixels lists, for each side (index side(honest)), the hidden pixels
// that would help it most if the debate stopped after them, best first,
// ties by position. A side's lookahead can meet at most turns ahead - 1 of
// them already revealed, so strength + turns ahead - 1 are enough.
func (s *debatePosition) rankPixels(strength [2]int) [2][]int {
	var gain [Pixels]float64
	for p := 0; p < Pixels; p++ {
		if s.revealed&(1<<p) == 0 {
			gain[p] = s.contest.marginWith(s.judge, &s.seen, p, s.digit.Pixels[p])
		}
	}
	left := min(len(s.order)-s.turn, LookaheadTurns)
	var ranked [2][]int
	for _, honest := range []bool{false, true} {
		sign := -1.0
		if honest {
			sign = 1
		}
		ranked[side(honest)] = s.topPixels(&gain, sign, strength[side(honest)]+left-1)
	}
	return ranked
}

// topPixels is the n hidden pixels with the largest sign·gain, best first,
// ties by position (an insertion into a short sorted list).
func (s *debatePosition) topPixels(gain *[Pixels]float64, sign float64, n int) []int {
	top := make([]int, 0, n+1)
	for p := 0; p < Pixels; p++ {
		if s.revealed&(1<<p) != 0 {
			continue
		}
		g := sign * gain[p]
		at := len(top)
		for at > 0 && sign*gain[top[at-1]] < g {
			at--
		}
		if at == n {
			continue
		}
		top = slices.Insert(top, at, p)
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

// What belongs to each debater, such as its search strength, is indexed
// by its side.
const (
	liarSide   = 0
	honestSide = 1
)

func side(honest bool) int {
	if honest {
		return honestSide
	}
	return liarSide
}

// bestPixel is the pixel the side to move reveals, searching with its
// strength (strength[side(honest)]). Both sides' pixels are ranked once,
// here, so that each step of the lookahead costs one vector addition.
func (s *debatePosition) bestPixel(strength [2]int) int {
	honestToMove := s.order[s.turn]
	look := lookahead{position: s, ranked: s.rankPixels(strength), strength: strength,
		end: min(len(s.order), s.turn+LookaheadTurns)}
	moves, n := look.moves(s.revealed, honestToMove)
	if n == 1 {
		return moves[0]
	}
	best, bestValue := -1, math.Inf(-1)
	alpha, beta := math.Inf(-1), math.Inf(1)
	for _, p := range moves[:n] {
		v := look.value(s.seen, s.revealed|1<<p, s.turn+1, p, alpha, beta)
		if honestToMove {
			alpha = math.Max(alpha, v)
		} else {
			v = -v
			beta = math.Min(beta, -v)
		}
		if v > bestValue {
			best, bestValue = p, v
		}
	}
	return best
}

// lookahead is one debater's minimax search from a position.
type lookahead struct {
	position *debatePosition
	ranked   [2][]int // each side's pixels, most helpful first
	strength [2]int
	end      int // the turn at which the lookahead stops and asks the judge
}

// moves are the most helpful pixels for one side that are still hidden, as
// many as its strength.
func (l *lookahead) moves(revealed uint64, honest bool) (moves [MaxStrength]int, n int) {
	limit := l.strength[side(honest)]
	for _, p := range l.ranked[side(honest)] {
		if revealed&(1<<p) == 0 {
			moves[n] = p
			if n++; n == limit {
				break
			}
		}
	}
	return moves, n
}

// value is the judge's margin at the end of the lookahead under best play
// by both sides, once pixel p joins the view w at the given turn: the
// honest side maximizes it, the liar minimizes it. alpha and beta are what each side can already
// force elsewhere, so branches that cannot matter are skipped.
func (l *lookahead) value(w view, revealed uint64, turn, p int, alpha, beta float64) float64 {
	s := l.position
	if turn == l.end {
		return s.contest.marginWith(s.judge, &w, p, s.digit.Pixels[p])
	}
	s.judge.show(&w, p, s.digit.Pixels[p])
	honestToMove := s.order[turn]
	moves, n := l.moves(revealed, honestToMove)
	best := math.Inf(1)
	if honestToMove {
		best = math.Inf(-1)
	}
	for _, q := range moves[:n] {
		v := l.value(w, revealed|1<<q, turn+1, q, alpha, beta)
		if honestToMove {
			best = math.Max(best, v)
			alpha = math.Max(alpha, v)
		} else {
			best = math.Min(best, v)
			beta = math.Min(beta, v)
		}
		if alpha >= beta {
			break
		}
	}
	return best
}
