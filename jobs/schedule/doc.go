// Package schedule runs jobs on cron schedules: it reads the jobs file,
// runs a job once into its month folder (a scheduled run, `run --job` or a
// backfill), records each run in runs.jsonl, points latest at the newest
// month, applies retention, and holds the locks that keep two schedulers
// (or two runs of one job) apart. What a run does is package jobs'.
//
// The layout of a job's outputs under its root:
//
//	ROOT/.oversight-schedule.lock   held by the scheduler running on ROOT
//	ROOT/<job>/<YYYY-MM>/           one report per month, replaced whole
//	ROOT/<job>/latest               symlink to the newest month written
//	ROOT/<job>/runs.jsonl           one JSON line per run, good or failed
//	ROOT/<job>/documents.jsonl      the documents its runs have read (a job with documents)
//	ROOT/<job>/.run.lock            held while a run of the job is going
package schedule

// File names under ROOT and ROOT/<job>.
const (
	LatestName = "latest"
	RunsName   = "runs.jsonl"
	// RegistryName is a job's registry of documents already read, saved
	// after each good run (so a failed one reads its documents again).
	RegistryName = "documents.jsonl"
	RootLockName = ".oversight-schedule.lock"
	jobLockName  = ".run.lock"
)
