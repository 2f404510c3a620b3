"""Chart checks the .NET tests cannot do without a YAML parser or a JSON-schema validator.

  chart_check.py validate <values.schema.json> <values.yaml>   exit 0 valid, 1 invalid (errors on stdout)
  chart_check.py keys <values.yaml>                             configuration keys the file sets, one a line:
                                                                appsettings paths as A:B:C, extraEnv names as given
  chart_check.py paths <values.yaml>                            every value path the file defines, dotted (a.b.c), one a line
Exit 3 when python3-yaml or python3-jsonschema is missing.
"""
import json
import sys

try:
    import yaml
    import jsonschema
except ImportError as missing:
    print(f"missing Python module ({missing}): apt-get install -y python3-yaml python3-jsonschema (./test.sh does)")
    sys.exit(3)


def validate(schema_path, values_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    with open(values_path, encoding="utf-8") as f:
        values = yaml.safe_load(f) or {}
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(values), key=lambda e: list(e.absolute_path))
    for error in errors:
        print(f"{'.'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}")
    return 1 if errors else 0


def flatten(prefix, node, out):
    if isinstance(node, dict) and node:
        for key, value in node.items():
            flatten(f"{prefix}:{key}" if prefix else str(key), value, out)
    elif prefix:
        out.append(prefix)


def keys(values_path):
    with open(values_path, encoding="utf-8") as f:
        values = yaml.safe_load(f) or {}
    out = []
    flatten("", values.get("appsettings") or {}, out)
    out.extend(str(e["name"]) for e in values.get("extraEnv") or [])
    for key in out:
        print(key)
    return 0


def walk(prefix, node, out):
    out.append(prefix)
    if isinstance(node, dict):
        for key, value in node.items():
            walk(f"{prefix}.{key}" if prefix else str(key), value, out)


def paths(values_path):
    with open(values_path, encoding="utf-8") as f:
        values = yaml.safe_load(f) or {}
    out = []
    walk("", values, out)
    for path in out:
        if path:
            print(path)
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "validate" and len(sys.argv) == 4:
        sys.exit(validate(sys.argv[2], sys.argv[3]))
    if command == "keys" and len(sys.argv) == 3:
        sys.exit(keys(sys.argv[2]))
    if command == "paths" and len(sys.argv) == 3:
        sys.exit(paths(sys.argv[2]))
    print(__doc__)
    sys.exit(2)
