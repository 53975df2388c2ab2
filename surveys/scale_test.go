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
