#!/usr/bin/env bash
# Runs scripts/vector_peers.py: hnswlib, FAISS with OpenBLAS and the machine's sgemm beside Trinity's vector bench on the
# same files and thread count, one after the other in one run. Installs the Debian packages it needs when they are
# missing (python3-hnswlib, python3-faiss, libopenblas0-pthread, python3-numpy, dataset-fashion-mnist).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
need=()
/usr/bin/python3 -c "import hnswlib" >/dev/null 2>&1 || need+=(python3-hnswlib)
/usr/bin/python3 -c "import faiss, numpy" >/dev/null 2>&1 || need+=(python3-faiss python3-numpy)
[ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ] || need+=(libopenblas0-pthread)
[ -e /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || need+=(dataset-fashion-mnist)
if [ ${#need[@]} -gt 0 ]; then
  echo "vector_peers: installing ${need[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
# FAISS and numpy reach BLAS through libblas.so.3: point them at OpenBLAS whatever the system default is.
export LD_LIBRARY_PATH="/usr/lib/x86_64-linux-gnu/openblas-pthread${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
exec /usr/bin/python3 "$here/vector_peers.py" "$@"
