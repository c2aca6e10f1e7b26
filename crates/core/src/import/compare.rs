//! What the imported spec generates differently from the original, file by file.

use super::{imported_file, security};
use crate::credentials;
use crate::model::{Cluster, Content};
use crate::render::Rendered;

/// Every property, JVM option and catalog of the original that the spec generates differently.
pub(super) fn compare(cluster: &Cluster, out: &Rendered) -> Vec<String> {
    let mut found = Vec::new();
    for node in &cluster.nodes {
        let role = node.role();
        let Some(out_role) = out.roles().find(|r| r.role == role) else {
            found.push(format!("the spec generates no {} files", role.as_str()));
            continue;
        };
        for f in &node.files {
            let at = format!("{}/{}", role.as_str(), f.rel);
            let theirs = out_role.files.iter().find(|g| g.rel == f.rel);
            match (&f.content, theirs.map(|g| &g.content)) {
                (Content::Properties(p), Some(Content::Properties(g))) => {
                    for (k, v) in p.pairs() {
                        match g.get(k).map(|e| e.value.as_str()) {
                            Some(gv) if gv == v => {}
                            // A literal credential, moved to a Secret; a keystore, mounted
                            // from one (both noted).
                            Some(gv)
                                if gv.starts_with("${ENV:") && credentials::is_secret_name(k) => {}
                            Some(_) if security::MOVED.contains(&k) => {}
                            Some(gv) => found.push(format!("{at}: `{k}` is `{gv}`, not `{v}`")),
                            None => found.push(format!("{at}: `{k}` is missing")),
                        }
                    }
                    for (k, v) in g.pairs() {
                        if p.get(k).is_none() {
                            found.push(format!("{at}: adds `{k}={v}`"));
                        }
                    }
                }
                (Content::Jvm(j), Some(Content::Jvm(g))) => {
                    let effective = |o: &[crate::jvm_config::JvmOption]| -> Vec<String> {
                        o.iter().map(|o| o.text.clone()).collect()
                    };
                    let (mine, gen) = (effective(&j.options), effective(&g.options));
                    for o in &mine {
                        if !gen.contains(o) {
                            found.push(format!("{at}: lacks `{o}`"));
                        }
                    }
                    for o in &gen {
                        if !mine.contains(o) {
                            found.push(format!("{at}: adds `{o}`"));
                        }
                    }
                }
                (Content::Topic(t), Some(Content::Topic(g))) if t.description != g.description => {
                    found.push(format!("{at}: the description differs"));
                }
                (_, None) if imported_file(&f.rel) => found.push(format!("{at}: not generated")),
                _ => {}
            }
        }
    }
    found
}
