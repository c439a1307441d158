package debate

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"os"
	"testing"
)

var retrain = flag.Bool("retrain", false, "train the judge again and write judge.bin")

func TestTheCommittedJudgeIsWhatTrainingGives(t *testing.T) {
	data := mustDataset(t)
	trained := trainJudge(data.Train).encode()
	if *retrain {
		if err := os.WriteFile("judge.bin", trained, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("wrote judge.bin")
		return
	}
	if !bytes.Equal(trained, judgeBin) {
		t.Fatal("training no longer gives judge.bin; if the change is meant, run with -retrain and commit judge.bin")
	}
}

func mustJudge(t testing.TB) *judge {
	t.Helper()
	j, err := loadJudge()
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func TestTheJudgeReadsMoreFromMorePixels(t *testing.T) {
	j, data := mustJudge(t), mustDataset(t)
	rng := rand.New(rand.NewPCG(7, 7))
	accuracy := func(k int) float64 {
		var shown [Pixels]int
		for i := range shown {
			shown[i] = i
		}
		right := 0
		for _, d := range data.Test {
			drawPixels(&shown, k, rng)
			w := j.blank()
			for _, p := range shown[:k] {
				j.show(&w, p, d.Pixels[p])
			}
			if j.guess(&w) == d.Label {
				right++
			}
		}
		return float64(right) / float64(len(data.Test))
	}
	few, some, many := accuracy(MinK), accuracy(6), accuracy(MaxK)
	t.Logf("accuracy from random pixels: %d: %.3f, 6: %.3f, %d: %.3f", MinK, few, some, MaxK, many)
	if few < 0.15 {
		t.Errorf("from %d pixels the judge is right %.3f of the time, hardly better than guessing (0.1)", MinK, few)
	}
	if !(few < some && some < many) {
		t.Errorf("accuracy does not grow with the pixels shown: %.3f, %.3f, %.3f", few, some, many)
	}
}

func TestDamagedWeightsAreRefused(t *testing.T) {
	if _, err := decodeWeights(judgeBin[1:]); err == nil {
		t.Error("weights one byte short were read")
	}
	nan := append([]byte(nil), judgeBin...)
	copy(nan[8:], []byte{0x00, 0x00, 0xc0, 0x7f}) // a float32 NaN
	if _, err := decodeWeights(nan); err == nil {
		t.Error("a NaN weight was read")
	}
}
