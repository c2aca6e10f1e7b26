"""Compares the files `trinocfg gen --out DIR` writes with the ConfigMaps of the Trino Helm
chart rendered from `trinocfg gen --format helm-values` (see helm-roundtrip.sh).

Usage: helm-compare.py GEN_DIR RENDER_YAML NAME. Exit 1 on any difference, printing it.
"""

import json
import os
import sys

import yaml

# Keys the chart writes whatever the values say, and why each is no contradiction.
CHART_OWNED = {
    # The chart points the coordinator at itself through localhost; trinocfg names its Service.
    ("coordinator", "config.properties", "discovery.uri"): "the chart's coordinator announces to localhost",
}
# Keys the chart adds that trinocfg does not write, and the check that they agree.
EXTRA_PROPERTIES = {
    # The chart writes the coordinator's query.max-memory into the workers' config too.
    ("worker", "config.properties", "query.max-memory"): lambda gen: gen["coordinator"]["config.properties"].get("query.max-memory"),
}
# jvm.config options the chart adds of its own (the same in every render of the chart).
EXTRA_JVM = {
    "-agentpath:/usr/lib/trino/bin/libjvmkill.so": "kills the JVM on an out-of-memory error (Trino's image ships it)",
    "UnlockDiagnosticVMOptions": "the chart's workaround for JDK-8329528",
    "G1NumCollectionsKeepPinned": "the chart's workaround for JDK-8329528",
    "UseG1GC": "the JVM's default collector",
    "-Dcom.sun.management.jmxremote.rmi.port": "the JMX RMI port, as jmx.rmiserver.port",
}


def properties(text):
    """A java.util.Properties reading, enough for what trinocfg and the chart write."""
    out = {}
    logical = []
    pending = ""
    for raw in text.splitlines():
        line = raw.lstrip(" \t\f")
        if not pending and (not line or line[0] in "#!"):
            continue
        backslashes = len(line) - len(line.rstrip("\\"))
        if backslashes % 2 == 1:
            pending += line[:-1]
            continue
        logical.append(pending + line)
        pending = ""
    if pending:
        logical.append(pending)
    for line in logical:
        key, i = [], 0
        while i < len(line):
            c = line[i]
            if c == "\\" and i + 1 < len(line):
                key.append(line[i : i + 2])
                i += 2
                continue
            if c in "=: \t\f":
                break
            key.append(c)
            i += 1
        while i < len(line) and line[i] in " \t\f":
            i += 1
        if i < len(line) and line[i] in "=:":
            i += 1
        while i < len(line) and line[i] in " \t\f":
            i += 1
        out[unescape("".join(key))] = unescape(line[i:])
    return out


def unescape(s):
    res, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n == "u" and i + 5 < len(s) + 0:
                res.append(chr(int(s[i + 2 : i + 6], 16)))
                i += 6
                continue
            res.append({"t": "\t", "n": "\n", "r": "\r", "f": "\f"}.get(n, n))
            i += 2
            continue
        res.append(c)
        i += 1
    return "".join(res)


def jvm_options(text):
    """The effective options of a jvm.config: the last of each option wins."""
    out = {}
    for line in text.splitlines():
        o = line.strip()
        if not o or o.startswith("#"):
            continue
        if o.startswith("-Xmx") or o.startswith("-Xms") or o.startswith("-Xss"):
            out[o[:4]] = o[4:]
        elif o.startswith("-XX:+") or o.startswith("-XX:-"):
            out[o[5:]] = o[4]
        elif o.startswith("-XX:") and "=" in o:
            k, v = o[4:].split("=", 1)
            out[k] = v
        elif o.startswith("-D") and "=" in o:
            k, v = o.split("=", 1)
            out[k] = v
        else:
            out[o] = ""
    return out


def main():
    gen_dir, render, name = sys.argv[1:4]
    docs = [d for d in yaml.safe_load_all(open(render)) if d]
    maps = {d["metadata"]["name"]: d.get("data") or {} for d in docs if d["kind"] == "ConfigMap"}
    roles = {}
    for data in maps.values():
        cfg = data.get("config.properties")
        if cfg is None:
            continue
        role = "coordinator" if properties(cfg).get("coordinator") == "true" else "worker"
        roles[role] = data
    catalogs = next((d for n, d in maps.items() if n.endswith("-catalog")), {})
    problems, notes = [], []
    compared = 0

    gen = {}
    for role in ("coordinator", "worker"):
        etc = os.path.join(gen_dir, role, "etc")
        if not os.path.isdir(etc):
            if role in roles:
                problems.append(f"the chart renders a {role} that trinocfg does not write")
            continue
        if role not in roles:
            problems.append(f"the chart renders no {role} ConfigMap")
            continue
        gen[role] = {}
        for f in sorted(os.listdir(etc)):
            path = os.path.join(etc, f)
            if os.path.isfile(path) and f.endswith(".properties"):
                gen[role][f] = properties(open(path).read())

    for role, files in gen.items():
        data = roles[role]
        etc = os.path.join(gen_dir, role, "etc")
        for f in sorted(os.listdir(etc)):
            path = os.path.join(etc, f)
            if not os.path.isfile(path):
                continue
            if f not in data:
                problems.append(f"{role}/{f}: not in the chart's ConfigMap")
                continue
            compared += 1
            ours_text = open(path).read()
            if f.endswith(".properties"):
                ours, theirs = files[f], properties(data[f])
                for k, v in ours.items():
                    owned = CHART_OWNED.get((role, f, k))
                    if owned:
                        notes.append(f"{role}/{f}: {k}: trinocfg `{v}`, the chart `{theirs.get(k)}` ({owned})")
                    elif k not in theirs:
                        problems.append(f"{role}/{f}: {k}={v} is missing in the chart's render")
                    elif theirs[k] != v:
                        problems.append(f"{role}/{f}: {k}: trinocfg `{v}`, the chart `{theirs[k]}`")
                for k, v in theirs.items():
                    if k in ours:
                        continue
                    check = EXTRA_PROPERTIES.get((role, f, k))
                    if check is None:
                        problems.append(f"{role}/{f}: the chart adds {k}={v}, which trinocfg does not write")
                    elif check(gen) != v:
                        problems.append(f"{role}/{f}: the chart adds {k}={v}, contradicting `{check(gen)}`")
                    else:
                        notes.append(f"{role}/{f}: the chart adds {k}={v} (agrees with trinocfg)")
            elif f == "jvm.config":
                ours, theirs = jvm_options(ours_text), jvm_options(data[f])
                for k, v in ours.items():
                    if theirs.get(k) != v:
                        problems.append(f"{role}/jvm.config: {k}: trinocfg `{v}`, the chart `{theirs.get(k)}`")
                for k, v in theirs.items():
                    if k in ours:
                        continue
                    if k in EXTRA_JVM:
                        notes.append(f"{role}/jvm.config: the chart adds {k}{'=' + v if v not in ('', '+', '-') else ''} ({EXTRA_JVM[k]})")
                    else:
                        problems.append(f"{role}/jvm.config: the chart adds {k} `{v}`, which trinocfg does not write")
            elif f.endswith(".json"):
                if json.loads(ours_text) != json.loads(data[f]):
                    problems.append(f"{role}/{f}: differs")
            elif ours_text.rstrip("\n") != data[f].rstrip("\n"):
                problems.append(f"{role}/{f}: differs")
        extra_files = sorted(set(data) - set(f for f in os.listdir(etc) if os.path.isfile(os.path.join(etc, f))))
        for f in extra_files:
            problems.append(f"{role}: the chart adds the file {f}, which trinocfg does not write")

        # Catalogs: exactly the same set, exactly the same properties.
        cat_dir = os.path.join(etc, "catalog")
        ours_cats = {f[: -len(".properties")]: properties(open(os.path.join(cat_dir, f)).read()) for f in os.listdir(cat_dir)} if os.path.isdir(cat_dir) else {}
        theirs_cats = {k[: -len(".properties")]: properties(v) for k, v in catalogs.items()}
        for c in sorted(set(ours_cats) | set(theirs_cats)):
            if c not in theirs_cats:
                problems.append(f"{role}/catalog/{c}.properties: missing in the chart's render")
            elif c not in ours_cats:
                problems.append(f"catalog {c}: the chart adds it, the spec has no such catalog")
            elif ours_cats[c] != theirs_cats[c]:
                for k in sorted(set(ours_cats[c]) | set(theirs_cats[c])):
                    if ours_cats[c].get(k) != theirs_cats[c].get(k):
                        problems.append(f"{role}/catalog/{c}.properties: {k}: trinocfg `{ours_cats[c].get(k)}`, the chart `{theirs_cats[c].get(k)}`")
            else:
                compared += 1

        # Kafka table descriptions: the same files, mounted where the catalog reads them.
        schemas = next((d for n, d in maps.items() if n.endswith(f"-schemas-volume-{role}")), {})
        kafka_dir = os.path.join(etc, "kafka")
        ours_topics = {}
        if os.path.isdir(kafka_dir):
            for catalog in os.listdir(kafka_dir):
                for f in os.listdir(os.path.join(kafka_dir, catalog)):
                    ours_topics[f] = json.load(open(os.path.join(kafka_dir, catalog, f)))
        theirs_topics = {k: json.loads(v) for k, v in schemas.items()}
        if ours_topics != theirs_topics:
            problems.append(f"{role}: the Kafka table descriptions differ: trinocfg {sorted(ours_topics)}, the chart {sorted(theirs_topics)}")
        elif ours_topics:
            compared += len(ours_topics)
            deployment = next(d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"].endswith(f"-{role}"))
            mounts = {m["name"]: m["mountPath"] for c in deployment["spec"]["template"]["spec"]["containers"] for m in c.get("volumeMounts", [])}
            for c, props in ours_cats.items():
                wanted = props.get("kafka.table-description-dir")
                if wanted and mounts.get("schemas-volume") != wanted:
                    problems.append(f"{role}: catalog {c} reads {wanted}, the chart mounts the descriptions at {mounts.get('schemas-volume')}")

    # One line per note, the roles it holds for together.
    merged = {}
    for n in notes:
        role, _, rest = n.partition("/")
        merged.setdefault(rest, []).append(role)
    for rest, note_roles in merged.items():
        print(f"     note {name}: {'+'.join(note_roles)}/{rest}")
    if problems or compared == 0:
        print(f"FAIL {name}: the chart's render differs from trinocfg's files:")
        for p in problems:
            print(f"       {p}")
        if compared == 0:
            print("       nothing was compared")
        return 1
    print(f"ok   {name}: {compared} files agree with trinocfg's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
