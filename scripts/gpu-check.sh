#!/usr/bin/env bash
# GPU checks of the vector pool's ILGPU device and of the engine's CUDA execution provider (docs/GPU.md).
#
#   scripts/gpu-check.sh build [--bundle DIR] [--with-cuda-ep]
#       On a machine with .NET and NuGet: a self-contained linux-x64 publish of Trinity.Bench built with
#       -p:TrinityGpu=true (ONNX Runtime's CUDA package), packed into DIR (default .device-carry/gpu-check, a path git
#       ignores, for the device tool's carry). --with-cuda-ep also packs libonnxruntime_providers_cuda.so, in parts
#       small enough to carry one per call.
#   scripts/gpu-check.sh run [--quick] [--device cuda|ilgpu-cpu] [--bundle DIR] [--results DIR]
#       On the lent GPU machine (no .NET, no network): unpacks the bundle and runs, each under a time limit,
#       (1) whole-pool equality with the CPU device, (2) device-to-device copy bandwidth, (3) flat scan of
#       1M x 768 fp32 at batch 1 and 64 compared with (2) and checked against the CPU device, (4) sched policy
#       ordering on the device, (5) CUDA vs CPU execution provider greedy tokens. --quick: tiny sizes (rehearsal).
#       Results (JSON per step, summary.txt) go to DIR (default $OUT if set, else .device-carry/gpu-check-results).
#   scripts/gpu-check.sh rehearse
#       build, then run --quick --device ilgpu-cpu here: the whole path without a GPU.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

mode=${1:-}
shift || true
bundle=.device-carry/gpu-check
results=""
device=cuda
quick=0
with_ep=0
while [[ $# -gt 0 ]]; do
  case $1 in
    --bundle) bundle=$2; shift 2 ;;
    --results) results=$2; shift 2 ;;
    --device) device=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --with-cuda-ep) with_ep=1; shift ;;
    *) echo "gpu-check: unknown option $1" >&2; exit 2 ;;
  esac
done

build() {
  command -v dotnet >/dev/null || { echo "gpu-check build: needs the .NET SDK" >&2; exit 2; }
  if [[ -n $(git status --porcelain --untracked-files=no) ]]; then
    echo "gpu-check build: uncommitted changes are not in the bundle (it is built from HEAD)" >&2
  fi
  local work
  work=$(mktemp -d /tmp/trinity-gpu-build.XXXXXX)
  git archive HEAD | tar -x -C "$work"
  echo "gpu-check build: publishing Trinity.Bench (self-contained linux-x64, -p:TrinityGpu=true) from $(git rev-parse --short HEAD)"
  (cd "$work" && dotnet publish src/Trinity.Bench -c Release -r linux-x64 --self-contained -p:TrinityGpu=true -o "$work/publish" -nologo -v quiet) || exit 1
  local out="$work/publish"
  # Not needed on Linux or by the checks: the Windows GenAI library, debugger support, TensorRT, symbols.
  rm -f "$out"/onnxruntime-genai.dll "$out"/*.pdb "$out"/libmscordaccore.so "$out"/libmscordbi.so "$out"/createdump "$out"/libonnxruntime_providers_tensorrt.so
  if [[ $(md5sum < "$out/libonnxruntime.so") == $(md5sum < "$HOME/.nuget/packages/microsoft.ml.onnxruntime/1.32.0/runtimes/linux-x64/native/libonnxruntime.so" 2>/dev/null) ]]; then
    echo "gpu-check build: the publish carries the CPU libonnxruntime.so, not the CUDA one" >&2
    exit 1
  fi
  mv "$out/libonnxruntime_providers_cuda.so" "$work/"
  rm -rf "$bundle"
  mkdir -p "$bundle"
  echo "gpu-check build: packing $(du -sh "$out" | cut -f1) into $bundle/bench.tar.xz"
  tar -C "$out" -cf - . | xz -T2 -6 > "$bundle/bench.tar.xz"
  if [[ $with_ep -eq 1 ]]; then
    echo "gpu-check build: packing the CUDA execution provider (289 MB) in 56 MiB parts"
    xz -T2 -6 -c "$work/libonnxruntime_providers_cuda.so" | split -b 56m -d - "$bundle/cuda-ep.xz.part"
  fi
  git rev-parse HEAD > "$bundle/commit"
  rm -rf "$work"
  du -ah "$bundle"
}

unpack() {
  local target=$1
  rm -rf "$target"
  mkdir -p "$target"
  if command -v xz >/dev/null; then
    xz -dc "$bundle/bench.tar.xz" | tar -x -C "$target"
  else
    python3 -c 'import lzma,sys,tarfile; tarfile.open(fileobj=lzma.open(sys.argv[1])).extractall(sys.argv[2])' "$bundle/bench.tar.xz" "$target"
  fi
  if compgen -G "$bundle/cuda-ep.xz.part*" >/dev/null; then
    cat "$bundle"/cuda-ep.xz.part* | python3 -c 'import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.stdin.buffer), open(sys.argv[1], "wb"))' "$target/libonnxruntime_providers_cuda.so"
  fi
  chmod +x "$target/Trinity.Bench"
}

# CUDA 13 libraries for ONNX Runtime's CUDA provider: the toolkit's and the pip wheels' folders, when present.
cuda_library_path() {
  local dirs=()
  for d in /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib; do [[ -d $d ]] && dirs+=("$d"); done
  while IFS= read -r d; do dirs+=("$d"); done < <(python3 - <<'PY' 2>/dev/null
import glob, site, os
roots = site.getsitepackages() + glob.glob('/opt/*/.venv/lib/python3*/site-packages')
for root in roots:
    for lib in sorted(set(os.path.dirname(p) for p in glob.glob(os.path.join(root, 'nvidia', '**', 'lib*.so*'), recursive=True))):
        print(lib)
PY
)
  local IFS=:
  echo "${dirs[*]}"
}

run() {
  local started=$SECONDS
  results=${results:-${OUT:-.device-carry/gpu-check-results}}
  mkdir -p "$results"
  local app=/tmp/trinity-gpu-check/app
  unpack "$app"
  export ORT_DISABLE_TELEMETRY=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 TRINITY_HOME=/tmp/trinity-gpu-check/home
  export LD_LIBRARY_PATH="$app:$(cuda_library_path)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  local bench="$app/Trinity.Bench"
  local summary="$results/summary.txt"
  : > "$summary"
  {
    echo "gpu-check: commit $(cat "$bundle/commit" 2>/dev/null || echo unknown), device $device, $( [[ $quick -eq 1 ]] && echo quick || echo full ), $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
    nproc
  } | tee -a "$summary"

  local eq_args copy_args kernel_args sched_args ep_args
  if [[ $quick -eq 1 ]]; then
    eq_args=(--n 600 --d 24 --queries 8)
    copy_args=(--mib 16 --repeats 3)
    kernel_args=(--n 3000 --d 64 --batch 1,4 --repeats 1)
    sched_args=(--n 600 --decode-n 200 --d 16 --rate 20 --duration 0.5 --prefill-deadline-ms 2000 --decode-deadline-ms 1000)
    ep_args=(--prompts 2 --max-tokens 8)
  else
    eq_args=(--n 20000 --d 96 --queries 32)
    copy_args=(--mib 2048 --repeats 10)
    kernel_args=(--n 1000000 --d 768 --batch 1,64 --repeats 5)
    sched_args=(--n 500000 --decode-n 20000 --d 128 --rate 200 --duration 10)
    ep_args=(--prompts 4 --max-tokens 32)
  fi

  step() {
    local name=$1 limit=$2
    shift 2
    local t0=$SECONDS
    timeout "$limit" "$@" > "$results/$name.log" 2>&1
    local rc=$?
    tail -n 6 "$results/$name.log"
    echo "$name: exit $rc in $((SECONDS - t0)) s" | tee -a "$summary"
    return $rc
  }

  step equal 90 "$bench" vector equal --device "$device" "${eq_args[@]}" --json "$results/equal.json"
  step copy 30 "$bench" vector copy --device "$device" "${copy_args[@]}" --json "$results/copy.json"
  step kernel 120 "$bench" vector kernel --device "$device" "${kernel_args[@]}" --check --json "$results/kernel.json"
  step sched 120 "$bench" sched --device "$device" --policy fifo,trinity "${sched_args[@]}" --json "$results/sched.json"
  step engine-ep 60 "$bench" engine-ep "${ep_args[@]}" --json "$results/engine-ep.json"

  python3 - "$results" "$quick" >> "$summary" <<'PY'
import json, os, sys
d = sys.argv[1]
quick = sys.argv[2] == '1'
def load(name):
    p = os.path.join(d, name + '.json')
    return json.load(open(p))['runs'] if os.path.exists(p) else None
def verdict(ok): return 'PASS' if ok else 'FAIL'
eq = load('equal')
print(f"equality with the cpu device: {verdict(bool(eq) and eq[0]['equal'])}" + (f" ({eq[0]['identical']}/{eq[0]['searches']} searches, {eq[0]['device']})" if eq else ''))
copy = load('copy')
kern = load('kernel')
if kern:
    for r in kern:
        print(f"flat {r['n']} x {r['dimension']} batch {r['batch']}: {r['ms']} ms, {r['qps']} QPS, {r['gb_per_s']} GB/s"
              f" = {r['scan_vs_copy']} of copy ({r['copy_gb_per_s']} GB/s); equal to cpu: {r['equal_to_cpu']}")
    print(f"flat scan equal to cpu: {verdict(all(r['equal_to_cpu'] for r in kern))}")
else:
    print("flat scan: FAIL (no result)")
if copy:
    print(f"copy: {copy[0]['copy_gb_per_s']} GB/s copied ({copy[0]['read_write_gb_per_s']} GB/s read + written)")
sched = load('sched')
if sched:
    p99 = {(r['policy'], r['stage']): r['p99_ms'] for r in sched}
    ok = p99[('trinity', 'decode')] <= p99[('fifo', 'decode')]
    # At --quick sizes a handful of queries decide the tail: the ordering is only reported.
    print(f"sched: decode p99 trinity {p99[('trinity', 'decode')]} ms vs fifo {p99[('fifo', 'decode')]} ms: {'INFO (quick)' if quick else verdict(ok)}")
else:
    print("sched: FAIL (no result)")
ep = load('engine-ep')
if ep:
    r = ep[0]
    print(f"engine CUDA EP greedy tokens: " + ('SKIPPED (CUDA execution provider unavailable, see engine-ep.log)' if r['equal'] is None else verdict(r['equal'])))
else:
    print("engine CUDA EP: FAIL (no result)")
PY
  echo "gpu-check: done in $((SECONDS - started)) s" >> "$summary"
  echo "----"
  cat "$summary"
}

case $mode in
  build) build ;;
  run) run ;;
  rehearse)
    build
    device=ilgpu-cpu
    quick=1
    run
    ;;
  *) sed -n '2,20p' "$0"; exit 2 ;;
esac
