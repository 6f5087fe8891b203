//! The boundary's JSON: a small serde serializer to JSON text and a deserializer from it, so
//! the engine's types cross the JS–Rust boundary as one string each way (`JSON.stringify` and
//! `JSON.parse` on the JS side) instead of through one deserializer per type that asks JS for
//! every field.
//!
//! Small on purpose (the wasm's size budget): the text always comes from `JSON.stringify`, so
//! it is well-formed and needs no error positions; numbers are read as integers when they are
//! integers (all the engine's numbers are: counts, scores and times in whole milliseconds) and
//! otherwise approximately, without the standard library's correctly rounded float parser; and
//! error messages never format a float. Errors otherwise read as serde's own.

use std::fmt::{self, Display, Write as _};

use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde::ser::{self, Serialize};

/// A decoding or encoding error, as a message.
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// `Unexpected` in words, as serde writes it, except that a float is not written out: serde's
/// own wording would link the float formatter for the sake of an error message.
fn unexpected(unexp: &Unexpected<'_>) -> String {
    match *unexp {
        Unexpected::Bool(b) => format!("boolean `{b}`"),
        Unexpected::Unsigned(n) => format!("integer `{n}`"),
        Unexpected::Signed(n) => format!("integer `{n}`"),
        Unexpected::Float(_) => "floating point number".into(),
        Unexpected::Char(c) => format!("character `{c}`"),
        Unexpected::Str(s) => format!("string \"{s}\""),
        Unexpected::Bytes(_) => "byte array".into(),
        Unexpected::Unit => "null".into(),
        Unexpected::Option => "Option value".into(),
        Unexpected::NewtypeStruct => "newtype struct".into(),
        Unexpected::Seq => "sequence".into(),
        Unexpected::Map => "map".into(),
        Unexpected::Enum => "enum".into(),
        Unexpected::UnitVariant => "unit variant".into(),
        Unexpected::NewtypeVariant => "newtype variant".into(),
        Unexpected::TupleVariant => "tuple variant".into(),
        Unexpected::StructVariant => "struct variant".into(),
        Unexpected::Other(other) => other.into(),
    }
}

impl de::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error(format!(
            "invalid type: {}, expected {exp}",
            unexpected(&unexp)
        ))
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error(format!(
            "invalid value: {}, expected {exp}",
            unexpected(&unexp)
        ))
    }
}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

fn error(message: &str) -> Error {
    Error(message.into())
}

// ------------------------------------------------------------------------------- reading

/// Reads a `T` from JSON text (as `JSON.stringify` writes it).
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, Error> {
    let mut reader = Reader { text, at: 0 };
    let value = T::deserialize(&mut reader)?;
    reader.blank();
    if reader.at == text.len() {
        Ok(value)
    } else {
        Err(error("trailing characters"))
    }
}

/// The members of a JSON object as `(key, value's text)`, or `None` when the text is not an
/// object. For decoding an object entry by entry, each entry on its own.
pub fn members(text: &str) -> Option<Vec<(String, &str)>> {
    let mut reader = Reader { text, at: 0 };
    reader.blank();
    if reader.peek() != Some(b'{') {
        return None;
    }
    reader.at += 1;
    let mut out = Vec::new();
    let mut first = true;
    while reader.more(b'}', &mut first).ok()? {
        let key = reader.string().ok()?.into_owned();
        reader.expect(b':').ok()?;
        reader.blank();
        let start = reader.at;
        reader.skip().ok()?;
        out.push((key, &text[start..reader.at]));
    }
    Some(out)
}

/// The items of a JSON array, each as its text, or `None` when the text is not an array.
pub fn elements(text: &str) -> Option<Vec<&str>> {
    let mut reader = Reader { text, at: 0 };
    reader.blank();
    if reader.peek() != Some(b'[') {
        return None;
    }
    reader.at += 1;
    let mut out = Vec::new();
    let mut first = true;
    while reader.more(b']', &mut first).ok()? {
        reader.blank();
        let start = reader.at;
        reader.skip().ok()?;
        out.push(&text[start..reader.at]);
    }
    Some(out)
}

/// Reads a JSON object for a reader written by hand, as serde's derived reader of a struct
/// reads it: each member, in order, goes to `field` with the index of its name in `names` and
/// its value's text. Errors are serde's, in the order serde meets them: the text is no object
/// (`invalid type: …, expected {expected}`), a field is repeated or (with `deny_unknown`, as
/// `deny_unknown_fields`) unknown, or `field` refused its value. Without `deny_unknown` an
/// unknown field is skipped. One function for every struct (not one per type); at most 64
/// names.
#[inline(never)]
pub fn object(
    text: &str,
    expected: &str,
    names: &'static [&'static str],
    deny_unknown: bool,
    field: &mut dyn FnMut(usize, &str) -> Result<(), Error>,
) -> Result<(), Error> {
    debug_assert!(names.len() <= 64);
    let mut reader = Reader { text, at: 0 };
    match reader.token()? {
        Token::Map => {}
        other => return Err(invalid(&other, &expected)),
    }
    let mut seen: u64 = 0;
    let mut first = true;
    while reader.more(b'}', &mut first)? {
        let key = reader.string()?;
        let i = names.iter().position(|name| *name == key);
        if i.is_none() && deny_unknown {
            return Err(de::Error::unknown_field(&key, names));
        }
        if let Some(i) = i {
            if seen & (1 << i) != 0 {
                return Err(de::Error::duplicate_field(names[i]));
            }
            seen |= 1 << i;
        }
        reader.expect(b':')?;
        reader.blank();
        let start = reader.at;
        reader.skip()?;
        if let Some(i) = i {
            field(i, &text[start..reader.at])?;
        }
    }
    end(&mut reader)
}

/// Reads a JSON array for a reader written by hand, as serde reads a `Vec`: each item's text,
/// in order, goes to `item`; the text is no array: `invalid type: …, expected a sequence`.
#[inline(never)]
pub fn list(text: &str, item: &mut dyn FnMut(&str) -> Result<(), Error>) -> Result<(), Error> {
    let mut reader = Reader { text, at: 0 };
    match reader.token()? {
        Token::Seq => {}
        other => return Err(invalid(&other, &"a sequence")),
    }
    let mut first = true;
    while reader.more(b']', &mut first)? {
        let start = reader.at;
        reader.skip()?;
        item(&text[start..reader.at])?;
    }
    end(&mut reader)
}

/// Reads a unit variant of an enum, as serde reads one (`"name"`, or `{"name": null}`): the
/// index of its name in `variants`, or serde's words for an unknown one.
#[inline(never)]
pub fn variant(text: &str, variants: &'static [&'static str]) -> Result<usize, Error> {
    let mut reader = Reader { text, at: 0 };
    reader.blank();
    let wrapped = match reader.peek() {
        Some(b'"') => false,
        Some(b'{') => {
            reader.at += 1;
            true
        }
        _ => return Err(error("invalid type: expected an enum")),
    };
    let name = reader.string()?;
    let i = variants
        .iter()
        .position(|v| *v == name)
        .ok_or_else(|| de::Error::unknown_variant(&name, variants))?;
    if wrapped {
        reader.expect(b':')?;
        match reader.token()? {
            Token::Null => {}
            other => return Err(invalid(&other, &"unit")),
        }
        reader.expect(b'}')?;
    }
    end(&mut reader)?;
    Ok(i)
}

/// A required field that was missing, in serde's words.
pub fn missing(field: &'static str) -> Error {
    de::Error::missing_field(field)
}

/// Nothing but blanks after the value.
fn end(reader: &mut Reader<'_>) -> Result<(), Error> {
    reader.blank();
    if reader.at == reader.text.len() {
        Ok(())
    } else {
        Err(error("trailing characters"))
    }
}

/// A cursor over JSON text.
struct Reader<'de> {
    text: &'de str,
    at: usize,
}

/// A number as read: an integer when it is one, else a float.
enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

/// The start of a value: a scalar read whole, or the opening of an array or object.
enum Token<'de> {
    Null,
    Bool(bool),
    Str(&'de str),
    String(String),
    Number(Number),
    Seq,
    Map,
}

impl<'de> Reader<'de> {
    /// The next value's token (one function for every type read, not one per type).
    #[inline(never)]
    fn token(&mut self) -> Result<Token<'de>, Error> {
        self.blank();
        Ok(match self.peek() {
            Some(b'n') => {
                self.literal("null")?;
                Token::Null
            }
            Some(b't') => {
                self.literal("true")?;
                Token::Bool(true)
            }
            Some(b'f') => {
                self.literal("false")?;
                Token::Bool(false)
            }
            Some(b'"') => match self.string()? {
                std::borrow::Cow::Borrowed(s) => Token::Str(s),
                std::borrow::Cow::Owned(s) => Token::String(s),
            },
            Some(b'[') => {
                self.at += 1;
                Token::Seq
            }
            Some(b'{') => {
                self.at += 1;
                Token::Map
            }
            _ => Token::Number(self.number()?),
        })
    }

    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    #[inline(never)]
    fn expect(&mut self, byte: u8) -> Result<(), Error> {
        self.blank();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(error("malformed JSON"))
        }
    }

    /// After `[` or `{`: whether another item follows (consuming its comma), or the `close`.
    #[inline(never)]
    fn more(&mut self, close: u8, first: &mut bool) -> Result<bool, Error> {
        self.blank();
        match self.peek() {
            Some(b) if b == close => {
                self.at += 1;
                Ok(false)
            }
            Some(b',') if !*first => {
                self.at += 1;
                self.blank();
                Ok(true)
            }
            Some(_) if *first => {
                *first = false;
                Ok(true)
            }
            _ => Err(error("malformed JSON")),
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), Error> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(error("malformed JSON"))
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .ok_or_else(|| error("malformed JSON"))?;
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| error("malformed JSON"))
    }

    /// A string (at its opening quote): borrowed when it has no escapes.
    #[inline(never)]
    fn string(&mut self) -> Result<std::borrow::Cow<'de, str>, Error> {
        self.blank();
        if self.peek() != Some(b'"') {
            return Err(error("malformed JSON"));
        }
        self.at += 1;
        let start = self.at;
        let bytes = self.bytes();
        while let Some(&b) = bytes.get(self.at) {
            match b {
                b'"' => {
                    self.at += 1;
                    return Ok(self.text[start..self.at - 1].into());
                }
                b'\\' => break,
                _ => self.at += 1,
            }
        }
        let mut out = String::from(&self.text[start..self.at]);
        loop {
            let Some(&b) = bytes.get(self.at) else {
                return Err(error("malformed JSON"));
            };
            self.at += 1;
            match b {
                b'"' => return Ok(out.into()),
                b'\\' => {
                    let Some(&e) = bytes.get(self.at) else {
                        return Err(error("malformed JSON"));
                    };
                    self.at += 1;
                    let c = match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'u' => {
                            let unit = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&unit)
                                && self.text[self.at..].starts_with("\\u")
                            {
                                let save = self.at;
                                self.at += 2;
                                let low = self.hex4()?;
                                if (0xDC00..0xE000).contains(&low) {
                                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                                } else {
                                    self.at = save;
                                    unit
                                }
                            } else {
                                unit
                            };
                            // A lone surrogate becomes U+FFFD, as JS strings do when they
                            // cross into Rust.
                            char::from_u32(code).unwrap_or('\u{FFFD}')
                        }
                        other => other as char, // `"`, `\`, `/`
                    };
                    out.push(c);
                }
                _ => {
                    // Copy the run up to the next quote or escape in one go.
                    let run = self.at - 1;
                    while let Some(&b) = bytes.get(self.at) {
                        if b == b'"' || b == b'\\' {
                            break;
                        }
                        self.at += 1;
                    }
                    out.push_str(&self.text[run..self.at]);
                }
            }
        }
    }

    /// A number. Integers are exact; a fraction or exponent gives an approximate float
    /// (mantissa × power of ten), which is all the engine needs of one.
    #[inline(never)]
    fn number(&mut self) -> Result<Number, Error> {
        let bytes = self.bytes();
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let mut mantissa: u64 = 0;
        let mut exponent: i32 = 0;
        let mut exact = true;
        let mut digits = 0;
        while let Some(&b) = bytes.get(self.at) {
            if !b.is_ascii_digit() {
                break;
            }
            digits += 1;
            match mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(u64::from(b - b'0')))
            {
                Some(m) if exact => mantissa = m,
                _ => {
                    exact = false;
                    exponent += 1;
                }
            }
            self.at += 1;
        }
        if digits == 0 {
            return Err(error("malformed JSON"));
        }
        if self.peek() == Some(b'.') {
            exact = false;
            self.at += 1;
            while let Some(&b) = bytes.get(self.at) {
                if !b.is_ascii_digit() {
                    break;
                }
                if let Some(m) = mantissa
                    .checked_mul(10)
                    .and_then(|m| m.checked_add(u64::from(b - b'0')))
                {
                    mantissa = m;
                    exponent -= 1;
                }
                self.at += 1;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            exact = false;
            self.at += 1;
            let minus = match self.peek() {
                Some(b'-') => {
                    self.at += 1;
                    true
                }
                Some(b'+') => {
                    self.at += 1;
                    false
                }
                _ => false,
            };
            let mut e: i32 = 0;
            while let Some(&b) = bytes.get(self.at) {
                if !b.is_ascii_digit() {
                    break;
                }
                e = e.saturating_mul(10).saturating_add(i32::from(b - b'0'));
                self.at += 1;
            }
            exponent = exponent.saturating_add(if minus { -e } else { e });
        }
        if exact {
            if !negative {
                return Ok(Number::Unsigned(mantissa));
            }
            if let Some(n) = 0i64.checked_sub_unsigned(mantissa) {
                return Ok(Number::Signed(n));
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let mut value = mantissa as f64;
        let scale = 10f64.powi(exponent.unsigned_abs().min(400) as i32);
        value = if exponent < 0 {
            value / scale
        } else {
            value * scale
        };
        Ok(Number::Float(if negative { -value } else { value }))
    }

    /// Skips one value.
    #[inline(never)]
    fn skip(&mut self) -> Result<(), Error> {
        self.blank();
        match self.peek() {
            Some(b'"') => self.string().map(drop),
            Some(open @ (b'[' | b'{')) => {
                self.at += 1;
                let close = if open == b'[' { b']' } else { b'}' };
                let mut first = true;
                while self.more(close, &mut first)? {
                    if open == b'{' {
                        self.string()?;
                        self.expect(b':')?;
                    }
                    self.skip()?;
                }
                Ok(())
            }
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            _ => self.number().map(drop),
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Null => visitor.visit_unit(),
            Token::Bool(b) => visitor.visit_bool(b),
            Token::Str(s) => visitor.visit_borrowed_str(s),
            Token::String(s) => visitor.visit_string(s),
            Token::Number(Number::Unsigned(n)) => visitor.visit_u64(n),
            Token::Number(Number::Signed(n)) => visitor.visit_i64(n),
            Token::Number(Number::Float(n)) => visitor.visit_f64(n),
            Token::Seq => visitor.visit_seq(Items {
                reader: self,
                first: true,
                ended: false,
            }),
            Token::Map => visitor.visit_map(Items {
                reader: self,
                first: true,
                ended: false,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.blank();
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.blank();
        match self.peek() {
            Some(b'"') => {
                let name = self.string()?;
                visitor.visit_enum(name.into_owned().into_deserializer())
            }
            Some(b'{') => {
                self.at += 1;
                let value = visitor.visit_enum(Variant { reader: self })?;
                self.expect(b'}')?;
                Ok(value)
            }
            _ => Err(error("invalid type: expected an enum")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip()?;
        visitor.visit_unit()
    }

    // Each type reads only the tokens it can take, so only its own visit method is built.
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Bool(b) => visitor.visit_bool(b),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Str(s) => visitor.visit_borrowed_str(s),
            Token::String(s) => visitor.visit_string(s),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Null => visitor.visit_unit(),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Seq => {
                let mut items = Items {
                    reader: self,
                    first: true,
                    ended: false,
                };
                let value = visitor.visit_seq(&mut items)?;
                // A fixed-length list (`[u32; 2]`) stops asking at its length: its `]` is
                // still to read, and anything before it is one item too many.
                if !items.ended && items.reader.more(b']', &mut items.first)? {
                    return Err(error("too many items in a list"));
                }
                Ok(value)
            }
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.token()? {
            Token::Map => visitor.visit_map(Items {
                reader: self,
                first: true,
                ended: false,
            }),
            other => Err(invalid(&other, &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 bytes byte_buf
    }
}

/// A token where the visitor expected something else, as serde words it.
#[inline(never)]
fn invalid(token: &Token<'_>, exp: &dyn de::Expected) -> Error {
    let unexp = match token {
        Token::Null => Unexpected::Unit,
        Token::Bool(b) => Unexpected::Bool(*b),
        Token::Str(s) => Unexpected::Str(s),
        Token::String(s) => Unexpected::Str(s),
        Token::Number(Number::Unsigned(n)) => Unexpected::Unsigned(*n),
        Token::Number(Number::Signed(n)) => Unexpected::Signed(*n),
        Token::Number(Number::Float(n)) => Unexpected::Float(*n),
        Token::Seq => Unexpected::Seq,
        Token::Map => Unexpected::Map,
    };
    de::Error::invalid_type(unexp, exp)
}

/// The items of an array or the entries of an object being read.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
    /// Whether the closing bracket was read.
    ended: bool,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.reader.more(b']', &mut self.first)? {
            seed.deserialize(&mut *self.reader).map(Some)
        } else {
            self.ended = true;
            Ok(None)
        }
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.reader.more(b'}', &mut self.first)? {
            seed.deserialize(&mut *self.reader).map(Some)
        } else {
            Ok(None)
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        self.reader.expect(b':')?;
        seed.deserialize(&mut *self.reader)
    }
}

/// An enum written as `{"Variant": value}`.
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = seed.deserialize(&mut *self.reader)?;
        self.reader.expect(b':')?;
        Ok((name, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(&mut *self.reader)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(&mut *self.reader, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(&mut *self.reader, visitor)
    }
}

// ------------------------------------------------------------------------------- writing

/// Writes a value as JSON text, shaped as `serde_wasm_bindgen`'s JSON-compatible serializer
/// shapes it: maps as objects, `None` and unit as `null`, enums by variant name.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut writer = Writer(String::with_capacity(256));
    value.serialize(&mut writer)?;
    Ok(writer.0)
}

/// JSON text being written.
struct Writer(String);

impl Writer {
    #[inline(never)]
    fn string(&mut self, s: &str) {
        self.0.push('"');
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..=0x1f => "",
                _ => continue,
            };
            self.0.push_str(&s[start..i]);
            if escape.is_empty() {
                let _ = write!(self.0, "\\u{:04x}", b);
            } else {
                self.0.push_str(escape);
            }
            start = i + 1;
        }
        self.0.push_str(&s[start..]);
        self.0.push('"');
    }

    fn integer(&mut self, n: impl Display) -> Result<(), Error> {
        let _ = write!(self.0, "{n}");
        Ok(())
    }
}

/// A float as `JSON.stringify` writes it for whole numbers (none of the engine's answers holds
/// another kind); `null` for NaN and the infinities, as `JSON.stringify` does; a fraction with
/// up to nine decimals otherwise.
fn float(out: &mut String, v: f64) {
    if !v.is_finite() {
        out.push_str("null");
        return;
    }
    if v < 0.0 {
        out.push('-');
    }
    let v = v.abs();
    if v < 9.0e15 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = v.trunc() as u64;
        let _ = write!(out, "{whole}");
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let mut fraction = ((v - v.trunc()) * 1e9).round() as u64;
        if fraction > 0 && fraction < 1_000_000_000 {
            let mut width = 9;
            while fraction.is_multiple_of(10) {
                fraction /= 10;
                width -= 1;
            }
            let _ = write!(out, ".{fraction:0width$}");
        }
    } else {
        // Beyond 2^53 a float is a whole number; written in full (JSON.parse reads it back).
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = v as u128;
        let _ = write!(out, "{whole}");
    }
}

/// An array or object being written.
struct Compound<'a> {
    writer: &'a mut Writer,
    first: bool,
    /// For a variant written as `{"Variant": …}`: the closing brace after the value.
    close_variant: bool,
}

impl Compound<'_> {
    /// A struct field's key, after a comma when it is not the first: out of line, since
    /// every field of every type written would otherwise carry its own copy.
    #[inline(never)]
    fn key(&mut self, key: &str) {
        self.comma();
        self.writer.string(key);
        self.writer.0.push(':');
    }

    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.writer.0.push(',');
        }
    }

    fn close(self, c: char) -> Result<(), Error> {
        self.writer.0.push(c);
        if self.close_variant {
            self.writer.0.push('}');
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        float(&mut self.0, f64::from(v));
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        float(&mut self.0, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = ser::Serializer::serialize_seq(self, Some(v.len()))?;
        for b in v {
            ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.0.push_str("null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.0.push('{');
        self.string(variant);
        self.0.push(':');
        value.serialize(&mut *self)?;
        self.0.push('}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.0.push('[');
        Ok(Compound {
            writer: self,
            first: true,
            close_variant: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.0.push('{');
        self.string(variant);
        self.0.push_str(":[");
        Ok(Compound {
            writer: self,
            first: true,
            close_variant: true,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.0.push('{');
        Ok(Compound {
            writer: self,
            first: true,
            close_variant: false,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.0.push('{');
        self.string(variant);
        self.0.push_str(":{");
        Ok(Compound {
            writer: self,
            first: true,
            close_variant: true,
        })
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.close(']')
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(']')
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(']')
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close(']')
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(KeyWriter(&mut *self.writer))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.writer.0.push(':');
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.close('}')
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.key(key);
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.close('}')
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close('}')
    }
}

/// A map key: a string, or an integer written as one (as JS object keys are).
struct KeyWriter<'a>(&'a mut Writer);

fn key_error() -> Error {
    error("a map key must be a string")
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.string(v);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        let _ = write!(self.0 .0, "\"{v}\"");
        Ok(())
    }
    fn serialize_bool(self, _v: bool) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_i8(self, _v: i8) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_i16(self, _v: i16) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_i32(self, _v: i32) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_i64(self, _v: i64) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_error())
    }
}
