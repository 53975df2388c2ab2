package results

import "testing"

func TestEchelonSpan(t *testing.T) {
	var e echelon
	for _, v := range [][]int64{{1, 1, 0, 0}, {0, 1, 1, 0}, {1, 0, -1, 0}} {
		if _, err := e.add(v); err != nil {
			t.Fatal(err)
		}
	}
	if len(e.rows) != 2 {
		t.Fatalf("rank %d, want 2 (the third vector is the first minus the second)", len(e.rows))
	}
	for _, c := range []struct {
		v  []int64
		in bool
	}{
		{[]int64{2, 3, 1, 0}, true},
		{[]int64{1, 0, 0, 0}, false},
		{[]int64{0, 0, 0, 1}, false},
		{[]int64{0, 0, 0, 0}, true},
		{[]int64{3, 0, -3, 0}, true},
	} {
		r, err := e.reduce(c.v)
		if err != nil {
			t.Fatal(err)
		}
		if in := firstNonZero(r) < 0; in != c.in {
			t.Errorf("%v in span: %v, want %v", c.v, in, c.in)
		}
	}
	// Pivots inserted out of order keep the form echelon.
	var f echelon
	f.add([]int64{0, 0, 1, 1})
	f.add([]int64{0, 1, 1, 0})
	f.add([]int64{1, 0, 0, 1})
	if r, _ := f.reduce([]int64{1, 1, 2, 2}); firstNonZero(r) >= 0 {
		t.Errorf("sum of the basis not found in its span: remainder %v", r)
	}
	if r, _ := f.reduce([]int64{0, 0, 0, 1}); firstNonZero(r) < 0 {
		t.Error("a vector outside the span was found in it")
	}
}
