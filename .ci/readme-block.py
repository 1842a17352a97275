#!/usr/bin/python3
"""Prints a fenced code block of the README, so that CI runs the README's examples as written.

  /usr/bin/python3 .ci/readme-block.py README.md "From TypeScript" sh     the first ```sh block under that heading

The heading is a level-2 heading ("## From TypeScript"); the block is the first one fenced as ```LANG in that
section. Exits 2 when there is no such heading or block.
"""
import sys


def block(text, heading, lang):
    lines = text.split("\n")
    inside = False
    fence = None
    out = []
    for line in lines:
        if fence is None and line.startswith("## "):
            inside = line[3:].strip() == heading
            continue
        if not inside:
            continue
        if fence is None and line.strip() == "```" + lang:
            fence = []
            continue
        if fence is not None:
            if line.strip() == "```":
                return "\n".join(fence) + "\n"
            fence.append(line)
    return None


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: readme-block.py README.md HEADING LANG\n")
        return 2
    with open(argv[0], encoding="utf-8") as f:
        found = block(f.read(), argv[1], argv[2])
    if found is None:
        sys.stderr.write("readme-block.py: no ```%s block under \"## %s\" in %s\n" % (argv[2], argv[1], argv[0]))
        return 2
    sys.stdout.write(found)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
