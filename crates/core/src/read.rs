//! Reading the spec from its TOML document into the typed [`Spec`], by hand rather than with
//! serde: every problem is reported at once, each with the exact span of the key or value,
//! and the reader stays small in the WebAssembly build.

use std::ops::Range;

use indexmap::IndexMap;
use toml_edit::{Item, Table, TableLike, Value};

use crate::diagnostic::{Diagnostic, Location};
use crate::rules;
use crate::spec::*;
use crate::suggest;
use crate::units::{self, Bytes, MilliCpu};
use crate::values::{self, HeapSize};

/// A node of the document: an item of a table, a value inside an array, or a table of an
/// array of tables.
#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a Item),
    Value(&'a Value),
    Table(&'a Table),
}

impl<'a> Node<'a> {
    fn value(self) -> Option<&'a Value> {
        match self {
            Node::Item(Item::Value(v)) | Node::Value(v) => Some(v),
            _ => None,
        }
    }

    fn span(self) -> Option<Range<usize>> {
        match self {
            Node::Item(i) => i.span(),
            Node::Value(v) => v.span(),
            Node::Table(t) => t.span(),
        }
    }

    fn table(self) -> Option<&'a dyn TableLike> {
        match self {
            Node::Item(i) => i.as_table_like(),
            Node::Value(v) => v.as_inline_table().map(|t| t as &dyn TableLike),
            Node::Table(t) => Some(t as &dyn TableLike),
        }
    }

    fn array(self) -> Option<Vec<Node<'a>>> {
        match self {
            Node::Item(Item::ArrayOfTables(a)) => Some(a.iter().map(Node::Table).collect()),
            _ => self
                .value()
                .and_then(Value::as_array)
                .map(|a| a.iter().map(Node::Value).collect()),
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Node::Item(Item::Table(_)) | Node::Table(_) => "a table",
            Node::Item(Item::ArrayOfTables(_)) => "an array of tables",
            Node::Item(Item::None) => "nothing",
            _ => match self.value() {
                Some(Value::String(_)) => "a string",
                Some(Value::Integer(_)) => "an integer",
                Some(Value::Float(_)) => "a float",
                Some(Value::Boolean(_)) => "a boolean",
                Some(Value::Datetime(_)) => "a date-time",
                Some(Value::Array(_)) => "an array",
                Some(Value::InlineTable(_)) => "a table",
                None => "nothing",
            },
        }
    }
}

/// Collects diagnostics while reading.
struct Cx<'s> {
    source: &'s str,
    diagnostics: Vec<Diagnostic>,
}

impl Cx<'_> {
    fn at(&self, path: &str, span: Option<Range<usize>>) -> Location {
        match span {
            Some(span) => Location::spec_path(path).with_span(self.source, span),
            None => Location::spec_path(path),
        }
    }

    fn error(&mut self, path: &str, span: Option<Range<usize>>, message: String, help: String) {
        let at = self.at(path, span);
        self.diagnostics.push(
            Diagnostic::new(&rules::SPEC_INVALID_VALUE, message)
                .at(at)
                .help(help),
        );
    }
}

/// A value with its key path and position.
#[derive(Clone)]
struct At<'a> {
    node: Node<'a>,
    path: String,
    key_span: Option<Range<usize>>,
}

impl<'a> At<'a> {
    fn span(&self) -> Option<Range<usize>> {
        self.node.span().or_else(|| self.key_span.clone())
    }

    fn wrong_type(&self, cx: &mut Cx<'_>, expected: &str) {
        cx.error(
            &self.path,
            self.span(),
            format!(
                "`{}` must be {expected}, not {}",
                self.path,
                self.node.kind()
            ),
            format!("write {expected}"),
        );
    }

    fn string(&self, cx: &mut Cx<'_>) -> Option<String> {
        match self.node.value().and_then(Value::as_str) {
            Some(s) => Some(s.to_owned()),
            None => {
                self.wrong_type(cx, "a string");
                None
            }
        }
    }

    fn boolean(&self, cx: &mut Cx<'_>) -> Option<bool> {
        let b = self.node.value().and_then(Value::as_bool);
        if b.is_none() {
            self.wrong_type(cx, "`true` or `false`");
        }
        b
    }

    fn u32(&self, cx: &mut Cx<'_>) -> Option<u32> {
        match self.node.value().and_then(Value::as_integer) {
            Some(i) => match u32::try_from(i) {
                Ok(v) => Some(v),
                Err(_) => {
                    let at = cx.at(&self.path, self.span());
                    cx.diagnostics.push(
                        Diagnostic::new(
                            &rules::SPEC_LIMIT,
                            format!("`{}` = {i} is out of range", self.path),
                        )
                        .at(at)
                        .help("use a non-negative number below 4294967296"),
                    );
                    None
                }
            },
            None => {
                self.wrong_type(cx, "an integer");
                None
            }
        }
    }

    /// A string, or a bare number written as its text (`cpu = 4`, `memory = 17179869184`).
    fn quantity_text(&self, cx: &mut Cx<'_>) -> Option<String> {
        match self.node.value() {
            Some(Value::String(s)) => Some(s.value().clone()),
            Some(Value::Integer(i)) if *i.value() >= 0 => Some(i.value().to_string()),
            Some(Value::Float(f)) if f.value().is_finite() && *f.value() >= 0.0 => {
                Some(f.value().to_string())
            }
            _ => {
                self.wrong_type(cx, "a quantity such as \"16Gi\" or 4");
                None
            }
        }
    }

    /// Runs a parser over a string value; its error message becomes the diagnostic.
    fn parsed<T>(
        &self,
        cx: &mut Cx<'_>,
        text: Option<String>,
        parse: impl Fn(&str) -> Result<T, String>,
        help: &str,
    ) -> Option<T> {
        let text = text?;
        match parse(&text) {
            Ok(v) => Some(v),
            Err(e) => {
                cx.error(&self.path, self.span(), e, help.to_owned());
                None
            }
        }
    }

    fn strings(&self, cx: &mut Cx<'_>) -> Option<Vec<String>> {
        let Some(items) = self.node.array() else {
            self.wrong_type(cx, "an array of strings");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, node) in items.into_iter().enumerate() {
            let at = At {
                node,
                path: format!("{}[{i}]", self.path),
                key_span: None,
            };
            out.push(at.string(cx)?);
        }
        Some(out)
    }

    fn table<'c, 's>(
        &self,
        cx: &'c mut Cx<'s>,
        allowed: &'static [&'static str],
    ) -> Option<Tbl<'a, 'c, 's>> {
        match self.node.table() {
            Some(t) => Some(Tbl {
                cx,
                table: t,
                path: self.path.clone(),
                span: self.span(),
                allowed,
            }),
            None => {
                self.wrong_type(cx, "a table");
                None
            }
        }
    }
}

/// A table being read: keys are taken one by one; `allowed` names every key it may hold, so
/// that an unknown key is reported with the closest valid one.
struct Tbl<'a, 'c, 's> {
    cx: &'c mut Cx<'s>,
    table: &'a dyn TableLike,
    path: String,
    span: Option<Range<usize>>,
    allowed: &'static [&'static str],
}

fn join(prefix: &str, key: &str) -> String {
    let quoted = !key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        || key.is_empty();
    match (prefix.is_empty(), quoted) {
        (true, false) => key.to_owned(),
        (true, true) => format!("\"{key}\""),
        (false, false) => format!("{prefix}.{key}"),
        (false, true) => format!("{prefix}.\"{key}\""),
    }
}

impl<'a, 'c, 's> Tbl<'a, 'c, 's> {
    fn get(&mut self, key: &str) -> Option<At<'a>> {
        let (k, item) = self.table.get_key_value(key)?;
        if item.is_none() {
            return None;
        }
        Some(At {
            node: Node::Item(item),
            path: join(&self.path, key),
            key_span: k.span(),
        })
    }

    fn missing(&mut self, key: &str, example: &str) {
        let at = self.cx.at(&self.path, self.span.clone());
        let place = if self.path.is_empty() {
            "the spec".to_owned()
        } else {
            format!("`[{}]`", self.path)
        };
        self.cx.diagnostics.push(
            Diagnostic::new(&rules::SPEC_INVALID_VALUE, format!("{place} lacks `{key}`"))
                .at(at)
                .help(format!("add `{key} = {example}`")),
        );
    }

    fn req<T>(
        &mut self,
        key: &str,
        example: &str,
        f: impl FnOnce(&At<'a>, &mut Cx<'s>) -> Option<T>,
    ) -> Option<T> {
        match self.get(key) {
            Some(at) => f(&at, self.cx),
            None => {
                self.missing(key, example);
                None
            }
        }
    }

    fn opt<T>(
        &mut self,
        key: &str,
        f: impl FnOnce(&At<'a>, &mut Cx<'s>) -> Option<T>,
    ) -> Option<T> {
        let at = self.get(key)?;
        f(&at, self.cx)
    }

    fn opt_string(&mut self, key: &str) -> Option<String> {
        self.opt(key, |at, cx| at.string(cx))
    }

    fn opt_strings(&mut self, key: &str) -> Vec<String> {
        self.opt(key, |at, cx| at.strings(cx)).unwrap_or_default()
    }

    fn opt_bool(&mut self, key: &str) -> Option<bool> {
        self.opt(key, |at, cx| at.boolean(cx))
    }

    fn opt_secret(&mut self, key: &str) -> Option<SecretRef> {
        self.opt(key, |at, cx| secret(at, cx))
    }

    fn opt_data_size(&mut self, key: &str) -> Option<u64> {
        self.opt(key, |at, cx| {
            let text = at.string(cx);
            at.parsed(
                cx,
                text,
                values::parse_data_size,
                "write a Trino data size such as `16GB`",
            )
        })
    }

    fn opt_heap_size(&mut self, key: &str) -> Option<HeapSize> {
        self.opt(key, |at, cx| {
            let text = at.string(cx);
            at.parsed(
                cx,
                text,
                |t| values::parse_heap_size(t.trim()),
                "write a percentage of the heap such as `30%` or a data size such as `10GB`",
            )
        })
    }

    /// A string-keyed map of strings (`log_levels`, `labels`).
    fn opt_string_map(&mut self, key: &str) -> IndexMap<String, String> {
        let mut out = IndexMap::new();
        let Some(at) = self.get(key) else { return out };
        let Some(t) = at.node.table() else {
            at.wrong_type(self.cx, "a table");
            return out;
        };
        for (k, item) in t.iter() {
            let key_span = t.get_key_value(k).and_then(|(key, _)| key.span());
            let v = At {
                node: Node::Item(item),
                path: join(&at.path, k),
                key_span,
            };
            if let Some(s) = v.string(self.cx) {
                out.insert(k.to_owned(), s);
            }
        }
        out
    }

    /// An escape-hatch `properties` table.
    fn properties(&mut self) -> IndexMap<String, PropertyValue> {
        let mut out = IndexMap::new();
        let Some(at) = self.get("properties") else {
            return out;
        };
        let Some(t) = at.node.table() else {
            at.wrong_type(self.cx, "a table of properties");
            return out;
        };
        for (k, item) in t.iter() {
            let key_span = t.get_key_value(k).and_then(|(key, _)| key.span());
            let v = At {
                node: Node::Item(item),
                path: join(&at.path, k),
                key_span,
            };
            let value = match v.node.value() {
                Some(Value::String(s)) => Some(PropertyValue::Text(s.value().clone())),
                Some(Value::Integer(i)) => Some(PropertyValue::Text(i.value().to_string())),
                Some(Value::Float(f)) => Some(PropertyValue::Text(f.value().to_string())),
                Some(Value::Boolean(b)) => Some(PropertyValue::Text(b.value().to_string())),
                _ if v.node.table().is_some() => secret(&v, self.cx).map(PropertyValue::Secret),
                _ => {
                    v.wrong_type(self.cx, "a string, number, boolean or secret reference");
                    None
                }
            };
            if let Some(value) = value {
                out.insert(k.to_owned(), value);
            }
        }
        out
    }

    /// Reports every key that was not in `allowed`.
    fn finish(self) {
        for (key, _) in self.table.iter() {
            if self.allowed.contains(&key) {
                continue;
            }
            let key_span = self.table.get_key_value(key).and_then(|(k, _)| k.span());
            let at = self.cx.at(&join(&self.path, key), key_span);
            let place = if self.path.is_empty() {
                "the top level".to_owned()
            } else {
                format!("`[{}]`", self.path)
            };
            let closest = suggest::closest(key, self.allowed.iter().copied());
            if let Some(s) = closest {
                // A misspelt required key: the typo is the one problem, not the missing key.
                let missing = format!("{place} lacks `{s}`");
                self.cx.diagnostics.retain(|d| d.message != missing);
            }
            let help = match closest {
                Some(s) => format!("did you mean `{s}`?"),
                None if self.allowed.is_empty() => "remove this key".to_owned(),
                None => format!("valid keys here: {}", self.allowed.join(", ")),
            };
            self.cx.diagnostics.push(
                Diagnostic::new(
                    &rules::SPEC_UNKNOWN_KEY,
                    format!("unknown key `{key}` in {place}"),
                )
                .at(at)
                .help(help),
            );
        }
    }

    /// Reads a `tag` key naming one of `variants`; returns its index.
    fn tag(&mut self, key: &str, variants: &[&str]) -> Option<usize> {
        let list = variants.join(", ");
        let at = match self.get(key) {
            Some(at) => at,
            None => {
                self.missing(key, &format!("\"{}\"", variants[0]));
                return None;
            }
        };
        let value = at.string(self.cx)?;
        match variants.iter().position(|v| *v == value) {
            Some(i) => Some(i),
            None => {
                let help = match suggest::closest(&value, variants.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? valid values: {list}"),
                    None => format!("valid values: {list}"),
                };
                self.cx.error(
                    &at.path,
                    at.span(),
                    format!("unknown {key} `{value}`"),
                    help,
                );
                None
            }
        }
    }
}

fn secret(at: &At<'_>, cx: &mut Cx<'_>) -> Option<SecretRef> {
    if let Some(s) = at.node.value().and_then(Value::as_str) {
        if let Some(var) = s.strip_prefix("${ENV:").and_then(|r| r.strip_suffix('}')) {
            return Some(SecretRef::Env {
                env: var.to_owned(),
            });
        }
        // The value itself is never kept: validation rejects a literal.
        return Some(SecretRef::Literal { len: s.len() });
    }
    let mut t = at.table(cx, &["secret", "key", "env"])?;
    let secret = t.opt_string("secret");
    let key = t.opt_string("key");
    let env = t.opt_string("env");
    let path = t.path.clone();
    let span = t.span.clone();
    t.finish();
    match (secret, key, env) {
        (Some(secret), Some(key), env) => Some(SecretRef::Kubernetes { secret, key, env }),
        (None, None, Some(env)) => Some(SecretRef::Env { env }),
        _ => {
            cx.error(
                &path,
                span,
                "a secret reference names a Secret and its key, or an environment variable"
                    .to_owned(),
                "write { secret = \"name\", key = \"key\" } or { env = \"VAR\" }".to_owned(),
            );
            None
        }
    }
}

const SPEC_KEYS: &[&str] = &[
    "cluster",
    "coordinator",
    "workers",
    "jvm",
    "memory",
    "fault_tolerance",
    "catalogs",
    "kubernetes",
    "properties",
    "log_levels",
];
const CLUSTER_KEYS: &[&str] = &[
    "name",
    "environment",
    "trino_version",
    "config_root",
    "data_dir",
    "http_port",
    "behind_proxy",
    "shared_secret",
];
const COORDINATOR_KEYS: &[&str] = &[
    "memory",
    "cpu",
    "heap",
    "query_max_memory_per_node",
    "heap_headroom_per_node",
    "properties",
    "jvm_flags",
    "schedules_work",
];
const WORKER_KEYS: &[&str] = &[
    "memory",
    "cpu",
    "heap",
    "query_max_memory_per_node",
    "heap_headroom_per_node",
    "properties",
    "jvm_flags",
    "count",
];

/// Reads a parsed document. Returns every problem found, not just the first.
pub fn spec(doc: &Table, source: &str) -> Result<Spec, Vec<Diagnostic>> {
    let mut cx = Cx {
        source,
        diagnostics: Vec::new(),
    };
    let spec = read_spec(doc, &mut cx);
    match spec {
        Some(spec) if cx.diagnostics.is_empty() => Ok(spec),
        _ => {
            if cx.diagnostics.is_empty() {
                cx.error(
                    "",
                    None,
                    "the spec could not be read".to_owned(),
                    "check the spec against the README".to_owned(),
                );
            }
            Err(cx.diagnostics)
        }
    }
}

fn read_spec(doc: &Table, cx: &mut Cx<'_>) -> Option<Spec> {
    let mut top = Tbl {
        cx,
        table: doc,
        path: String::new(),
        span: Some(0..0),
        allowed: SPEC_KEYS,
    };
    let cluster = top.req("cluster", "{ name = \"trino\" }", |at, cx| cluster(at, cx));
    let coordinator = top.req("coordinator", "{ memory = \"16Gi\", cpu = 4 }", |at, cx| {
        let mut t = at.table(cx, COORDINATOR_KEYS)?;
        let node = node(&mut t);
        let schedules_work = t.opt_bool("schedules_work").unwrap_or(false);
        t.finish();
        let (memory, cpu, heap, qmpn, hhpn, properties, jvm_flags) = node?;
        Some(Coordinator {
            memory,
            cpu,
            heap,
            query_max_memory_per_node: qmpn,
            heap_headroom_per_node: hhpn,
            properties,
            jvm_flags,
            schedules_work,
        })
    });
    let workers = match top.get("workers") {
        None => Some(Workers::default()),
        Some(at) => (|| {
            let mut t = at.table(top.cx, WORKER_KEYS)?;
            let node = node(&mut t);
            let count = t
                .opt("count", |at, cx| at.u32(cx))
                .unwrap_or_else(default_workers);
            t.finish();
            let (memory, cpu, heap, qmpn, hhpn, properties, jvm_flags) = node?;
            Some(Workers {
                memory,
                cpu,
                heap,
                query_max_memory_per_node: qmpn,
                heap_headroom_per_node: hhpn,
                properties,
                jvm_flags,
                count,
            })
        })(),
    };
    let jvm = top.opt("jvm", |at, cx| {
        let mut t = at.table(cx, &["heap_style", "flags"])?;
        let heap_style = match t.get("heap_style") {
            None => Some(HeapStyle::Xmx),
            Some(_) => t.tag("heap_style", &["xmx", "ram-percentage"]).map(|i| {
                if i == 0 {
                    HeapStyle::Xmx
                } else {
                    HeapStyle::RamPercentage
                }
            }),
        };
        let flags = t.opt_strings("flags");
        t.finish();
        Some(Jvm {
            heap_style: heap_style?,
            flags,
        })
    });
    let memory = top.opt("memory", |at, cx| {
        let mut t = at.table(cx, &["query_max_memory", "query_max_total_memory"])?;
        let m = ClusterMemory {
            query_max_memory: t.opt_data_size("query_max_memory"),
            query_max_total_memory: t.opt_data_size("query_max_total_memory"),
        };
        t.finish();
        Some(m)
    });
    let fault_tolerance = top.opt("fault_tolerance", |at, cx| fault_tolerance(at, cx));
    let mut catalogs = IndexMap::new();
    if let Some(at) = top.get("catalogs") {
        if let Some(t) = at.node.table() {
            for (name, item) in t.iter() {
                let key_span = t.get_key_value(name).and_then(|(k, _)| k.span());
                let c = At {
                    node: Node::Item(item),
                    path: join(&at.path, name),
                    key_span,
                };
                if let Some(catalog) = catalog(&c, top.cx) {
                    catalogs.insert(name.to_owned(), catalog);
                }
            }
        } else {
            at.wrong_type(top.cx, "a table of catalogs");
        }
    }
    let kubernetes = top.opt("kubernetes", |at, cx| {
        let mut t = at.table(
            cx,
            &[
                "namespace",
                "image",
                "image_pull_policy",
                "service_account",
                "labels",
            ],
        )?;
        let k = Kubernetes {
            namespace: t.opt_string("namespace"),
            image: t.opt_string("image"),
            image_pull_policy: t
                .opt_string("image_pull_policy")
                .unwrap_or_else(default_pull_policy),
            service_account: t.opt_string("service_account"),
            labels: t.opt_string_map("labels"),
        };
        t.finish();
        Some(k)
    });
    let properties = top.properties();
    let log_levels = top.opt_string_map("log_levels");
    top.finish();
    Some(Spec {
        cluster: cluster?,
        coordinator: coordinator?,
        workers: workers?,
        jvm: jvm.unwrap_or_default(),
        memory: memory.unwrap_or_default(),
        fault_tolerance: fault_tolerance.unwrap_or_default(),
        catalogs,
        kubernetes: kubernetes.unwrap_or_default(),
        properties,
        log_levels,
    })
}

fn cluster(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Cluster> {
    let mut t = at.table(cx, CLUSTER_KEYS)?;
    let name = t.req("name", "\"trino\"", |at, cx| at.string(cx));
    let c = Cluster {
        name: name.unwrap_or_default(),
        environment: t
            .opt_string("environment")
            .unwrap_or_else(default_environment),
        trino_version: t
            .opt("trino_version", |at, cx| at.u32(cx))
            .unwrap_or_else(default_version),
        config_root: t
            .opt_string("config_root")
            .unwrap_or_else(default_config_root),
        data_dir: t.opt_string("data_dir").unwrap_or_else(default_data_dir),
        http_port: t
            .opt("http_port", |at, cx| at.u32(cx))
            .unwrap_or_else(default_http_port),
        behind_proxy: t.opt_bool("behind_proxy").unwrap_or(false),
        shared_secret: t.opt_secret("shared_secret"),
    };
    t.finish();
    Some(c)
}

type NodeFields = (
    Bytes,
    MilliCpu,
    Option<HeapSetting>,
    Option<HeapSize>,
    Option<HeapSize>,
    IndexMap<String, PropertyValue>,
    Vec<String>,
);

/// The fields every role has.
fn node(t: &mut Tbl<'_, '_, '_>) -> Option<NodeFields> {
    let memory = t.req("memory", "\"16Gi\"", |at, cx| {
        let text = at.quantity_text(cx);
        at.parsed(
            cx,
            text,
            units::parse_k8s_memory,
            "write a Kubernetes memory quantity such as `16Gi`",
        )
    });
    let cpu = t.req("cpu", "4", |at, cx| {
        let text = at.quantity_text(cx);
        at.parsed(
            cx,
            text,
            units::parse_k8s_cpu,
            "write cores (`4`, `1.5`) or millicores (`500m`)",
        )
    });
    let heap = t.opt("heap", |at, cx| {
        let text = at.string(cx);
        at.parsed(
            cx,
            text,
            parse_heap_setting,
            "write a percentage of the memory such as `80%`, or a size such as `12Gi`",
        )
    });
    let qmpn = t.opt_heap_size("query_max_memory_per_node");
    let hhpn = t.opt_heap_size("heap_headroom_per_node");
    let properties = t.properties();
    let jvm_flags = t.opt_strings("jvm_flags");
    Some((memory?, cpu?, heap, qmpn, hhpn, properties, jvm_flags))
}

fn parse_heap_setting(text: &str) -> Result<HeapSetting, String> {
    let t = text.trim();
    if let Some(p) = t.strip_suffix('%') {
        let v: f64 = p
            .trim()
            .parse()
            .map_err(|_| format!("`{t}` is not a percentage; write it like `80%`"))?;
        if !v.is_finite() || v <= 0.0 || v > 100.0 {
            return Err(format!(
                "heap `{t}` must be above 0% and at most 100% of the container memory"
            ));
        }
        return Ok(HeapSetting::Percent(v));
    }
    units::parse_k8s_memory(t)
        .map(|b| HeapSetting::Size(b.0))
        .map_err(|e| format!("{e}; or a percentage such as `80%`"))
}

fn fault_tolerance(at: &At<'_>, cx: &mut Cx<'_>) -> Option<FaultTolerance> {
    let mut t = at.table(cx, &["retry_policy", "exchange_manager"])?;
    let policy = t.tag("retry_policy", &["none", "query", "task"]);
    let exchange = t.opt("exchange_manager", |at, cx| exchange_manager(at, cx));
    let has_exchange_key = t.get("exchange_manager").is_some();
    let path = t.path.clone();
    let span = t.span.clone();
    t.finish();
    match policy? {
        0 => Some(FaultTolerance::None),
        1 => Some(FaultTolerance::Query {
            exchange_manager: exchange,
        }),
        _ => match exchange {
            Some(exchange_manager) => Some(FaultTolerance::Task { exchange_manager }),
            None if has_exchange_key => None,
            None => {
                let at = cx.at(&path, span);
                cx.diagnostics.push(
                    Diagnostic::new(&rules::TASK_WITHOUT_EXCHANGE, "TASK retries need an exchange manager; without one every query fails")
                        .at(at)
                        .help("add `[fault_tolerance.exchange_manager]` with `storage` and `base_directories`, or use `retry_policy = \"query\"`"),
                );
                None
            }
        },
    }
}

fn exchange_manager(at: &At<'_>, cx: &mut Cx<'_>) -> Option<ExchangeManager> {
    const KEYS: &[&str] = &[
        "storage",
        "base_directories",
        "region",
        "endpoint",
        "access_key",
        "secret_key",
        "path_style_access",
        "json_key",
        "connection_string",
        "properties",
    ];
    let mut t = at.table(cx, KEYS)?;
    let storage = t.tag("storage", &["s3", "gcs", "azure", "hdfs", "local"]);
    let base_directories = t.req(
        "base_directories",
        "[\"s3://bucket/exchange\"]",
        |at, cx| at.strings(cx),
    );
    // Keys of the other storages are unknown here.
    let own: &[&str] = match storage {
        Some(0) => &[
            "region",
            "endpoint",
            "access_key",
            "secret_key",
            "path_style_access",
        ],
        Some(1) => &["json_key"],
        Some(2) => &["connection_string"],
        _ => &[],
    };
    let keys: Vec<&str> = t.table.iter().map(|(k, _)| k).collect();
    for key in keys {
        if ["storage", "base_directories", "properties"].contains(&key)
            || own.contains(&key)
            || storage.is_none()
        {
            continue;
        }
        let key_span = t.table.get_key_value(key).and_then(|(k, _)| k.span());
        let path = join(&t.path, key);
        let at = t.cx.at(&path, key_span);
        let name = ["s3", "gcs", "azure", "hdfs", "local"][storage.unwrap_or(0)];
        t.cx.diagnostics.push(
            Diagnostic::new(
                &rules::SPEC_UNKNOWN_KEY,
                format!("`{key}` does not apply to {name} storage"),
            )
            .at(at)
            .help(if own.is_empty() {
                format!("{name} storage takes `base_directories` and `properties`")
            } else {
                format!("{name} storage takes {}", own.join(", "))
            }),
        );
    }
    let region = t.opt_string("region");
    let endpoint = t.opt_string("endpoint");
    let access_key = t.opt_secret("access_key");
    let secret_key = t.opt_secret("secret_key");
    let path_style_access = t.opt_bool("path_style_access");
    let json_key = t.opt_secret("json_key");
    let connection_string = t.opt_secret("connection_string");
    let properties = t.properties();
    t.finish();
    let base_directories = base_directories?;
    Some(match storage? {
        0 => ExchangeManager::S3 {
            base_directories,
            region,
            endpoint,
            access_key,
            secret_key,
            path_style_access,
            properties,
        },
        1 => ExchangeManager::Gcs {
            base_directories,
            json_key,
            properties,
        },
        2 => ExchangeManager::Azure {
            base_directories,
            connection_string,
            properties,
        },
        3 => ExchangeManager::Hdfs {
            base_directories,
            properties,
        },
        _ => ExchangeManager::Local {
            base_directories,
            properties,
        },
    })
}

const CONNECTORS: &[&str] = &[
    "hive",
    "iceberg",
    "mysql",
    "postgresql",
    "kafka",
    "tpch",
    "tpcds",
    "memory",
];

fn catalog(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Catalog> {
    // The keys allowed depend on the connector: read it first.
    let connector = {
        let mut probe = at.table(cx, &[])?;
        let c = probe.tag("connector", CONNECTORS);
        c?
    };
    let allowed: &'static [&'static str] = match connector {
        0 => &["connector", "metastore", "s3", "gcs", "azure", "properties"],
        1 => &[
            "connector",
            "catalog",
            "file_format",
            "s3",
            "gcs",
            "azure",
            "properties",
        ],
        2 | 3 => &[
            "connector",
            "connection_url",
            "user",
            "password",
            "properties",
        ],
        4 => &[
            "connector",
            "nodes",
            "default_schema",
            "hide_internal_columns",
            "topics",
            "properties",
        ],
        5 | 6 => &["connector", "splits_per_node", "properties"],
        _ => &["connector", "max_data_per_node", "properties"],
    };
    let mut t = at.table(cx, allowed)?;
    let catalog = match connector {
        0 => {
            let metastore = t.req(
                "metastore",
                "{ type = \"thrift\", uri = \"thrift://metastore:9083\" }",
                |at, cx| metastore(at, cx),
            );
            let (s3, gcs, azure) = storage(&mut t);
            let properties = t.properties();
            metastore.map(|metastore| {
                Catalog::Hive(Hive {
                    metastore,
                    s3,
                    gcs,
                    azure,
                    properties,
                })
            })
        }
        1 => {
            let catalog = t.req(
                "catalog",
                "{ type = \"rest\", uri = \"http://rest:8181\" }",
                |at, cx| iceberg_catalog(at, cx),
            );
            let file_format = t.opt_string("file_format");
            let (s3, gcs, azure) = storage(&mut t);
            let properties = t.properties();
            catalog.map(|catalog| {
                Catalog::Iceberg(Iceberg {
                    catalog,
                    file_format,
                    s3,
                    gcs,
                    azure,
                    properties,
                })
            })
        }
        2 | 3 => {
            let connection_url = t.req("connection_url", "\"jdbc:...\"", |at, cx| at.string(cx));
            let jdbc = connection_url.map(|connection_url| Jdbc {
                connection_url,
                user: t.opt_string("user"),
                password: t.opt_secret("password"),
                properties: t.properties(),
            });
            jdbc.map(|j| {
                if connector == 2 {
                    Catalog::Mysql(j)
                } else {
                    Catalog::Postgresql(j)
                }
            })
        }
        4 => {
            let nodes = t.req("nodes", "[\"kafka:9092\"]", |at, cx| at.strings(cx));
            let default_schema = t.opt_string("default_schema");
            let hide_internal_columns = t.opt_bool("hide_internal_columns");
            let topics = t.opt("topics", |at, cx| topics(at, cx)).unwrap_or_default();
            let properties = t.properties();
            nodes.map(|nodes| {
                Catalog::Kafka(Kafka {
                    nodes,
                    default_schema,
                    hide_internal_columns,
                    topics,
                    properties,
                })
            })
        }
        5 | 6 => {
            let tpc = Tpc {
                splits_per_node: t.opt("splits_per_node", |at, cx| at.u32(cx)),
                properties: t.properties(),
            };
            Some(if connector == 5 {
                Catalog::Tpch(tpc)
            } else {
                Catalog::Tpcds(tpc)
            })
        }
        _ => Some(Catalog::Memory(MemoryConnector {
            max_data_per_node: t.opt_data_size("max_data_per_node"),
            properties: t.properties(),
        })),
    };
    t.finish();
    catalog
}

fn metastore(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Metastore> {
    let mut t = at.table(cx, &["type", "uri", "region", "catalog_id"])?;
    let m = match t.tag("type", &["thrift", "glue"]) {
        Some(0) => {
            t.allowed = &["type", "uri"];
            t.req("uri", "\"thrift://metastore:9083\"", |at, cx| at.string(cx))
                .map(|uri| Metastore::Thrift { uri })
        }
        Some(_) => {
            t.allowed = &["type", "region", "catalog_id"];
            Some(Metastore::Glue {
                region: t.opt_string("region"),
                catalog_id: t.opt_string("catalog_id"),
            })
        }
        None => None,
    };
    t.finish();
    m
}

fn iceberg_catalog(at: &At<'_>, cx: &mut Cx<'_>) -> Option<IcebergCatalog> {
    let mut t = at.table(cx, &["type"])?;
    let kind = t.tag(
        "type",
        &["hive_metastore", "glue", "rest", "jdbc", "nessie"],
    );
    let c = match kind {
        Some(0) => {
            t.allowed = &["type", "uri"];
            t.req("uri", "\"thrift://metastore:9083\"", |at, cx| at.string(cx))
                .map(|uri| IcebergCatalog::HiveMetastore { uri })
        }
        Some(1) => {
            t.allowed = &["type", "region"];
            Some(IcebergCatalog::Glue {
                region: t.opt_string("region"),
            })
        }
        Some(2) => {
            t.allowed = &["type", "uri", "warehouse", "token"];
            let uri = t.req("uri", "\"http://rest-catalog:8181\"", |at, cx| {
                at.string(cx)
            });
            let warehouse = t.opt_string("warehouse");
            let token = t.opt_secret("token");
            uri.map(|uri| IcebergCatalog::Rest {
                uri,
                warehouse,
                token,
            })
        }
        Some(3) => {
            t.allowed = &[
                "type",
                "connection_url",
                "user",
                "password",
                "default_warehouse_dir",
                "catalog_name",
            ];
            let connection_url = t.req(
                "connection_url",
                "\"jdbc:postgresql://db:5432/iceberg\"",
                |at, cx| at.string(cx),
            );
            let user = t.opt_string("user");
            let password = t.opt_secret("password");
            let default_warehouse_dir = t.opt_string("default_warehouse_dir");
            let catalog_name = t.opt_string("catalog_name");
            connection_url.map(|connection_url| IcebergCatalog::Jdbc {
                connection_url,
                user,
                password,
                default_warehouse_dir,
                catalog_name,
            })
        }
        Some(_) => {
            t.allowed = &["type", "uri", "default_warehouse_dir"];
            let uri = t.req("uri", "\"http://nessie:19120/api/v2\"", |at, cx| {
                at.string(cx)
            });
            let default_warehouse_dir = t.opt_string("default_warehouse_dir");
            uri.map(|uri| IcebergCatalog::Nessie {
                uri,
                default_warehouse_dir,
            })
        }
        None => None,
    };
    t.finish();
    c
}

fn storage(
    t: &mut Tbl<'_, '_, '_>,
) -> (Option<S3Storage>, Option<GcsStorage>, Option<AzureStorage>) {
    let s3 = t.opt("s3", |at, cx| {
        let mut s = at.table(
            cx,
            &[
                "region",
                "endpoint",
                "path_style_access",
                "iam_role",
                "access_key",
                "secret_key",
            ],
        )?;
        let v = S3Storage {
            region: s.opt_string("region"),
            endpoint: s.opt_string("endpoint"),
            path_style_access: s.opt_bool("path_style_access"),
            iam_role: s.opt_string("iam_role"),
            access_key: s.opt_secret("access_key"),
            secret_key: s.opt_secret("secret_key"),
        };
        s.finish();
        Some(v)
    });
    let gcs = t.opt("gcs", |at, cx| {
        let mut s = at.table(cx, &["project_id", "json_key"])?;
        let v = GcsStorage {
            project_id: s.opt_string("project_id"),
            json_key: s.opt_secret("json_key"),
        };
        s.finish();
        Some(v)
    });
    let azure = t.opt("azure", |at, cx| {
        let mut s = at.table(cx, &["auth_type", "access_key"])?;
        let v = AzureStorage {
            auth_type: s.opt_string("auth_type"),
            access_key: s.opt_secret("access_key"),
        };
        s.finish();
        Some(v)
    });
    (s3, gcs, azure)
}

fn topics(at: &At<'_>, cx: &mut Cx<'_>) -> Option<Vec<KafkaTopic>> {
    let Some(items) = at.node.array() else {
        at.wrong_type(cx, "an array of topic tables (`[[catalogs.NAME.topics]]`)");
        return None;
    };
    let mut out = Vec::new();
    for (i, node) in items.into_iter().enumerate() {
        let topic_at = At {
            node,
            path: format!("{}[{i}]", at.path),
            key_span: None,
        };
        let Some(mut t) = topic_at.table(cx, &["table", "schema", "topic", "key", "message"])
        else {
            continue;
        };
        let table = t.req("table", "\"orders\"", |at, cx| at.string(cx));
        let schema = t.opt_string("schema");
        let topic = t.opt_string("topic");
        let key = t.opt("key", |at, cx| field_group(at, cx));
        let message = t.opt("message", |at, cx| field_group(at, cx));
        t.finish();
        if let Some(table) = table {
            out.push(KafkaTopic {
                table,
                schema,
                topic,
                key,
                message,
            });
        }
    }
    Some(out)
}

fn field_group(at: &At<'_>, cx: &mut Cx<'_>) -> Option<KafkaFieldGroup> {
    let mut t = at.table(cx, &["data_format", "data_schema", "fields"])?;
    const FORMATS: &[&str] = &["raw", "csv", "json", "avro", "protobuf", "dummy"];
    let data_format = t.tag("data_format", FORMATS).map(|i| {
        [
            KafkaDataFormat::Raw,
            KafkaDataFormat::Csv,
            KafkaDataFormat::Json,
            KafkaDataFormat::Avro,
            KafkaDataFormat::Protobuf,
            KafkaDataFormat::Dummy,
        ][i]
    });
    let data_schema = t.opt_string("data_schema");
    let fields = t
        .opt("fields", |at, cx| {
            let Some(items) = at.node.array() else {
                at.wrong_type(cx, "an array of field tables");
                return None;
            };
            let mut out = Vec::new();
            for (i, node) in items.into_iter().enumerate() {
                let f_at = At {
                    node,
                    path: format!("{}[{i}]", at.path),
                    key_span: None,
                };
                let Some(mut f) = f_at.table(
                    cx,
                    &[
                        "name",
                        "type",
                        "mapping",
                        "data_format",
                        "format_hint",
                        "comment",
                        "hidden",
                    ],
                ) else {
                    continue;
                };
                let name = f.req("name", "\"order_id\"", |at, cx| at.string(cx));
                let ty = f.req("type", "\"BIGINT\"", |at, cx| at.string(cx));
                let field = KafkaField {
                    name: name.unwrap_or_default(),
                    ty: ty.unwrap_or_default(),
                    mapping: f.opt_string("mapping"),
                    data_format: f.opt_string("data_format"),
                    format_hint: f.opt_string("format_hint"),
                    comment: f.opt_string("comment"),
                    hidden: f.opt_bool("hidden").unwrap_or(false),
                };
                f.finish();
                out.push(field);
            }
            Some(out)
        })
        .unwrap_or_default();
    t.finish();
    Some(KafkaFieldGroup {
        data_format: data_format?,
        data_schema,
        fields,
    })
}
