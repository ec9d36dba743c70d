#!/usr/bin/env python3
"""Puts a generated section into BENCHMARKS.md between <!-- NAME --> and <!-- /NAME -->,
replacing the old one or appending it, so each benchmark script rewrites only its own part.
   replace-section.py NAME CONTENT_FILE [TARGET=BENCHMARKS.md]"""
import re
import sys

name, content_file = sys.argv[1], sys.argv[2]
target = sys.argv[3] if len(sys.argv) > 3 else "BENCHMARKS.md"
block = "<!-- %s -->\n%s\n<!-- /%s -->" % (name, open(content_file).read().strip("\n"), name)
try:
    text = open(target).read()
except FileNotFoundError:
    text = "# Benchmarks\n"
pattern = re.compile(r"<!-- %s -->.*?<!-- /%s -->" % (re.escape(name), re.escape(name)), re.S)
if pattern.search(text):
    text = pattern.sub(lambda m: block, text)
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(target, "w").write(text)
