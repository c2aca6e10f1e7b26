//! A minimal, deterministic POSIX ustar writer for downloading the generated tree, and a
//! reader of the archives people drop on the page to check.
//!
//! The writer: regular files only, mode 0644, owner 0:0, modification time 0: the same tree
//! always gives the same bytes. Paths longer than 100 bytes use the ustar prefix field.
//!
//! The reader takes ustar, GNU and pax archives as `tar` writes them: regular files with
//! their paths (the ustar prefix, a pax `path` record or a GNU long name); directories,
//! links and other entries are skipped. Anything it cannot read whole is refused with a
//! message, never a panic: a bad checksum, a size past the end, a path that is absolute or
//! climbs out (`..`), too many files.

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

/// Files read from one archive at most (as many as `check` reads from a directory).
const MAX_ENTRIES: usize = trinocfg::input::check::MAX_FILES;

/// A NUL-terminated header field as text.
fn field(bytes: &[u8]) -> String {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    String::from_utf8_lossy(&bytes[..end]).into_owned()
}

/// A numeric header field: octal digits, perhaps padded with spaces or NULs.
fn number(bytes: &[u8], at: usize) -> Result<u64, String> {
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        return Err(format!(
            "the tar entry at byte {at} has a size or number in binary form (over 8 GB): not read"
        ));
    }
    let text = field(bytes);
    let digits = text.trim_matches([' ', '\0']);
    if digits.is_empty() {
        return Ok(0);
    }
    u64::from_str_radix(digits, 8)
        .map_err(|_| format!("the tar header at byte {at} has a number that is not octal"))
}

/// Whether `block` is a valid header: its checksum is the sum of its bytes, the checksum
/// field counted as spaces (signed sums are accepted too, as some old tars wrote them).
fn checksum_ok(block: &[u8]) -> bool {
    let Ok(stored) = number(&block[148..156], 0) else {
        return false;
    };
    let unsigned: u64 = block
        .iter()
        .enumerate()
        .map(|(i, &b)| u64::from(if (148..156).contains(&i) { b' ' } else { b }))
        .sum();
    let signed: i64 = block
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            i64::from(if (148..156).contains(&i) {
                b' ' as i8
            } else {
                b as i8
            })
        })
        .sum();
    stored == unsigned || i64::try_from(stored).is_ok_and(|s| s == signed)
}

/// The `path` record of pax extended header data (`LEN path=VALUE\n` records).
fn pax_path(data: &[u8]) -> Result<Option<String>, String> {
    let mut rest = data;
    let mut path = None;
    while !rest.is_empty() {
        let space = rest
            .iter()
            .position(|&b| b == b' ')
            .ok_or("a pax header record has no length")?;
        let len: usize = std::str::from_utf8(&rest[..space])
            .ok()
            .and_then(|t| t.parse().ok())
            .filter(|&l| l > space && l <= rest.len())
            .ok_or("a pax header record has a bad length")?;
        let record = &rest[space + 1..len];
        let record = record.strip_suffix(b"\n").unwrap_or(record);
        if let Some(value) = record.strip_prefix(b"path=") {
            path = Some(String::from_utf8_lossy(value).into_owned());
        }
        rest = &rest[len..];
    }
    Ok(path)
}

/// Refuses a path that is absolute or climbs out of the archive, and drops `./` parts.
fn safe_path(path: &str) -> Result<String, String> {
    if path.starts_with('/') || path.contains('\\') {
        return Err(format!(
            "the archive holds `{path}`, an absolute path (or one with `\\`): only paths inside the archive are read"
        ));
    }
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.contains(&"..") {
        return Err(format!(
            "the archive holds `{path}`, a path that climbs out of it (`..`): not read"
        ));
    }
    Ok(parts.join("/"))
}

/// The regular files of a tar archive: `(path, contents)`, in archive order, each path
/// relative and inside the archive.
pub fn untar(bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    if bytes.len() < BLOCK {
        return Err(format!(
            "not a tar archive: {} bytes, less than one 512-byte header",
            bytes.len()
        ));
    }
    let mut out = Vec::new();
    let mut at = 0;
    let mut long_name: Option<String> = None;
    while at < bytes.len() {
        let Some(block) = bytes.get(at..at + BLOCK) else {
            return Err(format!(
                "the tar archive is truncated: a header at byte {at} is cut short"
            ));
        };
        if block.iter().all(|&b| b == 0) {
            break;
        }
        if !checksum_ok(block) {
            return Err(if at == 0 {
                "not a tar archive (its first header's checksum is wrong)".to_owned()
            } else {
                format!("the tar archive is damaged: the header at byte {at} has a wrong checksum")
            });
        }
        let size = number(&block[124..136], at)?;
        let start = at + BLOCK;
        let end = usize::try_from(size)
            .ok()
            .and_then(|s| start.checked_add(s))
            .filter(|&e| e <= bytes.len())
            .ok_or_else(|| {
                format!(
                    "the tar archive is truncated: the entry at byte {at} says {size} bytes, and {} are left",
                    bytes.len() - start
                )
            })?;
        let data = &bytes[start..end];
        let name = {
            let name = field(&block[0..100]);
            let prefix = if &block[257..262] == b"ustar" {
                field(&block[345..500])
            } else {
                String::new()
            };
            if prefix.is_empty() {
                name
            } else {
                format!("{prefix}/{name}")
            }
        };
        match block[156] {
            b'L' => long_name = Some(field(data)),
            b'x' => long_name = pax_path(data)?.or(long_name),
            b'0' | 0 | b'7' => {
                let path = safe_path(&long_name.take().unwrap_or(name))?;
                if !path.is_empty() {
                    if out.len() == MAX_ENTRIES {
                        return Err(format!(
                            "the tar archive holds more than {MAX_ENTRIES} files"
                        ));
                    }
                    out.push((path, data.to_vec()));
                }
            }
            _ => long_name = None,
        }
        at = start + data.len().div_ceil(BLOCK) * BLOCK;
    }
    Ok(out)
}

/// Whether `bytes` start like a tar archive (a ustar header, or a header whose checksum
/// holds).
pub fn looks_like_tar(bytes: &[u8]) -> bool {
    bytes.len() >= BLOCK && (&bytes[257..262] == b"ustar" || checksum_ok(&bytes[..BLOCK]))
}

/// Whether `bytes` are gzip-compressed.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes() {
        let long = format!(
            "etc/kafka/{}/orders.{}.json",
            "c".repeat(60),
            "t".repeat(60)
        );
        let files = [
            ("etc/config.properties", &b"coordinator=true\n"[..]),
            ("etc/empty", &b""[..]),
            (long.as_str(), &[7u8; 600][..]),
        ];
        let bytes = tar(files).unwrap();
        assert!(looks_like_tar(&bytes));
        let read = untar(&bytes).unwrap();
        assert_eq!(read.len(), 3);
        for ((path, data), (p, d)) in files.iter().zip(&read) {
            assert_eq!((*path, *data), (p.as_str(), d.as_slice()));
        }
    }

    /// A header written by hand: name, size (octal text), type flag.
    fn raw(name: &str, size: &str, flag: u8) -> Vec<u8> {
        let mut h = vec![0u8; BLOCK];
        h[..name.len()].copy_from_slice(name.as_bytes());
        h[124..124 + size.len()].copy_from_slice(size.as_bytes());
        h[156] = flag;
        h[257..263].copy_from_slice(b"ustar\0");
        h[148..156].fill(b' ');
        let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
        h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
        h
    }

    #[test]
    fn gnu_long_names_and_pax_paths() {
        let long = "d/".repeat(80) + "x.properties";
        let mut bytes = raw("././@LongLink", &format!("{:o}", long.len() + 1), b'L');
        let mut name = long.clone().into_bytes();
        name.push(0);
        name.resize(BLOCK, 0);
        bytes.extend(name);
        bytes.extend(raw("short", "1", b'0'));
        bytes.extend(b"a".iter().chain([0u8; 511].iter()));
        let record = format!("path={long}2\n");
        let pax = format!("{} {record}", record.len() + 3 + 1);
        bytes.extend(raw("PaxHeader", &format!("{:o}", pax.len()), b'x'));
        let mut data = pax.into_bytes();
        data.resize(BLOCK, 0);
        bytes.extend(data);
        bytes.extend(raw("short2", "0", b'0'));
        bytes.extend(raw("dir/", "0", b'5'));
        bytes.extend(raw("link", "0", b'2'));
        bytes.extend([0u8; 1024]);
        let read = untar(&bytes).unwrap();
        let paths: Vec<&str> = read.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, [long.clone(), format!("{long}2")]);
        assert_eq!(read[0].1, b"a");
    }

    #[test]
    fn hostile_archives_are_refused_with_a_reason() {
        let good = tar([("etc/a.properties", &b"x=1\n"[..])]).unwrap();
        let refused = |bytes: &[u8], expected: &str| {
            let e = untar(bytes).unwrap_err();
            assert!(e.contains(expected), "{e}");
        };
        refused(&[], "not a tar archive");
        refused(b"hello world", "not a tar archive");
        refused(&[b'x'; 2048], "not a tar archive");
        // Cut in the middle of the data, and of the next header.
        refused(&good[..514], "truncated");
        let mut two = tar([("a", &b"1"[..]), ("b", &b"2"[..])]).unwrap();
        two.truncate(1024 + 100);
        refused(&two, "truncated");
        // A size past the end; an enormous size; a size in binary form; not octal.
        refused(&raw("a", "77777", b'0'), "says 32767 bytes");
        refused(&raw("a", "77777777777", b'0'), "truncated");
        let mut binary = raw("a", "", b'0');
        binary[124] = 0x80;
        binary[148..156].fill(b' ');
        let sum: u32 = binary.iter().map(|&b| u32::from(b)).sum();
        binary[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
        refused(&binary, "binary form");
        refused(&raw("a", "9z", b'0'), "not octal");
        // A damaged header after a good one.
        let mut damaged = good.clone();
        damaged[1024 + 10] = b'!';
        damaged[1024..1024 + 512].copy_from_slice(&[b'!'; 512]);
        refused(&damaged, "wrong checksum");
        // Paths that leave the archive.
        for path in ["../x", "etc/../../x", "/etc/passwd", "a\\..\\b"] {
            let mut bytes = raw(path, "0", b'0');
            bytes.extend([0u8; 1024]);
            refused(&bytes, "the archive holds");
        }
        // `./` parts are dropped; empty names (the archive's root) skipped.
        let mut dotted = raw("./etc/./a.properties", "0", b'0');
        dotted.extend(raw("./", "0", b'0'));
        dotted.extend([0u8; 1024]);
        assert_eq!(
            untar(&dotted).unwrap(),
            [("etc/a.properties".to_owned(), Vec::new())]
        );
        // A bad pax record.
        let mut pax = raw("p", "5", b'x');
        pax.extend(b"99 pa".iter().chain([0u8; 507].iter()));
        refused(&pax, "pax");
        assert!(is_gzip(&[0x1f, 0x8b, 8]) && !looks_like_tar(b"short"));
    }

    #[test]
    fn too_many_files_are_refused() {
        let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("f{i}")).collect();
        let bytes = tar(names.iter().map(|n| (n.as_str(), &b""[..]))).unwrap();
        assert!(untar(&bytes).unwrap_err().contains("more than"));
    }

    /// Every prefix and every one-byte change of an archive is read or refused, never a panic.
    #[test]
    fn no_input_panics() {
        let good = tar([("etc/a.properties", &b"x=1\n"[..]), ("b", &[1u8; 700][..])]).unwrap();
        for n in 0..good.len() {
            let _ = untar(&good[..n]);
        }
        for i in (0..good.len()).step_by(7) {
            for b in [0u8, 0x80, 0xff, b'7', b'/', b'.'] {
                let mut bytes = good.clone();
                bytes[i] = b;
                let _ = untar(&bytes);
            }
        }
    }

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
