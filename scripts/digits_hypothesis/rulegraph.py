"""Collapse generated per-batch rules in ``snakemake --rulegraph`` output into their step.

``fit__test_25__seeds_0_9`` and its siblings become one node ``fit``, so the drawn graph
shows the workflow's structure rather than the default config's batches. Standard library
only; used as a filter (see the README):

    snakemake --workflow-profile none --rulegraph \\
        | python scripts/digits_hypothesis/rulegraph.py | dot -Tsvg -o docs/rulegraph.svg
"""

from __future__ import annotations

import re
import sys

NODE = re.compile(r'^\s*(\d+)\[label = "([^"]+)"(.*)$')
EDGE = re.compile(r"^\s*(\d+) -> (\d+)\s*$")


def stem(name: str) -> str:
    """The step of a generated batch rule (``fit__case__seeds_0_9`` -> ``fit``)."""
    return name.split("__", 1)[0]


def collapse(dot: str) -> str:
    """The same graph with every node whose rule shares a stem merged into the first one."""
    first: dict[str, str] = {}  # stem -> id of its first node
    ids: dict[str, str] = {}  # node id -> id it is merged into
    out, edges = [], []
    for line in dot.splitlines():
        node, edge = NODE.match(line), EDGE.match(line)
        if node:
            node_id, name, rest = node.groups()
            kept = first.setdefault(stem(name), node_id)
            ids[node_id] = kept
            if kept == node_id:
                out.append(f'\t{node_id}[label = "{stem(name)}"{rest}')
        elif edge:
            edges.append(edge.groups())
        elif line.strip() == "}":
            seen = set()
            for a, b in edges:
                pair = (ids.get(a, a), ids.get(b, b))
                if pair[0] != pair[1] and pair not in seen:
                    seen.add(pair)
                    out.append(f"\t{pair[0]} -> {pair[1]}")
            out.append(line)
        else:
            out.append(line)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(collapse(sys.stdin.read()))
