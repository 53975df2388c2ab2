package postgres

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestReadRatingsMatchesEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`{}`,
		`{"a-1": 4, "b-2": null, "c-3": 1}`,
		`{"a-1":4,"b-2":null}`,
		` { "a-1" : 5 , "b" : null } `,
		`{"esc\"aped": 3}`,
		`{"a": 4.5}`,
		`{"a": "4"}`,
		`{"a": 4`,
		`[1, 2]`,
		`{"a": 1, "a": 2}`,
	} {
		got, gotErr := readRatings([]byte(in))
		var want map[string]*int
		wantErr := json.Unmarshal([]byte(in), &want)
		if (gotErr != nil) != (wantErr != nil) {
			t.Errorf("%s: error %v, encoding/json says %v", in, gotErr, wantErr)
			continue
		}
		if gotErr == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read %v, encoding/json reads %v", in, got, want)
		}
	}
}
