//! The declarations of the spec's keys. Each key is declared once, next to the field it fills:
//! its key, type, default, documentation, bounds and the choices it accepts. The same
//! declarations drive the reader ([`super::load`]), the starter spec ([`super::starter`]) and
//! can be listed with [`Table::fields`] (for a schema of the spec).
//!
//! A table of the spec is declared with `table!`, which writes the struct, its reader and its
//! descriptor table:
//!
//! ```text
//! table! {
//!     /// The cluster itself.
//!     pub struct Cluster {
//!         /// Kubernetes name of the cluster.
//!         pub name: String = |f| f.required("\"trino\"").check(names::cluster_name),
//!         #[validate(range(min = 1, max = 65535, message = "a port is between 1 and 65535"))]
//!         /// The HTTP port.
//!         pub http_port: u32 = |f| f.default(8080),
//!     }
//! }
//! ```
//!
//! A field without `= ...` is an `Option` that may be left out. A fixed list of spellings is an
//! enum declared with `choice!`.

use std::fmt;
use std::marker::PhantomData;

use super::read::Found;

/// One spelling of a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    /// How it is written in the spec.
    pub name: &'static str,
    /// What it means (empty in builds without the `spec-docs` feature).
    pub doc: &'static str,
}

/// An enum read from one of a fixed list of spellings (declared with `choice!`).
pub trait Choice: Copy + 'static {
    /// Every spelling, in declaration order (the order of the enum's variants).
    const VARIANTS: &'static [Variant];
    /// What one value is called in messages: `storage`, `connector`.
    const NOUN: &'static str;
    /// Whether spellings are matched regardless of ASCII case (the enum is written in its
    /// canonical spelling).
    const IGNORE_CASE: bool;
    /// The position of this value in [`Choice::VARIANTS`].
    fn index(self) -> usize;
    /// The value at a position of [`Choice::VARIANTS`].
    fn from_index(index: usize) -> Self;
}

/// The keys of a table, for documentation and schemas.
#[derive(Clone, Copy)]
pub struct TableKind {
    /// The name of the struct that declares it (`Coordinator`, `CatalogTable`).
    pub name: &'static str,
    /// The table's documentation (empty in builds without the `spec-docs` feature).
    pub doc: &'static str,
    /// Its keys.
    pub fields: fn() -> Vec<Field>,
}

impl fmt::Debug for TableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TableKind")
            .field("name", &self.name)
            .field("doc", &self.doc)
            .finish_non_exhaustive()
    }
}

/// What a key holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A string.
    Text,
    /// `true` or `false`.
    Bool,
    /// A non-negative integer.
    Integer,
    /// A Kubernetes memory quantity: `"16Gi"`, or a number of bytes.
    Memory,
    /// A Kubernetes CPU quantity: `4`, `1.5` or `"500m"`.
    Cpu,
    /// The heap of a role: a percentage of its memory (`"80%"`) or a size (`"12Gi"`).
    Heap,
    /// A Trino data size (`"10GB"`) or a percentage of the heap (`"30%"`).
    HeapShare,
    /// A Trino data size: `"16GB"`.
    DataSize,
    /// An array of strings.
    Texts,
    /// A secret reference: `{ secret = "name", key = "key" }` or `{ env = "VAR" }`.
    Secret,
    /// Trino properties written as they are: names to strings, numbers, booleans or secret
    /// references.
    Properties,
    /// Names to strings.
    TextMap,
    /// One of a fixed list of spellings.
    Choice {
        /// What one value is called.
        noun: &'static str,
        /// The spellings.
        variants: &'static [Variant],
    },
    /// A table.
    Table(TableKind),
    /// An array of tables (`[[...]]`).
    Tables(TableKind),
    /// Tables by a name the spec chooses (`[catalogs.NAME]`).
    Named(TableKind),
}

/// When a key must be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Presence {
    /// It must be written (only for some values of the table's tag when [`Field::only`] is
    /// set).
    Required,
    /// It may be left out; this TOML value is then used.
    Default(String),
    /// It may be left out; it is then empty (or its table takes its own defaults).
    Empty,
    /// It may be left out, and then is not set.
    Optional,
}

/// The tag values a key applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Only {
    /// What a tag value is called (`connector`).
    pub noun: &'static str,
    /// The tag values.
    pub values: Vec<&'static str>,
}

/// The declaration of one key of a table.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key.
    pub key: &'static str,
    /// Its documentation, one line per doc-comment line (empty in builds without the
    /// `spec-docs` feature).
    pub doc: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// When it must be written.
    pub presence: Presence,
    /// A value to show in examples and in the starter spec, as TOML.
    pub example: Option<&'static str>,
    /// Examples for some values of the table's tag, when they differ from `example`.
    pub examples: Vec<(&'static str, &'static str)>,
    /// Inclusive bounds of an integer.
    pub bounds: Option<(i64, i64)>,
    /// The tag values it applies to, in a table whose other keys depend on a tag.
    pub only: Option<Only>,
    /// Whether this key is the tag of its table (`connector`, `storage`, `type`).
    pub is_tag: bool,
    /// Whether the starter spec writes it out (uncommented) when its table is written.
    pub shown: bool,
    /// Whether a choice also takes spellings outside its list (the catalog's `connector`
    /// takes any connector of the release, read as a generic catalog).
    pub open: bool,
}

impl Field {
    /// The documentation as lines without the leading space of doc comments.
    pub fn doc_lines(&self) -> impl Iterator<Item = &'static str> {
        doc_lines(self.doc)
    }

    /// The example for a value of the table's tag: its own, or the key's.
    pub fn example_for(&self, tag: Option<&str>) -> Option<&'static str> {
        tag.and_then(|t| self.examples.iter().find(|(v, _)| *v == t))
            .map(|(_, e)| *e)
            .or(self.example)
    }

    /// Whether the key applies when the table's tag is `tag`.
    pub fn applies_to(&self, tag: &str) -> bool {
        self.only.as_ref().is_none_or(|o| o.values.contains(&tag))
    }
}

/// The lines of a doc text as `table!` and `choice!` collect it.
pub fn doc_lines(doc: &'static str) -> impl Iterator<Item = &'static str> {
    doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l))
}

/// A table of the spec and its keys. Written by `table!`.
pub trait Table {
    /// The name of the struct that declares it.
    const NAME: &'static str;
    /// The table's documentation.
    const DOC: &'static str;
    /// Every key it may hold.
    const KEYS: &'static [&'static str];
    /// The declaration of every key, in order.
    fn fields() -> Vec<Field>;
}

/// A default value written in a declaration: a string, a number, a boolean or a choice.
pub(crate) trait Literal<T> {
    /// The value it gives the field.
    fn value(self) -> T;
    /// The value as TOML.
    fn toml(&self) -> String;
}

/// No default value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NoDefault {}

impl<T> Literal<T> for NoDefault {
    fn value(self) -> T {
        match self {}
    }
    fn toml(&self) -> String {
        match *self {}
    }
}

impl Literal<String> for &'static str {
    fn value(self) -> String {
        self.to_owned()
    }
    fn toml(&self) -> String {
        toml_string(self)
    }
}

impl Literal<u32> for u32 {
    fn value(self) -> u32 {
        self
    }
    fn toml(&self) -> String {
        self.to_string()
    }
}

impl Literal<bool> for bool {
    fn value(self) -> bool {
        self
    }
    fn toml(&self) -> String {
        self.to_string()
    }
}

/// A string as a TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Tag values as a bit set over a choice's variants.
#[derive(Clone, Copy)]
pub(crate) struct TagSet {
    pub(crate) noun: &'static str,
    pub(crate) variants: &'static [Variant],
    pub(crate) mask: u64,
}

impl TagSet {
    fn of<C: Choice>(tags: &[C]) -> Self {
        TagSet {
            noun: C::NOUN,
            variants: C::VARIANTS,
            mask: tags.iter().fold(0, |m, t| m | (1 << t.index())),
        }
    }

    pub(crate) fn contains(&self, index: usize) -> bool {
        self.mask & (1 << index) != 0
    }

    fn only(&self) -> Only {
        Only {
            noun: self.noun,
            values: self
                .variants
                .iter()
                .enumerate()
                .filter(|(i, _)| self.contains(*i))
                .map(|(_, v)| v.name)
                .collect(),
        }
    }
}

/// How a declaration reports a problem of a value it read.
pub(crate) type Check<T> = fn(&T, &mut Found<'_, '_>);

/// The declaration of one field, as written in `table!`: a builder that starts from
/// [`FieldDecl::new`] (an `Option` that may be left out).
pub(crate) struct FieldDecl<T, L = NoDefault> {
    pub(crate) required: bool,
    pub(crate) default: Option<L>,
    pub(crate) empty: Option<fn() -> T>,
    pub(crate) only: Option<TagSet>,
    pub(crate) example: Option<&'static str>,
    pub(crate) examples: Vec<(&'static str, &'static str)>,
    pub(crate) check: Option<Check<T>>,
    pub(crate) tag: Option<fn(&T) -> usize>,
    pub(crate) range: Option<Range<T>>,
    pub(crate) shown: bool,
    pub(crate) open: bool,
    _value: PhantomData<fn() -> T>,
}

/// Inclusive bounds of an integer field, checked with `validator`'s range rule as the field is
/// read: `(min, max, message, check)`.
pub(crate) type Range<T> = (i64, i64, &'static str, fn(&T, i64, i64) -> Option<String>);

/// An integer field that can have bounds.
pub(crate) trait Bounded {
    /// The value, when it lies outside `min..=max`.
    fn outside(&self, min: i64, max: i64) -> Option<String>;
}

impl Bounded for u32 {
    fn outside(&self, min: i64, max: i64) -> Option<String> {
        use validator::ValidateRange;
        let within = i64::from(*self).validate_range(Some(min), Some(max), None, None);
        (!within).then(|| self.to_string())
    }
}

impl<T: Bounded> Bounded for Option<T> {
    fn outside(&self, min: i64, max: i64) -> Option<String> {
        self.as_ref().and_then(|v| v.outside(min, max))
    }
}

impl<T> FieldDecl<T> {
    /// A key that may be left out; its field must then be an `Option`.
    pub(crate) fn new() -> Self {
        FieldDecl {
            required: false,
            default: None,
            empty: None,
            only: None,
            example: None,
            examples: Vec::new(),
            check: None,
            tag: None,
            range: None,
            shown: false,
            open: false,
            _value: PhantomData,
        }
    }

    /// Left out, the key takes `value`.
    pub(crate) fn default<L: Literal<T>>(self, value: L) -> FieldDecl<T, L> {
        FieldDecl {
            required: self.required,
            default: Some(value),
            empty: self.empty,
            only: self.only,
            example: self.example,
            examples: self.examples,
            check: self.check,
            tag: self.tag,
            range: self.range,
            shown: self.shown,
            open: self.open,
            _value: PhantomData,
        }
    }
}

impl<T, L> FieldDecl<T, L> {
    /// The key must be written; `example` (TOML) shows how.
    pub(crate) fn required(mut self, example: &'static str) -> Self {
        self.required = true;
        self.example = Some(example);
        self
    }

    /// The key applies to these values of the table's tag only, and must be written for
    /// them; `example` (TOML) shows how.
    pub(crate) fn required_for<C: Choice>(mut self, tags: &[C], example: &'static str) -> Self {
        self.required = true;
        self.only = Some(TagSet::of(tags));
        self.example = Some(example);
        self
    }

    /// The key applies to these values of the table's tag only.
    pub(crate) fn only<C: Choice>(mut self, tags: &[C]) -> Self {
        self.only = Some(TagSet::of(tags));
        self
    }

    /// A value (TOML) for examples and the starter spec.
    pub(crate) fn example(mut self, example: &'static str) -> Self {
        self.example = Some(example);
        self
    }

    /// The example for one value of the table's tag, when it differs from [`Self::example`].
    pub(crate) fn example_for<C: Choice>(mut self, tag: C, example: &'static str) -> Self {
        self.examples.push((C::VARIANTS[tag.index()].name, example));
        self
    }

    /// Left out, the field is empty (`T::default()`).
    pub(crate) fn or_default(mut self) -> Self
    where
        T: Default,
    {
        self.empty = Some(T::default);
        self
    }

    /// Checks the value once it is read (names, bounds that `validator` cannot express).
    pub(crate) fn check(mut self, check: Check<T>) -> Self {
        self.check = Some(check);
        self
    }

    /// This key is the table's tag: the keys declared after it may depend on its value.
    pub(crate) fn tag(mut self) -> Self
    where
        T: Choice,
    {
        self.tag = Some(|t: &T| t.index());
        self
    }

    /// Bounds of the value; `table!` adds them from the field's `validator` range.
    pub(crate) fn range(mut self, min: i64, max: i64, message: &'static str) -> Self
    where
        T: Bounded,
    {
        self.range = Some((min, max, message, T::outside));
        self
    }

    /// The choice also takes spellings outside its list, which another reader takes (the
    /// schema then accepts any string).
    pub(crate) fn open(mut self) -> Self {
        self.open = true;
        self
    }

    /// The starter spec writes this key out when it writes its table.
    pub(crate) fn shown(mut self) -> Self {
        self.shown = true;
        self
    }
}

impl<T: super::read::FieldValue, L: Literal<T>> FieldDecl<T, L> {
    /// The descriptor of the declared key.
    pub(crate) fn describe(&self, key: &'static str, doc: &'static str) -> Field {
        let presence = if self.required {
            Presence::Required
        } else if !T::OPTIONAL && self.default.is_none() && self.empty.is_none() {
            // A plain value without a default must be written.
            Presence::Required
        } else if let Some(d) = &self.default {
            Presence::Default(d.toml())
        } else if self.empty.is_some() {
            Presence::Empty
        } else {
            Presence::Optional
        };
        Field {
            key,
            doc,
            kind: T::KIND,
            presence,
            example: self.example,
            examples: self.examples.clone(),
            bounds: self.range.map(|(min, max, ..)| (min, max)),
            only: self.only.as_ref().map(TagSet::only),
            is_tag: self.tag.is_some(),
            shown: self.shown,
            open: self.open,
        }
    }
}

/// Applies a declaration's builder to the plain declaration (used by `table!`).
pub(crate) fn apply<T, L>(
    base: FieldDecl<T>,
    build: impl FnOnce(FieldDecl<T>) -> FieldDecl<T, L>,
) -> FieldDecl<T, L> {
    build(base)
}

/// The documentation of a key, a table or an enum value: `trinocfg init`'s starter prints it.
/// Builds without the `spec-docs` feature (the browser playground) leave it out.
#[cfg(feature = "spec-docs")]
macro_rules! spec_doc {
    ($text:expr) => {
        $text
    };
}
#[cfg(not(feature = "spec-docs"))]
macro_rules! spec_doc {
    ($text:expr) => {
        ""
    };
}
pub(crate) use spec_doc;

/// Declares an enum read from a fixed list of spellings. `ignore_case` after the noun matches
/// spellings regardless of ASCII case.
macro_rules! choice {
    (
        $(#[doc = $doc:literal])*
        $vis:vis enum $name:ident ($noun:literal $(, $ignore_case:ident)?) {
            $( $(#[doc = $vdoc:literal])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[doc = $vdoc])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling in the spec (and in Trino's files).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl $crate::spec::decl::Choice for $name {
            const VARIANTS: &'static [$crate::spec::decl::Variant] = &[
                $($crate::spec::decl::Variant { name: $text, doc: $crate::spec::decl::spec_doc!(concat!($($vdoc, "\n"),*)) },)+
            ];
            const NOUN: &'static str = $noun;
            const IGNORE_CASE: bool = $crate::spec::decl::choice!(@ignore_case $($ignore_case)?);
            fn index(self) -> usize {
                self as usize
            }
            fn from_index(index: usize) -> Self {
                $name::ALL[index]
            }
        }

        impl $crate::spec::decl::Literal<$name> for $name {
            fn value(self) -> $name {
                self
            }
            fn toml(&self) -> String {
                $crate::spec::decl::toml_string(self.as_str())
            }
        }

        impl $crate::spec::read::FieldValue for $name {
            const KIND: $crate::spec::decl::Kind = $crate::spec::decl::Kind::Choice {
                noun: $noun,
                variants: <$name as $crate::spec::decl::Choice>::VARIANTS,
            };
            fn read(
                at: &$crate::spec::read::At<'_>,
                cx: &mut $crate::spec::read::Cx<'_>,
            ) -> Option<Self> {
                $crate::spec::read::read_choice::<$name>(at, cx)
            }
        }
    };
    (@ignore_case) => { false };
    (@ignore_case ignore_case) => { true };
}
pub(crate) use choice;

/// Declares a table of the spec: the struct, its descriptor table and its reader.
///
/// Attributes, in this order: doc comments, `#[derive(...)]` for extra derives,
/// `#[check(path)]` for a rule over the whole table once it is read. On fields: doc comments,
/// `#[key = "..."]` when the key is not the field name, and a `validator` range. The range is
/// both derived (`validator::Validate` on the struct) and checked by the reader as the field
/// is read, so that it is reported even when another key of the table is wrong.
macro_rules! table {
    (
        $(#[doc = $doc:literal])*
        $(#[derive($($derive:path),+)])?
        $(#[check($check:path)])?
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                $(#[key = $key:literal])?
                $(#[validate(range(min = $min:literal, max = $max:literal, message = $msg:literal))])?
                pub $field:ident : $ty:ty $(= $decl:expr)?
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, validator::Validate $($(, $derive)+)?)]
        $vis struct $name {
            $(
                $(#[doc = $fdoc])*
                $(#[validate(range(min = $min, max = $max, message = $msg))])?
                pub $field: $ty,
            )*
        }

        impl $crate::spec::decl::Table for $name {
            const NAME: &'static str = stringify!($name);
            const DOC: &'static str = $crate::spec::decl::spec_doc!(concat!($($doc, "\n"),*));
            const KEYS: &'static [&'static str] = &[
                $($crate::spec::decl::table!(@key $field $($key)?),)*
            ];

            // A declaration reads `|f| f.or_default()`, even where a method path would do.
            #[allow(clippy::redundant_closure_for_method_calls)]
            fn fields() -> Vec<$crate::spec::decl::Field> {
                vec![$(
                    $crate::spec::decl::table!(@decl $ty $(, $decl)?)
                        $(.range($min, $max, $msg))?
                        .describe(
                            $crate::spec::decl::table!(@key $field $($key)?),
                            $crate::spec::decl::spec_doc!(concat!($($fdoc, "\n"),*)),
                        ),
                )*]
            }
        }

        impl $crate::spec::read::ReadTable for $name {
            #[allow(clippy::redundant_closure_for_method_calls)]
            fn read_fields(
                t: &mut $crate::spec::read::TableReader<'_, '_, '_>,
            ) -> Option<Self> {
                $(
                    let $field = t.field(
                        $crate::spec::decl::table!(@key $field $($key)?),
                        $crate::spec::decl::table!(@decl $ty $(, $decl)?)
                            $(.range($min, $max, $msg))?,
                    );
                )*
                // One match of every field at once: a missing value drops what was read in
                // one place, not at each key.
                let value = match ($($field,)*) {
                    ($(Some($field),)*) => $name { $($field,)* },
                    _ => return None,
                };
                $( $check(&value, &mut t.found()); )?
                Some(value)
            }
        }

        impl $crate::spec::read::FieldValue for $name {
            const KIND: $crate::spec::decl::Kind =
                $crate::spec::decl::Kind::Table($crate::spec::decl::TableKind {
                    name: <$name as $crate::spec::decl::Table>::NAME,
                    doc: <$name as $crate::spec::decl::Table>::DOC,
                    fields: <$name as $crate::spec::decl::Table>::fields,
                });
            fn read(
                at: &$crate::spec::read::At<'_>,
                cx: &mut $crate::spec::read::Cx<'_>,
            ) -> Option<Self> {
                $crate::spec::read::read_table::<$name>(at, cx)
            }
        }
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident $key:literal) => { $key };
    (@decl $ty:ty) => { $crate::spec::decl::FieldDecl::<$ty>::new() };
    (@decl $ty:ty, $decl:expr) => {
        $crate::spec::decl::apply($crate::spec::decl::FieldDecl::<$ty>::new(), $decl)
    };
}
pub(crate) use table;
