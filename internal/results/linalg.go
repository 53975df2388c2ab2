package results

import "errors"

// errOverflow means exact integer elimination outgrew int64. The audit then assumes the worst
// and suppresses; with the 0/1 vectors a release produces, it does not happen in practice.
var errOverflow = errors.New("integer overflow in elimination")

// echelon is a basis of a span of integer vectors, in row echelon form, kept exact: every row is
// integer and reduced by the gcd of its entries. pivot[i] is the first non-zero column of rows[i].
type echelon struct {
	rows  [][]int64
	pivot []int
}

// reduce eliminates v against the basis and returns what remains; v is in the span exactly when
// the remainder is all zeros.
func (e *echelon) reduce(v []int64) ([]int64, error) {
	v = append([]int64(nil), v...)
	for i, row := range e.rows {
		p := e.pivot[i]
		if v[p] == 0 {
			continue
		}
		a, b := row[p], v[p]
		for j := range v {
			x, ok1 := mul(v[j], a)
			y, ok2 := mul(row[j], b)
			if !ok1 || !ok2 {
				return nil, errOverflow
			}
			v[j] = x - y
			if (y > 0 && v[j] > x) || (y < 0 && v[j] < x) {
				return nil, errOverflow
			}
		}
		normalise(v)
	}
	return v, nil
}

// add puts v into the basis unless it is already in the span; it reports whether it grew.
func (e *echelon) add(v []int64) (bool, error) {
	r, err := e.reduce(v)
	if err != nil {
		return false, err
	}
	p := firstNonZero(r)
	if p < 0 {
		return false, nil
	}
	// Rows stay ordered by pivot. The remainder is zero at every existing pivot and before its
	// own, and every later row is zero before its pivot, so the form stays echelon as it is.
	at := len(e.rows)
	for i, q := range e.pivot {
		if p < q {
			at = i
			break
		}
	}
	e.rows = append(e.rows[:at], append([][]int64{r}, e.rows[at:]...)...)
	e.pivot = append(e.pivot[:at], append([]int{p}, e.pivot[at:]...)...)
	return true, nil
}

func firstNonZero(v []int64) int {
	for i, x := range v {
		if x != 0 {
			return i
		}
	}
	return -1
}

func normalise(v []int64) {
	var g int64
	for _, x := range v {
		g = gcd(g, abs(x))
	}
	if g > 1 {
		for i := range v {
			v[i] /= g
		}
	}
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func mul(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	return c, c/b == a && !(a == -1 && b == -1<<63) && !(b == -1 && a == -1<<63)
}
