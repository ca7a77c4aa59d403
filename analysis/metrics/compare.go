package metrics

import "math"

// compareCouncils sets each council's neighbour, region and England medians
// of the latest headline figures, over councils existing on the report date.
func (r *Report) compareCouncils() {
	byIndex := map[int]*Council{}
	for i := range r.Councils {
		byIndex[r.Councils[i].Ref.Index] = &r.Councils[i]
	}
	for m := range WorkforceMeasures {
		var england []float64
		region := map[string][]float64{}
		for _, c := range r.Councils {
			if f := c.Figures[m]; f.OK {
				england = append(england, f.Value)
				region[c.Ref.Region] = append(region[c.Ref.Region], f.Value)
			}
		}
		for i := range r.Councils {
			c := &r.Councils[i]
			var neighbours []float64
			for _, n := range c.Ref.Neighbours {
				if nc, ok := byIndex[n]; ok && nc.Figures[m].OK {
					neighbours = append(neighbours, nc.Figures[m].Value)
				}
			}
			c.Compare[m] = [3]float64{orNaN(neighbours), orNaN(region[c.Ref.Region]), orNaN(england)}
		}
	}
}

func orNaN(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	return median(v)
}
