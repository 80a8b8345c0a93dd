#!/usr/bin/env python3
"""Reads Stryker's mutation-report.json files and prints the score per folder and every surviving mutant.

Usage: python3 tests/mutation/summarize.py [--files] artifacts/mutation/client/reports/mutation-report.json [...]
--files adds a table per file.
Score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker computes it; mutants that did
not compile or were ignored do not count.
"""
import collections
import json
import os
import sys

DETECTED = {"Killed", "Timeout"}
UNDETECTED = {"Survived", "NoCoverage"}


def main(args):
    per_file = "--files" in args
    paths = [a for a in args if a != "--files"]
    folders = collections.defaultdict(collections.Counter)
    files = collections.defaultdict(collections.Counter)
    survivors = []
    for path in paths:
        report = json.load(open(path, encoding="utf-8"))
        for name, file in report["files"].items():
            rel = name.split("/src/", 1)[-1] if "/src/" in name else name
            folder = os.path.dirname(rel) or rel
            lines = file["source"].split("\n")
            for mutant in file["mutants"]:
                status = mutant["status"]
                folders[folder][status] += 1
                files[rel][status] += 1
                if status in UNDETECTED:
                    line = mutant["location"]["start"]["line"]
                    survivors.append((rel, line, status, mutant["mutatorName"], mutant.get("replacement", "").replace("\n", " ")[:80], lines[line - 1].strip()[:100]))
    total = collections.Counter()
    print("| folder | killed | timeout | survived | no coverage | compile error | ignored | score |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for folder in sorted(folders):
        c = folders[folder]
        total.update(c)
        if scored(c):
            print(row(folder, c))
    print(row("**all mutated**", total))
    print()
    if per_file:
        print("| file | killed | timeout | survived | no coverage | compile error | ignored | score |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name in sorted(files):
            if scored(files[name]):
                print(row(name, files[name]))
        print()
    for s in sorted(survivors):
        print("- `%s:%d` %s, %s: `%s` (line: `%s`)" % s)


def scored(c):
    """False for files outside the mutate filter: the report lists them with only ignored or non-compiling mutants."""
    return any(c[s] for s in DETECTED | UNDETECTED)


def row(name, c):
    detected = sum(c[s] for s in DETECTED)
    valid = detected + sum(c[s] for s in UNDETECTED)
    score = "%.2f%%" % (100.0 * detected / valid) if valid else "n/a"
    return f"| {name} | {c['Killed']} | {c['Timeout']} | {c['Survived']} | {c['NoCoverage']} | {c['CompileError']} | {c['Ignored']} | {score} |"


if __name__ == "__main__":
    main(sys.argv[1:])
