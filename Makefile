# oversight: `make run` builds and runs the monthly report on the bundled
# fixtures into out/; `make test` runs every test.

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
BIN := bin/oversight
GO ?= go
# The bundled fixtures: findings read from the seed documents, and the real
# Ofsted and DfE data imported into findings (see fixtures/README.md).
FIXTURES := fixtures/findings fixtures/real
# Where the real Ofsted and DfE files are, to rebuild fixtures/real.
DATA ?= ../shared/data/real
OUT ?= out
AS_OF ?=
# Who publishes the example reports, for their Cover: say who you are when
# you publish one (make run PUBLISHER="..." CONTACT="..." CONTACT_EMAIL=...).
PUBLISHER ?= oversight example run (set PUBLISHER to name who publishes it)
CONTACT ?= the person who ran it (set CONTACT and CONTACT_EMAIL)
CONTACT_EMAIL ?=
PUBLISHING = --publisher "$(PUBLISHER)" --contact "$(CONTACT)" $(if $(CONTACT_EMAIL),--contact-email $(CONTACT_EMAIL))
# The research example: London's vacancy rate from 2018 to 2025.
QUESTION ?= --region London --from 2018-01-01 --to 2025-12-31 --measure vacancy_rate

.PHONY: build run councils research test vet fuzz bench bench-peer clean real-fixtures eval eval-news eval-own hostile

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/oversight

# The monthly report: open $(OUT)/report/index.html (or report.xlsx).
run: build
	./$(BIN) run --findings $(FIXTURES) --out $(OUT)/report $(if $(AS_OF),--as-of $(AS_OF)) $(PUBLISHING)

# Every council's one-page summary and workbook: open $(OUT)/councils/index.html.
councils: build
	./$(BIN) councils --findings $(FIXTURES) --out $(OUT)/councils $(if $(AS_OF),--as-of $(AS_OF)) $(PUBLISHING)

# A research question answered over time: open $(OUT)/research/index.html.
research: build
	./$(BIN) research --findings $(FIXTURES) --out $(OUT)/research $(QUESTION) $(if $(AS_OF),--as-of $(AS_OF)) $(PUBLISHING)

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

# The packages whose tests take longest run first: go test runs two
# packages at a time here, and a long one started last leaves a core idle
# (measured: about 8 s of wall time on two cores). ./... adds the rest once.
SLOW_TESTS := ./jobs ./cmd/oversight ./analysis/extract/eval ./outputs/workbook
test: vet
	$(GO) test $(SLOW_TESTS) ./...

# Score extraction through the pipeline: the Ofsted report corpus against its
# truth.csv (every field) and the seed documents against seeds.csv (precision
# and recall per measure), as one table. Needs ../shared.
SHARED ?= ../shared
eval: build
	./$(BIN) eval --reports $(SHARED)/data/ofsted-reports --seeds $(SHARED)/seeds --seed-key fixtures/findings/seeds.csv

# Score the text reader on the news set (fixtures/news): real articles,
# council papers and FOI answers whose texts are not in the repository.
# OVERSIGHT_NEWS_TEXTS names the folder of PIECE.txt files
# (fixtures/news/README.md says how to make one); without it this fails and
# says so. It prints the development data (the development set and the
# held-out slices already seen), then each held-out slice apart; while
# writing rules, NEWS_HELD_OUT=false leaves the held-out slices unscored so
# that they stay unseen. Not part of make test.
OVERSIGHT_NEWS_TEXTS ?=
NEWS_HELD_OUT ?= true
# The own-words news set (fixtures/news/own): texts kept in the repository.
eval-own: build
	./$(BIN) eval --reports "" --seeds "" --news-texts fixtures/news/own/texts --news-key fixtures/news/own/key.csv --news-pieces fixtures/news/own/pieces.csv --held-out=false

eval-news: build
	./$(BIN) eval --reports "" --seeds "" --news-texts "$(OVERSIGHT_NEWS_TEXTS)" --news-key fixtures/news/key.csv --news-pieces fixtures/news/pieces.csv --held-out=$(NEWS_HELD_OUT) --news-cut analysis/extract/eval/testdata/cut-first-sight.csv
	OVERSIGHT_NEWS_TEXTS="$(OVERSIGHT_NEWS_TEXTS)" $(GO) test ./analysis/extract/eval -run TestCutLabelsAreTheScorers -count=1

# A fuzz run of the row parser, dates and each reader (CI runs a short one).
# FuzzCorruptXLSX and FuzzCorruptCSV change bytes of valid files and require
# the same rows or the file rejected whole (for CSV, which has no checksum:
# every row the change did not touch read as before). Inputs that fail are
# saved under the package's testdata/fuzz and replayed by `make test`.
# Minimizing a new interesting input is capped, so a short run fuzzes.
# Go 1.26's fuzz coordinator can fail a run with a bare "context deadline
# exceeded" as -fuzztime expires (golang/go#75804, fixed in Go 1.27): a run
# that fails without writing a failing input is reported and not counted.
FUZZTIME ?= 10s
FUZZMINIMIZETIME ?= 2s
# The document readers are fuzzed through extraction's own door: FuzzPDF
# reads any bytes with PDFium within small limits (its compiled code from
# the cache make test fills), FuzzHTML and FuzzText through decoding, the
# budget and the text reader, checking every cell written.
FUZZ_TARGETS := analysis/findings:FuzzParse analysis/dates:FuzzParse analysis/intake:FuzzCSV \
	analysis/intake:FuzzJSONL analysis/intake:FuzzXLSX analysis/intake:FuzzCorruptXLSX \
	analysis/intake:FuzzCorruptCSV outputs/table:FuzzSlug \
	analysis/extract/pdftext:FuzzPDF analysis/extract:FuzzHTML analysis/extract:FuzzText
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; corpus=$$pkg/testdata/fuzz/$$fn; \
		before=$$(ls $$corpus 2>/dev/null | wc -l); \
		echo "fuzz $$pkg $$fn for $(FUZZTIME)"; \
		if ! $(GO) test ./$$pkg -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME); then \
			if [ "$$(ls $$corpus 2>/dev/null | wc -l)" != "$$before" ]; then exit 1; fi; \
			echo "fuzz $$fn: failed without a failing input (the coordinator's deadline race, golang/go#75804); not counted"; \
		fi; \
	done

# The full run (datasets, workbook, charts, manifest) on synthetic findings
# for all councils at 10k, 100k and 1.1M rows (1/11 of them as JSON Lines,
# so 1.1M is 1M CSV + 100k JSON Lines; 1 in 1,000 bad, 1 in 200
# duplicates), generated once into .cache: each run's stage timings as it
# ends, then the stage table of all of them side by side, then the Go
# benchmarks (BenchmarkWriteReport1M on the cached 1.1M). Stages that run
# at once (the metrics and the previous month; the datasets and the
# workbook) overlap, so their seconds add up to more than the wall time.
BENCH_SIZES ?= 10000 100000 1100000
BENCH_CACHE ?= .cache/bench
BENCH_AS_OF ?= 2026-01-01
bench: build
	@for n in $(BENCH_SIZES); do \
		d=$(BENCH_CACHE)/synth-$$n; \
		if [ ! -f $$d/expect.json ]; then \
			./$(BIN) fixtures synth --rows $$n --seed 1 --bad $$((n / 1000)) --duplicates $$((n / 200)) --out $$d >/dev/null || exit 1; \
		fi; \
		echo "== $$n findings"; \
		/usr/bin/time -o $(BENCH_CACHE)/time-$$n.txt -f "  user CPU  %U s\n  system CPU  %S s\n  peak RSS (/usr/bin/time)  %M KB" \
			./$(BIN) run --findings $$d/findings.csv $$d/findings.jsonl --out $(BENCH_CACHE)/out-$$n \
			--as-of $(BENCH_AS_OF) --timings --log-format json > $(BENCH_CACHE)/run-$$n.txt 2>&1 || { cat $(BENCH_CACHE)/run-$$n.txt; exit 1; }; \
		grep '^  ' $(BENCH_CACHE)/run-$$n.txt | cat - $(BENCH_CACHE)/time-$$n.txt > $(BENCH_CACHE)/timings-$$n.txt; \
		cat $(BENCH_CACHE)/timings-$$n.txt; \
	done
	@echo "== stage table (findings rows in all)"
	@cd $(BENCH_CACHE) && awk -f ../../tools/bench/stages.awk $(foreach n,$(BENCH_SIZES),timings-$(n).txt)
	OVERSIGHT_BENCH_SYNTH=$(abspath $(BENCH_CACHE))/synth-1100000 $(GO) test -run '^$$' -bench . -benchtime 3x ./analysis/... ./outputs/... ./fixtures/synth/

# oversight against the pandas peer (../shared/bench, its README) on the
# same input: synth.py's 1M CSV rows with 100k of them again as JSON Lines,
# generated once; the two run alternately BENCH_PEER_RUNS times each, and
# the ratio of their best wall times is the result (absolute seconds vary
# with the machine and what else runs on it; the ratio is what holds). Needs
# Debian's python3-pandas, python3-xlsxwriter and python3-matplotlib.
PEER_PY ?= /usr/bin/python3
BENCH_PEER_RUNS ?= 2
BENCH_PEER_AS_OF ?= 2026-11-01
bench-peer: build
	@d=$(BENCH_CACHE)/peer-1m; \
	$(PEER_PY) -c 'import pandas, xlsxwriter, matplotlib' 2>/dev/null || \
		{ echo "bench-peer: $(PEER_PY) needs python3-pandas, python3-xlsxwriter and python3-matplotlib (apt-get install)"; exit 1; }; \
	if [ ! -f $$d/truth.json ]; then \
		$(PEER_PY) $(SHARED)/bench/synth.py --councils $(SHARED)/bench/councils_ref.csv --rows 1000000 --bad 80 --seed 3 --out $$d || exit 1; \
	fi; \
	for i in $$(seq $(BENCH_PEER_RUNS)); do \
		/usr/bin/time -o $(BENCH_CACHE)/peer-time.txt -f "%e %M" ./$(BIN) run --findings $$d --out $(BENCH_CACHE)/peer-out/oversight \
			--as-of $(BENCH_PEER_AS_OF) --log-format json >/dev/null 2>&1 || exit 1; \
		read s kb < $(BENCH_CACHE)/peer-time.txt; echo "oversight $$i: $$s s, $$kb KB peak RSS"; echo "oversight $$s" >> $(BENCH_CACHE)/peer-times.txt; \
		/usr/bin/time -o $(BENCH_CACHE)/peer-time.txt -f "%e %M" $(PEER_PY) $(SHARED)/bench/peer.py --councils $(SHARED)/bench/councils_ref.csv \
			--as-of $(BENCH_PEER_AS_OF) --out $(BENCH_CACHE)/peer-out/peer $$d >/dev/null 2>&1 || exit 1; \
		read s kb < $(BENCH_CACHE)/peer-time.txt; echo "peer      $$i: $$s s, $$kb KB peak RSS"; echo "peer $$s" >> $(BENCH_CACHE)/peer-times.txt; \
	done; \
	awk '{ if (!($$1 in best) || $$2 < best[$$1]) best[$$1] = $$2 } END { printf "best: oversight %.2f s, peer %.2f s: oversight is %.1fx faster\n", best["oversight"], best["peer"], best["peer"] / best["oversight"] }' \
		$(BENCH_CACHE)/peer-times.txt; \
	rm -f $(BENCH_CACHE)/peer-times.txt

# The hostile documents of issue 22 (PDF and HTML bombs, broken PDFs, text
# in every encoding, pipes, links, a kill, a full disk, two runs at once),
# each through the binary with its time and peak memory (/usr/bin/time):
# a table in $(HOSTILE_REPORT). About ten minutes; large files are made at
# run time. HOSTILE_ONLY=case,case runs some; HOSTILE_BIN=path another
# binary (an older one, to compare).
HOSTILE_REPORT ?= .cache/hostile.md
hostile:
	@mkdir -p $(dir $(HOSTILE_REPORT))
	OVERSIGHT_HOSTILE=1 OVERSIGHT_HOSTILE_REPORT=$(abspath $(HOSTILE_REPORT)) OVERSIGHT_HOSTILE_ONLY=$(HOSTILE_ONLY) \
		$(if $(HOSTILE_BIN),OVERSIGHT_HOSTILE_BIN=$(abspath $(HOSTILE_BIN))) \
		$(GO) test ./analysis/extract/internal/hostile -run '^TestCorpus$$' -count 1 -timeout 2h -v

# Rebuild fixtures/real (see fixtures/README.md): the findings oversight
# extract takes from the Ofsted reports in $(REPORTS) (their inspection and
# publication days also date the judgements of Ofsted's 2009-2023 sheet,
# which gives publication days only); both DfE workforce releases, merged
# (each figure from the first release that gives it, later different values
# as revisions); Ofsted's judgements dated by the inspection's first day and
# published on the report's day; the 2022-23 visits (that file's grades
# repeat the ILACS history's); and the community scrape's reports newer than
# Ofsted's own files. The extraction's registry in $(FIXTURE_CACHE) makes a
# second rebuild read no report again.
REPORTS ?= ../shared/data/ofsted-reports/reports
FIXTURE_CACHE ?= .cache/real-fixtures
real-fixtures: build
	./$(BIN) extract $(REPORTS) --out $(FIXTURE_CACHE)/reports --replace
	cp $(FIXTURE_CACHE)/reports/findings.csv fixtures/real/ofsted_reports_extracted.csv
	./$(BIN) import csww $(DATA)/csww_headline_measures_2017_to_2022.csv $(DATA)/csww_indicators_2017_to_2025.csv \
		--out fixtures/real/dfe_workforce_2017_2025.csv --references fixtures/real/dfe_workforce_reference.csv
	./$(BIN) import ofsted-outcomes $(DATA)/ofsted_la_inspections_2009-2023.csv $(DATA)/ofsted_ilacs_inspection_history_2018-2025.csv \
		$(DATA)/ofsted_la_in_year_inspections_2024-25.csv $(DATA)/ofsted_la_inspections_as_at_2025-03-31.csv \
		--inspection-dates $(FIXTURE_CACHE)/reports/documents.csv --out fixtures/real/ofsted_judgements_2009_2025.csv
	./$(BIN) import ofsted-outcomes $(DATA)/ofsted_la_in_year_inspections_2022-23.csv --visits-only \
		--out fixtures/real/ofsted_visits_2022_23.csv
	./$(BIN) import ofsted-scrape $(DATA)/ofsted_csc_ilacs_history.csv --after 2025-05-14 \
		--out fixtures/real/ofsted_reports_after_2025-05-14.csv
	$(GO) run ./analysis/inspections/gen -record fixtures/real -out analysis/inspections/record.csv

clean:
	rm -rf bin $(OUT)
