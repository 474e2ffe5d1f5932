#!/usr/bin/env python3
"""Summarise one peer linter's saved output (stdlib only).

Usage: parse_peer.py TOOL OUTPUT_FILE [EXTRA_FILE]
Prints one tab-separated line: files_checked, parse_failures, findings, files_with_findings
  TOOL in: agnix | skillsaw | skilllint | claude-code-lint | cclint | agentkit
  EXTRA_FILE: skillsaw -> output of `skillsaw tree STAGE` (agent count);
              claude-code-lint -> its stylish output ("Checked N files").
"""
import collections
import json
import re
import sys


def fmt(counter, order):
    return " / ".join(f"{counter.get(k, 0)} {k}" for k in order)


def agentkit(d, _extra):
    s = d["summary"]
    sev = collections.Counter(error=s["errors"], warning=s["warnings"], info=s["infos"])
    files = {x["path"] for x in d["diagnostics"]}
    return s["files"], "0 (reads all; 19 not strict YAML)", fmt(sev, ["error", "warning", "info"]), len(files)


def agnix(d, _extra):
    diags = d["diagnostics"]
    sev = collections.Counter(x["level"] for x in diags)
    pf = sum(1 for x in diags if x["rule"] == "CC-AG-007")
    files = {x["file"] for x in diags if x["file"].endswith(".md")}
    return d["files_checked"], str(pf), fmt(sev, ["error", "warning", "info"]), len(files)


def skillsaw(d, extra):
    v = d["violations"]
    s = d["summary"]
    sev = collections.Counter(error=s["errors"], warning=s["warnings"], info=s["info"])
    pf = sum(1 for x in v if x["rule_id"] == "claude-agent-frontmatter" and "Invalid frontmatter" in x["message"])
    files = {x["file_path"] for x in v if x.get("file_path")}
    checked = "?"
    if extra:
        checked = len(re.findall(r"\.md \(agent\)", open(extra, encoding="utf-8").read()))
    return checked, str(pf), fmt(sev, ["error", "warning", "info"]), len(files)


def skilllint(d, _extra):
    iss = [(f["path"], i) for f in d["files"] for v in f["validators"] for i in v["issues"]]
    sev = collections.Counter(i["severity"] for _, i in iss)
    sev["info"] += d.get("omitted", {}).get("info_issues", 0)
    gave_up = sum(1 for _, i in iss if i["code"] in ("FM002", "FM003"))
    repaired = sum(1 for _, i in iss if i["code"] == "FM009")
    files = {p for p, i in iss if i["severity"] != "info"}
    return (d["summary"]["total_files"], f"{gave_up} (+{repaired} FM009 repaired)",
            fmt(sev, ["error", "warning", "info"]), len(files))


def claude_code_lint(d, extra):
    errs = [e for v in d["validators"] for e in v["errors"] + v["warnings"]]
    sev = collections.Counter(e.get("severity", "?") for e in errs)
    aborted = [e for e in errs if e["message"].startswith("Validator failed:")]
    files = {e["file"] for e in errs if e.get("file")}
    checked = "?"
    if extra:
        m = re.search(r"Checked (\d+) files", open(extra, encoding="utf-8").read())
        checked = m.group(1) if m else "?"
    pf = f"ABORTED ({len(aborted)} unnamed file)" if aborted else "0"
    return checked, pf, fmt(sev, ["error", "warning"]), len(files)


def cclint(d, _extra):
    res = [r for r in d["results"] if "/.claude/agents/" in r["file"]]
    sev = collections.Counter()
    files = set()
    for r in d["results"]:
        for k in ("errors", "warnings", "suggestions", "missingFields"):
            sev[k] += len(r[k])
            if r[k] and "/.claude/agents/" in r["file"]:
                files.add(r["file"])
    pf = sum(1 for r in res for e in r["errors"] if e.startswith("Failed to parse file"))
    return len(res), str(pf), fmt(sev, ["errors", "warnings", "suggestions"]), len(files)


def main():
    tool, path = sys.argv[1], sys.argv[2]
    extra = sys.argv[3] if len(sys.argv) > 3 else None
    try:
        d = json.load(open(path, encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        print(f"?\t?\tunparseable output ({e.__class__.__name__})\t?")
        return
    fn = {"agnix": agnix, "skillsaw": skillsaw, "skilllint": skilllint,
          "claude-code-lint": claude_code_lint, "cclint": cclint, "agentkit": agentkit}[tool]
    print("\t".join(str(x) for x in fn(d, extra)))


if __name__ == "__main__":
    main()
