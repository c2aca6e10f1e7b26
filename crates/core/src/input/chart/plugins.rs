//! The plugin files the chart writes beside `config.properties`: system access control, resource
//! groups and the session property manager for the coordinator (`accessControl`,
//! `resourceGroups`, `sessionProperties`: a `configmap` of rules, or `properties` written as
//! they are), its
//! authenticators and group provider (`server.config.authenticationType`, `auth`,
//! `headerAuthenticator`), and the access control its workers get with graceful shutdown.

use super::{Assembled, Values};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{self, SourceFile};

/// The rules the chart gives the workers with graceful shutdown: `admin` may write
/// `system_information` (put the worker into `SHUTTING_DOWN`).
const SHUTDOWN_RULES: &str = r#"{
  "system_information": [
    {
      "allow": [
        "write"
      ],
      "user": "admin"
    }
  ]
}"#;

/// A plugin the chart configures from one top-level value.
struct Plugin {
    /// The top-level value (`accessControl`).
    key: &'static str,
    /// Its properties file and the keys of its file manager.
    files: model::FileManager,
}

const ACCESS_CONTROL: Plugin = Plugin {
    key: "accessControl",
    files: model::ACCESS_CONTROL,
};

/// A plugin whose `type: configmap` is its file manager: the manager's properties, and the JSON
/// file of a value beside them.
struct FileManager {
    plugin: Plugin,
    /// The value that holds the JSON (`resourceGroupsConfig`).
    json_value: &'static str,
    /// Where the JSON file is, in the configuration directory.
    json_file: &'static str,
}

const RESOURCE_GROUPS: FileManager = FileManager {
    plugin: Plugin {
        key: "resourceGroups",
        files: model::RESOURCE_GROUPS,
    },
    json_value: "resourceGroupsConfig",
    json_file: "resource-groups/resource-groups.json",
};

/// The session rules stand beside the properties, in the coordinator's own ConfigMap.
const SESSION_PROPERTIES: FileManager = FileManager {
    plugin: Plugin {
        key: "sessionProperties",
        files: model::SESSION_PROPERTIES,
    },
    json_value: "sessionPropertiesConfig",
    json_file: "session-property-config.json",
};

/// What the values of the coordinator's plugins give: files, and the values' mistakes that
/// stop `helm template` (the chart's `fail`).
#[derive(Default)]
pub(super) struct Plugins {
    pub(super) files: Vec<SourceFile>,
    pub(super) refused: Vec<Diagnostic>,
    /// Directories the coordinator's Deployment mounts from Secrets (`auth/password`, ...).
    pub(super) mounts: Vec<String>,
}

/// The chart refuses to render these values (its templates `fail`): `message` about the value
/// at `path`.
pub(super) fn refusal(
    v: &Values<'_>,
    display: &str,
    path: &[&str],
    message: String,
    help: &str,
) -> Diagnostic {
    let location = Location {
        path: Some(path.join(".")),
        ..super::location(v.get(path).and_then(|n| v.place(n, false)), display)
    };
    Diagnostic::new(&crate::rules::properties::MALFORMED_FILE, message)
        .at(location)
        .help(help)
}

impl Plugins {
    fn refuse(
        &mut self,
        v: &Values<'_>,
        display: &str,
        path: &[&str],
        message: String,
        help: &str,
    ) {
        self.refused.push(refusal(v, display, path, message, help));
    }

    /// The plugin file of `type: properties`: the `properties` text as it is.
    fn properties(&mut self, v: &Values<'_>, display: &str, label: &str, plugin: &Plugin) {
        match v.get(&[plugin.key, "properties"]) {
            Some(node) if v.is_set(&[plugin.key, "properties"]) => {
                let mut a = Assembled::default();
                a.block(v, node);
                self.files.push(a.file(plugin.files.properties, display, label));
            }
            _ => self.refuse(
                v,
                display,
                &[plugin.key, "type"],
                format!(
                    "the chart refuses `{}.type: properties` without `{0}.properties` (`helm template` fails)",
                    plugin.key
                ),
                &format!("give the plugin's properties in `{}.properties`", plugin.key),
            ),
        }
    }
}

/// The type of a plugin's value (`configmap`, `properties`), or `None` when the value is not
/// set; an unknown type is refused, as the chart refuses it.
fn plugin_type<'v>(
    v: &'v Values<'_>,
    plugins: &mut Plugins,
    display: &str,
    plugin: &Plugin,
) -> Option<&'v str> {
    if !v.is_set(&[plugin.key]) {
        return None;
    }
    match v.str(&[plugin.key, "type"]) {
        Some(t @ ("configmap" | "properties")) => Some(t),
        other => {
            plugins.refuse(
                v,
                display,
                &[plugin.key, "type"],
                format!(
                    "`{}.type` is {}: the chart takes `configmap` or `properties` and refuses anything else (`helm template` fails)",
                    plugin.key,
                    other.map_or_else(|| "missing".to_owned(), |t| format!("`{t}`"))
                ),
                "write `type: configmap` with the rules, or `type: properties` with the plugin's properties",
            );
            None
        }
    }
}

/// The coordinator's access control and resource groups, as the chart's templates write them
/// into its configuration directory (`root_dir`).
pub(super) fn coordinator(v: &Values<'_>, display: &str, label: &str, root_dir: &str) -> Plugins {
    let mut out = Plugins::default();
    match plugin_type(v, &mut out, display, &ACCESS_CONTROL) {
        Some("configmap") => {
            let mut a = Assembled::default();
            a.fixed("access-control.name=file");
            if v.is_set(&["accessControl", "refreshPeriod"]) {
                a.from(
                    v,
                    &["accessControl", "refreshPeriod"],
                    "security.refresh-period=",
                    "",
                );
            }
            a.from(
                v,
                &["accessControl", "configFile"],
                &format!("security.config-file={root_dir}/access-control/"),
                "rules.json",
            );
            out.files
                .push(a.file(ACCESS_CONTROL.files.properties, display, label));
            for (k, value) in v
                .get(&["accessControl", "rules"])
                .map(super::Node::entries)
                .unwrap_or_default()
            {
                if let Some(name) = k.str() {
                    let mut a = Assembled::default();
                    a.block(v, value);
                    out.files
                        .push(a.file(&format!("access-control/{name}"), display, label));
                }
            }
        }
        Some(_) => out.properties(v, display, label, &ACCESS_CONTROL),
        None => {}
    }
    authentication(v, &mut out, display, label, root_dir);
    for m in [&RESOURCE_GROUPS, &SESSION_PROPERTIES] {
        match plugin_type(v, &mut out, display, &m.plugin) {
            Some("configmap") => {
                let mut a = Assembled::default();
                let files = m.plugin.files;
                a.fixed(&format!("{}=file", files.manager_key));
                a.fixed(&format!("{}={root_dir}/{}", files.path_key, m.json_file));
                out.files.push(a.file(files.properties, display, label));
                let mut json = Assembled::default();
                if let Some(node) = v.get(&[m.plugin.key, m.json_value]) {
                    json.block(v, node);
                }
                out.files.push(json.file(m.json_file, display, label));
            }
            Some(_) => out.properties(v, display, label, &m.plugin),
            None => {}
        }
    }
    out
}

/// The workers' access control with graceful shutdown: the chart's rules that let `admin` move
/// a worker into `SHUTTING_DOWN`.
pub(super) fn worker(
    v: &Values<'_>,
    display: &str,
    label: &str,
    root_dir: &str,
) -> Vec<SourceFile> {
    if v.str(&["worker", "gracefulShutdown", "enabled"]) != Some("true") {
        return Vec::new();
    }
    let mut properties = Assembled::default();
    properties.fixed("access-control.name=file");
    properties.fixed(&format!(
        "security.config-file={root_dir}/access-control/graceful-shutdown-rules.json"
    ));
    let mut rules = Assembled::default();
    for line in SHUTDOWN_RULES.lines() {
        rules.fixed(line);
    }
    vec![
        properties.file(ACCESS_CONTROL.files.properties, display, label),
        rules.file(
            "access-control/graceful-shutdown-rules.json",
            display,
            label,
        ),
    ]
}

/// The coordinator's authentication files the chart writes from
/// `server.config.authenticationType` and `auth`, unless `coordinator.additionalConfigFiles`
/// holds the file itself; and the Secrets it mounts for the password and group files.
fn authentication(v: &Values<'_>, out: &mut Plugins, display: &str, label: &str, root_dir: &str) {
    let types = v
        .str(&["server", "config", "authenticationType"])
        .unwrap_or_default();
    let own = |file: &str| {
        v.get(&["coordinator", "additionalConfigFiles", file])
            .is_some()
    };
    // The authenticator's lines stand where the authentication type is chosen.
    let chosen = v
        .get(&["server", "config", "authenticationType"])
        .and_then(|n| v.place(n, false));
    if types.contains("PASSWORD") && !own("password-authenticator.properties") {
        let mut a = Assembled::default();
        a.caused("password-authenticator.name=file", chosen);
        a.caused(
            &format!("file.password-file={root_dir}/auth/password/password.db"),
            chosen,
        );
        out.files
            .push(a.file("password-authenticator.properties", display, label));
    }
    if types.contains("HEADER") && !own("header-authenticator.properties") {
        match v.get(&["headerAuthenticator", "properties"]) {
            Some(node) if v.is_set(&["headerAuthenticator", "properties"]) => {
                let mut a = Assembled::default();
                a.block(v, node);
                out.files
                    .push(a.file("header-authenticator.properties", display, label));
            }
            _ => out.refuse(
                v,
                display,
                &["server", "config", "authenticationType"],
                "the chart refuses `authenticationType` with HEADER without `headerAuthenticator.properties` (`helm template` fails)".to_owned(),
                "give the header authenticator's properties in `headerAuthenticator.properties`",
            ),
        }
    }
    let groups = v.is_set(&["auth", "groups"]) || v.is_set(&["auth", "groupsAuthSecret"]);
    if groups && !own("group-provider.properties") {
        let at = ["groups", "groupsAuthSecret"]
            .iter()
            .find_map(|k| v.get(&["auth", k]))
            .and_then(|n| v.place(n, false));
        let mut a = Assembled::default();
        a.caused("group-provider.name=file", at);
        a.caused(
            &format!("file.group-file={root_dir}/auth/group/group.db"),
            at,
        );
        if v.is_set(&["auth", "refreshPeriod"]) {
            a.from(v, &["auth", "refreshPeriod"], "file.refresh-period=", "");
        }
        out.files
            .push(a.file("group-provider.properties", display, label));
    }
    if v.is_set(&["auth", "passwordAuth"]) || v.is_set(&["auth", "passwordAuthSecret"]) {
        out.mounts.push(format!("{root_dir}/auth/password"));
    }
    if groups {
        out.mounts.push(format!("{root_dir}/auth/group"));
    }
}
