#!/usr/bin/env python3
"""Generate trinocfg's embedded Trino property catalogue, for every known release.

Reads the configuration facts extracted from the Trino source of each release (format
`trino-config-catalogue/1`: `../shared/trino/properties-482.json` and
`../shared/trino/history/properties-<release>.json`) and writes `crates/core/data/catalogue.tsv`,
which `crates/core/build.rs` compiles into the static tables of `crates/core/src/catalogue/`
(the format below is what it reads). The releases are stored as differences: a record that is
the same in every release is written once; one that changed is written once per distinct form,
each marked with the releases it holds in. The project never reads the JSON at build or run
time: this script is the only consumer, and `--check` (run by
`crates/core/tests/catalogue_fresh.rs`) verifies that the committed file is what the script
would write.

Usage (from anywhere):
    python3 scripts/gen-catalogue.py [TRINO_DIR] [--output PATH] [--check]

TRINO_DIR defaults to `../shared/trino` relative to the repository root (it holds
`properties-<newest>.json` and `history/properties-<release>.json`), the output to
`crates/core/data/catalogue.tsv`. With `--check` nothing is written; the exit status is 1 if the
file differs (or is missing), 0 otherwise.

Output format (UTF-8, `\\n` line ends, fields separated by one TAB, everything sorted):

    # comment
    = version<TAB>482                header facts: `version` (the newest release), `source` (its
                                     revisions), `release` (RELEASE<TAB>SOURCE, one per release,
                                     oldest first)
    [scopes]                         every scope id; a second field `partial` marks scopes whose
                                     keys the extraction could not list completely (in any
                                     release)
    [in SCOPE,SCOPE,...]             records that apply in exactly these scopes
    [template ID]                    records of a config class that is bound under a prefix
    [prefix]                         SCOPE<TAB>PREFIX<TAB>TEMPLATE-ID: in SCOPE, the key
                                     `PREFIX.<key>` is the template's `<key>`
    [enum]                           NAME<TAB>MODE<TAB>CONST,CONST...[<TAB>SPELLING=CONST,...]
    [migration]                      OLD<TAB>NEW (`-`: no replacement)
    [release]                        NAME-OR-GLOB<TAB>VERSION VERB[,VERSION VERB...]
    [types]                          one Trino standard type name per line
    [log-levels]                     one airlift log level per line

Records (in `[in ...]` and `[template ...]` sections):

    NAME<TAB>TYPE[<TAB>FLAGS][<TAB>=DEFAULT]
                                     a property, with Trino's default as a config file
                                     writes it when the source states it exactly (rules:
                                     `scripts/catalogue_defaults.py`); in DEFAULT, `\\\\`,
                                     `\\t`, `\\n` and `\\r` stand for a backslash, TAB, LF
                                     and CR, and `=` alone is the empty value
    NAME<TAB>>REPLACEMENT[,...]      a legacy name (accepted with a warning)
    NAME<TAB>!                       a defunct name (startup error)

Every line of [scopes], [in ...], [template ...] and [prefix] may end with a field
`@RELEASES`: the releases it holds in, as a comma-separated list of releases and ranges of
known releases (`@435-476,481`); a line without it holds in every release. An enum whose
definition changed between releases is written once per form: the form of the newest release
that has it keeps the short name, older forms are named `NAME~R` after the newest release R of
that form, and the types of properties refer to the form of their release. A property whose
type, flags or default changed is likewise written once per form, with its releases.

TYPE: str bool int long double decimal size dur heap uri file path hostport enum:NAME other:NAME
list:TYPE set:TYPE. `heap` is a data size or a percentage of the heap (`HeapSizeParser`).
`other:NAME` is a type whose accepted values the extraction does not know.
FLAGS: letters c (coordinator only), d (deprecated), s (security sensitive), h (hidden).
Enum MODE: `plain` (`valueOf(upper)`, then a unique case-insensitive match with `-` read as
`_`), or `from:upper` / `from:lower` / `from:exact` (a static `fromString` that normalises the
input that way and matches the spellings), with `+valueOf` when it falls back to
`valueOf(upper)`.
"""

import argparse
import collections
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import catalogue_defaults  # noqa: E402  (beside this script)

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_INPUT = os.path.join(REPO_ROOT, "..", "shared", "trino")
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "crates", "core", "data", "catalogue.tsv")
FORMAT = "trino-config-catalogue/1"

# Connector factories whose name is computed at run time, so the extraction left their
# `connector:*` scope out. Names from the plugins' docs (`connector.name=...`). Their scopes are
# marked `partial`: only the module's own config classes are known.
DYNAMIC_CONNECTOR_MODULES = {
    "plugin/trino-faker": "faker",
    "plugin/trino-mongodb": "mongodb",
    "plugin/trino-thrift": "trino_thrift",
}

# Release-note "property" names that are not configuration keys: values (`allow-all`,
# `hive-hadoop2`), http-client name prefixes (`memory-manager`, `worker-info`), a JMX domain
# (`trino.plugin`) or keys that still exist outside the catalogue (`connector.name`).
RELEASE_NOTE_NOT_KEYS = {
    "allow-all",
    "client-id",
    "connector.name",
    "hive-hadoop2",
    "legacy-phased",
    "memory-manager",
    "trino.plugin",
    "worker-info",
}

# Release history of the legacy object-storage file systems, which the release notes do not
# spell per key (README section 8: deprecated in 470, removed in 481 by commit 8ec15af06a4,
# "Remove legacy object storage file systems").
LEGACY_FILE_SYSTEM_RELEASES = {
    "hive.s3.*": [(470, "deprecated"), (481, "removed")],
    "hive.s3-file-system-type": [(470, "deprecated"), (481, "removed")],
    "hive.azure.*": [(470, "deprecated"), (481, "removed")],
    "hive.gcs.*": [(470, "deprecated"), (481, "removed")],
    "hive.cos.*": [(470, "deprecated"), (481, "removed")],
}

VERBS = {
    "remove": "removed",
    "removed": "removed",
    "removing": "removed",
    "rename": "renamed",
    "renamed": "renamed",
    "renames": "renamed",
    "replace": "replaced",
    "replaces": "replaced",
    "deprecate": "deprecated",
    "deprecated": "deprecated",
}

SIMPLE_KINDS = {
    "string": "str",
    "boolean": "bool",
    "int": "int",
    "long": "long",
    "double": "double",
    "decimal": "decimal",
    "datasize": "size",
    "duration": "dur",
    "uri": "uri",
    "file": "file",
    "path": "path",
    "hostandport": "hostport",
}

FIELD_RE = re.compile(r"^[^\t\n\r]+$")


def fail(message):
    sys.stderr.write("gen-catalogue: " + message + "\n")
    sys.exit(2)


def field(value):
    if not FIELD_RE.match(value):
        fail("value not representable in the TSV: %r" % (value,))
    return value


def short_names(full_names):
    """Shortest dotted suffix of each name that is unique among all of them."""
    names = sorted(set(full_names))
    result = {}
    for name in names:
        parts = name.split(".")
        for n in range(1, len(parts) + 1):
            suffix = ".".join(parts[-n:])
            clashes = [o for o in names if o != name and (o == suffix or o.endswith("." + suffix))]
            if not clashes:
                result[name] = suffix
                break
        else:
            result[name] = name
    return result


def template_id(cls):
    simple = cls.rsplit(".", 1)[-1]
    if simple.endswith("Config"):
        simple = simple[: -len("Config")]
    return re.sub(r"(?<!^)(?=[A-Z])", "-", simple).lower()


class Generator:
    def __init__(self, data):
        if data.get("format") != FORMAT:
            fail("unexpected format %r (want %r)" % (data.get("format"), FORMAT))
        self.d = data
        self.release = int(data["trino_version"])
        self.props = data["properties"]
        self.scopes = data["scopes"]
        # Full enum class name -> the name its form in this release has in the TSV; set by
        # `name_enums` before `build`.
        self.enum_name = {}
        self.enum_forms = {}
        self.renderer = catalogue_defaults.Renderer(self.enum_form)
        # `catalogue_defaults.OVERRIDDEN` entries that applied to some definition.
        self.overrides_used = set()
        server = self.scopes.get("server", {})
        self.coordinator_only = set(server.get("coordinator_only_classes", []))

        # class -> scopes that bind it (from the scope table and from the properties' own scopes)
        self.class_scopes = collections.defaultdict(set)
        for scope, info in self.scopes.items():
            for cls in info.get("classes", []):
                self.class_scopes[cls].add(scope)
        for defs in self.props.values():
            for d in defs:
                self.class_scopes[d["class"]].update(d["scopes"])
        self.partial_scopes = set()
        self.module_of_class = {}
        for group in ("properties", "legacy_properties", "defunct_properties"):
            for defs in data[group].values():
                for d in defs:
                    self.module_of_class.setdefault(d["class"], d.get("module"))
        for cls, module in self.module_of_class.items():
            connector = DYNAMIC_CONNECTOR_MODULES.get(module)
            if connector and not self.class_scopes[cls]:
                scope = "connector:" + connector
                self.class_scopes[cls].add(scope)
                self.partial_scopes.add(scope)

        # prefixed bindings: (scope, prefix, template id); class -> template id
        self.templates = {}
        self.prefixes = set()
        for scope, info in self.scopes.items():
            for binding in info.get("prefixed", []):
                prefix = binding.get("prefix")
                if not prefix:
                    continue
                tid = template_id(binding["class"])
                other = self.templates.setdefault(binding["class"], tid)
                if other != tid:
                    fail("template id clash for " + binding["class"])
                self.prefixes.add((scope, prefix, tid))
        if len(set(self.templates.values())) != len(self.templates):
            fail("two prefixed classes map to the same template id")

    def enum_form(self, full):
        """How a config file names the constants of enum class `full` in this release."""
        if full not in self.enum_forms:
            self.enum_forms[full] = catalogue_defaults.EnumForm(full, self.d["enums"][full])
        return self.enum_forms[full]

    # ---- types -------------------------------------------------------------------------
    def type_code(self, t, semantic_ok=True):
        kind = t["kind"]
        if semantic_ok and t.get("semantic") == "heap_size":
            return "heap"
        if t.get("semantic"):
            fail("unknown semantic %r" % t["semantic"])
        if kind in SIMPLE_KINDS:
            return SIMPLE_KINDS[kind]
        if kind == "enum":
            return "enum:" + self.enum_name[t["enum"]]
        if kind in ("list", "set"):
            return kind + ":" + self.type_code(t["element"], semantic_ok=False)
        if kind == "optional":
            return self.type_code(t["element"])
        if kind == "other":
            return "other:" + t.get("fqcn", t.get("java_type", "?")).rsplit(".", 1)[-1]
        fail("unknown type kind %r" % kind)
        return None

    @staticmethod
    def merge_types(codes):
        codes = sorted(set(codes))
        if len(codes) == 1:
            return codes[0]
        # A single value and a list of the same element: the list accepts both spellings.
        lists = [c for c in codes if c.startswith(("list:", "set:"))]
        if len(lists) == 1 and all(c == lists[0] or lists[0].endswith(":" + c) for c in codes):
            return lists[0]
        # Otherwise keep the least strict reading: no false errors.
        return "str"

    # ---- records -----------------------------------------------------------------------
    def build(self):
        sections = collections.defaultdict(list)  # key -> [(name, order, text)]

        def scopes_of_class(cls):
            return frozenset(self.class_scopes.get(cls, ()))

        def add(cls, name, order, text):
            scopes = scopes_of_class(cls)
            if scopes:
                sections[("in", ",".join(sorted(scopes)))].append((name, order, text))
            tid = self.templates.get(cls)
            if tid:
                sections[("template", tid)].append((name, order, text))

        for name, defs in self.props.items():
            # Group definitions by where they end up (scope set / template).
            groups = collections.defaultdict(list)
            for d in defs:
                scopes = scopes_of_class(d["class"]) | frozenset(d["scopes"])
                if scopes:
                    groups[("in", ",".join(sorted(scopes)))].append(d)
                tid = self.templates.get(d["class"])
                if tid:
                    groups[("template", tid)].append(d)
            # Definitions of one name in several classes with overlapping scopes: merge them
            # into one record over the union of their scopes.
            in_keys = [k for k in groups if k[0] == "in"]
            if len(in_keys) > 1:
                merged = []
                union = set()
                for k in in_keys:
                    merged.extend(groups.pop(k))
                    union.update(k[1].split(","))
                groups[("in", ",".join(sorted(union)))] = merged
            for key, ds in groups.items():
                sections[key].append((name, 1, self.property_record(name, ds)))

        for name, defs in self.d["legacy_properties"].items():
            by_class = collections.defaultdict(set)
            for d in defs:
                by_class[d["class"]].add(d["replacement"])
            for cls, replacements in by_class.items():
                text = field(name) + "\t>" + ",".join(sorted(field(r) for r in replacements))
                add(cls, name, 2, text)

        for name, defs in self.d["defunct_properties"].items():
            for cls in sorted({d["class"] for d in defs}):
                add(cls, name, 0, field(name) + "\t!")

        return sections

    def property_record(self, name, defs):
        code = self.merge_types(self.type_code(d["type"]) for d in defs)
        flags = ""
        if all(d["class"] in self.coordinator_only for d in defs):
            flags += "c"
        if all(d.get("deprecated") for d in defs):
            flags += "d"
        if any(d.get("security_sensitive") for d in defs):
            flags += "s"
        if all(d.get("hidden") for d in defs):
            flags += "h"
        text = field(name) + "\t" + code + ("\t" + flags if flags else "")
        default = catalogue_defaults.record_default(defs, self.renderer, self.overrides_used)
        if default is not None:
            escaped = catalogue_defaults.escape(default)
            text += "\t=" + (field(escaped) if escaped else "")
        return text

    # ---- other tables ------------------------------------------------------------------
    def enum_bodies(self):
        """Full enum class name -> its line without the name (MODE, constants, spellings)."""
        bodies = {}
        for full, info in self.d["enums"].items():
            constants = info.get("constants") or []
            if not constants:
                fail("enum without constants: " + full)
            mode = "plain"
            spellings = ""
            fs = info.get("fromString")
            if fs and fs.get("kind") == "switch":
                norm = fs.get("normalization", "none")
                mode = {"upper": "from:upper", "lower": "from:lower", "none": "from:exact"}[norm]
                if fs.get("default_valueOf"):
                    mode += "+valueOf"
                pairs = []
                for spelling, constant in sorted(fs["values"].items()):
                    if any(c in spelling for c in ",=\t") or constant not in constants:
                        fail("bad fromString spelling in " + full)
                    pairs.append(spelling + "=" + constant)
                spellings = ",".join(pairs)
            elif fs and fs.get("kind") != "ignored":
                fail("unknown fromString kind in " + full)
            parts = [mode, ",".join(constants)]
            if spellings:
                parts.append(spellings)
            bodies[full] = "\t".join(field(p) for p in parts)
        return bodies

    def release_lines(self):
        lines = []
        for name, changes in self.d["release_note_property_changes"].items():
            if name in self.props or name in RELEASE_NOTE_NOT_KEYS:
                continue
            pairs = sorted({(c["version"], VERBS[c["verb"]]) for c in changes})
            lines.append(field(name) + "\t" + ",".join("%d %s" % p for p in pairs))
        for name, pairs in LEGACY_FILE_SYSTEM_RELEASES.items():
            if name not in self.d["release_note_property_changes"]:
                lines.append(name + "\t" + ",".join("%d %s" % p for p in sorted(pairs)))
        return sorted(lines)

    def migration_lines(self):
        lines = []
        for old, info in self.d["docs_legacy_file_system_migrations"].items():
            lines.append(field(old) + "\t" + field(info.get("replacement") or "-"))
        return sorted(lines)

    def scope_lines(self):
        """Scope id -> whether the extraction left its keys incomplete."""
        out = {scope: False for scope in self.scopes}
        for scope in self.partial_scopes:
            out[scope] = True
        return out


def releases_field(releases, known):
    """`@435-476,481` for a proper subset of the known releases (ascending), else ``."""
    if set(releases) == set(known):
        return ""
    indexes = sorted(known.index(r) for r in releases)
    runs = []
    for i in indexes:
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    parts = []
    for a, b in runs:
        parts.append("%d" % known[a] if a == b else "%d-%d" % (known[a], known[b]))
    return "\t@" + ",".join(parts)


def scopes_of(release, scopes):
    """The scope ids that exist in `release`."""
    return frozenset(s for s, releases in scopes.items() if release in releases)


def name_enums(gens):
    """Gives every enum form a TSV name; returns {name: body}."""
    fulls = set()
    for g in gens:
        fulls.update(g.d["enums"].keys())
    short = short_names(fulls)
    bodies = [g.enum_bodies() for g in gens]
    lines = {}
    for full in sorted(fulls):
        forms = collections.OrderedDict()  # body -> releases, newest first
        for g, b in sorted(zip(gens, bodies), key=lambda gb: -gb[0].release):
            if full in b:
                forms.setdefault(b[full], []).append(g.release)
        for n, (body, rels) in enumerate(forms.items()):
            name = short[full] if n == 0 else "%s~%d" % (short[full], max(rels))
            if name in lines:
                fail("enum name clash: " + name)
            lines[name] = body
            for g in gens:
                if g.release in rels:
                    g.enum_name[full] = name
    return lines


def render(gens):
    """The TSV of all releases, `gens` oldest first."""
    known = [g.release for g in gens]
    newest = gens[-1]
    enum_lines = name_enums(gens)

    scopes = collections.defaultdict(set)
    partial = set()
    records = collections.defaultdict(lambda: collections.defaultdict(set))
    prefixes = collections.defaultdict(set)
    by_text = collections.defaultdict(dict)  # record -> {release: scopes}
    for g in gens:
        for scope, is_partial in g.scope_lines().items():
            scopes[scope].add(g.release)
            if is_partial:
                partial.add(scope)
        for key, recs in g.build().items():
            for rec in recs:
                if key[0] == "in":
                    by_text[rec][g.release] = frozenset(key[1].split(","))
                else:
                    records[key][rec].add(g.release)
        for p in g.prefixes:
            prefixes[p].add(g.release)

    used = set().union(*(g.overrides_used for g in gens))
    for cls, members in sorted(catalogue_defaults.OVERRIDDEN.items()):
        for member in ["*"] if members == "*" else sorted(members):
            if (cls, member) not in used:
                fail("catalogue_defaults.OVERRIDDEN: %s.%s matches no property" % (cls, member))

    # A record whose scope set differs between releases only by scopes a release does not have
    # (a connector added or removed) is written once, over the union of its scopes.
    for rec, per_release in by_text.items():
        union = frozenset().union(*per_release.values())
        if all(union & scopes_of(r, scopes) == sc for r, sc in per_release.items()):
            records[("in", ",".join(sorted(union)))][rec].update(per_release)
        else:
            for r, sc in per_release.items():
                records[("in", ",".join(sorted(sc)))][rec].add(r)

    d = newest.d
    out = [
        "# Trino property catalogue for trinocfg, generated by scripts/gen-catalogue.py",
        "# from properties-<release>.json of releases %s. Do not edit: regenerate."
        % ", ".join(str(r) for r in known),
        "# Format: see the docstring of scripts/gen-catalogue.py.",
        "= version\t%d" % newest.release,
        "= source\t" + field(d.get("source_label", "")),
    ]
    for g in gens:
        out.append("= release\t%d\t%s" % (g.release, field(g.d.get("source_label", ""))))
    out.append("[scopes]")
    for scope in sorted(scopes):
        out.append(
            scope + ("\tpartial" if scope in partial else "") + releases_field(scopes[scope], known)
        )
    for key in sorted(records, key=lambda k: (k[0] != "in", k[1])):
        out.append("[%s %s]" % key)
        seen = set()
        for rec in sorted(records[key]):
            text = rec[2] + releases_field(records[key][rec], known)
            if text not in seen:
                seen.add(text)
                out.append(text)
    out.append("[prefix]")
    for p in sorted(prefixes):
        out.append("\t".join(p) + releases_field(prefixes[p], known))
    out.append("[enum]")
    out.extend(sorted(name + "\t" + body for name, body in enum_lines.items()))
    out.append("[migration]")
    out.extend(newest.migration_lines())
    out.append("[release]")
    out.extend(newest.release_lines())
    out.append("[types]")
    out.extend(sorted(set(d["standard_types"]["names"].values())))
    out.append("[log-levels]")
    out.extend(d["log_levels"]["constants"])
    return "\n".join(out) + "\n"


def load_releases(trino_dir):
    """The facts of every release in `trino_dir`, oldest first."""
    paths = glob.glob(os.path.join(trino_dir, "properties-*.json"))
    paths += glob.glob(os.path.join(trino_dir, "history", "properties-*.json"))
    if not paths:
        fail("no properties-<release>.json in " + trino_dir)
    gens = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            gens.append(Generator(json.load(f)))
    gens.sort(key=lambda g: g.release)
    releases = [g.release for g in gens]
    if len(set(releases)) != len(releases):
        fail("two files describe the same release")
    if len(releases) > 8:
        fail("more than 8 releases: the tables keep one bit per release in a byte")
    return gens


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "input", nargs="?", default=DEFAULT_INPUT, help="folder of the releases' facts"
    )
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="catalogue file to write")
    parser.add_argument("--check", action="store_true", help="exit 1 if the output is stale")
    args = parser.parse_args()

    text = render(load_releases(args.input))

    if args.check:
        try:
            with open(args.output, encoding="utf-8", newline="") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            sys.stderr.write(
                "%s is stale: regenerate it with `python3 scripts/gen-catalogue.py`\n"
                % os.path.relpath(args.output, REPO_ROOT)
            )
            return 1
        return 0

    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
