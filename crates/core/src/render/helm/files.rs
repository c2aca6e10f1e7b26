//! The files of the nodes as the chart's values: each property trinocfg writes either sets the
//! chart field that writes it, or is added through the chart's lists of extra lines and files.

use yaml_rust2::yaml::Hash;
use yaml_rust2::Yaml;

use super::{int_of, list_of, set, tpl_safe, Refusal};
use crate::lower::config::service_name;
use crate::memory::Role;
use crate::model::{Content, File};
use crate::properties::{escape_key, escape_value};
use crate::render::kubernetes::s;
use crate::render::{Rendered, RoleOutput};
use crate::spec::Spec;

/// The files the chart writes itself from its fields, in the node's configuration directory.
const CHART_FILES: [&str; 5] = [
    "config.properties",
    "jvm.config",
    "node.properties",
    "log.properties",
    "exchange-manager.properties",
];

type Pairs = Vec<(String, String)>;

fn file<'a>(role: &'a RoleOutput, rel: &str) -> Option<&'a File> {
    role.files.iter().find(|f| f.rel == rel)
}

/// The entries of a properties file, Java's last-one-wins applied.
fn pairs(role: &RoleOutput, rel: &str) -> Pairs {
    let mut out: Pairs = Vec::new();
    if let Some(File {
        content: Content::Properties(p),
        ..
    }) = file(role, rel)
    {
        for (k, v) in p.pairs() {
            out.retain(|(key, _)| key != k);
            out.push((k.to_owned(), v.to_owned()));
        }
    }
    out
}

fn get<'a>(p: &'a Pairs, key: &str) -> Option<&'a str> {
    p.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Removes `key` and returns its value.
fn take(p: &mut Pairs, key: &str) -> Option<String> {
    let i = p.iter().position(|(k, _)| k == key)?;
    Some(p.remove(i).1)
}

fn line(k: &str, v: &str) -> String {
    format!("{}={}", escape_key(k), escape_value(v))
}

fn lines(p: &Pairs) -> Yaml {
    list_of(p.iter().map(|(k, v)| s(line(k, v))))
}

fn role_key(role: Role) -> &'static str {
    match role {
        Role::Coordinator => "coordinator",
        Role::Worker => "worker",
    }
}

/// Splits two roles' remaining entries into those both have alike and each one's own.
fn split_common(c: &Pairs, w: Option<&Pairs>) -> (Pairs, Pairs, Pairs) {
    let Some(w) = w else {
        return (Vec::new(), c.clone(), Vec::new());
    };
    let common: Pairs = c.iter().filter(|e| w.contains(e)).cloned().collect();
    let own = |p: &Pairs| -> Pairs { p.iter().filter(|e| !common.contains(e)).cloned().collect() };
    (common.clone(), own(c), own(w))
}

/// `config.properties` of both roles.
pub(super) fn config(spec: &Spec, out: &Rendered, v: &mut Hash, refusals: &mut Vec<Refusal>) {
    let mut c = pairs(&out.coordinator, "config.properties");
    let mut w = out.worker.as_ref().map(|w| pairs(w, "config.properties"));
    for p in std::iter::once(&c).chain(w.as_ref()) {
        if get(p, "http-server.http.enabled").is_some_and(|e| e.eq_ignore_ascii_case("false")) {
            refusals.push(Refusal::new(
                "security.tls",
                "the chart's probes, Service and discovery use HTTP, which this spec turns off",
            ));
        }
    }
    let port =
        take(&mut c, "http-server.http.port").unwrap_or_else(|| spec.cluster.http_port.to_string());
    set(v, &["service", "port"], int_of(&port));
    take(&mut c, "coordinator");
    let include = take(&mut c, "node-scheduler.include-coordinator");
    set(
        v,
        &[
            "coordinator",
            "config",
            "nodeScheduler",
            "includeCoordinator",
        ],
        // Trino's default, which the chart's default (`false`) is not.
        match include.as_deref() {
            None | Some("true") => Yaml::Boolean(true),
            Some("false") => Yaml::Boolean(false),
            Some(other) => s(other),
        },
    );
    // The coordinator finds itself at localhost in the chart.
    take(&mut c, "discovery.uri");
    let max_memory = take(&mut c, "query.max-memory").unwrap_or_else(|| "20GB".into());
    set(
        v,
        &["server", "config", "query", "maxMemory"],
        s(&*max_memory),
    );
    if let Some(t) = take(&mut c, "http-server.authentication.type") {
        set(v, &["server", "config", "authenticationType"], s(t));
    }
    if get(&c, "http-server.https.enabled").is_some_and(|e| e.eq_ignore_ascii_case("true")) {
        take(&mut c, "http-server.https.enabled");
        let https_port = take(&mut c, "http-server.https.port").unwrap_or_else(|| "8443".into());
        set(
            v,
            &["server", "config", "https", "enabled"],
            Yaml::Boolean(true),
        );
        set(
            v,
            &["server", "config", "https", "port"],
            int_of(&https_port),
        );
        match take(&mut c, "http-server.https.keystore.path") {
            Some(path) => set(
                v,
                &["server", "config", "https", "keystore", "path"],
                s(path),
            ),
            None => refusals.push(Refusal::new(
                "security.tls",
                "the chart's HTTPS needs a keystore path (`http-server.https.keystore.path`)",
            )),
        }
    }
    node_memory(Role::Coordinator, &mut c, v);
    jmx(Role::Coordinator, &mut c, v);
    if let Some(w) = &mut w {
        take(w, "coordinator");
        take(w, "http-server.http.port");
        let expected = format!("http://{}:{port}", service_name(spec));
        match take(w, "discovery.uri") {
            Some(uri) if uri != expected => refusals.push(Refusal::new(
                "cluster.name",
                format!("the chart's workers find the coordinator at `{expected}`, not `{uri}`"),
            )),
            _ => {}
        }
        match take(w, "query.max-memory") {
            Some(m) if m != max_memory => refusals.push(Refusal::new(
                "workers.properties",
                "the chart writes one `query.max-memory` for both roles",
            )),
            _ => {}
        }
        node_memory(Role::Worker, w, v);
        jmx(Role::Worker, w, v);
    }
    let (common, own_c, own_w) = split_common(&c, w.as_ref());
    set(v, &["additionalConfigProperties"], lines(&common));
    let extra = |p: &Pairs| -> String {
        p.iter()
            .map(|(k, val)| line(k, val))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (field, own) in [
        ("coordinatorExtraConfig", &own_c),
        ("workerExtraConfig", &own_w),
    ] {
        if !own.is_empty() {
            set(v, &["server", field], s(extra(own)));
        }
    }
}

/// The memory limits the chart writes per role.
fn node_memory(role: Role, p: &mut Pairs, v: &mut Hash) {
    let r = role_key(role);
    // trinocfg always writes both; the chart's defaults are not Trino's.
    if let Some(m) = take(p, "query.max-memory-per-node") {
        set(v, &[r, "config", "query", "maxMemoryPerNode"], s(m));
    }
    if let Some(headroom) = take(p, "memory.heap-headroom-per-node") {
        set(
            v,
            &[r, "config", "memory", "heapHeadroomPerNode"],
            s(headroom),
        );
    }
}

/// The JMX ports, which the chart writes with `jmx.enabled`.
fn jmx(role: Role, p: &mut Pairs, v: &mut Hash) {
    let r = role_key(role);
    let ports = (
        get(p, "jmx.rmiregistry.port").map(str::to_owned),
        get(p, "jmx.rmiserver.port").map(str::to_owned),
    );
    // Without both (as numbers) the chart's JMX stays off and they are extra lines.
    let (Some(registry), Some(server)) = ports else {
        return;
    };
    if registry.parse::<u16>().is_err() || server.parse::<u16>().is_err() {
        return;
    }
    take(p, "jmx.rmiregistry.port");
    take(p, "jmx.rmiserver.port");
    set(v, &["jmx", r, "enabled"], Yaml::Boolean(true));
    set(v, &["jmx", r, "registryPort"], int_of(&registry));
    set(v, &["jmx", r, "serverPort"], int_of(&server));
}

/// `jvm.config` of a role.
pub(super) fn jvm(role: &RoleOutput, v: &mut Hash) {
    let r = role_key(role.role);
    let text = file(role, "jvm.config")
        .map(File::contents)
        .unwrap_or_default();
    let mut max_heap = String::new();
    let mut additional = Vec::new();
    for o in text.lines().map(str::trim) {
        if o.is_empty() || o.starts_with('#') {
            continue;
        }
        if let Some(x) = o.strip_prefix("-Xmx") {
            x.clone_into(&mut max_heap);
        } else if let Some(x) = o.strip_prefix("-Xms") {
            set(v, &[r, "jvm", "minHeapSize"], s(x));
        } else if let Some(x) = o.strip_prefix("-XX:MaxRAMPercentage=") {
            set(v, &[r, "jvm", "maxHeapPercent"], s(x));
        } else if let Some(x) = o.strip_prefix("-XX:InitialRAMPercentage=") {
            set(v, &[r, "jvm", "initialHeapPercent"], s(x));
        } else if let Some(x) = o.strip_prefix("-XX:G1HeapRegionSize=") {
            set(v, &[r, "jvm", "gcMethod", "g1", "heapRegionSize"], s(x));
        } else if let Some(gc) = o
            .strip_prefix("-XX:+")
            .filter(|g| g.starts_with("Use") && g.ends_with("GC"))
        {
            set(v, &[r, "jvm", "gcMethod", "type"], s(gc));
        } else if o != "-server" && !crate::input::chart::JVM_BASELINE.contains(&o) {
            additional.push(s(o));
        }
    }
    // Empty: the chart writes no `-Xmx` (a heap given as a share of the container's memory).
    set(v, &[r, "jvm", "maxHeapSize"], s(max_heap));
    set(v, &[r, "additionalJVMConfig"], Yaml::Array(additional));
}

/// `node.properties`, `log.properties` and `exchange-manager.properties`: one set of values for
/// both roles in the chart.
pub(super) fn shared_files(spec: &Spec, out: &Rendered, v: &mut Hash, refusals: &mut Vec<Refusal>) {
    let both = |rel: &str| {
        (
            pairs(&out.coordinator, rel),
            out.worker.as_ref().map(|w| pairs(w, rel)),
        )
    };
    let differs = |c: &Pairs, w: &Option<Pairs>| w.as_ref().is_some_and(|w| w != c);

    let (mut node, worker_node) = both("node.properties");
    if differs(&node, &worker_node) {
        refusals.push(Refusal::new(
            "coordinator.properties",
            "the chart writes one `node.properties` for both roles, and the roles' differ",
        ));
    }
    let environment =
        take(&mut node, "node.environment").unwrap_or_else(|| spec.cluster.environment.clone());
    set(
        v,
        &["server", "node", "environment"],
        s(tpl_safe(&environment)),
    );
    let data_dir =
        take(&mut node, "node.data-dir").unwrap_or_else(|| spec.cluster.data_dir.clone());
    set(v, &["server", "node", "dataDir"], s(data_dir));
    if let Some(plugin) = take(&mut node, "plugin.dir") {
        set(v, &["server", "node", "pluginDir"], s(plugin));
    }
    set(v, &["additionalNodeProperties"], lines(&node));

    let (mut log, worker_log) = both("log.properties");
    if differs(&log, &worker_log) {
        refusals.push(Refusal::new(
            "log_levels",
            "the chart writes one `log.properties` for both roles, and the roles' differ",
        ));
    }
    let level = take(&mut log, "io.trino").unwrap_or_else(|| "INFO".into());
    set(v, &["server", "log", "trino", "level"], s(level));
    set(v, &["additionalLogProperties"], lines(&log));

    let (mut exchange, worker_exchange) = both("exchange-manager.properties");
    if differs(&exchange, &worker_exchange)
        || (exchange.is_empty() && worker_exchange.as_ref().is_some_and(|w| !w.is_empty()))
    {
        refusals.push(Refusal::new(
            "fault_tolerance.exchange_manager",
            "the chart writes one `exchange-manager.properties` for both roles, and the roles' differ",
        ));
    }
    if !exchange.is_empty() {
        let name = take(&mut exchange, "exchange-manager.name");
        let dirs = take(&mut exchange, "exchange.base-directories");
        if let (Some(name), Some(dirs)) = (name, dirs) {
            set(v, &["server", "exchangeManager", "name"], s(name));
            set(
                v,
                &["server", "exchangeManager", "baseDir"],
                list_of(dirs.split(',').map(|d| s(d.trim()))),
            );
            set(
                v,
                &["additionalExchangeManagerProperties"],
                lines(&exchange),
            );
        } else {
            refusals.push(Refusal::new(
                "fault_tolerance.exchange_manager",
                "the chart's exchange manager needs `exchange-manager.name` and `exchange.base-directories`",
            ));
        }
    }
}

/// The catalogs, exactly the spec's (the chart's own `tpch` and `tpcds` are removed unless the
/// spec has them), the Kafka table descriptions and every other file of the roles.
pub(super) fn catalogs_and_files(
    spec: &Spec,
    out: &Rendered,
    v: &mut Hash,
    refusals: &mut Vec<Refusal>,
) {
    let mut catalogs = Hash::new();
    for default in ["tpch", "tpcds"] {
        catalogs.insert(s(default), Yaml::Null);
    }
    for f in &out.coordinator.files {
        if let Some(name) = crate::model::catalog_name(&f.rel) {
            catalogs.insert(s(name), s(tpl_safe(&f.contents())));
        }
    }
    set(v, &["catalogs"], Yaml::Hash(catalogs));

    let root = spec.cluster.config_root.trim_end_matches('/');
    // The session property defaults in the chart's own key: `type: configmap` writes the same
    // properties and puts the rules beside them, in the coordinator's configuration directory.
    let session = file(&out.coordinator, "session-property-config.json");
    if let Some(rules) = session {
        set(v, &["sessionProperties", "type"], s("configmap"));
        // Written as it is: the template does not pass it through `tpl`.
        set(
            v,
            &["sessionProperties", "sessionPropertiesConfig"],
            s(rules.contents()),
        );
    }
    let mut kafka_dir: Option<String> = None;
    let mut descriptions = Hash::new();
    for role in out.roles() {
        let mut extra = Hash::new();
        for f in &role.files {
            let session_file = session.is_some()
                && role.role == Role::Coordinator
                && f.rel.starts_with("session-property-config.");
            if f.rel.starts_with("catalog/")
                || CHART_FILES.contains(&f.rel.as_str())
                || session_file
            {
                continue;
            }
            match f.rel.rsplit_once('/') {
                None => {
                    extra.insert(s(f.rel.clone()), s(tpl_safe(&f.contents())));
                }
                Some((dir, name)) if dir.starts_with("kafka/") => {
                    match &kafka_dir {
                        Some(d) if d != dir => {
                            let catalog = dir.trim_start_matches("kafka/");
                            let key = format!("catalogs.{catalog}.topics");
                            if !refusals.iter().any(|r| r.key == key) {
                                refusals.push(Refusal::new(
                                    key,
                                    "the chart mounts the table descriptions of one Kafka catalog only (`kafka.mountPath`)",
                                ));
                            }
                            continue;
                        }
                        _ => kafka_dir = Some(dir.to_owned()),
                    }
                    descriptions.insert(s(name), s(f.contents()));
                }
                Some(_) => refusals.push(Refusal::new(
                    format!("{}.properties", role.role.spec_key()),
                    format!("the chart writes no file `{}`", f.rel),
                )),
            }
        }
        let r = role_key(role.role);
        set(v, &[r, "additionalConfigFiles"], Yaml::Hash(extra));
    }
    if let Some(dir) = kafka_dir {
        set(v, &["kafka", "mountPath"], s(format!("{root}/{dir}")));
        set(v, &["kafka", "tableDescriptions"], Yaml::Hash(descriptions));
    }
}
