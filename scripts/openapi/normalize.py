#!/usr/bin/env python3
"""Prints an OpenAPI document as sorted lines, one fact a line: each operation's method and path,
its parameters, request body and each response's status, media types and schema, then every
component schema. Two builds' lines are compared with diff, so only a change of contract shows."""
import json
import sys


def canon(value):
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    lines = []
    for route, item in doc.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method, op in item.items():
            if method == "parameters" or not isinstance(op, dict):
                continue
            where = f"{method.upper()} {route}"
            lines.append(f"{where}")
            for p in shared + op.get("parameters", []):
                lines.append(f"{where} parameter {p.get('in')}:{p.get('name')} required={p.get('required', False)} schema={canon(p.get('schema'))}")
            body = op.get("requestBody")
            if body:
                for media, content in body.get("content", {}).items():
                    lines.append(f"{where} request {media} required={body.get('required', False)} schema={canon(content.get('schema'))}")
            for status, response in op.get("responses", {}).items():
                content = response.get("content") or {}
                if not content:
                    lines.append(f"{where} response {status}")
                for media, c in content.items():
                    lines.append(f"{where} response {status} {media} schema={canon(c.get('schema'))}")
            if "security" in op:
                lines.append(f"{where} security={canon(op['security'])}")
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        lines.append(f"schema {name} {canon(schema)}")
    for name, scheme in doc.get("components", {}).get("securitySchemes", {}).items():
        lines.append(f"security-scheme {name} {canon(scheme)}")
    for line in sorted(lines):
        print(line)


if __name__ == "__main__":
    main(sys.argv[1])
