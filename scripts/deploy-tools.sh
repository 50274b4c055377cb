#!/usr/bin/env bash
# The offline validators for compose.yaml and k8s/, from package registries, into .cache/deploy-tools:
#   scripts/deploy-tools.sh install     (idempotent; scripts/test.sh calls it)
# bin/kustomize and bin/kubeconform are built with the Go toolchain from their Go modules;
# schemas/kubernetes/ holds Kubernetes' own schemas as the kubernetes-validate package (PyPI) ships
# them, made self-contained for kubeconform; schemas/compose-spec.json is the compose specification
# schema that the compose-go module carries. The Strimzi and KEDA CRD schemas are in k8s/schemas.
# DeployManifestsTest (app) runs the tools; with CI=true a missing tool fails it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${FACEFLOW_DEPLOY_TOOLS:-$ROOT/.cache/deploy-tools}"
GO="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
KUSTOMIZE_VERSION=v5.8.1
KUBECONFORM_VERSION=v0.7.0
COMPOSE_GO_VERSION=v2.10.1
KUBERNETES_VALIDATE_VERSION=1.37.0
KUBERNETES_VERSION=1.33.0

# name version: true when DIR/versions records that version of that piece.
have() { grep -qx "$1 $2" "$DIR/versions" 2>/dev/null; }
record() { { grep -v "^$1 " "$DIR/versions" 2>/dev/null || true; echo "$1 $2"; } > "$DIR/versions.new" && mv "$DIR/versions.new" "$DIR/versions"; }

go_tool() {
  local name="$1" module="$2" version="$3"
  have "$name" "$version" && [ -x "$DIR/bin/$name" ] && return 0
  echo "building $name $version into $DIR/bin ..." >&2
  GOBIN="$DIR/bin" GOFLAGS=-buildvcs=false "$GO" install "$module@$version"
  record "$name" "$version"
}

kubernetes_schemas() {
  local version="$KUBERNETES_VALIDATE_VERSION/$KUBERNETES_VERSION" target="$DIR/schemas/kubernetes"
  have kubernetes-schemas "$version" && [ -d "$target/v$KUBERNETES_VERSION-standalone-strict" ] && return 0
  echo "unpacking the Kubernetes $KUBERNETES_VERSION schemas of kubernetes-validate $KUBERNETES_VALIDATE_VERSION ..." >&2
  local tmp pip; tmp="$(mktemp -d)"
  pip=(python3 -m pip)
  if ! python3 -m pip --version >/dev/null 2>&1; then
    python3 -m venv "$tmp/venv" && pip=("$tmp/venv/bin/pip")
  fi
  "${pip[@]}" download -q --no-deps "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" -d "$tmp"
  python3 -m zipfile -e "$tmp"/kubernetes_validate-*.whl "$tmp/wheel"
  rm -rf "$target" && mkdir -p "$target"
  mv "$tmp/wheel/kubernetes_validate/kubernetes-json-schema/v$KUBERNETES_VERSION-local-strict" "$target/v$KUBERNETES_VERSION-standalone-strict"
  rm -rf "$tmp"
  # The package's schemas name themselves by URL and point at /api/_definitions.json; kubeconform
  # compiles each file on its own, so the references are made relative to the file beside it.
  find "$target" -name '*.json' -exec sed -i \
    -e 's#"\$id": "https://kubernetes.io/#"$comment": "https://kubernetes.io/#' \
    -e 's#"/api/_definitions.json\##"_definitions.json\##g' {} +
  record kubernetes-schemas "$version"
}

compose_schema() {
  have compose-spec "$COMPOSE_GO_VERSION" && [ -f "$DIR/schemas/compose-spec.json" ] && return 0
  local module
  module="$(GOFLAGS=-mod=mod "$GO" mod download -json "github.com/compose-spec/compose-go/v2@$COMPOSE_GO_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
  mkdir -p "$DIR/schemas"
  cp "$module/schema/compose-spec.json" "$DIR/schemas/compose-spec.json"
  chmod u+w "$DIR/schemas/compose-spec.json"
  record compose-spec "$COMPOSE_GO_VERSION"
}

case "${1:-}" in
  install)
    [ -x "$GO" ] || { echo "deploy-tools: the Go toolchain is needed to build kustomize and kubeconform; install Go 1.24+ or set GO" >&2; exit 1; }
    mkdir -p "$DIR"
    go_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION"
    go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION"
    kubernetes_schemas
    compose_schema
    ;;
  *)
    echo "usage: $0 install" >&2
    exit 2
    ;;
esac
