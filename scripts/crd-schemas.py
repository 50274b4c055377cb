#!/usr/bin/env python3
"""Turns CustomResourceDefinition files into the JSON schemas kubeconform reads.

    scripts/crd-schemas.py OUT_DIR CRD.yaml...

Writes OUT_DIR/<group>/<kind>_<version>.json for every served version, the layout of the
schema location `{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json`. Descriptions are
dropped (they are most of a CRD's size and no validator reads them), and every object that lists
its properties and does not ask to keep unknown fields is closed (additionalProperties: false), so
a misspelt field fails validation as it does for Kubernetes' own kinds under kubeconform -strict.
Needs PyYAML. The committed schemas and where their CRDs came from: k8s/schemas/README.md.
"""
import json
import os
import sys

import yaml


def convert(node):
    if isinstance(node, list):
        return [convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: convert(value) for key, value in node.items() if key != "description"}
    if out.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out["oneOf"] = [{"type": "string"}, {"type": "integer"}]
    if out.pop("nullable", False) and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    closed = "properties" in out and "additionalProperties" not in out
    if closed and not out.get("x-kubernetes-preserve-unknown-fields"):
        out["additionalProperties"] = False
    return out


def main(out_dir, crd_files):
    for path in crd_files:
        with open(path) as f:
            for crd in yaml.safe_load_all(f):
                if not crd or crd.get("kind") != "CustomResourceDefinition":
                    continue
                spec = crd["spec"]
                kind = spec["names"]["kind"].lower()
                for version in spec["versions"]:
                    if not version.get("served", True):
                        continue
                    schema = convert(version["schema"]["openAPIV3Schema"])
                    target = os.path.join(out_dir, spec["group"], f"{kind}_{version['name']}.json")
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "w") as out:
                        json.dump(schema, out, separators=(",", ":"), sort_keys=True)
                        out.write("\n")
                    print(target)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
