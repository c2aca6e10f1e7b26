//! A minimal, deterministic POSIX ustar writer for downloading the generated tree.
//!
//! Regular files only, mode 0644, owner 0:0, modification time 0: the same tree always gives
//! the same bytes. Paths longer than 100 bytes use the ustar prefix field.

const BLOCK: usize = 512;

fn octal(field: &mut [u8], value: u64) {
    // `len - 1` octal digits, zero-padded, then NUL.
    let digits = field.len() - 1;
    let text = format!("{value:0digits$o}");
    field[..digits].copy_from_slice(text.as_bytes());
    field[digits] = 0;
}

/// Splits a path into the ustar `prefix` and `name` fields.
fn split_path(path: &str) -> Result<(&str, &str), String> {
    if path.len() <= 100 {
        return Ok(("", path));
    }
    path.char_indices()
        .filter(|&(i, c)| c == '/' && i <= 155 && path.len() - i - 1 <= 100 && i + 1 < path.len())
        .map(|(i, _)| (&path[..i], &path[i + 1..]))
        .next()
        .ok_or_else(|| format!("path too long for a tar archive: {path}"))
}

fn header(path: &str, size: u64) -> Result<[u8; BLOCK], String> {
    let (prefix, name) = split_path(path)?;
    let mut h = [0u8; BLOCK];
    h[..name.len()].copy_from_slice(name.as_bytes());
    octal(&mut h[100..108], 0o644);
    octal(&mut h[108..116], 0);
    octal(&mut h[116..124], 0);
    octal(&mut h[124..136], size);
    octal(&mut h[136..148], 0);
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[345..345 + prefix.len()].copy_from_slice(prefix.as_bytes());
    // The checksum is computed with its own field filled with spaces.
    h[148..156].fill(b' ');
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    let text = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(text.as_bytes());
    Ok(h)
}

/// A tar archive of `(path, contents)` entries, in the given order.
pub fn tar<'a>(entries: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for (path, data) in entries {
        out.extend_from_slice(&header(path, data.len() as u64)?);
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(BLOCK) * BLOCK, 0);
    }
    // End of archive: two zero blocks.
    out.resize(out.len() + 2 * BLOCK, 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_and_checksum() {
        let bytes = tar([(
            "coordinator/etc/node.properties",
            &b"node.environment=x\n"[..],
        )])
        .unwrap();
        assert_eq!(bytes.len(), 512 + 512 + 1024);
        assert_eq!(&bytes[..31], b"coordinator/etc/node.properties");
        assert_eq!(&bytes[124..136], b"00000000023\0");
        assert_eq!(&bytes[257..263], b"ustar\0");
        let stored =
            u32::from_str_radix(std::str::from_utf8(&bytes[148..154]).unwrap(), 8).unwrap();
        let mut h = bytes[..512].to_vec();
        h[148..156].fill(b' ');
        assert_eq!(stored, h.iter().map(|&b| u32::from(b)).sum::<u32>());
        assert_eq!(&bytes[512..531], b"node.environment=x\n");
        assert!(bytes[1024..].iter().all(|&b| b == 0));
    }

    #[test]
    fn long_paths_use_the_prefix() {
        let path = format!(
            "worker/etc/kafka/{}/orders.{}.json",
            "c".repeat(60),
            "t".repeat(60)
        );
        let bytes = tar([(path.as_str(), &b"{}\n"[..])]).unwrap();
        let field = |r: std::ops::Range<usize>| {
            let f = &bytes[r];
            String::from_utf8(f[..f.iter().position(|&b| b == 0).unwrap_or(f.len())].to_vec())
                .unwrap()
        };
        assert_eq!(format!("{}/{}", field(345..500), field(0..100)), path);
        assert!(tar([("x/".repeat(200).as_str(), &b""[..])]).is_err());
    }
}
