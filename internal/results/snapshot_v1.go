package results

// Format 1 (until competency scores became means of published item means) pooled every answer of
// the raters who rated at least half of a competency's items into one score, with a spread where
// the audit allowed one. These are its types as they were where they differ from today's.

type resultsV1 struct {
	Format       int                  `json:"format"`
	Threshold    int                  `json:"threshold"`
	Groups       []PublishedGroup     `json:"groups"`
	Competencies []competencyResultV1 `json:"competencies"`
	Items        []ItemResult         `json:"items"`
	Insights     Insights             `json:"insights"`
	Comments     []Comment            `json:"comments"`
}

type competencyResultV1 struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Scores []Score `json:"scores"`
}

// decodeV1 reads format 1. A pooled score stood for all of the competency's items, so it reads
// as covering all of them; its spread, which today's scores do not have, is dropped.
func decodeV1(data []byte) (*Results, error) {
	var v resultsV1
	if err := decodeStrict(data, &v); err != nil {
		return nil, err
	}
	res := &Results{Threshold: v.Threshold, Groups: v.Groups, Items: v.Items, Insights: v.Insights, Comments: v.Comments, Competencies: []CompetencyResult{}}
	items := map[string]int{}
	for _, item := range v.Items {
		items[item.Competency]++
	}
	for _, c := range v.Competencies {
		comp := CompetencyResult{ID: c.ID, Title: c.Title, Items: items[c.ID], Scores: []CompetencyScore{}}
		for _, s := range c.Scores {
			comp.Scores = append(comp.Scores, CompetencyScore{Group: s.Group, N: s.N, Mean: s.Mean, Items: items[c.ID]})
		}
		res.Competencies = append(res.Competencies, comp)
	}
	return res, nil
}
