//! MySQL and PostgreSQL: the JDBC connectors.

use super::Entries;
use crate::render::Secrets;
use crate::spec::Jdbc;

pub fn render(c: &Jdbc, e: &mut Entries<'_>, secrets: &mut Secrets) {
    e.put("connection-url", c.connection_url.clone());
    e.put_opt("connection-user", c.user.as_ref());
    if let Some(p) = &c.password {
        let v = secrets.placeholder(p, &e.env_hint("password"));
        e.put("connection-password", v);
    }
}
