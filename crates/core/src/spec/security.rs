//! `[security]`: HTTPS on the coordinator (and between nodes), authentication in order, the
//! file group provider, and system access control (file rules or OPA). Every key, password
//! and certificate is a reference to a Kubernetes Secret, mounted read-only or exposed as an
//! environment variable; none is ever a value of the spec.

use indexmap::IndexMap;

use super::decl::{choice, table};
use super::read::Found;
use super::{PropertyValue, SecretRef};
use crate::rules;
use crate::spec::names::{is_dns_subdomain, printable};

table! {
    /// A key of a Kubernetes Secret, mounted read-only as a file of the same name.
    pub struct SecretFile {
        /// The Secret's name.
        pub secret: String = |f| f.required("\"trino-tls\"").check(secret_name),
        /// The key inside the Secret; the mounted file's name.
        pub key: String = |f| f.required("\"tls.pem\"").check(secret_key),
    }
}

#[allow(clippy::ptr_arg)]
fn secret_name(name: &String, at: &mut Found<'_, '_>) {
    if !is_dns_subdomain(name) {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!(
                "`{}` is not a valid Kubernetes Secret name",
                printable(name)
            ),
            "use lowercase letters, digits, `-` and `.`",
        );
    }
}

#[allow(clippy::ptr_arg)]
fn secret_key(key: &String, at: &mut Found<'_, '_>) {
    let valid = !key.is_empty()
        && key.len() <= 253
        && key != "."
        && key != ".."
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._".contains(c));
    if !valid {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!("`{}` is not a valid Secret key", printable(key)),
            "Secret keys use letters, digits, `-`, `_` and `.`",
        );
    }
}

/// A Trino duration (`1m`, `30s`).
#[allow(clippy::ref_option)] // a field's check takes the field's own type
fn duration(value: &Option<String>, at: &mut Found<'_, '_>) {
    if let Some(Err(why)) = value.as_deref().map(crate::values::parse_duration) {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            why,
            "write a Trino duration such as `1m` or `30s`",
        );
    }
}

table! {
    /// Security of the cluster.
    #[derive(Default)]
    #[check(check)]
    pub struct Security {
        /// HTTPS: on the coordinator from a keystore in a Secret, and between nodes.
        pub tls: Option<Tls>,
        /// Authentication types, tried in this order (`http-server.authentication.type`).
        pub authentication: Vec<Authentication> = |f| f.or_default(),
        /// The file group provider: each group and its users (`group-provider.properties`).
        pub groups: Vec<Group> = |f| f.or_default(),
        /// System access control: file rules, or OPA.
        pub access_control: Option<AccessControl>,
    }
}

impl Security {
    /// Whether any authentication is configured.
    pub fn authenticates(&self) -> bool {
        !self.authentication.is_empty()
    }

    /// The password authenticator, when there is one (file or LDAP).
    pub fn password_authenticator(&self) -> Option<&Authentication> {
        self.authentication
            .iter()
            .find(|a| matches!(a.kind, AuthType::Password | AuthType::Ldap))
    }
}

table! {
    /// A group of users.
    pub struct Group {
        /// The group's name.
        pub name: String = |f| f.required("\"analysts\"").check(group_name),
        /// Its users.
        pub users: Vec<String> = |f| f.required("[\"alice\", \"bob\"]").check(user_names),
    }
}

/// A name in Trino's group file (`group:user,user`): no `:`, `,` or line break.
#[allow(clippy::ptr_arg)]
fn group_name(name: &String, at: &mut Found<'_, '_>) {
    if name.is_empty() || name.contains([':', ',', '\n', '\r']) || name.trim() != name {
        at.error(
            &rules::SPEC_INVALID_NAME,
            format!(
                "`{}` cannot be a group name of the group file",
                printable(name)
            ),
            "use a name without `:`, `,`, line breaks or surrounding spaces",
        );
    }
}

#[allow(clippy::ptr_arg)]
fn user_names(users: &Vec<String>, at: &mut Found<'_, '_>) {
    for u in users {
        group_name(u, at);
    }
}

table! {
    /// HTTPS on the coordinator.
    pub struct Tls {
        /// The keystore: a PEM file with the certificate chain and private key (`.pem`), or a
        /// JKS / PKCS #12 keystore; mounted read-only from the Secret.
        pub keystore: SecretFile =
            |f| f.required("{ secret = \"trino-tls\", key = \"tls.pem\" }"),
        /// The keystore's password (`http-server.https.keystore.key`), for a JKS or PKCS #12
        /// keystore or an encrypted PEM key.
        pub keystore_password: Option<SecretRef> =
            |f| f.example("{ secret = \"trino-tls\", key = \"password\" }"),
        /// `http-server.https.port`.
        #[validate(range(min = 1, max = 65535, message = "a port is between 1 and 65535"))]
        pub https_port: u32 = |f| f.default(8443),
        /// Keep the plain HTTP port open (`http-server.http.enabled`): the probes and, without
        /// internal TLS, the workers use it.
        pub http: bool = |f| f.default(true),
        /// HTTPS between the nodes too (`internal-communication.https.required`), with
        /// certificates Trino derives from the shared secret.
        pub internal: bool = |f| f.default(false),
    }
}

choice! {
    /// An authentication type.
    pub enum AuthType ("authentication type") {
        /// User names and passwords from a password file (`PASSWORD`, file authenticator).
        Password = "password",
        /// User names and passwords checked against LDAP (`PASSWORD`, LDAP authenticator).
        Ldap = "ldap",
        /// OAuth 2.0 and `OpenID` Connect (`OAUTH2`).
        Oauth2 = "oauth2",
        /// JSON Web Tokens (`JWT`).
        Jwt = "jwt",
        /// TLS client certificates (`CERTIFICATE`).
        Certificate = "certificate",
        /// A header authenticator plugin (`HEADER`).
        Header = "header",
    }
}

use AuthType::{Certificate as CERT, Header as HEADER, Jwt as JWT, Ldap as LDAP};
use AuthType::{Oauth2 as OAUTH2, Password as PASSWORD};

impl AuthType {
    /// The value of `http-server.authentication.type`.
    pub const fn trino_type(self) -> &'static str {
        match self {
            AuthType::Password | AuthType::Ldap => "PASSWORD",
            AuthType::Oauth2 => "OAUTH2",
            AuthType::Jwt => "JWT",
            AuthType::Certificate => "CERTIFICATE",
            AuthType::Header => "HEADER",
        }
    }
}

table! {
    /// One authentication type and its settings.
    pub struct Authentication {
        /// `password`, `ldap`, `oauth2`, `jwt`, `certificate` or `header`.
        #[key = "type"]
        pub kind: AuthType = |f| f.required("\"password\"").tag(),
        /// The password file (`htpasswd` form, bcrypt or PBKDF2 hashes), from a Secret.
        pub file: Option<SecretFile> =
            |f| f.required_for(&[PASSWORD], "{ secret = \"trino-users\", key = \"password.db\" }"),
        /// How often the password file is read again (`file.refresh-period`).
        pub refresh_period: Option<String> = |f| f.only(&[PASSWORD]).example("\"1m\"").check(duration),
        /// `ldap.url`: `ldaps://host:636`.
        pub url: Option<String> = |f| f.required_for(&[LDAP], "\"ldaps://ldap.example.com:636\""),
        /// `ldap.user-bind-pattern`: `uid=${USER},ou=people,dc=example,dc=com`.
        pub user_bind_pattern: Option<String> =
            |f| f.only(&[LDAP]).example("\"uid=${USER},ou=people,dc=example,dc=com\""),
        /// `ldap.user-base-dn`.
        pub user_base_dn: Option<String> = |f| f.only(&[LDAP]).example("\"ou=people,dc=example,dc=com\""),
        /// `ldap.bind-dn`: the account that searches the directory.
        pub bind_dn: Option<String> = |f| f.only(&[LDAP]).example("\"cn=trino,dc=example,dc=com\""),
        /// `ldap.bind-password`, from a Secret.
        pub bind_password: Option<SecretRef> =
            |f| f.only(&[LDAP]).example("{ secret = \"ldap\", key = \"bind-password\" }"),
        /// `ldap.group-auth-pattern`.
        pub group_auth_pattern: Option<String> = |f| f.only(&[LDAP]).example("\"(&(objectClass=person)(uid=${USER}))\""),
        /// `http-server.authentication.oauth2.issuer`.
        pub issuer: Option<String> = |f| f.required_for(&[OAUTH2], "\"https://login.example.com/realms/data\""),
        /// `http-server.authentication.oauth2.client-id`.
        pub client_id: Option<String> = |f| f.required_for(&[OAUTH2], "\"trino\""),
        /// `http-server.authentication.oauth2.client-secret`, from a Secret.
        pub client_secret: Option<SecretRef> =
            |f| f.required_for(&[OAUTH2], "{ secret = \"trino-oauth2\", key = \"client-secret\" }"),
        /// `http-server.authentication.oauth2.scopes`.
        pub scopes: Option<Vec<String>> = |f| f.only(&[OAUTH2]).example("[\"openid\", \"email\"]"),
        /// `http-server.authentication.jwt.key-file`: a JWKS URL or a key file path.
        pub key_url: Option<String> =
            |f| f.required_for(&[JWT], "\"https://login.example.com/.well-known/jwks.json\""),
        /// `http-server.authentication.jwt.required-issuer`.
        pub required_issuer: Option<String> = |f| f.only(&[JWT]).example("\"https://login.example.com\""),
        /// `http-server.authentication.jwt.required-audience`.
        pub required_audience: Option<String> = |f| f.only(&[JWT]).example("\"trino\""),
        /// The token claim that is the user name (`...principal-field`).
        pub principal_field: Option<String> = |f| f.only(&[OAUTH2, JWT]).example("\"preferred_username\""),
        /// The CA certificates client certificates are checked against
        /// (`http-server.https.truststore.path`), from a Secret.
        pub truststore: Option<SecretFile> = |f| f.only(&[CERT]).example("{ secret = \"trino-client-ca\", key = \"ca.pem\" }"),
        /// `header-authenticator.name`: the plugin's name.
        pub name: Option<String> = |f| f.required_for(&[HEADER], "\"my-header-authenticator\""),
        /// Further settings of the authenticator's file, as Trino names them.
        pub properties: IndexMap<String, PropertyValue> = |f| f.or_default().example("{}"),
    }
}

choice! {
    /// The system access control.
    pub enum AccessControlType ("access control") {
        /// File-based rules (`rules.json`).
        File = "file",
        /// Open Policy Agent.
        Opa = "opa",
    }
}

use AccessControlType::{File as FILE, Opa as OPA};

table! {
    /// System access control.
    pub struct AccessControl {
        /// `file` or `opa`.
        #[key = "type"]
        pub kind: AccessControlType = |f| f.required("\"file\"").tag(),
        /// How often the rules are read again (`security.refresh-period`).
        pub refresh_period: Option<String> = |f| f.only(&[FILE]).example("\"1m\"").check(duration),
        /// Catalog rules, first match wins.
        pub catalogs: Vec<CatalogRule> = |f| f.or_default().only(&[FILE]),
        /// Schema rules.
        pub schemas: Vec<SchemaRule> = |f| f.or_default().only(&[FILE]),
        /// Table rules.
        pub tables: Vec<TableRule> = |f| f.or_default().only(&[FILE]),
        /// System information rules (the web UI's and the shutdown's reads and writes).
        pub system_information: Vec<SystemInformationRule> = |f| f.or_default().only(&[FILE]),
        /// Impersonation rules.
        pub impersonation: Vec<ImpersonationRule> = |f| f.or_default().only(&[FILE]),
        /// `opa.policy.uri`: the policy OPA decides with.
        pub uri: Option<String> = |f| f.required_for(&[OPA], "\"http://opa:8181/v1/data/trino/allow\""),
    }
}

choice! {
    /// What a catalog rule allows.
    pub enum CatalogAccess ("catalog access") {
        /// Everything.
        All = "all",
        /// Reads only.
        ReadOnly = "read-only",
        /// Nothing: the catalog is hidden.
        None = "none",
    }
}

table! {
    /// A catalog rule.
    pub struct CatalogRule {
        /// A Java regular expression of the user.
        pub user: Option<String> = |f| f.example("\"alice\""),
        /// A Java regular expression of the user's groups.
        pub group: Option<String> = |f| f.example("\"analysts\""),
        /// A Java regular expression of the catalog.
        pub catalog: Option<String> = |f| f.example("\"sales\""),
        /// `all`, `read-only` or `none`.
        pub allow: CatalogAccess = |f| f.required("\"read-only\""),
    }
}

table! {
    /// A schema rule.
    pub struct SchemaRule {
        /// A Java regular expression of the user.
        pub user: Option<String> = |f| f.example("\"alice\""),
        /// A Java regular expression of the user's groups.
        pub group: Option<String> = |f| f.example("\"analysts\""),
        /// A Java regular expression of the catalog.
        pub catalog: Option<String> = |f| f.example("\"sales\""),
        /// A Java regular expression of the schema.
        pub schema: Option<String> = |f| f.example("\"public\""),
        /// Whether the user owns the schemas.
        pub owner: bool = |f| f.required("true"),
    }
}

/// Trino's table privileges in file rules.
pub const TABLE_PRIVILEGES: &[&str] = &[
    "SELECT",
    "INSERT",
    "DELETE",
    "UPDATE",
    "OWNERSHIP",
    "GRANT_SELECT",
];

#[allow(clippy::ptr_arg)]
fn privileges(values: &Vec<String>, at: &mut Found<'_, '_>) {
    one_of(values, TABLE_PRIVILEGES, "table privilege", at);
}

fn one_of(values: &[String], allowed: &[&str], noun: &str, at: &mut Found<'_, '_>) {
    for v in values {
        if !allowed.contains(&v.as_str()) {
            at.error(
                &rules::SPEC_INVALID_VALUE,
                format!("`{}` is no {noun}", printable(v)),
                format!("use {}", allowed.join(", ")),
            );
        }
    }
}

table! {
    /// A table rule.
    pub struct TableRule {
        /// A Java regular expression of the user.
        pub user: Option<String> = |f| f.example("\"alice\""),
        /// A Java regular expression of the user's groups.
        pub group: Option<String> = |f| f.example("\"analysts\""),
        /// A Java regular expression of the catalog.
        pub catalog: Option<String> = |f| f.example("\"sales\""),
        /// A Java regular expression of the schema.
        pub schema: Option<String> = |f| f.example("\"public\""),
        /// A Java regular expression of the table.
        pub table: Option<String> = |f| f.example("\"orders\""),
        /// The privileges (`SELECT`, `INSERT`, `DELETE`, `UPDATE`, `OWNERSHIP`,
        /// `GRANT_SELECT`); none hides the tables.
        pub privileges: Vec<String> = |f| f.required("[\"SELECT\"]").check(privileges),
        /// A row filter (an SQL boolean expression).
        pub filter: Option<String> = |f| f.example("\"region = 'EU'\""),
    }
}

#[allow(clippy::ptr_arg)]
fn system_access(values: &Vec<String>, at: &mut Found<'_, '_>) {
    one_of(values, &["read", "write"], "system information access", at);
}

table! {
    /// A system information rule.
    pub struct SystemInformationRule {
        /// A Java regular expression of the user.
        pub user: Option<String> = |f| f.example("\"admin\""),
        /// A Java regular expression of the user's groups.
        pub group: Option<String> = |f| f.example("\"admins\""),
        /// `read` and / or `write`; none denies.
        pub allow: Vec<String> = |f| f.required("[\"read\", \"write\"]").check(system_access),
    }
}

table! {
    /// An impersonation rule.
    pub struct ImpersonationRule {
        /// A Java regular expression of the user who impersonates.
        pub original_user: String = |f| f.required("\"superset\""),
        /// A Java regular expression of the users impersonated.
        pub new_user: String = |f| f.required("\".*\""),
        /// Whether it is allowed.
        pub allow: bool = |f| f.default(true),
    }
}

/// Checks the whole `[security]` table once it is read.
pub(crate) fn check(security: &Security, at: &mut Found<'_, '_>) {
    let passwords = security
        .authentication
        .iter()
        .filter(|a| matches!(a.kind, AuthType::Password | AuthType::Ldap))
        .count();
    if passwords > 1 {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            "more than one password authenticator (`password`, `ldap`)".to_owned(),
            "keep one: trinocfg writes one `password-authenticator.properties`",
        );
    }
    if security
        .tls
        .as_ref()
        .is_some_and(|t| !t.http && !t.internal)
    {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            "`security.tls.http = false` closes the port the workers reach the coordinator on"
                .to_owned(),
            "set `internal = true` as well (the nodes then talk HTTPS), or keep `http = true`",
        );
    }
    let mut seen = Vec::new();
    for a in &security.authentication {
        let t = a.kind.trino_type();
        if seen.contains(&t) && passwords <= 1 {
            at.error(
                &rules::SPEC_INVALID_VALUE,
                format!("authentication type {t} is listed twice"),
                "list each type once",
            );
        }
        seen.push(t);
    }
}

table! {
    /// The spooling client protocol: query results written to object storage by the workers
    /// and fetched by clients from there (`protocol.spooling.enabled`).
    pub struct Spooling {
        /// `fs.location`: where segments go, ending in `/` (`s3://bucket/spooling/`, `gs://...`,
        /// `abfs://...`).
        pub location: String = |f| f.required("\"s3://trino-spooling/segments/\"").check(spool_location),
        /// Native S3 file system (`fs.s3.enabled`).
        pub s3: Option<super::S3Storage>,
        /// Native Google Cloud Storage file system (`fs.gcs.enabled`).
        pub gcs: Option<super::GcsStorage>,
        /// Native Azure Storage file system (`fs.azure.enabled`).
        pub azure: Option<super::AzureStorage>,
        /// `protocol.spooling.shared-secret-key`: the 256-bit AES key (base64) the nodes
        /// encrypt segment identifiers with, from a Secret.
        pub shared_secret_key: SecretRef =
            |f| f.required("{ secret = \"trino-spooling\", key = \"shared-secret-key\" }"),
        /// Further `spooling-manager.properties` entries, as Trino names them.
        pub properties: IndexMap<String, PropertyValue> =
            |f| f.or_default().example("{ \"fs.segment.ttl\" = \"6h\" }"),
    }
}

#[allow(clippy::ptr_arg)]
fn spool_location(location: &String, at: &mut Found<'_, '_>) {
    const SCHEMES: &[&str] = &["s3://", "s3a://", "gs://", "abfs://", "abfss://"];
    if !SCHEMES.iter().any(|s| location.starts_with(s)) {
        at.error(
            &rules::SPEC_INVALID_VALUE,
            format!(
                "`{}` is not an object storage location",
                printable(location)
            ),
            "write s3://bucket/path, gs://bucket/path or abfs://container@account.dfs.core.windows.net/path",
        );
    }
}
