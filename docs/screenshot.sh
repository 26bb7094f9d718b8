#!/usr/bin/env bash
# Screenshot of a Tailguard report: runs the packaged jar on a JSONL (or Parquet) input into a fresh temporary
# folder and saves a headless-Chromium screenshot (1280x1800) of the top of the run's report/index.html.
#
#   ./mvnw -B package -DskipTests            # once, builds target/quarkus-app/quarkus-run.jar
#   docs/screenshot.sh ../shared/data/sotu.jsonl /tmp/sotu-report.png [more `tailguard run` flags]
#
# Prints the run's verdict line (or its failure line), the index.html path and the PNG path. The run folder is
# kept (its path is printed) so the report can be opened afterwards; nothing is fetched from the network.
# Environment: TAILGUARD_JAR (default: this repository's target/quarkus-app/quarkus-run.jar), CHROMIUM (default chromium),
# TMPDIR (where the run folder is made). Exit code: 0 when the screenshot was written (whatever the verdict),
# 2 on wrong usage, 1 when no report page or no screenshot came out.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 INPUT.jsonl OUT.png [tailguard run flags...]" >&2
  exit 2
fi
input=$1
png=$2
shift 2
repo=$(cd "$(dirname "$0")/.." && pwd)
jar=${TAILGUARD_JAR:-$repo/target/quarkus-app/quarkus-run.jar}
chromium=${CHROMIUM:-chromium}
[ -f "$jar" ] || { echo "no $jar: build it first with ./mvnw -B package -DskipTests" >&2; exit 2; }
[ -f "$input" ] || { echo "input not found: $input" >&2; exit 2; }
command -v "$chromium" >/dev/null || { echo "$chromium not found (apt-get install -y chromium)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tailguard-screenshot.XXXXXX")
rc=0
env -u TAILGUARD_JAR java -jar "$jar" run --input "$input" --out "$work/out" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || rc=$?

index=$(sed -n 's/^open: //p' "$work/stderr.txt" | tail -n 1)
if [ -z "$index" ]; then
  failure=$(sed -n 's/^failure report: //p' "$work/stderr.txt" | tail -n 1)
  [ -n "$failure" ] && index="${failure%report.json}index.html"
fi
if [ -z "$index" ] || [ ! -f "$index" ]; then
  echo "the run (exit $rc) wrote no report page; its output is in $work" >&2
  tail -n 5 "$work/stderr.txt" >&2
  exit 1
fi

mkdir -p "$(dirname "$png")"
"$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --no-first-run --hide-scrollbars --user-data-dir="$work/chromium-profile" --window-size=1280,1800 \
  --screenshot="$png" "file://$(cd "$(dirname "$index")" && pwd)/$(basename "$index")" >"$work/chromium.txt" 2>&1 || true
if [ ! -s "$png" ]; then
  echo "no screenshot written; see $work/chromium.txt" >&2
  exit 1
fi

verdict=$(grep -E '^(verdict: |tailguard run failed)' "$work/stderr.txt" | tail -n 1 || true)
echo "${verdict:-run exit code $rc (no verdict line)}"
echo "report: $index"
echo "screenshot: $png"
