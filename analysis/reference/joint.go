package reference

import (
	"strings"

	"github.com/oversight/oversight/analysis/dates"
)

// JointService is councils that run one children's service together, for
// which DfE publishes one workforce figure. A joint figure is shown on each
// member and counts once in every median and ranking (spec/metrics.md v2).
type JointService struct {
	Name string
	// From is the first day the service was joint: a figure dated from
	// then on is the service's, not one member's.
	From    dates.Day
	Members []string // GSS codes, the member DfE files the 2022 release under first
}

// JointServices are the joint children's services DfE reports as one row:
// Achieving for Children (Kingston upon Thames and Richmond upon Thames,
// since April 2014) and Northamptonshire Children's Trust (North and West
// Northamptonshire, since the two councils were created on 1 April 2021).
var JointServices = []JointService{
	{"Achieving for Children", dates.FromYMD(2014, 4, 1), []string{"E09000021", "E09000027"}},
	{"Northamptonshire Children's Trust", dates.FromYMD(2021, 4, 1), []string{"E06000061", "E06000062"}},
}

// Joint is a council's joint service on day d, with the other members'
// indices; nil when the council ran its own service then.
func (l *List) Joint(council int, d dates.Day) (*JointService, []int) {
	k := l.JointIndex(council, d)
	if k < 0 {
		return nil, nil
	}
	return &JointServices[k], l.members(k, council)
}

// Partners are the other members of the council's joint service, whenever
// it began; nil when the council has never run one.
func (l *List) Partners(council int) []int {
	if k := l.jointService(council); k >= 0 {
		return l.members(k, council)
	}
	return nil
}

// members are joint service k's members' indices but council.
func (l *List) members(k, council int) []int {
	var out []int
	for _, code := range JointServices[k].Members {
		if p := l.byExact[code]; len(p) == 1 && p[0] != council {
			out = append(out, p[0])
		}
	}
	return out
}

// JointIndex is the position in JointServices of a council's joint service
// on day d, or -1: the cheap form of Joint for comparisons over every
// council and date.
func (l *List) JointIndex(council int, d dates.Day) int {
	if k := l.jointService(council); k >= 0 && d >= JointServices[k].From {
		return k
	}
	return -1
}

// jointService is the position in JointServices of the service the
// council is a member of, whatever the day, or -1.
func (l *List) jointService(council int) int {
	l.jointOnce.Do(func() {
		l.joint = make([]int, len(l.Councils))
		for i := range l.joint {
			l.joint[i] = -1
		}
		for k, js := range JointServices {
			for _, code := range js.Members {
				if p := l.byExact[code]; len(p) == 1 {
					l.joint[p[0]] = k
				}
			}
		}
	})
	return l.joint[council]
}

// Describe is "Achieving for Children (Kingston upon Thames and Richmond
// upon Thames)".
func (l *List) Describe(js *JointService) string {
	names := make([]string, 0, len(js.Members))
	for _, code := range js.Members {
		if p := l.byExact[code]; len(p) == 1 {
			names = append(names, l.Councils[p[0]].Name)
		}
	}
	return js.Name + " (" + strings.Join(names, " and ") + ")"
}
