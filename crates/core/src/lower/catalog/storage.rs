//! Native object storage file systems shared by the lakehouse connectors.

use super::Entries;
use crate::lower::Secrets;
use crate::spec::{AzureStorage, GcsStorage, S3Storage};

/// The release whose catalogs read `fs.<kind>.enabled` rather than `fs.native-<kind>.enabled`.
pub const SWITCH_RENAMED_IN: u32 = 481;

/// The switch that turns a native file system on: `fs.s3.enabled` from Trino 481,
/// `fs.native-s3.enabled` before (the older name is a deprecated alias since).
pub fn switch(kind: &str, version: u32) -> String {
    if version >= SWITCH_RENAMED_IN {
        format!("fs.{kind}.enabled")
    } else {
        format!("fs.native-{kind}.enabled")
    }
}

/// The native file systems of a lakehouse catalog.
pub fn lower(
    s3: Option<&S3Storage>,
    gcs: Option<&GcsStorage>,
    azure: Option<&AzureStorage>,
    version: u32,
    e: &mut Entries<'_>,
    secrets: &mut Secrets,
) {
    if let Some(s3) = s3 {
        e.put(&switch("s3", version), "true", "s3");
        e.put_opt("s3.region", s3.region.as_ref(), "s3.region");
        e.put_opt("s3.endpoint", s3.endpoint.as_ref(), "s3.endpoint");
        e.put_opt(
            "s3.path-style-access",
            s3.path_style_access,
            "s3.path_style_access",
        );
        e.put_opt("s3.iam-role", s3.iam_role.as_ref(), "s3.iam_role");
        if let Some(k) = &s3.access_key {
            let v = secrets.placeholder(k, &e.env_hint("s3 access key"));
            e.put_opt("s3.aws-access-key", v, "s3.access_key");
        }
        if let Some(k) = &s3.secret_key {
            let v = secrets.placeholder(k, &e.env_hint("s3 secret key"));
            e.put_opt("s3.aws-secret-key", v, "s3.secret_key");
        }
    }
    if let Some(gcs) = gcs {
        e.put(&switch("gcs", version), "true", "gcs");
        e.put_opt("gcs.project-id", gcs.project_id.as_ref(), "gcs.project_id");
        if let Some(k) = &gcs.json_key {
            let v = secrets.placeholder(k, &e.env_hint("gcs json key"));
            e.put_opt("gcs.json-key", v, "gcs.json_key");
        }
    }
    if let Some(azure) = azure {
        e.put(&switch("azure", version), "true", "azure");
        let auth = azure
            .auth_type
            .map(|a| a.as_str().to_owned())
            .or_else(|| azure.access_key.as_ref().map(|_| "ACCESS_KEY".to_owned()));
        e.put_opt("azure.auth-type", auth, "azure.auth_type");
        if let Some(k) = &azure.access_key {
            let v = secrets.placeholder(k, &e.env_hint("azure access key"));
            e.put_opt("azure.access-key", v, "azure.access_key");
        }
    }
}
