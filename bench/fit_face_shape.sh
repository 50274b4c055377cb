#!/usr/bin/env bash
# Fits the face shape that `faceflow bench index` draws its default (face-shaped) data from:
# embeds the shared face photos (ORL, Yale B, sitcom people; one folder per person) with the
# pretrained recogniser, then fits mean, covariance and within-identity covariance.
# Writes only statistics, to .cache/bench/face-shape (the embeddings stay in .cache/bench).
# Usage: bench/fit_face_shape.sh [SHARED_DIR]   (default: ../shared, beside the repository)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${1:-$ROOT/../shared}"
WORK="$ROOT/.cache/bench"
MODEL="$SHARED/models/fr_feature.onnx"
[ -f "$MODEL" ] || { echo "fit_face_shape: no recogniser at $MODEL; pass the shared folder as the argument" >&2; exit 2; }
mkdir -p "$WORK"
cd "$ROOT"
[ -d "$WORK/mobilefacenet" ] || ./faceflow models import --file "$MODEL" --format onnx --std 128 \
  --name mobilefacenet --out "$WORK/mobilefacenet"
mapfile -t faces < <(find "$SHARED/datasets/orl_faces" "$SHARED/datasets/yaleb_cropped_subset" \
  "$SHARED/datasets/sitcom_cast/people" -type f \( -name '*.pgm' -o -name '*.png' \) | sort)
# The model has a fixed batch dimension of 1. Exit code 3 means some photos had no usable face:
# they are listed in the output and left out of the fit.
rc=0
FACEFLOW_MODELS="$SHARED/models" ./faceflow embed --model "$WORK/mobilefacenet" --batch 1 --device cpu --json \
  "${faces[@]}" > "$WORK/embeddings.jsonl" || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { echo "fit_face_shape: faceflow embed failed ($rc)" >&2; exit "$rc"; }
./faceflow bench face-shape --embeddings "$WORK/embeddings.jsonl" --out "$WORK/face-shape"
