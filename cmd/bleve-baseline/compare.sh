#!/usr/bin/env bash
# Ingest against the plain-Bleve baseline, side by side in one run, for
# each corpus size given (default 1000 10000): reports/s, sections/s, CPU
# use (of 2 cores = 200 %) and peak RSS. Run from the repository root:
#   bash cmd/bleve-baseline/compare.sh 1000 10000
set -euo pipefail
work=${WORK:-$(mktemp -d)}
go build -o "$work/baocao" ./cmd/baocao
go build -o "$work/bleve-baseline" ./cmd/bleve-baseline
printf '| reports | what | reports/s | sections/s | wall s | CPU %% | peak RSS MiB |\n|---|---|---|---|---|---|---|\n'
for n in "${@:-1000 10000}"; do
	corpus="$work/corpus-$n"
	[ -d "$corpus" ] || BAOCAO_BENCH_CORPUS="$corpus:$n" go test ./pipeline -run '^TestWriteBenchCorpus$' -count 1 >/dev/null
	rm -rf "$work/base" "$work/data"
	/usr/bin/time -f '%e %P %M' -o "$work/base.time" "$work/bleve-baseline" "$corpus" "$work/base" >"$work/base.json"
	/usr/bin/time -f '%e %P %M' -o "$work/ours.time" "$work/baocao" ingest --data-dir "$work/data" -o json "$corpus" >"$work/ours.json" || true
	python3 - "$n" "$work" <<'PY'
import json, sys
n, work = sys.argv[1], sys.argv[2]
base = json.load(open(work + "/base.json"))
ours = json.load(open(work + "/ours.json"))
bw, bcpu, brss = open(work + "/base.time").read().split()
ow, ocpu, orss = open(work + "/ours.time").read().split()
sections = base["documents"] - base["reports"]
reports = ours["indexed"] + ours["replaced"]
ow = float(ow)
print(f"| {n} | plain Bleve (write only) | {base['reports_per_s']:.0f} | {base['sections_per_s']:.0f} | {base['write_seconds']:.1f} (+{base['parse_seconds']:.1f} parse) | {100*base['write_cpu_seconds']/base['write_seconds']:.0f} | {int(brss)//1024} |")
print(f"| {n} | baocao ingest (whole process) | {reports/ow:.0f} | {sections/ow:.0f} | {ow:.1f} | {ocpu.rstrip('%')} | {int(orss)//1024} |")
print(f"| {n} | ratio ingest / plain | {reports/ow/base['reports_per_s']:.2f} | | | | |")
PY
done
