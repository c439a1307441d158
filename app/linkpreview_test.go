package app

import "testing"

func TestAPreviewCardSitsBelowALinkInTextWhenItFits(t *testing.T) {
	left, top := previewPosition(rect{100, 200, 180, 220}, nil, 300, 150, 1280, 800)
	if left != 100 || top != 228 {
		t.Errorf("card at (%v, %v), want left-aligned below the link at (100, 228)", left, top)
	}
}

func TestAPreviewCardGoesAboveALinkNearTheBottom(t *testing.T) {
	_, top := previewPosition(rect{100, 700, 180, 720}, nil, 300, 150, 1280, 800)
	if top != 700-8-150 {
		t.Errorf("card top at %v, want it above the link at %v", top, 700-8-150)
	}
}

func TestAPreviewCardNeverLeavesTheViewport(t *testing.T) {
	left, top := previewPosition(rect{1200, 10, 1270, 30}, nil, 300, 780, 1280, 800)
	if left+300 > 1280-8 || left < 8 || top < 8 || top+780 > 800-8+1 {
		t.Errorf("card at (%v, %v) of 300×780 leaves a 1280×800 viewport", left, top)
	}
}

func TestAMapNodesCardGoesBesideTheMapWhenThereIsRoom(t *testing.T) {
	frame := rect{20, 140, 860, 800}
	left, top := previewPosition(rect{90, 175, 160, 210}, &frame, 300, 150, 1280, 800)
	if left != 868 || top != 175 {
		t.Errorf("card at (%v, %v), want beside the map at the node's height (868, 175)", left, top)
	}
}

func TestWithoutRoomBesideTheMapTheCardTakesTheCornerFarthestFromTheNode(t *testing.T) {
	frame := rect{10, 100, 950, 900}
	cases := []struct {
		name      string
		node      rect
		left, top float64
	}{
		{"node top left → card bottom right", rect{50, 150, 120, 180}, 950 - 300 - 8, 900 - 150 - 8},
		{"node bottom right → card top left", rect{800, 800, 900, 840}, 18, 108},
	}
	for _, c := range cases {
		left, top := previewPosition(c.node, &frame, 300, 150, 960, 1000)
		if left != c.left || top != c.top {
			t.Errorf("%s: card at (%v, %v), want (%v, %v)", c.name, left, top, c.left, c.top)
		}
	}
}

func TestOnlyAddressesOfKnownConceptsHavePreviews(t *testing.T) {
	cases := map[string]string{
		"/concepts/debate":          "debate",
		"/concepts/debate?x=1":      "debate",
		"/concepts/debate#sources":  "debate",
		"/concepts/no-such-concept": "",
		"/caveats/anything":         "",
		"https://example.org/":      "",
	}
	for href, want := range cases {
		id, ok := testSite.conceptOfHref(href)
		if got := map[bool]string{true: id, false: ""}[ok]; got != want {
			t.Errorf("%s previews %q, want %q", href, got, want)
		}
	}
}
