package app

import (
	"strconv"

	ui "github.com/maxence-charriere/go-app/v10/pkg/app"

	"oversight/lab"
)

// controls draws one control per parameter of the lab's Spec: a slider for
// a number, a checkbox for a toggle, a list for a choice. A change goes to
// the address (a new history entry), and the page runs again from there
// once the learner has committed a prediction.
func (p *LabPage) controls() ui.UI {
	params := p.info.Spec.Params
	return ui.Section().Class("lab-controls").Aria("labelledby", "lab-controls-heading").Body(
		ui.H2().ID("lab-controls-heading").Text("Settings"),
		ui.Range(params).Slice(func(i int) ui.UI { return p.control(params[i]) }),
		ui.P().Body(ui.A().Class("button", "secondary").Href(lab.Path(p.ID)).Text("Back to the defaults")),
	)
}

func controlID(key string) string { return "lab-" + key }

func (p *LabPage) control(param lab.Param) ui.UI {
	id := controlID(param.Key)
	v := p.setting[param.Key]
	help := ui.P().Class("control-help").ID(id + "-help").Text(param.Help)
	switch {
	case param.Toggle:
		return ui.Div().Class("lab-control", "is-toggle").Body(
			ui.Label().For(id).Body(
				ui.Input().Type("checkbox").ID(id).Checked(v != 0).Aria("describedby", id+"-help").
					OnChange(p.changed(param)),
				ui.Text(" "+param.Label),
			),
			help,
		)
	case len(param.Options) > 0:
		return ui.Div().Class("lab-control").Body(
			ui.Label().For(id).Text(param.Label),
			ui.Select().ID(id).Aria("describedby", id+"-help").OnChange(p.changed(param)).Body(
				ui.Range(param.Options).Slice(func(i int) ui.UI {
					o := param.Options[i]
					return ui.Option().Value(o.Key).Selected(i == int(v)).Text(o.Label)
				}),
			),
			help,
		)
	}
	return ui.Div().Class("lab-control").Body(
		ui.Div().Class("control-head").Body(
			ui.Label().For(id).Text(param.Label),
			ui.Output().For(id).Text(paramValueText(param, v)),
		),
		ui.Input().Type("range").ID(id).Min(param.Format(param.Min)).Max(param.Format(param.Max)).
			Step(param.Step).Value(param.Format(v)).Aria("describedby", id+"-help").
			OnInput(p.sliding(param)).OnChange(p.changed(param)),
		help,
	)
}

// paramValueText writes a value as its control shows it.
func paramValueText(param lab.Param, v float64) string {
	s := param.Format(v)
	switch param.Unit {
	case "":
		return s
	case "%", "×":
		return s + param.Unit
	}
	return s + " " + param.Unit
}

// sliding shows a slider's value as it moves; the run waits for the
// change, when the learner lets go.
func (p *LabPage) sliding(param lab.Param) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		if v, err := strconv.ParseFloat(e.Get("target").Get("value").String(), 64); err == nil {
			p.setting[param.Key] = param.Clamp(v)
		}
	}
}

// changed puts the new value in the address, from which the page reads
// its setting (OnNav), so that back and forward step through settings.
func (p *LabPage) changed(param lab.Param) ui.EventHandler {
	return func(ctx ui.Context, e ui.Event) {
		target := e.Get("target")
		set := make(lab.Setting, len(p.setting))
		for k, v := range p.setting {
			set[k] = v
		}
		switch {
		case param.Toggle:
			set[param.Key] = 0
			if target.Get("checked").Bool() {
				set[param.Key] = 1
			}
		case len(param.Options) > 0:
			set[param.Key] = float64(target.Get("selectedIndex").Int())
		default:
			v, err := strconv.ParseFloat(target.Get("value").String(), 64)
			if err != nil {
				return
			}
			set[param.Key] = param.Clamp(v)
		}
		ctx.Navigate(labAddress(p.ID, p.info.Spec, set))
	}
}

// labAddress is the address of a lab at a setting.
func labAddress(id string, spec lab.Spec, set lab.Setting) string {
	if q := spec.Query(set); q != "" {
		return lab.Path(id) + "?" + q
	}
	return lab.Path(id)
}
