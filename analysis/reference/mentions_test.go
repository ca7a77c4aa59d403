package reference

import (
	"reflect"
	"testing"
)

func TestMentions(t *testing.T) {
	l := Default()
	cases := []struct {
		text string
		want []string // "as written=council name" for each mention
	}{
		{"Inspection of Barking and Dagenham children’s services", []string{"Barking and Dagenham=Barking and Dagenham"}},
		{"Inspection of London Borough of Barking and Dagenham local authority children’s services", []string{"Barking and Dagenham=Barking and Dagenham"}},
		{"North Northamptonshire Council and West Northamptonshire", []string{"North Northamptonshire=North Northamptonshire", "West Northamptonshire=West Northamptonshire"}},
		{"Central Bedfordshire is not Bedford.", []string{"Central Bedfordshire=Central Bedfordshire", "Bedford=Bedford"}},
		{"St. Helens, Telford & Wrekin and Southend-on-Sea", []string{"St. Helens=St. Helens", "Telford & Wrekin=Telford and Wrekin", "Southend-on-Sea=Southend-on-Sea"}},
		{"Kingston upon Hull and Bristol City Council", []string{"Kingston upon Hull=Kingston upon Hull, City of", "Bristol=Bristol, City of"}},
		{"North Yorkshire and York", []string{"North Yorkshire=North Yorkshire", "York=York"}},
		{"Bournemouth, Christchurch and Poole Council", []string{"Bournemouth, Christchurch and Poole=Bournemouth, Christchurch and Poole"}},
		{"a BCP report on RBKC", nil},
	}
	for _, c := range cases {
		var got []string
		for _, m := range l.Mentions(c.text) {
			if c.text[m.Start:m.End] != m.Text {
				t.Errorf("%q: offsets %d-%d do not give %q", c.text, m.Start, m.End, m.Text)
			}
			got = append(got, m.Text+"="+m.Councils[0].Name)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Mentions(%q) = %q, want %q", c.text, got, c.want)
		}
	}
	if ms := l.Mentions("Dorset"); len(ms) != 1 || len(ms[0].Councils) != 2 {
		t.Errorf("Dorset should be one mention meaning two councils, got %+v", ms)
	}
}
