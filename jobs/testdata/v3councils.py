#!/usr/bin/env python3
"""An independent computation of councils.csv's v3 columns, for the tests.

usage: v3councils.py REF.csv AS_OF AS_AT COUNCILS.csv FINDINGS...

Written from spec/findings.md and spec/metrics.md v3 alone, sharing no code
with oversight: it reads the findings (CSV and JSON Lines), applies the
contract's rules (validation, duplicates with the earliest publication
kept, conflicting grades rejected), counts a finding when it is dated on or
before AS_AT and published on or before AS_OF, keeps the latest published
release of an official figure, and computes each council's grades and
headline workforce figures. It prints one JSON object: how many cells it
compared and every cell where oversight's councils.csv differs.
"""
import csv, json, sys

GRADES = {"outstanding": 4, "good": 3, "requires improvement": 2, "requires improvement to be good": 2, "ri": 2, "inadequate": 1}
GRADE_WORDS = {4: "outstanding", 3: "good", 2: "requires improvement", 1: "inadequate"}
WORKFORCE = ["caseload", "vacancy_rate", "agency_rate", "turnover_rate"]
NUMERIC = WORKFORCE + ["social_workers", "recommendations"]
AREAS = ["overall", "leadership", "help_and_protection", "children_in_care", "care_leavers",
         "children_in_care_and_care_leavers", "adoption"]


def day(s):
    """A YYYY-MM-DD, YYYY-MM or YYYY date as (first day, precision), or None."""
    s = s.strip()
    parts = s.split("-")
    try:
        if len(parts) == 3 and len(s) == 10:
            y, m, d = int(parts[0]), int(parts[1]), int(parts[2])
            import datetime
            datetime.date(y, m, d)
            return ("%04d-%02d-%02d" % (y, m, d), 0)
        if len(parts) == 2 and len(s) == 7:
            y, m = int(parts[0]), int(parts[1])
            if 1 <= m <= 12:
                return ("%04d-%02d-01" % (y, m), 1)
        if len(parts) == 1 and len(s) == 4:
            return ("%04d-01-01" % int(s), 2)
    except ValueError:
        return None
    return None


def written(d):
    first, prec = d
    return first if prec == 0 else first[:7] if prec == 1 else first[:4]


def main():
    ref_path, as_of, as_at, councils_csv = sys.argv[1:5]
    paths = sys.argv[5:]
    names = {}
    for r in csv.DictReader(open(ref_path, encoding="utf-8-sig")):
        for k in [r["la_name"], r["new_la_code"], r["old_la_code"]] + [a for a in r.get("aliases", "").split(";") if a]:
            names[k.strip().lower()] = r["old_la_code"]  # compared by DfE code: names are spelt two ways, GSS codes change
    rows = []
    for p in paths:
        if p.endswith(".jsonl"):
            for line in open(p, encoding="utf-8"):
                if line.strip():
                    rows.append({k: ("" if v is None else str(v)) for k, v in json.loads(line).items()})
        else:
            rows.extend(csv.DictReader(open(p, encoding="utf-8-sig")))

    # Validate and normalise; duplicates count once, the earliest published kept.
    kept = {}
    for r in rows:
        council = names.get(r.get("council", "").strip().lower())
        d = day(r.get("date", ""))
        m = r.get("measure", "").strip().lower()
        v = r.get("value", "").strip()
        if council is None or d is None or not v:
            continue
        pub = day(r.get("published", "") or "") if r.get("published", "").strip() else d
        if pub is None:
            continue
        area = r.get("area", "").strip() or ("overall" if m == "grade" else "")
        scope = r.get("scope", "").strip().lower() or "council"
        qual = r.get("qualifier", "").strip() or ("exact" if m in NUMERIC else "")
        src = r.get("source_type", "").strip()
        pol = r.get("polarity", "").strip()
        if m == "grade":
            if v.lower() not in GRADES or area not in AREAS:
                continue
            val = GRADES[v.lower()]
        elif m in NUMERIC:
            try:
                val = float(v.rstrip("%"))
            except ValueError:
                continue
            if m == "caseload" and not (0 < val <= 200) or m.endswith("_rate") and not (0 <= val <= 100) or val < 0:
                continue
        elif m == "visit":
            val = v.lower()
        elif m == "theme":
            if pol not in ("strength", "weakness"):
                continue
            val = v.lower()
        else:
            continue
        key = (council, d, m, val, area, scope, qual, pol)
        f = {"council": council, "date": d, "pub": pub, "measure": m, "value": val, "area": area, "scope": scope,
             "qual": qual, "src": src}
        if key not in kept or pub[0] < kept[key]["pub"][0]:
            kept[key] = f
    fs = list(kept.values())
    # Two different grades for one council, date and area: neither is used.
    grades = {}
    for f in fs:
        if f["measure"] == "grade":
            grades.setdefault((f["council"], f["date"], f["area"]), set()).add(f["value"])
    fs = [f for f in fs if f["measure"] != "grade" or len(grades[(f["council"], f["date"], f["area"])]) == 1]
    # What counts: dated by AS_AT, published by AS_OF.
    unpublished = sum(1 for f in fs if f["date"][0] <= as_at and f["pub"][0] > as_of)
    after_as_at = sum(1 for f in fs if f["date"][0] > as_at and f["date"][0] <= as_of and f["pub"][0] <= as_of)
    fs = [f for f in fs if f["date"][0] <= as_at and f["pub"][0] <= as_of]
    revised = 0

    by_council = {}
    for f in fs:
        by_council.setdefault(f["council"], []).append(f)
    want = {}
    for council, cf in by_council.items():
        row = {}
        insp = {}
        for f in cf:
            if f["measure"] == "grade":
                e = insp.setdefault(f["date"], {"grades": {}, "pub": f["pub"]})
                e["grades"][f["area"]] = f["value"]
                if f["pub"][0] < e["pub"][0]:
                    e["pub"] = f["pub"]
        dates = sorted(insp, key=lambda d: d[0])
        if dates:
            latest = dates[-1]
            g = insp[latest]["grades"].get("overall")
            row["grade"] = GRADE_WORDS[g] if g else ""
            row["grade_date"] = written(latest) if g else ""
            row["grade_published"] = written(insp[latest]["pub"]) if g else ""
            prev = [d for d in dates if d[0] < latest[0] and "overall" in insp[d]["grades"]]
            row["previous_grade"] = GRADE_WORDS[insp[prev[-1]]["grades"]["overall"]] if g and prev else ""
            lead = [d for d in dates if "leadership" in insp[d]["grades"]]
            row["leadership"] = GRADE_WORDS[insp[lead[-1]]["grades"]["leadership"]] if lead else ""
            row["leadership_date"] = written(lead[-1]) if lead else ""
            row["leadership_published"] = written(insp[lead[-1]]["pub"]) if lead else ""
            for area in ("help_and_protection", "children_in_care", "care_leavers"):
                val = ""
                for d in reversed(dates):
                    gs = insp[d]["grades"]
                    if area in gs:
                        val = GRADE_WORDS[gs[area]]
                        break
                    if area != "help_and_protection" and "children_in_care_and_care_leavers" in gs:
                        val = GRADE_WORDS[gs["children_in_care_and_care_leavers"]]
                        break
                row[area] = val
        for m in WORKFORCE:
            head = [f for f in cf if f["measure"] == m and f["scope"] == "council" and f["qual"] in ("exact", "average")]
            official = [f for f in head if f["src"] == "statistics"]
            # Of an official figure's releases, the latest published counts.
            latest_pub = {}
            for f in official:
                k = f["date"][0]
                latest_pub[k] = max(latest_pub.get(k, ""), f["pub"][0])
            revised += sum(1 for f in official if f["pub"][0] != latest_pub[f["date"][0]])
            official = [f for f in official if f["pub"][0] == latest_pub[f["date"][0]]]
            series = official if official else [f for f in head if f["src"] != "statistics"]
            if not series:
                row[m] = row[m + "_date"] = row[m + "_published"] = row[m + "_source"] = row[m + "_change"] = ""
                continue
            points = {}
            for f in series:
                points.setdefault(f["date"][0], []).append(f)
            order = sorted(points)
            def value(d):
                vs = [f["value"] for f in points[d]]
                return round(sum(vs) / len(vs), 2)
            last = order[-1]
            row[m] = value(last)
            row[m + "_date"] = written(min((f["date"] for f in points[last]), key=lambda d: d[1]))
            row[m + "_published"] = written(max((f["pub"] for f in points[last]), key=lambda p: p[0]))
            kinds = {f["src"] or "not given" for f in points[last]}
            row[m + "_source"] = "; ".join(k for k in ["statistics", "ofsted", "news", "council", "not given"] if k in kinds)
            row[m + "_change"] = round(value(last) - value(order[-2]), 6) if len(order) > 1 else ""
        want[council] = row

    compared, diffs = 0, []
    for r in csv.DictReader(open(councils_csv, encoding="utf-8-sig")):
        w = want.get(r["old_la_code"], {})
        for col in r:
            if col not in ("grade", "grade_date", "grade_published", "previous_grade", "leadership", "leadership_date",
                           "leadership_published", "help_and_protection", "children_in_care", "care_leavers") and \
                    not any(col == m or col in (m + "_date", m + "_published", m + "_source", m + "_change") for m in WORKFORCE):
                continue
            got = "" if r[col] in ("x", "z") else r[col]
            exp = w.get(col, "")
            compared += 1
            if isinstance(exp, float):
                ok = got != "" and abs(float(got) - exp) < 1e-9
            else:
                ok = got == exp
            if not ok:
                diffs.append("%s %s: oversight %r, independent %r" % (r["la_name"], col, got, exp))
    print(json.dumps({"compared": compared, "differ": diffs[:50], "differences": len(diffs),
                      "councils": len(want), "unpublished": unpublished, "after_as_at": after_as_at, "revised": revised}))


if __name__ == "__main__":
    main()
