//! MySQL and PostgreSQL: the JDBC connectors.

use super::Entries;
use crate::lower::Secrets;
use crate::spec::Jdbc;

/// A MySQL or PostgreSQL catalog.
pub fn lower(c: &Jdbc, e: &mut Entries<'_>, secrets: &mut Secrets) {
    e.put("connection-url", c.connection_url.clone(), "connection_url");
    e.put_opt("connection-user", c.user.as_ref(), "user");
    if let Some(p) = &c.password {
        let v = secrets.placeholder(p, &e.env_hint("password"));
        e.put_opt("connection-password", v, "password");
    }
}
