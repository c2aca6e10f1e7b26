//! The errors `java.util.regex.Pattern.compile` certainly raises, found without compiling:
//! unbalanced groups and classes, a quantifier with nothing to repeat, a trailing backslash, a
//! bounded repetition whose minimum exceeds its maximum. What Java accepts and another engine
//! would not (possessive quantifiers, look-behind, back-references) passes: the check only
//! reports what Trino would refuse.

/// `Err` with the reason when Java cannot compile `pattern`.
///
/// # Errors
/// The reason, in the words of `PatternSyntaxException` where it has them.
pub fn check(pattern: &str) -> Result<(), String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut depth = 0usize;
    // Whether the previous token can be repeated.
    let mut atom = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                if i + 1 >= chars.len() {
                    return Err("Unexpected internal error near the end: a trailing `\\`".into());
                }
                // `\Q...\E` quotes everything up to `\E`.
                if chars[i + 1] == 'Q' {
                    let rest: String = chars[i + 2..].iter().collect();
                    i = match rest.find("\\E") {
                        Some(end) => i + 2 + rest[..end].chars().count() + 2,
                        None => chars.len(),
                    };
                } else {
                    i += 2;
                }
                atom = true;
                continue;
            }
            '[' => {
                i = class_end(&chars, i)?;
                atom = true;
                continue;
            }
            '(' => {
                depth += 1;
                atom = false;
                // `(?`: a flag group or a special construct; skip its marker.
                if chars.get(i + 1) == Some(&'?') {
                    i += 2;
                    continue;
                }
            }
            ')' => {
                if depth == 0 {
                    return Err(format!("Unmatched closing ')' near index {i}"));
                }
                depth -= 1;
                atom = true;
            }
            '*' | '+' | '?' => {
                if !atom {
                    return Err(format!("Dangling meta character '{c}' near index {i}"));
                }
                // A lazy or possessive marker may follow; the result is no longer repeatable.
                if matches!(chars.get(i + 1), Some('?' | '+')) {
                    i += 1;
                }
                atom = false;
            }
            '{' if atom => {
                if let Some((min, max, end)) = bounds(&chars, i) {
                    if max.is_some_and(|m| m < min) {
                        return Err(format!("Illegal repetition range near index {i}"));
                    }
                    i = end;
                    atom = false;
                    if matches!(chars.get(i + 1), Some('?' | '+')) {
                        i += 1;
                    }
                } else {
                    return Err(format!("Illegal repetition near index {i}"));
                }
            }
            '{' => return Err(format!("Illegal repetition near index {i}")),
            '|' => atom = false,
            _ => atom = true,
        }
        i += 1;
    }
    if depth > 0 {
        return Err(format!("Unclosed group near index {}", chars.len()));
    }
    Ok(())
}

/// The index just past the character class that opens at `start`.
fn class_end(chars: &[char], start: usize) -> Result<usize, String> {
    let mut i = start + 1;
    if chars.get(i) == Some(&'^') {
        i += 1;
    }
    // A `]` right after the opening bracket is a literal.
    if chars.get(i) == Some(&']') {
        i += 1;
    }
    let mut depth = 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(format!(
        "Unclosed character class near index {}",
        chars.len() - 1
    ))
}

/// `{n}`, `{n,}` or `{n,m}` at `start`: the bounds and the index of the closing brace.
fn bounds(chars: &[char], start: usize) -> Option<(u64, Option<u64>, usize)> {
    let close = chars[start..].iter().position(|&c| c == '}')? + start;
    let inner: String = chars[start + 1..close].iter().collect();
    let number = |s: &str| -> Option<u64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match inner.split_once(',') {
        None => number(&inner).map(|n| (n, Some(n), close)),
        Some((min, "")) => number(min).map(|n| (n, None, close)),
        Some((min, max)) => Some((number(min)?, Some(number(max)?), close)),
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_what_java_compiles() {
        for ok in [
            ".*",
            "alice|bob",
            "(admin|ops)_.*",
            "etl_[a-z0-9]+",
            "[]a]",
            "[^]]",
            "a{2,5}",
            "a{3}?",
            "x*+",
            "(?i)Alice",
            "(?<=a)b",
            "\\Q.*(\\E",
            "\\Q[",
            "[a-z&&[^q]]",
            "\\d+\\.\\d+",
            "a(b)\\1",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_what_java_refuses() {
        for bad in [
            "*", "(a", "a)", "[a-z", "a{5,2}", "a\\", "?x", "a|*", "{2}", "x{", "(?:a",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
