package dates

import (
	"testing"
	"time"
)

func TestDayRoundTrip(t *testing.T) {
	start := time.Date(1899, 12, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 80000; i++ {
		tm := start.AddDate(0, 0, i)
		d := FromTime(tm)
		if want := Day(tm.Unix() / 86400); d != want {
			t.Fatalf("FromTime(%s) = %d, want %d", tm.Format("2006-01-02"), d, want)
		}
		if got := d.Time(); !got.Equal(tm) {
			t.Fatalf("Time(%d) = %s, want %s", d, got, tm)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want string
		prec Precision
		end  string
		err  bool
	}{
		{in: "2019-08-19", want: "2019-08-19", prec: PrecDay, end: "2019-08-19"},
		{in: "2019-08", want: "2019-08", prec: PrecMonth, end: "2019-08-31"},
		{in: "2020-02", want: "2020-02", prec: PrecMonth, end: "2020-02-29"},
		{in: "2017", want: "2017", prec: PrecYear, end: "2017-12-31"},
		{in: "03/04/2018", want: "2018-04-03", prec: PrecDay, end: "2018-04-03"},
		{in: "3/4/2018", want: "2018-04-03", prec: PrecDay, end: "2018-04-03"},
		{in: " 2019-08 ", want: "2019-08", prec: PrecMonth, end: "2019-08-31"},
		{in: "2019-02-30", err: true},
		{in: "2019-13", err: true},
		{in: "13/13/2019", err: true},
		{in: "04/2019", err: true},
		{in: "2019/08/01", err: true},
		{in: "19-08-01", err: true},
		{in: "1989-12-31", err: true},
		{in: "2100", err: true},
		{in: "", err: true},
		{in: "August 2019", err: true},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.err {
			if err == nil {
				t.Errorf("Parse(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got.String() != tt.want || got.Prec != tt.prec || got.End().String() != tt.end {
			t.Errorf("Parse(%q) = %s (%s, ends %s), want %s (%s, ends %s)", tt.in, got, got.Prec, got.End(), tt.want, tt.prec, tt.end)
		}
	}
}

func TestMonthSortsAsFirstDay(t *testing.T) {
	m, _ := Parse("2019-08")
	d, _ := Parse("2019-08-01")
	y, _ := Parse("2019")
	if m.Day != d.Day || y.Day != FromYMD(2019, 1, 1) {
		t.Fatalf("month %d day %d year %d", m.Day, d.Day, y.Day)
	}
}

func TestExcelSerial(t *testing.T) {
	// 43678 is 2019-08-01 in Excel's 1900 date system.
	d, ok := ParseSerial("43678")
	if !ok || d.String() != "2019-08-01" {
		t.Fatalf("ParseSerial(43678) = %v, %v", d, ok)
	}
	if s := d.Day.ExcelSerial(); s != 43678 {
		t.Fatalf("ExcelSerial = %v", s)
	}
	if _, ok := ParseSerial("2019"); ok {
		t.Fatal("a four-digit year must not read as a serial number")
	}
	if d, ok := ParseSerial("43678.75"); !ok || d.String() != "2019-08-01" {
		t.Fatalf("time of day must be dropped: %v %v", d, ok)
	}
}
