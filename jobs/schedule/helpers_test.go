package schedule

import "github.com/oversight/oversight/analysis/dates"

// The seed findings (fixtures/findings/seeds.csv).
const seeds = "../../fixtures/findings/seeds.csv"

func asOf(s string) dates.Day {
	d, err := dates.Parse(s)
	if err != nil {
		panic(err)
	}
	return d.Day
}
