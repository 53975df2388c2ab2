package threesixty

import (
	"strings"
	"testing"
)

func TestCheckRaters(t *testing.T) {
	raters := []Rater{
		{Name: "Ann", Email: "ann@example.com", Group: GroupPeer},
		{Name: " ", Email: "bob@example.com", Group: GroupPeer},
		{Name: "Cy", Email: "cy@", Group: GroupPeer},
		{Name: "Di", Email: "Di <di@example.com>", Group: GroupPeer},
		{Name: "Ed", Email: "ed@example.com", Group: "boss"},
		{Name: "Self", Email: "LEADER@example.com", Group: GroupPeer},
		{Name: "Old", Email: "old@example.com", Group: GroupOther},
		{Name: "Ann again", Email: "ANN@example.com", Group: GroupSuperior},
		{Name: "Me", Email: "me@example.com", Group: GroupSelf},
		{Name: "No dot", Email: "x@localhost", Group: GroupPeer},
		{Name: strings.Repeat("n", 201), Email: "long@example.com", Group: GroupPeer},
	}
	want := map[int]string{2: "name", 3: "email", 4: "email", 5: "group", 6: "email", 7: "email", 8: "email", 9: "group", 10: "email", 11: "name"}
	got := map[int]string{}
	for _, p := range CheckRaters(raters, "leader@example.com", []string{"Old@Example.com"}) {
		got[p.Row] += p.Field
	}
	for row, field := range want {
		if got[row] != field {
			t.Errorf("row %d: problems on %q, want %q", row, got[row], field)
		}
	}
	if got[1] != "" {
		t.Errorf("row 1 is fine but reported: %q", got[1])
	}
}
