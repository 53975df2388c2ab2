package results

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// SnapshotFormat is the number of the format Encode writes. A release is stored once, as JSON,
// and never changed afterwards, so a renamed field or a changed type would otherwise make every
// stored release unreadable, or read it wrongly without a word. Any change to how Results
// encodes takes a new number, and Decode goes on reading every number ever written (see
// TestReleaseSnapshotFormat).
const SnapshotFormat = 2

// snapshot is the stored form: the results with the number of their format beside them.
type snapshot struct {
	Format int `json:"format"`
	*Results
}

// Encode is the frozen form of a release: the results as JSON, with a "format" field that
// says how to read them back.
func Encode(res *Results) ([]byte, error) {
	if res == nil {
		return nil, errors.New("no results to encode")
	}
	return json.Marshal(snapshot{Format: SnapshotFormat, Results: res})
}

// decoders read each format ever written, by its number.
var decoders = map[int]func([]byte) (*Results, error){
	1: decodeV1,
	2: decodeV2,
}

// Decode reads a frozen release written by Encode in any format ever used. A missing or unknown
// format is an error that names it; so is a field the format does not have, and anything after
// the snapshot.
func Decode(data []byte) (*Results, error) {
	var head struct {
		Format *int `json:"format"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("release snapshot: %w", err)
	}
	if head.Format == nil {
		return nil, errors.New("release snapshot has no format")
	}
	decode, ok := decoders[*head.Format]
	if !ok {
		return nil, fmt.Errorf("release snapshot format %d is unknown", *head.Format)
	}
	res, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("release snapshot format %d: %w", *head.Format, err)
	}
	return res, nil
}

// decodeV2 reads format 2, which is the shape of Results today.
func decodeV2(data []byte) (*Results, error) {
	v := snapshot{Results: &Results{}}
	if err := decodeStrict(data, &v); err != nil {
		return nil, err
	}
	return v.Results, nil
}

// decodeStrict reads one JSON value: a field the format does not have is an error, not
// something to drop, and so is anything after the value.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one value")
	}
	return nil
}
