#!/usr/bin/env bash
# Ingest against the plain-Bleve baseline for each corpus size given
# (default 1000 10000). Run from the repository root:
#   bash cmd/bleve-baseline/compare.sh 1000 10000
#   ROUNDS=1 PARALLEL=1 bash cmd/bleve-baseline/compare.sh 50000
# ROUNDS (default 2) rounds are interleaved — plain, ingest, plain, ingest —
# so a change in the machine's load falls on both sides. PARALLEL=1 runs the
# two of a round at the same time instead (same priority, same moment: for
# a size too long to run twice in a row). Besides wall-clock rates it
# prints reports per CPU-second, which neighbours on a shared machine
# disturb much less, and the peak resident memory sampled every 0.5 s
# from /proc (anonymous: heap and Bleve's in-memory segments; file-backed:
# the mapped segment files). The baseline's anonymous memory includes the
# parsed corpus it holds before writing (parsed_heap_mib in its JSON).
set -euo pipefail
work=${WORK:-$(mktemp -d)}
rounds=${ROUNDS:-2}
go build -o "$work/baocao" ./cmd/baocao
go build -o "$work/bleve-baseline" ./cmd/bleve-baseline

# sampled NAME CMD...: runs CMD under /usr/bin/time (wall, user, system
# seconds, peak RSS), its stdout to NAME.json, its peak RssAnon and RssFile
# to NAME.rss, the load average before and after to NAME.load.
sampled() {
	local name=$1 anon=0 file=0 pid="" a f
	shift
	cut -d' ' -f1 /proc/loadavg >"$work/$name.load"
	/usr/bin/time -f '%e %U %S %M' -o "$work/$name.time" "$@" >"$work/$name.json" &
	local tpid=$!
	while kill -0 "$tpid" 2>/dev/null; do
		[ -n "$pid" ] || pid=$(cat "/proc/$tpid/task/$tpid/children" 2>/dev/null | cut -d' ' -f1)
		if [ -n "$pid" ] && read -r a f < <(awk '/^RssAnon/{a=$2} /^RssFile/{f=$2} END{print a+0, f+0}' "/proc/$pid/status" 2>/dev/null); then
			((a > anon)) && anon=$a
			((f > file)) && file=$f
		fi
		sleep 0.5
	done
	wait "$tpid" || echo "$name: exit $?" >&2
	echo "$anon $file" >"$work/$name.rss"
	cut -d' ' -f1 /proc/loadavg >>"$work/$name.load"
}

printf '| reports | round | what | reports/s | reports per CPU-s | sections/s | wall s | CPU s | CPU %% of one core | load avg | peak RSS MiB (anonymous + file-backed) |\n|---|---|---|---|---|---|---|---|---|---|---|\n'
for n in "${@:-1000 10000}"; do
	corpus="$work/corpus-$n"
	[ -d "$corpus" ] || BAOCAO_BENCH_CORPUS="$corpus:$n" go test ./pipeline -run '^TestWriteBenchCorpus$' -count 1 >/dev/null
	for r in $(seq 1 "$rounds"); do
		rm -rf "$work/base-index" "$work/data"
		if [ "${PARALLEL:-0}" = 1 ]; then
			sampled "base-$n-$r" "$work/bleve-baseline" "$corpus" "$work/base-index" &
			sampled "ours-$n-$r" "$work/baocao" ingest --data-dir "$work/data" -o json "$corpus" &
			wait
		else
			sampled "base-$n-$r" "$work/bleve-baseline" "$corpus" "$work/base-index"
			rm -rf "$work/base-index"
			sampled "ours-$n-$r" "$work/baocao" ingest --data-dir "$work/data" -o json "$corpus"
		fi
	done
	rm -rf "$work/base-index" "$work/data"
	python3 - "$n" "$work" "$rounds" <<'PY'
import json, statistics, sys
n, work, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
def read(name):
    wall, user, sys_, _ = open(f"{work}/{name}.time").read().split()
    anon, file = (int(x) // 1024 for x in open(f"{work}/{name}.rss").read().split())
    load = "–".join(open(f"{work}/{name}.load").read().split())
    return json.load(open(f"{work}/{name}.json")), float(wall), float(user) + float(sys_), anon, file, load
wall_ratios, cpu_ratios = [], []
for r in range(1, rounds + 1):
    base, bwall, bcpu, banon, bfile, bload = read(f"base-{n}-{r}")
    ours, owall, ocpu, oanon, ofile, oload = read(f"ours-{n}-{r}")
    sections = base["documents"] - base["reports"]
    reports = ours["indexed"] + ours["replaced"]
    # The baseline's rates are of its write alone, timed inside it.
    bw, bc = base["write_seconds"], base["write_cpu_seconds"]
    print(f"| {n} | {r} | plain Bleve (write only) | {base['reports']/bw:.1f} | {base['reports']/bc:.1f} | {sections/bw:.0f} | {bw:.1f} (+{base['parse_seconds']:.1f} parse) | {bc:.1f} | {100*bc/bw:.0f} | {bload} | {banon} + {bfile} (corpus {base['parsed_heap_mib']:.0f}) |")
    print(f"| {n} | {r} | baocao ingest (whole process) | {reports/owall:.1f} | {reports/ocpu:.1f} | {sections/owall:.0f} | {owall:.1f} | {ocpu:.1f} | {100*ocpu/owall:.0f} | {oload} | {oanon} + {ofile} |")
    wall_ratios.append(reports / owall / (base["reports"] / bw))
    cpu_ratios.append(reports / ocpu / (base["reports"] / bc))
print(f"| {n} | all | **ratio ingest / plain** | **{statistics.median(wall_ratios):.2f}** ({', '.join(f'{x:.2f}' for x in wall_ratios)}) | **{statistics.median(cpu_ratios):.2f}** ({', '.join(f'{x:.2f}' for x in cpu_ratios)}) | | | | | | |")
PY
done
