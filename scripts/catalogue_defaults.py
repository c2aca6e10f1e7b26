"""Trino's default value of a configuration property, as a config file would write it.

Used by `gen-catalogue.py`. The facts give each property definition the Java initializer of
its field (`default_source.expr`, e.g. `DataSize.of(16,MEGABYTE)`), or, for a primitive field
without one, the value Java gives it (`default_source.java_default`). `render_default` turns
that into the text a config file would hold (`16MB`) when the source states it exactly, and
returns None otherwise: a wrong default is worse than none.

What is rendered, by the property's type:

- bool: `true`, `false`; a primitive field without initializer: `false`.
- int, long: integer literals (`1_000`, `100L`, hex), `Integer.MAX_VALUE` and the like, and
  `+ - *` of those without overflow; a primitive field without initializer: `0`.
- double: the same, and double literals (not `f` ones: a float is not the decimal it spells).
- str: string literals and their concatenation, when a config file can hold them (printable
  ASCII, no surrounding spaces: airlift trims values).
- uri, file, path, hostport: `URI.create("…")`, `new File("…")`, `Path.of("…")`,
  `Paths.get("…")`, `HostAndPort.fromString("…")`.
- size: `DataSize.of(N, UNIT)`, `new DataSize(N, UNIT)`, `DataSize.ofBytes(N)`,
  `succinctBytes`/`succinctDataSize`, `DataSize.valueOf("…")` → `16MB` (units B kB MB GB TB PB).
- heap: the data sizes, and `HeapSizeParser.DEFAULT.parse("30%")` (the setter's own parser).
- dur: `new Duration(N, UNIT)`, `succinctDuration(N, UNIT)`, `Duration.valueOf("…")` → `30s`
  (units ns us ms s m h d).
- enum: a constant of the property's enum (`RetryPolicy.NONE`, or `NONE` imported), written
  as its `fromString` accepts it when it has one.
- list, set: empty collections → the empty string; `ImmutableList.of(…)`, `Set.of(…)`,
  `EnumSet.of(…)`, `EnumSet.allOf(E.class)` of renderable elements → `a,b`.
- `Optional.of(x)` → x. Everything else (`null`, `Optional.empty()`, method calls, constants
  of other classes, arithmetic on them) → None.

The setter's parameter type must also be the type the field holds (an `int` field set from a
`String` setter that parses thread counts, say, is left out), except for empty collections and
heap sizes (the setter parses its text with `HeapSizeParser`, as the initializer does).
"""

import re

DATA_SIZE_UNITS = {
    "BYTE": "B",
    "KILOBYTE": "kB",
    "MEGABYTE": "MB",
    "GIGABYTE": "GB",
    "TERABYTE": "TB",
    "PETABYTE": "PB",
}
DURATION_UNITS = {
    "NANOSECONDS": "ns",
    "MICROSECONDS": "us",
    "MILLISECONDS": "ms",
    "SECONDS": "s",
    "MINUTES": "m",
    "HOURS": "h",
    "DAYS": "d",
}
DATA_SIZE_CLASS = ["io", "airlift", "units", "DataSize"]
DATA_SIZE_UNIT_CLASS = DATA_SIZE_CLASS + ["Unit"]
DURATION_CLASS = ["io", "airlift", "units", "Duration"]
TIME_UNIT_CLASS = ["java", "util", "concurrent", "TimeUnit"]
DATA_SIZE_RE = re.compile(r"^\d+(\.\d+)?(B|kB|MB|GB|TB|PB)$")
DURATION_RE = re.compile(r"^\d+(\.\d+)?(ns|us|ms|s|m|h|d)$")
PERCENT_RE = re.compile(r"^\d+(\.\d+)?%$")

INT_RANGE = (-(2**31), 2**31 - 1)
LONG_RANGE = (-(2**63), 2**63 - 1)
KNOWN_INTEGERS = {
    ("Integer", "MAX_VALUE"): (2**31 - 1, False),
    ("Integer", "MIN_VALUE"): (-(2**31), False),
    ("Long", "MAX_VALUE"): (2**63 - 1, True),
    ("Long", "MIN_VALUE"): (-(2**63), True),
}
PRIMITIVE_DEFAULTS = {("boolean", "false"), ("int", "0"), ("long", "0"), ("double", "0.0")}
PRIMITIVE_KINDS = {"boolean": "boolean", "int": "int", "long": "long", "double": "double"}
BOXES = {"boolean": "Boolean", "int": "Integer", "long": "Long", "double": "Double"}
COLLECTIONS = {"List", "Set", "Collection", "ImmutableList", "ImmutableSet", "EnumSet"}
EMPTY_COLLECTIONS = {
    ("ImmutableList", "of"),
    ("ImmutableSet", "of"),
    ("List", "of"),
    ("Set", "of"),
    ("Collections", "emptyList"),
    ("Collections", "emptySet"),
}
LIST_FACTORIES = {("ImmutableList", "of"), ("List", "of")}
SET_FACTORIES = {("ImmutableSet", "of"), ("Set", "of"), ("EnumSet", "of")}


class Unrenderable(Exception):
    """The expression does not state a config value exactly."""


# ---- parsing -----------------------------------------------------------------------------

TOKEN_RE = re.compile(
    r"""\s*(?:
        (?P<str>"(?:[^"\\\n]|\\.)*")
      | (?P<char>'(?:[^'\\\n]|\\.)+')
      | (?P<num>(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+
                  |\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d+)?
                  |\.\d[\d_]*(?:[eE][+-]?\d+)?)[lLfFdD]?)
      | (?P<id>[A-Za-z_$][A-Za-z0-9_$]*)
      | (?P<op>[().,+\-*/<>\[\]{}?:!=&|;@])
    )""",
    re.VERBOSE,
)


def tokenize(text):
    tokens = []
    pos = 0
    while pos < len(text):
        m = TOKEN_RE.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise Unrenderable("cannot read %r" % text[pos:])
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))
        pos = m.end()
    return tokens


class Parser:
    """A small subset of Java expressions: literals, dotted names, calls, `new`, `+ - *`,
    unary minus and parentheses. Anything else (generics, casts, lambdas, ternaries) is
    refused."""

    def __init__(self, text):
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self, value=None):
        if self.i >= len(self.tokens):
            return None
        tok = self.tokens[self.i]
        if value is not None and tok[1] != value:
            return None
        return tok

    def take(self, value=None):
        tok = self.peek(value)
        if tok is None:
            raise Unrenderable("unexpected end or token")
        self.i += 1
        return tok

    def parse(self):
        node = self.additive()
        if self.i != len(self.tokens):
            raise Unrenderable("trailing tokens")
        return node

    def additive(self):
        node = self.multiplicative()
        while self.peek("+") or self.peek("-"):
            op = self.take()[1]
            node = ("bin", op, node, self.multiplicative())
        return node

    def multiplicative(self):
        node = self.unary()
        while self.peek("*") or self.peek("/"):
            op = self.take()[1]
            node = ("bin", op, node, self.unary())
        return node

    def unary(self):
        if self.peek("-"):
            self.take()
            return ("neg", self.unary())
        return self.postfix()

    def args(self):
        self.take("(")
        args = []
        if not self.peek(")"):
            args.append(self.additive())
            while self.peek(","):
                self.take()
                args.append(self.additive())
        self.take(")")
        return args

    def postfix(self):
        tok = self.peek()
        if tok is None:
            raise Unrenderable("empty expression")
        kind, text = tok
        if kind in ("str", "char", "num"):
            self.i += 1
            node = (kind, text)
        elif kind == "op" and text == "(":
            self.take()
            node = self.additive()
            self.take(")")
        elif kind == "id" and text == "new":
            self.take()
            parts = self.dotted()
            node = ("new", parts, self.args())
        elif kind == "id":
            parts = self.dotted()
            node = ("call", parts, self.args()) if self.peek("(") else ("name", parts)
        else:
            raise Unrenderable("unexpected %r" % text)
        # A member of a call's result (`new X().getY()`) or anything after it: not a value.
        if self.peek(".") or self.peek("["):
            raise Unrenderable("member access on a computed value")
        return node

    def dotted(self):
        parts = [self.take_id()]
        while self.peek("."):
            self.take()
            parts.append(self.take_id())
        return parts

    def take_id(self):
        kind, text = self.take()
        if kind != "id":
            raise Unrenderable("expected a name")
        return text


# ---- literals ----------------------------------------------------------------------------

JAVA_ESCAPES = {
    "b": "\b",
    "t": "\t",
    "n": "\n",
    "f": "\f",
    "r": "\r",
    "s": " ",
    '"': '"',
    "'": "'",
    "\\": "\\",
}


def unescape(body):
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt in JAVA_ESCAPES:
            out.append(JAVA_ESCAPES[nxt])
            i += 2
        elif nxt == "u":
            j = i + 1
            while body[j] == "u":
                j += 1
            out.append(chr(int(body[j : j + 4], 16)))
            i = j + 4
        elif nxt in "01234567":
            m = re.match(r"[0-3][0-7]{0,2}|[4-7][0-7]?", body[i + 1 :])
            out.append(chr(int(m.group(0), 8)))
            i += 1 + len(m.group(0))
        else:
            raise Unrenderable("unknown escape")
    return "".join(out)


def string_value(node):
    """The value of a string literal or a concatenation of string literals."""
    if node[0] == "str":
        return unescape(node[1][1:-1])
    if node[0] == "bin" and node[1] == "+":
        return string_value(node[2]) + string_value(node[3])
    raise Unrenderable("not a string literal")


def integer_literal(text):
    """(value, is_long) of a Java integer literal."""
    is_long = text[-1] in "lL"
    body = (text[:-1] if is_long else text).replace("_", "")
    if body[:2] in ("0x", "0X"):
        value = int(body[2:], 16)
    elif body[:2] in ("0b", "0B"):
        value = int(body[2:], 2)
    elif len(body) > 1 and body.startswith("0"):
        raise Unrenderable("octal literal")
    elif body.isdigit():
        value = int(body)
    else:
        raise Unrenderable("not an integer literal")
    if value > (LONG_RANGE if is_long else INT_RANGE)[1]:
        raise Unrenderable("literal out of range")
    return value, is_long


def integer(node):
    """(value, is_long) of a constant integer expression, with Java's types."""
    kind = node[0]
    if kind == "num":
        return integer_literal(node[1])
    if kind == "name" and node[1][:-2] in ([], ["java", "lang"]):
        known = KNOWN_INTEGERS.get(tuple(node[1][-2:]))
        if known:
            return known
    if kind == "neg":
        value, is_long = integer(node[1])
        return checked(-value, is_long)
    if kind == "bin" and node[1] in "+-*":
        (a, la), (b, lb) = integer(node[2]), integer(node[3])
        is_long = la or lb
        value = {"+": a + b, "-": a - b, "*": a * b}[node[1]]
        return checked(value, is_long)
    raise Unrenderable("not a constant integer")


def checked(value, is_long):
    low, high = LONG_RANGE if is_long else INT_RANGE
    if not low <= value <= high:
        raise Unrenderable("overflow")
    return value, is_long


def decimal_text(node):
    """A non-integer double literal as a config file writes it (`0.8`, `1.5e3`), or None."""
    negative = False
    if node[0] == "neg":
        negative, node = True, node[1]
    if node[0] != "num" or node[1][-1] in "fFlL" or node[1][:2].lower() in ("0x", "0b"):
        return None
    text = node[1].rstrip("dD").replace("_", "")
    if not re.fullmatch(r"\d*\.?\d*([eE][+-]?\d+)?", text) or not re.search(r"[.eE]", text):
        return None
    if text.startswith("."):
        text = "0" + text
    if text.endswith("."):
        text += "0"
    return ("-" if negative else "") + text


def number_text(node):
    """A non-negative int or double constant as a number of units (`30`, `0.5`)."""
    text = decimal_text(node)
    if text is None:
        value, _ = integer(node)
        text = str(value)
    if text.startswith("-"):
        raise Unrenderable("negative amount")
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        raise Unrenderable("amount in exponent form")
    return text


# ---- rendering ---------------------------------------------------------------------------


def is_named(parts, name, qualifiers):
    """`parts` is `name` with some tail of `qualifiers` before it (`Unit.MEGABYTE`)."""
    if not parts or parts[-1] != name:
        return False
    prefix = parts[:-1]
    return prefix == qualifiers[len(qualifiers) - len(prefix) :] if prefix else True


def call_of(node, qualifiers, *methods):
    """The method name if `node` calls one of `methods` of the class `qualifiers` (its simple
    name required), else None."""
    if node[0] != "call" or len(node[1]) < 2:
        return None
    parts = node[1]
    if parts[-1] in methods and is_named(parts[:-1], qualifiers[-1], qualifiers[:-1]):
        return parts[-1]
    return None


def unit_of(node, units, qualifiers):
    if node[0] != "name":
        raise Unrenderable("unit is not a constant")
    parts = node[1]
    if parts[-1] not in units:
        raise Unrenderable("unknown unit")
    if len(parts) > 1 and not is_named(parts[:-1], qualifiers[-1], qualifiers[:-1]):
        raise Unrenderable("unit of another class")
    return units[parts[-1]]


def render_size(node):
    methods = ("of", "ofBytes", "succinctBytes", "succinctDataSize", "valueOf")
    method = call_of(node, DATA_SIZE_CLASS, *methods)
    if node[0] == "call" and node[1] in (["succinctBytes"], ["succinctDataSize"]):
        method = node[1][0]
    args = node[2] if node[0] in ("call", "new") else None
    if node[0] == "new" and is_named(node[1], "DataSize", DATA_SIZE_CLASS[:-1]):
        method = "of"
    if method is None:
        raise Unrenderable("not a data size")
    if method == "valueOf":
        (arg,) = args
        text = string_value(arg)
        if not DATA_SIZE_RE.match(text):
            raise Unrenderable("not a data size literal")
        return text
    if method in ("ofBytes", "succinctBytes"):
        (arg,) = args
        value, _ = integer(arg)
        suffix = "B"
    else:
        if len(args) != 2:
            raise Unrenderable("arguments")
        value, _ = integer(args[0])
        suffix = unit_of(args[1], DATA_SIZE_UNITS, DATA_SIZE_UNIT_CLASS)
    if value < 0:
        raise Unrenderable("negative size")
    return "%d%s" % (value, suffix)


def render_duration(node):
    method = call_of(node, DURATION_CLASS, "succinctDuration", "valueOf")
    if node[0] == "call" and node[1] == ["succinctDuration"]:
        method = "succinctDuration"
    if node[0] == "new" and is_named(node[1], "Duration", DURATION_CLASS[:-1]):
        method = "new"
    if method is None:
        raise Unrenderable("not a duration")
    args = node[2]
    if method == "valueOf":
        (arg,) = args
        text = string_value(arg)
        if not DURATION_RE.match(text):
            raise Unrenderable("not a duration literal")
        return text
    if len(args) != 2:
        raise Unrenderable("arguments")
    return number_text(args[0]) + unit_of(args[1], DURATION_UNITS, TIME_UNIT_CLASS)


def plain_text(text):
    """A string a config file can hold as it is."""
    if text != text.strip() or any(not (" " <= c <= "~") for c in text):
        raise Unrenderable("text a config file cannot hold")
    return text


def single_string(node, qualifiers, methods, constructor=False):
    if constructor:
        ok = node[0] == "new" and is_named(node[1], qualifiers[-1], qualifiers[:-1])
    else:
        ok = call_of(node, qualifiers, *methods) is not None
    if not ok or len(node[2]) != 1:
        raise Unrenderable("not a %s" % qualifiers[-1])
    return plain_text(string_value(node[2][0]))


class EnumForm:
    """How a config file names the constants of one enum (its facts' `enums` entry)."""

    def __init__(self, full_name, info):
        self.parts = re.split(r"[.$]", full_name)
        self.constants = info.get("constants") or []
        # fromString: normalised spelling -> constant, and the normalisation.
        self.reads = {}
        self.normalize = str
        self.value_of = True
        fs = info.get("fromString")
        if fs and fs.get("kind") == "switch":
            self.reads = dict(fs["values"])
            self.normalize = {"upper": str.upper, "lower": str.lower}.get(
                fs.get("normalization"), str
            )
            self.value_of = bool(fs.get("default_valueOf"))

    def constant(self, node):
        if node[0] != "name":
            raise Unrenderable("not an enum constant")
        parts = node[1]
        if parts[-1] not in self.constants:
            raise Unrenderable("not a constant of the enum")
        if len(parts) > 1 and not is_named(parts[:-1], self.parts[-1], self.parts[:-1]):
            raise Unrenderable("a constant of another class")
        return parts[-1]

    def reads_as(self, text):
        """The constant Trino reads `text` as (`fromString`, then `valueOf(upper)` if it falls
        back to it), or None."""
        if self.reads:
            found = self.reads.get(self.normalize(text))
            if found is not None or not self.value_of:
                return found
        upper = text.upper()
        return upper if upper in self.constants else None

    def spell(self, constant):
        """A spelling of `constant` that Trino reads back as it: the constant's own name if
        it is read so, else a `fromString` spelling (the hyphenated name if it is one)."""
        spellings = sorted(s for s, c in self.reads.items() if c == constant)
        hyphenated = constant.lower().replace("_", "-")
        for text in [constant, hyphenated] + spellings:
            if self.reads_as(text) == constant:
                return text
        raise Unrenderable("no spelling reads as the constant")


def collection_items(node, set_kind):
    """The element expressions of a collection factory call, or None if it is not one."""
    if node[0] != "call" or len(node[1]) != 2:
        return None
    key = tuple(node[1])
    if key in EMPTY_COLLECTIONS and not node[2]:
        return []
    if key in LIST_FACTORIES or (set_kind and key in SET_FACTORIES):
        return node[2]
    return None


class Renderer:
    """Renders the default of one property definition; `enum_form(full_name)` gives the
    `EnumForm` of an enum class."""

    def __init__(self, enum_form):
        self.enum_form = enum_form

    def definition(self, d):
        """The default of definition `d`, or None."""
        source = d.get("default_source") or {}
        t = d["type"]
        expr = source.get("expr")
        if expr is None:
            # A primitive field without initializer holds Java's zero value, which the facts
            # give only where nothing else assigns the field.
            getter = d.get("getter_type")
            value = source.get("java_default")
            if (getter, value) in PRIMITIVE_DEFAULTS and t["kind"] == PRIMITIVE_KINDS[getter]:
                return value
            return None
        try:
            node = Parser(expr).parse()
            if t.get("semantic") == "heap_size":
                # The setter takes the text and parses it with HeapSizeParser, as the field's
                # initializer does.
                return self.value(node, t)
            setter, getter = d["java_type"], d.get("getter_type", d["java_type"])
            if plain_type(setter) != plain_type(getter):
                if both_collections(setter, getter):
                    return self.empty_collection(node, t)
                return None
            return self.value(node, t)
        except (Unrenderable, ValueError, IndexError, KeyError):
            return None

    def empty_collection(self, node, t):
        if t["kind"] in ("list", "set") and collection_items(node, True) == []:
            return ""
        raise Unrenderable("not an empty collection")

    def value(self, node, t):
        if call_of(node, ["java", "util", "Optional"], "of"):
            (inner,) = node[2]
            return self.value(inner, t)
        kind = t["kind"]
        if t.get("semantic") == "heap_size":
            if node[0] == "call" and node[1][-3:] == ["HeapSizeParser", "DEFAULT", "parse"]:
                (arg,) = node[2]
                text = string_value(arg)
                if PERCENT_RE.match(text) or DATA_SIZE_RE.match(text):
                    return text
                raise Unrenderable("not a heap size")
            return render_size(node)
        if kind == "optional":
            return self.value(node, t["element"])
        if kind == "boolean":
            if node[0] == "name" and node[1] in (["true"], ["false"]):
                return node[1][0]
            raise Unrenderable("not a boolean literal")
        if kind in ("int", "long"):
            value, is_long = integer(node)
            if kind == "int" and (is_long or not INT_RANGE[0] <= value <= INT_RANGE[1]):
                raise Unrenderable("not an int")
            return str(value)
        if kind == "double":
            text = decimal_text(node)
            return text if text is not None else str(integer(node)[0])
        if kind == "string":
            return plain_text(string_value(node))
        if kind == "datasize":
            return render_size(node)
        if kind == "duration":
            return render_duration(node)
        if kind == "uri":
            return single_string(node, ["java", "net", "URI"], ("create",))
        if kind == "file":
            return single_string(node, ["java", "io", "File"], (), constructor=True)
        if kind == "path":
            try:
                return single_string(node, ["java", "nio", "file", "Path"], ("of",))
            except Unrenderable:
                return single_string(node, ["java", "nio", "file", "Paths"], ("get",))
        if kind == "hostandport":
            host_and_port = ["com", "google", "common", "net", "HostAndPort"]
            return single_string(node, host_and_port, ("fromString",))
        if kind == "enum":
            form = self.enum_form(t["enum"])
            return form.spell(form.constant(node))
        if kind in ("list", "set"):
            return self.collection(node, t)
        raise Unrenderable("a type whose values are not known")

    def collection(self, node, t):
        element = t["element"]
        method = call_of(node, ["java", "util", "EnumSet"], "allOf", "noneOf")
        if element["kind"] == "enum" and method:
            (arg,) = node[2]
            form = self.enum_form(element["enum"])
            of_enum = arg[0] == "name" and arg[1][-1] == "class"
            if not of_enum or not is_named(arg[1][:-1], form.parts[-1], form.parts[:-1]):
                raise Unrenderable("EnumSet of another class")
            constants = form.constants if method == "allOf" else []
            return ",".join(form.spell(c) for c in constants)
        items = collection_items(node, t["kind"] == "set")
        if items is None:
            raise Unrenderable("not a collection literal")
        rendered = [self.value(item, element) for item in items]
        if any(not r or "," in r for r in rendered) or len(set(rendered)) != len(rendered):
            raise Unrenderable("items a list value cannot hold")
        return ",".join(rendered)


def plain_type(java_type):
    """A Java type without `Optional<>`, boxing and package or outer-class qualifiers."""
    t = java_type.replace(" ", "")
    m = re.fullmatch(r"(?:java\.util\.)?Optional<(.*)>", t)
    if m:
        t = m.group(1)
    t = BOXES.get(t, t)
    return re.sub(r"[A-Za-z_$][\w$]*\.", "", t)


def both_collections(a, b):
    def outer(t):
        return plain_type(t).split("<", 1)[0]

    return outer(a) in COLLECTIONS and outer(b) in COLLECTIONS


# ---- defaults that modules replace -------------------------------------------------------

# Config classes whose field defaults a Guice module replaces when it binds them
# (`bindConfigDefaults`, `bindConfigGlobalDefaults`, an http client's `withConfigDefaults`), for
# every binding or only under some setting: there the field's initializer is not the default,
# so none is given. Members are setters or fields, as the facts name them; "*" is the whole
# class. Every entry must match some definition of some release (checked by the generator).
OVERRIDDEN = {
    # Each http client binding has its own defaults; internal communication sets more.
    "io.airlift.http.client.HttpClientConfig": "*",
    # ServerMainModule: admin off; CoordinatorModule: 2MB headers on the coordinator.
    "io.airlift.http.server.HttpServerConfig": {
        "setAdminEnabled",
        "setMaxRequestHeaderSize",
        "setMaxResponseHeaderSize",
    },
    # InternalCommunicationModule, when internal communication uses HTTPS.
    "io.airlift.http.server.HttpsConfig": {"setAutomaticHttpsSharedSecret"},
    "io.airlift.node.NodeConfig": {"setInternalAddressSource"},
    # ServerMainModule, with retry-policy=TASK (applyFaultTolerantExecutionDefaults).
    "io.trino.execution.QueryManagerConfig": {"remoteTaskMaxErrorDuration"},
    "io.trino.execution.TaskManagerConfig": {"taskConcurrency"},
    "io.trino.memory.MemoryManagerConfig": {"killOnOutOfMemoryDelay"},
    "io.trino.FeaturesConfig": {"exchangeCompressionCodec", "exchangeCompressionEnabled"},
    # ServerSecurityModule, when HTTPS or forwarded requests are in use.
    "io.trino.server.security.SecurityConfig": {"setInsecureAuthenticationOverHttpAllowed"},
    # The Iceberg catalog modules.
    "io.trino.plugin.hive.metastore.glue.GlueHiveMetastoreConfig": {"setSkipArchive"},
    "io.trino.plugin.hive.metastore.glue.v1.GlueHiveMetastoreConfig": {"setSkipArchive"},
    "io.trino.plugin.hive.metastore.cache.CachingHiveMetastoreConfig": "*",
    "io.trino.metastore.cache.CachingHiveMetastoreConfig": "*",
    # JDBC connector modules (bulk column listing, statistics, type handling, ...).
    "io.trino.plugin.jdbc.JdbcMetadataConfig": "*",
    "io.trino.plugin.jdbc.JdbcStatisticsConfig": "*",
    "io.trino.plugin.jdbc.TypeHandlingJdbcConfig": {"setUnsupportedTypeHandling"},
    "io.trino.plugin.sqlserver.SqlServerConfig": {"setSnapshotIsolationDisabled"},
    # TpchConnectorFactory passes its own splits per node and pushdown switch.
    "io.trino.plugin.tpch.TpchConfig": {"setSplitsPerNode", "setPredicatePushdownEnabled"},
}


def overridden(d):
    """The `OVERRIDDEN` entry (class, member) that covers definition `d`, or None."""
    members = OVERRIDDEN.get(d["class"])
    if members is None:
        return None
    if members == "*":
        return (d["class"], "*")
    field = (d.get("default_source") or {}).get("field")
    for member in (d.get("setter"), field):
        if member in members:
            return (d["class"], member)
    return None


def escape(value):
    """A default as the TSV writes it after `=`: backslash, TAB, LF and CR escaped."""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def record_default(defs, renderer, used):
    """The default of a property record over definitions `defs`: the one all of them render,
    or None if one renders none, they differ, or a module replaces one's default. Adds the
    `OVERRIDDEN` entries that apply to `used`."""
    values = set()
    for d in defs:
        entry = overridden(d)
        if entry:
            used.add(entry)
            values.add(None)
        else:
            values.add(renderer.definition(d))
    if len(values) != 1:
        return None
    return values.pop()
