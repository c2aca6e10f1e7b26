//! Values of the official Trino Helm chart (trinodb/charts `trino`, 1.42.x), read into the
//! model without rendering them: the files the chart's templates write for the coordinator and
//! the workers (`config.properties`, `jvm.config`, `node.properties`, `log.properties`,
//! `exchange-manager.properties`, the catalogs, Kafka table descriptions, extra files), with
//! the chart's defaults for what the values leave out, and the pods' memory limits, worker
//! count, image and environment.
//!
//! Each line of an assembled file points at the value it came from, so a diagnostic lands on
//! the line of `values.yaml` to change; a line from the chart's defaults says so. The
//! coordinator's access control, resource groups and session property manager, and the
//! workers' access control with graceful shutdown, are written as the templates write them
//! (`plugins.rs`); so are each role's JMX ports (`jmx`, `jmx.<role>` merged over it). The JMX
//! exporter is a sidecar with a configuration of its own, not Trino's: only its image is read.
//! The
//! pods' termination grace periods and preStop hooks are read as their Deployments carry them
//! (`lifecycle.rs`). A value the templates never read is reported where it is (`keys.rs`).

pub(crate) mod keys;
mod lifecycle;
mod monitoring;
mod plugins;

use super::kubernetes::yaml::{self, Node};
use super::NodeFiles;
use crate::diagnostic::{Diagnostic, Location};
use crate::memory::Role;
use crate::model::source::LinePlace;
use crate::model::{Completeness, Embedding, Fact, Origin, SourceFile};
use crate::units;

/// The chart's `appVersion`: the Trino release its default image runs.
pub const APP_VERSION: u32 = 480;

/// The chart's default catalogs, which values replace key by key (Helm merges maps).
const DEFAULT_CATALOGS: &[(&str, &str)] = &[
    ("tpch", "connector.name=tpch\ntpch.splits-per-node=4"),
    ("tpcds", "connector.name=tpcds\ntpcds.splits-per-node=4"),
];

/// The recommended JVM flags the chart writes after the heap and collector lines, whatever its
/// values.
pub const JVM_BASELINE: &[&str] = &[
    "-XX:+ExplicitGCInvokesConcurrent",
    "-XX:+HeapDumpOnOutOfMemoryError",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:ReservedCodeCacheSize=512M",
    "-XX:PerMethodRecompilationCutoff=10000",
    "-XX:PerBytecodeRecompilationCutoff=10000",
    "-Djdk.attach.allowAttachSelf=true",
    "-Djdk.nio.maxCachedBufferSize=2000000",
    "-XX:+EnableDynamicAgentLoading",
];

/// Chart values read into the nodes' files.
#[derive(Debug, Clone, Default)]
pub struct ChartInput {
    /// The coordinator, then the workers when the chart deploys any.
    pub nodes: Vec<NodeFiles>,
    /// Values set that the chart's templates never read (`TP017`), at their keys.
    pub unknown: Vec<Diagnostic>,
    /// Values the chart refuses to render (its templates `fail`: an unknown `accessControl.type`,
    /// ...).
    pub refused: Vec<Diagnostic>,
    /// The release the values' image runs, and why; `None` when its tag names none.
    pub target: Option<crate::model::Target>,
    /// The `ServiceMonitors` the chart renders (`serviceMonitor`).
    pub service_monitors: Vec<crate::model::ServiceMonitor>,
}

/// The values document and where its scalars are.
struct Values<'a> {
    root: &'a Node,
    text: &'a str,
    starts: Vec<usize>,
}

impl Values<'_> {
    fn get(&self, path: &[&str]) -> Option<&Node> {
        self.root.path(path)
    }

    /// A scalar's text, unless it is null (`~`, `null`, empty).
    fn str(&self, path: &[&str]) -> Option<&str> {
        match self.get(path)? {
            Node::Scalar { value, style, .. } => {
                let null = *style == yaml_rust2::scanner::TScalarStyle::Plain
                    && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL");
                (!null).then_some(value.as_str())
            }
            _ => None,
        }
    }

    /// Whether the value at `path` is set as Helm's templates test it: not null, not an empty
    /// string, map or list.
    fn is_set(&self, path: &[&str]) -> bool {
        match self.get(path) {
            None => false,
            Some(Node::Scalar { .. }) => self.str(path).is_some_and(|s| !s.is_empty()),
            Some(Node::Map(m)) => !m.is_empty(),
            Some(Node::Seq(items)) => !items.is_empty(),
        }
    }

    /// Where a scalar is: its line, column, byte offset and length as written.
    fn place(&self, node: &Node, verbatim: bool) -> Option<LinePlace> {
        let Node::Scalar {
            value,
            line,
            col,
            style,
            ..
        } = node
        else {
            return None;
        };
        let line_start = *self.starts.get(line.checked_sub(1)?)?;
        let rest = self.text.get(line_start..)?;
        let offset = line_start + rest.char_indices().nth(*col).map_or(rest.len(), |(i, _)| i);
        let plain = *style == yaml_rust2::scanner::TScalarStyle::Plain;
        let len = if plain { value.len() } else { value.len() + 2 };
        Some(LinePlace {
            line: *line,
            column: col + 1,
            offset,
            len: len.min(self.text.len().saturating_sub(offset)),
            verbatim: verbatim
                && plain
                && self.text.get(offset..offset + value.len()) == Some(value),
        })
    }

    fn at(&self, node: &Node, display: &str) -> Origin {
        match self.place(node, false) {
            Some(p) => Origin::At(Box::new(location(Some(p), display))),
            None => Origin::Nowhere,
        }
    }
}

/// The location in the values file `display` of a value at `place` (the file alone when the
/// place is not known).
fn location(place: Option<LinePlace>, display: &str) -> Location {
    Location {
        file: Some(display.to_owned()),
        line: place.map_or(0, |p| p.line),
        column: place.map_or(0, |p| p.column),
        span: place.map(|p| p.offset..p.offset + p.len),
        ..Location::default()
    }
}

/// A file being assembled line by line.
#[derive(Default)]
struct Assembled {
    text: String,
    places: Vec<Option<LinePlace>>,
}

impl Assembled {
    /// A line the chart writes whatever the values say.
    fn fixed(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
        self.places.push(None);
    }

    /// A line the chart writes because of a value, at that value's place.
    fn caused(&mut self, line: &str, place: Option<LinePlace>) {
        self.text.push_str(line);
        self.text.push('\n');
        self.places.push(place);
    }

    /// A line written from a value (`prefix` + the value + `suffix`), or from the chart's
    /// default when the values leave it out.
    fn from(&mut self, v: &Values<'_>, path: &[&str], prefix: &str, default: &str) {
        match (v.get(path), v.str(path)) {
            (Some(node), Some(value)) => {
                self.text.push_str(&format!("{prefix}{value}\n"));
                self.places.push(v.place(node, false));
            }
            _ => self.fixed(&format!("{prefix}{default}")),
        }
    }

    /// Each item of a list of lines (`additionalConfigProperties`).
    fn items(&mut self, v: &Values<'_>, path: &[&str]) {
        for item in v.get(path).map(Node::seq).unwrap_or_default() {
            if let Some(text) = item.str() {
                for l in text.lines() {
                    self.text.push_str(l);
                    self.text.push('\n');
                    self.places.push(v.place(item, !text.contains('\n')));
                }
            }
        }
    }

    /// A multi-line value (a block scalar), each line at its own place when it can be mapped.
    fn block(&mut self, v: &Values<'_>, node: &Node) {
        let Node::Scalar {
            value, line, col, ..
        } = node
        else {
            return;
        };
        let embedding = yaml::block_origin(v.text, &v.starts, *line, value, *line, *col + 1);
        let starts = match embedding {
            Embedding::Block { starts, .. } => Some(starts),
            _ => None,
        };
        for (i, l) in value.lines().enumerate() {
            self.text.push_str(l);
            self.text.push('\n');
            let place = match &starts {
                Some(s) => s.get(i).map(|&offset| {
                    let yaml_line = line + i;
                    let line_start = v.starts.get(yaml_line - 1).copied().unwrap_or(0);
                    LinePlace {
                        line: yaml_line,
                        column: v.text[line_start..offset].chars().count() + 1,
                        offset,
                        len: l.len(),
                        verbatim: true,
                    }
                }),
                None => v.place(node, false),
            };
            self.places.push(place);
        }
    }

    fn file(self, rel: &str, display: &str, label: &str) -> SourceFile {
        SourceFile {
            rel: rel.to_owned(),
            display: display.to_owned(),
            label: Some(format!("{label}, {rel}")),
            text: self.text,
            embedding: Embedding::Lines {
                places: self.places,
            },
        }
    }
}

/// Reads chart values: `display` names the file in diagnostics.
///
/// # Errors
///
/// A diagnostic when the text is not YAML, or not a mapping of values.
pub fn read(text: &str, display: &str) -> Result<ChartInput, Box<Diagnostic>> {
    let docs = yaml::documents(text, display, 1)?;
    let Some(root @ Node::Map(_)) = docs.first() else {
        return Err(Box::new(
            Diagnostic::new(
                &crate::rules::properties::MALFORMED_FILE,
                "Helm values are a YAML mapping of keys, and this is not one",
            )
            .at(Location {
                file: Some(display.to_owned()),
                ..Location::default()
            })
            .help("give the values.yaml passed to `helm install -f`"),
        ));
    };
    let v = Values {
        root,
        text,
        starts: yaml::line_starts(text),
    };
    let tag = v.str(&["image", "tag"]);
    let repository = v.str(&["image", "repository"]).unwrap_or("trinodb/trino");
    let image = Fact {
        value: format!(
            "{repository}:{}",
            tag.map_or_else(|| APP_VERSION.to_string(), str::to_owned)
        ),
        at: v
            .get(&["image", "tag"])
            .map_or(Origin::Nowhere, |n| v.at(n, display)),
    };
    let known = crate::model::target::release_of_image(&image.value);
    let target = known.map(|release| crate::model::Target {
        release,
        source: crate::model::TargetSource::Image {
            image: image.value.clone(),
            workload: if tag.is_some() {
                "the values' image.tag".to_owned()
            } else {
                format!("the chart's default image (appVersion {APP_VERSION})")
            },
        },
    });
    // The chart compares the tag as a number (`int`), which is 0 for a tag such as `latest`.
    let release = known.unwrap_or(0);
    let workers = v
        .str(&["server", "workers"])
        .and_then(|w| w.parse::<u32>().ok())
        .unwrap_or(2);
    let keda = v.str(&["server", "keda", "enabled"]) == Some("true");
    let root_dir = v
        .str(&["server", "config", "path"])
        .unwrap_or("/etc/trino")
        .to_owned();
    let mut nodes = vec![node(
        &v,
        display,
        Role::Coordinator,
        release,
        repository,
        &root_dir,
    )];
    nodes[0].image = Some(image.clone());
    nodes[0].replicas = Some(Fact {
        value: 1,
        at: Origin::Nowhere,
    });
    if workers > 0 || keda {
        let mut w = node(&v, display, Role::Worker, release, repository, &root_dir);
        w.image = Some(image);
        w.replicas = Some(Fact {
            value: workers,
            at: v
                .get(&["server", "workers"])
                .map_or(Origin::Nowhere, |n| v.at(n, display)),
        });
        nodes.push(w);
    }
    let mut refused = Vec::new();
    for node in &mut nodes {
        let role = node.role.unwrap_or(Role::Coordinator);
        if let Some(pod) = node.pod.as_mut() {
            lifecycle::pod(&v, display, role, pod, &mut refused);
        }
    }
    refused.extend(lifecycle::refusals(&v, display));
    let coordinator = plugins::coordinator(&v, display, "values for the coordinator", &root_dir);
    refused.extend(coordinator.refused);
    nodes[0].files.extend(coordinator.files);
    if let Some(pod) = nodes[0].pod.as_mut() {
        pod.mount_paths.extend(coordinator.mounts);
    }
    if let Some(workers) = nodes.get_mut(1) {
        workers.files.extend(plugins::worker(
            &v,
            display,
            "values for the worker",
            &root_dir,
        ));
    }
    Ok(ChartInput {
        nodes,
        unknown: keys::unknown(&v, display),
        refused,
        target,
        service_monitors: monitoring::service_monitors(&v, display),
    })
}

/// The files the chart writes for one role.
#[allow(clippy::too_many_lines)]
fn node(
    v: &Values<'_>,
    display: &str,
    role: Role,
    release: u32,
    repository: &str,
    root_dir: &str,
) -> NodeFiles {
    let r = role.as_str();
    let label = format!("values for the {r}");
    let mut files = Vec::new();

    let mut node = Assembled::default();
    node.from(
        v,
        &["server", "node", "environment"],
        "node.environment=",
        "production",
    );
    node.from(
        v,
        &["server", "node", "dataDir"],
        "node.data-dir=",
        "/data/trino",
    );
    node.from(
        v,
        &["server", "node", "pluginDir"],
        "plugin.dir=",
        "/usr/lib/trino/plugin",
    );
    node.items(v, &["additionalNodeProperties"]);
    files.push(node.file("node.properties", display, &label));

    let mut jvm = Assembled::default();
    jvm.fixed("-server");
    jvm.fixed("-agentpath:/usr/lib/trino/bin/libjvmkill.so");
    for (key, prefix) in [
        ("maxHeapSize", "-Xmx"),
        ("minHeapSize", "-Xms"),
        ("maxHeapPercent", "-XX:MaxRAMPercentage="),
        ("initialHeapPercent", "-XX:InitialRAMPercentage="),
    ] {
        let path = [r, "jvm", key];
        // The templates test each value (`if`): an empty one writes no line.
        if v.is_set(&path) {
            jvm.from(v, &path, prefix, "");
        } else if key == "maxHeapSize" && v.get(&path).is_none() {
            jvm.fixed("-Xmx8G");
        }
    }
    jvm.from(v, &[r, "jvm", "gcMethod", "type"], "-XX:+", "UseG1GC");
    jvm.from(
        v,
        &[r, "jvm", "gcMethod", "g1", "heapRegionSize"],
        "-XX:G1HeapRegionSize=",
        "32M",
    );
    for flag in JVM_BASELINE {
        jvm.fixed(flag);
    }
    if repository == "trinodb/trino" && release > 447 {
        jvm.fixed("-XX:+UnlockDiagnosticVMOptions");
        jvm.fixed("-XX:G1NumCollectionsKeepPinned=10000000");
    }
    jvm.items(v, &[r, "additionalJVMConfig"]);
    let jmx = |key| role_value(v, "jmx", r, &[key]);
    let jmx_enabled = v.str(&jmx("enabled")) == Some("true");
    if jmx_enabled {
        jvm.from(
            v,
            &jmx("serverPort"),
            "-Dcom.sun.management.jmxremote.rmi.port=",
            "9081",
        );
    }
    files.push(jvm.file("jvm.config", display, &label));

    let mut config = Assembled::default();
    let port = v.str(&["service", "port"]).unwrap_or("8080").to_owned();
    if role == Role::Coordinator {
        config.fixed("coordinator=true");
        config.from(
            v,
            &[
                "coordinator",
                "config",
                "nodeScheduler",
                "includeCoordinator",
            ],
            "node-scheduler.include-coordinator=",
            "false",
        );
    } else {
        config.fixed("coordinator=false");
    }
    config.from(v, &["service", "port"], "http-server.http.port=", "8080");
    config.from(
        v,
        &["server", "config", "query", "maxMemory"],
        "query.max-memory=",
        "4GB",
    );
    config.from(
        v,
        &[r, "config", "query", "maxMemoryPerNode"],
        "query.max-memory-per-node=",
        "1GB",
    );
    if v.is_set(&[r, "config", "memory", "heapHeadroomPerNode"]) {
        config.from(
            v,
            &[r, "config", "memory", "heapHeadroomPerNode"],
            "memory.heap-headroom-per-node=",
            "",
        );
    }
    let host = if role == Role::Coordinator {
        "localhost".to_owned()
    } else {
        v.str(&["fullnameOverride"]).unwrap_or("trino").to_owned()
    };
    config.fixed(&format!("discovery.uri=http://{host}:{port}"));
    if role == Role::Coordinator && v.is_set(&["server", "config", "authenticationType"]) {
        config.from(
            v,
            &["server", "config", "authenticationType"],
            "http-server.authentication.type=",
            "",
        );
    }
    config.items(v, &["additionalConfigProperties"]);
    if role == Role::Coordinator && v.str(&["server", "config", "https", "enabled"]) == Some("true")
    {
        config.fixed("http-server.https.enabled=true");
        config.from(
            v,
            &["server", "config", "https", "port"],
            "http-server.https.port=",
            "8443",
        );
        config.from(
            v,
            &["server", "config", "https", "keystore", "path"],
            "http-server.https.keystore.path=",
            "",
        );
    }
    if jmx_enabled {
        config.from(v, &jmx("registryPort"), "jmx.rmiregistry.port=", "9080");
        config.from(v, &jmx("serverPort"), "jmx.rmiserver.port=", "9081");
    }
    if v.str(&["worker", "gracefulShutdown", "enabled"]) == Some("true") {
        config.from(
            v,
            &["worker", "gracefulShutdown", "gracePeriodSeconds"],
            "shutdown.grace-period=",
            "120",
        );
        if let Some(last) = config.text.strip_suffix('\n') {
            config.text = format!("{last}s\n");
        }
    }
    let extra = if role == Role::Coordinator {
        "coordinatorExtraConfig"
    } else {
        "workerExtraConfig"
    };
    if let Some(node) = v.get(&["server", extra]) {
        config.block(v, node);
    }
    files.push(config.file("config.properties", display, &label));

    if v.get(&["server", "exchangeManager"])
        .is_some_and(|n| !n.entries().is_empty())
    {
        let mut e = Assembled::default();
        e.from(
            v,
            &["server", "exchangeManager", "name"],
            "exchange-manager.name=",
            "filesystem",
        );
        let dirs: Vec<&str> = v
            .get(&["server", "exchangeManager", "baseDir"])
            .map(|n| match n {
                Node::Seq(items) => items.iter().filter_map(Node::str).collect(),
                other => other.str().into_iter().collect(),
            })
            .unwrap_or_default();
        let first = v
            .get(&["server", "exchangeManager", "baseDir"])
            .and_then(|n| n.seq().first().or(Some(n)))
            .and_then(|n| v.place(n, false));
        e.text
            .push_str(&format!("exchange.base-directories={}\n", dirs.join(",")));
        e.places.push(first);
        e.items(v, &["additionalExchangeManagerProperties"]);
        files.push(e.file("exchange-manager.properties", display, &label));
    }

    let mut log = Assembled::default();
    log.from(v, &["server", "log", "trino", "level"], "io.trino=", "INFO");
    log.items(v, &["additionalLogProperties"]);
    files.push(log.file("log.properties", display, &label));

    if v.get(&["eventListenerProperties"])
        .is_some_and(|n| !n.seq().is_empty())
    {
        let mut e = Assembled::default();
        e.items(v, &["eventListenerProperties"]);
        files.push(e.file("event-listener.properties", display, &label));
    }

    // Catalogs: the chart's defaults, replaced or removed (null) key by key, then
    // `additionalCatalogs`.
    let mut catalogs: Vec<(String, Assembled)> = Vec::new();
    let given = v.get(&["catalogs"]);
    for (name, text) in DEFAULT_CATALOGS {
        if given.and_then(|g| g.get(name)).is_none() {
            let mut a = Assembled::default();
            for l in text.lines() {
                a.fixed(l);
            }
            catalogs.push(((*name).to_owned(), a));
        }
    }
    for key in ["catalogs", "additionalCatalogs"] {
        for (k, value) in v.get(&[key]).map(Node::entries).unwrap_or_default() {
            let (Some(name), Some(_)) = (k.str(), value.str()) else {
                continue;
            };
            if v.str(&[key, name]).is_none() {
                continue;
            }
            let mut a = Assembled::default();
            a.block(v, value);
            catalogs.retain(|(n, _)| n != name);
            catalogs.push((name.to_owned(), a));
        }
    }
    for (name, a) in catalogs {
        files.push(a.file(&format!("catalog/{name}.properties"), display, &label));
    }

    let mount = v
        .str(&["kafka", "mountPath"])
        .unwrap_or("/etc/trino/schemas");
    let kafka_dir = mount
        .strip_prefix(&format!("{}/", root_dir.trim_end_matches('/')))
        .map(str::to_owned);
    for (k, value) in v
        .get(&["kafka", "tableDescriptions"])
        .map(Node::entries)
        .unwrap_or_default()
    {
        if let (Some(name), Some(dir)) = (k.str(), &kafka_dir) {
            let mut a = Assembled::default();
            a.block(v, value);
            files.push(a.file(&format!("{dir}/{name}"), display, &label));
        }
    }
    for (k, value) in v
        .get(&[r, "additionalConfigFiles"])
        .map(Node::entries)
        .unwrap_or_default()
    {
        if let Some(name) = k.str() {
            let mut a = Assembled::default();
            a.block(v, value);
            files.push(a.file(name, display, &label));
        }
    }

    let memory = v
        .get(&[r, "resources", "limits", "memory"])
        .and_then(|n| Some((units::parse_k8s_memory(n.str()?).ok()?, n)))
        .map(|(bytes, n)| Fact {
            value: bytes.0,
            at: v.at(n, display),
        });
    let mut env: Vec<String> = v
        .get(&["env"])
        .map(Node::seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e.get("name").and_then(Node::str).map(str::to_owned))
        .collect();
    env.sort();
    let env_from = v.get(&["envFrom"]).is_some_and(|n| !n.seq().is_empty());
    let mut pod = crate::model::Pod {
        jmx_exporter: monitoring::exporter(v, r),
        ..crate::model::Pod::default()
    };
    // Volumes the chart mounts beside the configuration: ConfigMaps and Secrets by path, and
    // the role's own volume mounts.
    for list in [
        vec!["configMounts"],
        vec![r, "configMounts"],
        vec!["secretMounts"],
        vec![r, "secretMounts"],
    ] {
        for m in v.get(&list).map(Node::seq).unwrap_or_default() {
            if let Some(p) = m.get("path").and_then(Node::str) {
                pod.mount_paths.push(p.to_owned());
            }
        }
    }
    for m in v
        .get(&[r, "additionalVolumeMounts"])
        .map(Node::seq)
        .unwrap_or_default()
    {
        if let Some(p) = m.get("mountPath").and_then(Node::str) {
            pod.mount_paths.push(p.to_owned());
        }
    }
    for e in v.get(&["env"]).map(Node::seq).unwrap_or_default() {
        let from = e.path(&["valueFrom", "secretKeyRef"]);
        if let (Some(n), Some(s), Some(k)) = (
            e.get("name").and_then(Node::str),
            from.and_then(|r| r.get("name")).and_then(Node::str),
            from.and_then(|r| r.get("key")).and_then(Node::str),
        ) {
            pod.secret_env
                .push((n.to_owned(), s.to_owned(), k.to_owned()));
        }
    }
    NodeFiles {
        label: format!("{r} (chart values)"),
        role: Some(role),
        files,
        container_memory: memory,
        replicas: None,
        env: (!env_from).then_some(env),
        image: None,
        config_root: root_dir.to_owned(),
        complete: Completeness::WHOLE,
        root_at: Origin::Nowhere,
        pod: Some(pod),
    }
}

/// The path of a value of role `r` below `top` (`jmx`, `serviceMonitor`): the templates merge
/// `<top>.<role>` over `<top>` (sprig's `merge`), so the role's own value counts unless it is
/// empty (`false`, `0`, `""`, null).
fn role_value<'p>(v: &Values<'_>, top: &'p str, r: &'p str, key: &[&'p str]) -> Vec<&'p str> {
    let own: Vec<&str> = [top, r].iter().chain(key).copied().collect();
    if v.str(&own)
        .is_some_and(|s| !matches!(s, "" | "false" | "0"))
    {
        own
    } else {
        [top].iter().chain(key).copied().collect()
    }
}

/// The model of chart values: the nodes, judged as the release of the values' image (the
/// chart's `appVersion` when they name none; the newest known release when its tag tells none).
pub fn cluster(input: ChartInput) -> crate::model::Cluster {
    let mut cluster = super::cluster(input.nodes);
    if let Some(target) = input.target {
        cluster.target = target;
    }
    cluster.diagnostics.extend(input.refused);
    cluster.diagnostics.extend(input.unknown);
    cluster.service_monitors = input.service_monitors;
    cluster
}

/// The diagnostics of chart values, once per place: the coordinator's and the workers' files
/// come from the same values, so a problem of one value is found in both.
pub fn once_per_value(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let same = |o: &Diagnostic| {
            o.code == d.code
                && o.message == d.message
                && o.location.file == d.location.file
                && o.location.line == d.location.line
                && o.location.column == d.location.column
                && d.location.line > 0
        };
        if let Some(first) = out.iter_mut().find(|o| same(o)) {
            if let Some(path) = &mut first.location.path {
                *path = path.replacen("values for the coordinator", "values for both roles", 1);
            }
            continue;
        }
        out.push(d);
    }
    out
}
