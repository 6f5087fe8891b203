//! The fixtures' ground truth as the tests read it: a small scanner for the start tags of a
//! fixture page (attribute values decoded), so a test can read the `data-fixture-*` attributes
//! (see tests/fixtures/README.md) without going through the parser it is testing.

/// One start tag: its lower-case name and its attributes in order (names lower-cased, values
/// decoded; `None` for an attribute written without a value).
#[derive(Debug, Default)]
pub struct Tag {
    /// The tag name, lower case.
    pub name: String,
    /// The attributes, in order.
    pub attrs: Vec<(String, Option<String>)>,
}

impl Tag {
    /// Whether the tag carries the attribute.
    pub fn has(&self, name: &str) -> bool {
        self.attrs.iter().any(|(n, _)| n == name)
    }

    /// The attribute's value ("" for one written without a value), if the tag has it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_deref().unwrap_or(""))
    }

    /// The attribute's value; a missing one is a mistake in the fixture, and says so.
    pub fn truth(&self, name: &str) -> &str {
        self.get(name)
            .unwrap_or_else(|| panic!("{name} missing on {:?}", self.get("data-fixture-name")))
    }
}

/// Every start tag of `html`, in document order (comments and end tags skipped). Values may be
/// double-, single- or unquoted.
pub fn start_tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        if rest.starts_with("!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let mut tag = Tag {
            name: rest[..name_end].to_ascii_lowercase(),
            ..Tag::default()
        };
        rest = &rest[name_end..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                rest = rest.get(1..).unwrap_or("");
                break;
            }
            let n_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let name = rest[..n_end].to_ascii_lowercase();
            rest = &rest[n_end..];
            let value = match rest.strip_prefix('=') {
                Some(after) => match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let close = after[1..].find(q).map_or(after.len(), |e| e + 1);
                        let v = decode_attr(&after[1..close]);
                        rest = after.get(close + 1..).unwrap_or("");
                        Some(v)
                    }
                    _ => {
                        let end = after
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        let v = decode_attr(&after[..end]);
                        rest = &after[end..];
                        Some(v)
                    }
                },
                None => None,
            };
            tag.attrs.push((name, value));
        }
        out.push(tag);
    }
    out
}

/// Decodes the character references fixtures write in attribute values (`&amp;`, `&lt;`,
/// `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, numeric ones); anything else stays as written.
pub fn decode_attr(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ if entity.starts_with("#x") || entity.starts_with("#X") => {
                u32::from_str_radix(&entity[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if entity.starts_with('#') => entity[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
