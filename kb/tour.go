package kb

import (
	"errors"
	"fmt"
)

// Limits on a tour. Imported tours are untrusted: the file's size is checked
// before anything else (CheckTourSize), and the loader checks the limits on
// Markdown before goldmark parses any of it.
const (
	// MaxMarkdownBytes is the largest file of Markdown the app reads: a
	// content file, or a tour a teacher imports.
	MaxMarkdownBytes = 64 << 10
	// MaxTourSteps is the most steps a tour may have.
	MaxTourSteps = 40
	// MaxQuizQuestions is the most self-check questions a tour may have.
	MaxQuizQuestions = 20
)

// ImportedTourID is the path segment of tours stored on a device, so no
// built-in tour may have it as its id.
const ImportedTourID = "imported"

// Tour is a guided walk through the map: steps that each spotlight some
// concepts with narration, speaker notes and discussion questions, and an
// optional self-check at the end.
type Tour struct {
	ID       string
	Title    string
	Audience string
	Minutes  int
	Summary  string
	// SummaryLine is the line of the summary in File.
	SummaryLine int
	// Reviewed is YYYY-MM-DD; required for built-in tours only.
	Reviewed string
	// Weight orders the built-in tours, lightest first (optional).
	Weight int
	// Sources are the ids of the sources cited, in citation order, then the
	// rest of the front matter's list.
	Sources []string
	// ListedSources are the sources the front matter names, as written, for
	// writing the tour back (Markdown).
	ListedSources []string
	Steps         []*TourStep
	Quiz          []*QuizQuestion
	// File is where the tour was written, for messages.
	File string
	// Warnings are things the parser dropped from the Markdown (raw HTML,
	// images, unsafe links). A built-in tour may have none; an imported tour
	// plays without them and shows them to the teacher.
	Warnings Faults
}

// TourStep is one step of a tour.
type TourStep struct {
	Title string
	// Concepts are the ids the map spotlights during the step.
	Concepts []string
	// Narration is the step's Markdown as written; NarrationHTML is it
	// rendered safely in one element.
	Narration     string
	NarrationHTML string
	// Notes are the speaker notes, Markdown, shown only in presenter view.
	Notes     string
	NotesHTML string
	// Questions are discussion questions, plain text.
	Questions []string
	// Line is the line of the step's heading.
	Line int
}

// QuizQuestion is one multiple-choice question of a tour's self-check.
type QuizQuestion struct {
	Prompt  string
	Options []string
	// Answer is the index of the correct option.
	Answer int
	// Feedback explains the answer and links a concept, in Markdown.
	Feedback     string
	FeedbackHTML string
	Line         int
}

// Tours returns the built-in tours, by weight then title.
func (k *KB) Tours() []*Tour { return k.tours }

// Tour returns the built-in tour with the given id.
func (k *KB) Tour(id string) (*Tour, bool) {
	for _, t := range k.tours {
		if t.ID == id {
			return t, true
		}
	}
	return nil, false
}

// CheckTourSize refuses a tour file larger than MaxMarkdownBytes, so that a
// file picker can refuse one before reading it.
func CheckTourSize(name string, size int) error {
	if size > MaxMarkdownBytes {
		return Faults{{File: name, Line: 1, Message: fmt.Sprintf("the tour is %d KiB; the most a tour may be is %d KiB", (size+1023)/1024, MaxMarkdownBytes/1024)}}
	}
	return nil
}

// tour loads a built-in tour: stricter than an import, it needs a review

// TourReading is what reading a tour gave, as data: the tour, or the faults
// that stopped it, or another error. The browser reads imported tours in a
// WebAssembly of its own (cmd/tourreader), which answers with one as JSON.
type TourReading struct {
	Tour   *Tour  `json:",omitempty"`
	Faults Faults `json:",omitempty"`
	Error  string `json:",omitempty"`
}

// ReadingOf is the reading of what kb/load's Tour returned.
func ReadingOf(t *Tour, err error) TourReading {
	var faults Faults
	switch {
	case err == nil:
		return TourReading{Tour: t}
	case errors.As(err, &faults):
		return TourReading{Faults: faults}
	}
	return TourReading{Error: err.Error()}
}

// Result gives back what the reading was made of.
func (r TourReading) Result() (*Tour, error) {
	switch {
	case len(r.Faults) > 0:
		return nil, r.Faults
	case r.Error != "":
		return nil, errors.New(r.Error)
	case r.Tour == nil:
		return nil, errors.New("the tour reader gave neither a tour nor a reason")
	}
	return r.Tour, nil
}
