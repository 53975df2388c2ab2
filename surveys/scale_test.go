package surveys

import "testing"

func TestScale(t *testing.T) {
	five := Scale{Points: []ScalePoint{{1, "Never"}, {2, "Rarely"}, {3, "Sometimes"}, {4, "Often"}, {5, "Always"}}}
	cases := []struct {
		name  string
		scale Scale
		max   int
		valid []int
		not   []int
	}{
		{"five points", five, 5, []int{1, 2, 3, 4, 5}, []int{-1, 0, 6, 100}},
		{"two points", Scale{Points: []ScalePoint{{1, "No"}, {2, "Yes"}}}, 2, []int{1, 2}, []int{0, 3}},
		{"no points", Scale{}, 0, nil, []int{0, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.scale.Max(); got != tc.max {
				t.Errorf("Max() = %d, want %d", got, tc.max)
			}
			for _, v := range tc.valid {
				if !tc.scale.Valid(v) {
					t.Errorf("Valid(%d) = false, want true", v)
				}
			}
			for _, v := range tc.not {
				if tc.scale.Valid(v) {
					t.Errorf("Valid(%d) = true, want false", v)
				}
			}
		})
	}
}

func TestScaleOfChange(t *testing.T) {
	var points []ScalePoint
	for v := 1; v <= 7; v++ {
		points = append(points, ScalePoint{v, "L"})
	}
	change := Scale{Points: points, Zero: 4}
	plain := Scale{Points: points}
	if !change.Centred() || plain.Centred() {
		t.Fatalf("Centred: change %v, plain %v", change.Centred(), plain.Centred())
	}
	if got := change.Shown(5.3); got < 1.29 || got > 1.31 {
		t.Errorf("Shown(5.3) = %v, want 1.3", got)
	}
	if got := plain.Shown(5.3); got != 5.3 {
		t.Errorf("plain Shown(5.3) = %v, want 5.3", got)
	}
	for _, tc := range []struct {
		v        float64
		decimals int
		want     string
	}{
		{1.3, 1, "+1.3"}, {-0.5, 1, "−0.5"}, {0, 1, "0"}, {-0.04, 1, "0"}, {0.04, 1, "0"},
		{3, 0, "+3"}, {-3, 0, "−3"}, {0, 0, "0"}, {2.25, 1, "+2.2"},
	} {
		if got := Signed(tc.v, tc.decimals); got != tc.want {
			t.Errorf("Signed(%v, %d) = %q, want %q", tc.v, tc.decimals, got, tc.want)
		}
	}
	if got := change.PointLabel(ScalePoint{1, "Much less effective"}); got != "−3 Much less effective" {
		t.Errorf("PointLabel(1) = %q", got)
	}
	if got := change.PointLabel(ScalePoint{4, "No change"}); got != "0 No change" {
		t.Errorf("PointLabel(4) = %q", got)
	}
	if got := plain.PointLabel(ScalePoint{4, "Often"}); got != "Often" {
		t.Errorf("plain PointLabel = %q", got)
	}
}
