#!/usr/bin/env python3
"""Writes the public surface of the libraries others compile against into their PublicAPI.Shipped.txt.

Usage: python3 scripts/update-public-api.py

The build enforces the files (Microsoft.CodeAnalysis.PublicApiAnalyzers: RS0016 for a public symbol
the file lacks, RS0017 for a listed one that is gone). After a deliberate change of the surface this
script builds each library, takes the analyzer's own text for every symbol it reports, and rewrites
the file (sorted), so that the change shows up as a reviewable diff of the file.
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PROJECTS = ["abstractions/PetriDish.Abstractions", "abstractions/PetriDish.Sdk", "abstractions/PetriDish.Kernels", "host/PetriDish.Core"]
MISSING = re.compile(r"error RS0016: Symbol '(.*)' is not part of the declared public API")
REMOVED = re.compile(r"error RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found")


def build(project):
    result = subprocess.run(["dotnet", "build", str(ROOT / project), "-c", "Release", "-nologo", "-v", "q"],
                            capture_output=True, text=True, cwd=ROOT)
    return result.returncode, result.stdout + result.stderr


for project in PROJECTS:
    shipped = ROOT / project / "PublicAPI.Shipped.txt"
    for _ in range(5):
        code, output = build(project)
        missing = {m.group(1) for m in MISSING.finditer(output)}
        removed = {m.group(1) for m in REMOVED.finditer(output)}
        if not missing and not removed:
            break
        lines = [l for l in shipped.read_text().splitlines() if l and not l.startswith("#")]
        lines = sorted((set(lines) - removed) | missing, key=str.casefold)
        shipped.write_text("#nullable enable\n" + "".join(l + "\n" for l in lines))
    code, output = build(project)
    if code != 0:
        sys.exit(f"{project} does not build:\n" + "\n".join(l for l in output.splitlines() if " error " in l)[:4000])
    print(f"{project}: {sum(1 for l in shipped.read_text().splitlines() if l and not l.startswith('#'))} public symbols")
