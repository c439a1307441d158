package app

import (
	"net/url"
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/kb"
)

// Paths of the tours.
const (
	// ToursPath lists the tours and imports a teacher's own.
	ToursPath = "/tours"
	// PresentPath starts the presenter view's paths.
	PresentPath = "/present"
	// importedTourPath is the handout of a tour stored on the device,
	// ?tour=<id>; importedPlayPath plays it, ?tour=<id>&step=<n>; and
	// importedPresentPath presents it. An imported tour is not known to the
	// server, so its pages have one address each and read the query.
	importedTourPath    = ToursPath + "/" + kb.ImportedTourID
	importedPlayPath    = importedTourPath + "/play"
	importedPresentPath = PresentPath + "/" + kb.ImportedTourID
	// checkStep is the step segment of a tour's self-check.
	checkStep = "check"
)

// TourPath is the handout of a built-in tour, which lists every step.
func TourPath(id string) string { return ToursPath + "/" + id }

// TourStepPath is step n (from 1) of a built-in tour.
func TourStepPath(id string, n int) string { return TourPath(id) + "/" + strconv.Itoa(n) }

// TourCheckPath is a built-in tour's self-check.
func TourCheckPath(id string) string { return TourPath(id) + "/" + checkStep }

// PresentStepPath is step n of a built-in tour in presenter view.
func PresentStepPath(id string, n int) string { return PresentPath + "/" + id + "/" + strconv.Itoa(n) }

// tourRef names a tour and says where it lives: in the app, or imported
// on this device.
type tourRef struct {
	ID       string
	Imported bool
}

func (r tourRef) query(step string) string {
	v := url.Values{"tour": {r.ID}}
	if step != "" {
		v.Set("step", step)
	}
	return "?" + v.Encode()
}

// handout is the page with every step, printable.
func (r tourRef) handout() string {
	if r.Imported {
		return importedTourPath + r.query("")
	}
	return TourPath(r.ID)
}

// step is the player at step n (from 1).
func (r tourRef) step(n int) string {
	if r.Imported {
		return importedPlayPath + r.query(strconv.Itoa(n))
	}
	return TourStepPath(r.ID, n)
}

// check is the self-check.
func (r tourRef) check() string {
	if r.Imported {
		return importedPlayPath + r.query(checkStep)
	}
	return TourCheckPath(r.ID)
}

// present is step n in presenter view.
func (r tourRef) present(n int) string {
	if r.Imported {
		return importedPresentPath + r.query(strconv.Itoa(n))
	}
	return PresentStepPath(r.ID, n)
}

// audience is step n in the audience window, which follows the presenter.
func (r tourRef) audience(n int) string {
	if r.Imported {
		return r.present(n) + "&view=audience"
	}
	return r.present(n) + "?view=audience"
}

// key names the tour in the device's storage and between windows.
func (r tourRef) key() string {
	if r.Imported {
		return "imported:" + r.ID
	}
	return "tour:" + r.ID
}

// stepNumber reads a step segment: 1 to steps, or 0 for the self-check
// when the tour has one. ok is false for anything else.
func stepNumber(segment string, t *kb.Tour) (n int, ok bool) {
	if segment == checkStep {
		return 0, len(t.Quiz) > 0
	}
	n, err := strconv.Atoi(segment)
	if err != nil || n < 1 || n > len(t.Steps) || strconv.Itoa(n) != segment {
		return 0, false
	}
	return n, true
}

// tourStep finds step segment of a tour; problem says why there is none.
// With presenting, the self-check is not a step.
func tourStep(t *kb.Tour, segment string, presenting bool) (n int, problem string) {
	n, ok := stepNumber(segment, t)
	if !ok || (presenting && n == 0) {
		return 0, "The tour “" + t.Title + "” has no step “" + segment + "”."
	}
	return n, ""
}

// resolveTour finds the tour a page shows: a built-in one by id, or one
// imported on this device, named by the page's ?tour=. problem says why
// there is none. An imported tour needs the tour reader: until it is ready
// there is neither a tour nor a problem, and again runs once it is.
func (s *Site) resolveTour(ctx ui.Context, id string, imported bool, again func(ui.Context)) (tour *kb.Tour, ref tourRef, problem string) {
	if !imported {
		t, ok := s.Knowledge.Tour(id)
		if !ok {
			return nil, tourRef{ID: id}, "There is no tour called “" + id + "”."
		}
		return t, tourRef{ID: id}, ""
	}
	ref = tourRef{ID: ctx.Page().URL().Query().Get("tour"), Imported: true}
	if !ui.IsClient {
		return nil, ref, "This tour was imported on a device and is kept there: it opens once the app has started on that device."
	}
	stored, ok := s.device.importedTour(ctx, ref.ID)
	if !ok {
		return nil, ref, "No imported tour called “" + ref.ID + "” is stored on this device. Import it again on the tours page."
	}
	s.readTourNow(ctx, again, func(read ReadTour) {
		t, err := read(stored.Name, []byte(stored.Markdown), s.Knowledge)
		if err != nil {
			problem = storedTourProblem(err)
			return
		}
		t.ID = ref.ID
		tour = t
	})
	return tour, ref, problem
}

// tourPages adds the pages of the tours: the list, each built-in tour's
// handout, steps, self-check and presenter steps, and the pages that show
// tours imported on a device.
func tourPages(pages map[string]func() ui.Composer, site *Site) {
	pages[ToursPath] = func() ui.Composer { return &ToursPage{Site: site} }
	pages[importedTourPath] = func() ui.Composer { return &TourPage{Site: site, Imported: true} }
	pages[importedPlayPath] = func() ui.Composer { return &TourPlayer{Site: site, Imported: true} }
	pages[importedPresentPath] = func() ui.Composer { return &PresenterView{Site: site, Imported: true} }
	for _, t := range site.Knowledge.Tours() {
		id := t.ID
		pages[TourPath(id)] = func() ui.Composer { return &TourPage{Site: site, TourID: id} }
		for n := range len(t.Steps) {
			step := strconv.Itoa(n + 1)
			pages[TourStepPath(id, n+1)] = func() ui.Composer { return &TourPlayer{Site: site, TourID: id, Step: step} }
			pages[PresentStepPath(id, n+1)] = func() ui.Composer { return &PresenterView{Site: site, TourID: id, Step: step} }
		}
		if len(t.Quiz) > 0 {
			pages[TourCheckPath(id)] = func() ui.Composer { return &TourPlayer{Site: site, TourID: id, Step: checkStep} }
		}
	}
}

// tourPosition is a tour and the step of it on screen, as the player and
// the presenter view both read them from their props and the address.
type tourPosition struct {
	tour    *kb.Tour
	ref     tourRef
	n       int // the step from 1; 0 for the self-check
	problem string
}

// resolveBuiltIn reads a built-in tour's step before any render, so that no
// render shows the wrong step; an imported tour waits for resolve, which
// can read the device.
func (t *tourPosition) resolveBuiltIn(site *Site, id, step string, imported, presenting bool) {
	if imported {
		return
	}
	t.tour, t.ref, t.problem = site.resolveTour(ui.Context{}, id, false, nil)
	if t.tour != nil {
		t.n, t.problem = tourStep(t.tour, step, presenting)
	}
}

// resolve reads the tour and step a page arrives at: an imported tour's
// step is the address's ?step=, the first by default.
func (t *tourPosition) resolve(ctx ui.Context, site *Site, id, step string, imported, presenting bool, again func(ui.Context)) {
	t.tour, t.ref, t.problem = site.resolveTour(ctx, id, imported, again)
	if imported {
		step = ctx.Page().URL().Query().Get("step")
		if step == "" {
			step = "1"
		}
	}
	if t.tour != nil {
		t.n, t.problem = tourStep(t.tour, step, presenting)
	}
}
