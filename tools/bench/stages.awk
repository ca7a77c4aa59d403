# stages.awk puts `oversight run --timings` outputs side by side, one column
# per file (timings-<rows>.txt, as make bench writes them): each stage's
# seconds, the wall time, the peak memory, the CPU time.
# usage: awk -f stages.awk timings-10000.txt timings-100000.txt ...
FNR == 1 {
	n++
	col[n] = FILENAME
	sub(/^timings-/, "", col[n])
	sub(/\.txt$/, "", col[n])
}
/^  [a-zA-Z].* [0-9.]+ (s|MB|KB)$/ {
	stage = $0
	sub(/^ +/, "", stage)
	sub(/ +[0-9.]+ (s|MB|KB)$/, "", stage)
	if (!(stage in seen)) {
		seen[stage] = 1
		order[++k] = stage
	}
	val[stage, n] = $(NF - 1) " " $NF
}
END {
	printf "%-28s", "stage"
	for (j = 1; j <= n; j++)
		printf "%14s", col[j]
	printf "\n"
	for (i = 1; i <= k; i++) {
		printf "%-28s", order[i]
		for (j = 1; j <= n; j++)
			printf "%14s", ((order[i], j) in val) ? val[order[i], j] : "-"
		printf "\n"
	}
}
