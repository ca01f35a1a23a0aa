//! Go values, as Podman's `--format` templates see them.
//!
//! Podman executes templates over its Go structs: a template names Go fields
//! (`{{.ID}}`, `{{.Host.Arch}}`), while `--format json` and `inspect` print
//! the same structs through their JSON tags (`"Id"`, `"host"`/`"arch"`).
//! berth keeps its documents as JSON. A [`GoStruct`] table per Podman type
//! (`podman_types.rs`) says, for every Go field, its JSON key and its Go
//! type, and [`GoValue::from_json`] builds the value a template sees from a
//! document: every field of the Go struct, typed (the zero value where berth
//! writes no key), so that it prints ([`GoValue::print`]), marshals
//! ([`GoValue::to_json`]) and fails ([`GoValue::field_error`]) the way Go's
//! `text/template`, `fmt` and `encoding/json` do with Podman's struct. Rows
//! that exist only for templates (Podman's `imageReporter`, `psReporter`, ...)
//! are built from JSON keyed by Go field name instead ([`Keys::Go`]); their
//! methods are fields without a JSON key ([`GoField::method`]).
//!
//! For gtmpl, a struct becomes an object (so an unknown field is an error)
//! carrying its Go type name, its printed form and its JSON under keys no
//! template can name ([`HIDDEN_TYPE`], ...); `format.rs` uses them to print
//! values, for the `json` function and in error messages.

use std::collections::BTreeMap;

use gtmpl::Value as TValue;
use serde_json::Value as JValue;

use super::json_number_to_gtmpl;
use crate::cli::units::format_go_g;

/// The Go type name of a struct value (`define.HostInfo`, `*v1.ImageConfig`).
pub const HIDDEN_TYPE: &str = "\u{0}type";
/// How the value prints on its own (`{{.Config}}`: `{user [env] ...}`).
pub const HIDDEN_PRINT: &str = "\u{0}print";
/// How it prints inside a list or a map (a pointer prints as an address).
pub const HIDDEN_NESTED: &str = "\u{0}nested";
/// Its JSON, compact (the `json` template function).
pub const HIDDEN_JSON: &str = "\u{0}json";

/// A Go type, as far as templates can tell types apart.
#[derive(Debug, Clone, Copy)]
pub enum GoType {
    Bool,
    /// Any integer type, by its Go name (`int`, `int64`, `uint16`, `time.Duration`).
    Int(&'static str),
    /// `float64`.
    Float(&'static str),
    /// `string` or a named string type (`digest.Digest`).
    String(&'static str),
    /// `time.Time`: prints as `2006-01-02 15:04:05.999999999 +0000 UTC`,
    /// marshals as RFC 3339.
    Time,
    /// `struct{}` (the values of Podman's `map[string]struct{}` sets).
    Empty,
    /// `interface{}`: the value's own type is taken from the JSON.
    Any,
    Struct(&'static GoStruct),
    Ptr(&'static GoType),
    Slice(&'static GoType),
    /// `map[string]T`.
    Map(&'static GoType),
}

pub const BOOL: GoType = GoType::Bool;
pub const INT: GoType = GoType::Int("int");
pub const INT64: GoType = GoType::Int("int64");
pub const FLOAT64: GoType = GoType::Float("float64");
pub const STRING: GoType = GoType::String("string");
pub const TIME: GoType = GoType::Time;
pub const EMPTY: GoType = GoType::Empty;
pub const ANY: GoType = GoType::Any;
pub const STRINGS: GoType = GoType::Slice(&STRING);
pub const STRING_MAP: GoType = GoType::Map(&STRING);

impl GoType {
    /// The type as Go's reflect spells it (`*define.HostInfo`, `[]string`,
    /// `map[string]string`, `interface {}`).
    pub fn go_name(&self) -> String {
        match self {
            GoType::Bool => "bool".into(),
            GoType::Int(name) | GoType::Float(name) | GoType::String(name) => (*name).into(),
            GoType::Time => "time.Time".into(),
            GoType::Empty => "struct {}".into(),
            GoType::Any => "interface {}".into(),
            GoType::Struct(s) => s.name.into(),
            GoType::Ptr(t) => format!("*{}", t.go_name()),
            GoType::Slice(t) => format!("[]{}", t.go_name()),
            GoType::Map(t) => format!("map[string]{}", t.go_name()),
        }
    }

    /// The struct this type is or points to.
    fn as_struct(&self) -> Option<&'static GoStruct> {
        match self {
            GoType::Struct(s) => Some(s),
            GoType::Ptr(GoType::Struct(s)) => Some(s),
            _ => None,
        }
    }
}

/// A Go struct type: its name (`define.HostInfo`) and fields in declaration
/// order (embedded structs flattened, as JSON and templates see them).
#[derive(Debug)]
pub struct GoStruct {
    pub name: &'static str,
    pub fields: &'static [GoField],
}

impl GoStruct {
    fn field(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// The names of the struct's fields (not of its methods, unless one
    /// hides a field): what Podman's `report.Headers` makes column headers of.
    pub fn header_fields(&self) -> impl Iterator<Item = &'static str> {
        self.fields
            .iter()
            .filter(|f| f.kind != FieldKind::Method)
            .map(|f| f.name)
    }
}

/// One field of a [`GoStruct`].
#[derive(Debug)]
pub struct GoField {
    /// The Go name templates use.
    pub name: &'static str,
    /// The JSON key; `None` for a method.
    pub json: Option<&'static str>,
    /// `json:",omitempty"`.
    pub omitempty: bool,
    pub ty: GoType,
    pub kind: FieldKind,
}

/// What a template name of a struct is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Field,
    Method,
    /// A method hiding a field of an embedded struct with its name: templates
    /// call the method, but the struct has a field of that name.
    MethodOverField,
}

impl GoField {
    pub const fn new(name: &'static str, json: &'static str, ty: GoType) -> GoField {
        GoField {
            name,
            json: Some(json),
            omitempty: false,
            ty,
            kind: FieldKind::Field,
        }
    }

    pub const fn omitempty(name: &'static str, json: &'static str, ty: GoType) -> GoField {
        GoField {
            name,
            json: Some(json),
            omitempty: true,
            ty,
            kind: FieldKind::Field,
        }
    }

    /// A method templates can call like a field (Podman's reporters'
    /// `CreatedSince()`, ...): neither printed with the struct nor marshalled.
    pub const fn method(name: &'static str, ty: GoType) -> GoField {
        GoField {
            name,
            json: None,
            omitempty: false,
            ty,
            kind: FieldKind::Method,
        }
    }

    /// A method hiding an embedded field of its name (a reporter's `ID()`
    /// over the summary's `ID`): called by templates, a column header.
    pub const fn method_over_field(name: &'static str, ty: GoType) -> GoField {
        GoField {
            kind: FieldKind::MethodOverField,
            ..GoField::method(name, ty)
        }
    }
}

/// Which keys a JSON object's fields are found under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// The JSON tags: a document berth prints as JSON too (inspect, info).
    Json,
    /// The Go field names (methods included): rows built for templates only.
    Go,
}

/// A typed Go value.
#[derive(Debug, Clone)]
pub struct GoValue {
    ty: GoType,
    data: Data,
}

#[derive(Debug, Clone)]
enum Data {
    /// A nil pointer, slice, map or interface.
    Nil,
    Bool(bool),
    Number(serde_json::Number),
    Str(String),
    /// A time, as RFC 3339 text.
    Time(String),
    Empty,
    Items(Vec<GoValue>),
    Entries(BTreeMap<String, GoValue>),
    /// A struct (or a non-nil pointer to one): the values of its fields.
    Fields(Vec<GoValue>),
    /// A non-nil `interface{}`: the dynamic value.
    Boxed(Box<GoValue>),
}

/// Go's zero time, as JSON writes it.
const ZERO_TIME: &str = "0001-01-01T00:00:00Z";

impl GoValue {
    /// The value of type `ty` that `json` (found under `keys`) describes;
    /// missing or `null` parts are Go's zero values.
    pub fn from_json(ty: GoType, json: Option<&JValue>, keys: Keys) -> GoValue {
        let json = json.filter(|v| !v.is_null());
        let data = match ty {
            GoType::Bool => Data::Bool(json.and_then(JValue::as_bool).unwrap_or(false)),
            GoType::Int(_) | GoType::Float(_) => Data::Number(match json {
                Some(JValue::Number(n)) => n.clone(),
                _ => 0.into(),
            }),
            GoType::String(_) => Data::Str(match json {
                Some(JValue::String(s)) => s.clone(),
                Some(JValue::Number(n)) => n.to_string(),
                Some(JValue::Bool(b)) => b.to_string(),
                _ => String::new(),
            }),
            GoType::Time => Data::Time(
                json.and_then(JValue::as_str)
                    .unwrap_or(ZERO_TIME)
                    .to_string(),
            ),
            GoType::Empty => Data::Empty,
            GoType::Any => match json {
                None => Data::Nil,
                Some(v) => Data::Boxed(Box::new(GoValue::dynamic(v))),
            },
            GoType::Struct(s) => Data::Fields(struct_fields(s, json, keys)),
            GoType::Ptr(inner) => match json {
                None => Data::Nil,
                Some(v) => GoValue::from_json(*inner, Some(v), keys).data,
            },
            GoType::Slice(elem) => match json {
                Some(JValue::Array(items)) => Data::Items(
                    items
                        .iter()
                        .map(|v| GoValue::from_json(*elem, Some(v), keys))
                        .collect(),
                ),
                _ => Data::Nil,
            },
            GoType::Map(elem) => match json {
                Some(JValue::Object(map)) => Data::Entries(
                    map.iter()
                        .map(|(k, v)| (k.clone(), GoValue::from_json(*elem, Some(v), keys)))
                        .collect(),
                ),
                _ => Data::Nil,
            },
        };
        GoValue { ty, data }
    }

    /// `v` held in an `interface{}` (what Podman's inspect ranges over).
    pub fn interface(v: GoValue) -> GoValue {
        GoValue {
            ty: GoType::Any,
            data: Data::Boxed(Box::new(v)),
        }
    }

    /// A JSON value as Go's `interface{}` would hold it natively.
    fn dynamic(v: &JValue) -> GoValue {
        match v {
            JValue::Null => GoValue {
                ty: GoType::Any,
                data: Data::Nil,
            },
            JValue::Bool(b) => GoValue {
                ty: GoType::Bool,
                data: Data::Bool(*b),
            },
            JValue::Number(n) => GoValue {
                ty: if n.is_f64() { FLOAT64 } else { INT },
                data: Data::Number(n.clone()),
            },
            JValue::String(s) => GoValue {
                ty: STRING,
                data: Data::Str(s.clone()),
            },
            JValue::Array(_) => GoValue::from_json(GoType::Slice(&ANY), Some(v), Keys::Json),
            JValue::Object(_) => GoValue::from_json(GoType::Map(&ANY), Some(v), Keys::Json),
        }
    }

    /// A field of this struct by its Go name (through pointers and interfaces).
    pub fn field(&self, name: &str) -> Option<&GoValue> {
        match &self.data {
            Data::Boxed(inner) => inner.field(name),
            Data::Fields(values) => values.get(self.ty.as_struct()?.field(name)?),
            _ => None,
        }
    }

    /// The text of a string value.
    #[cfg(test)]
    pub fn as_str(&self) -> Option<&str> {
        match &self.data {
            Data::Str(s) => Some(s),
            Data::Boxed(inner) => inner.as_str(),
            _ => None,
        }
    }

    /// Go's `encoding/json` of the value: struct fields under their JSON
    /// keys in declaration order (`omitempty` and methods left out), map
    /// keys sorted, nil pointers, slices and maps as `null`.
    pub fn to_json(&self) -> JValue {
        match &self.data {
            Data::Nil => JValue::Null,
            Data::Bool(b) => JValue::Bool(*b),
            Data::Number(n) => JValue::Number(n.clone()),
            Data::Str(s) | Data::Time(s) => JValue::String(s.clone()),
            Data::Empty => JValue::Object(serde_json::Map::new()),
            Data::Items(items) => JValue::Array(items.iter().map(GoValue::to_json).collect()),
            Data::Entries(entries) => JValue::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_json()))
                    .collect(),
            ),
            Data::Fields(values) => {
                let mut object = serde_json::Map::new();
                let fields = self.ty.as_struct().map_or(&[][..], |s| s.fields);
                for (field, value) in fields.iter().zip(values) {
                    let Some(key) = field.json else { continue };
                    if field.omitempty && value.is_empty() {
                        continue;
                    }
                    object.insert(key.to_string(), value.to_json());
                }
                JValue::Object(object)
            }
            Data::Boxed(inner) => inner.to_json(),
        }
    }

    /// Whether `omitempty` leaves the value out (false, 0, "", nil, empty
    /// list or map; never a struct).
    fn is_empty(&self) -> bool {
        match &self.data {
            Data::Nil => true,
            Data::Bool(b) => !b,
            Data::Number(n) => n.as_f64() == Some(0.0),
            Data::Str(s) => s.is_empty(),
            Data::Items(items) => items.is_empty(),
            Data::Entries(entries) => entries.is_empty(),
            Data::Time(_) | Data::Empty | Data::Fields(_) | Data::Boxed(_) => false,
        }
    }

    /// The value as a template action prints it (`text/template` dereferences
    /// a pointer, then `fmt.Print`): `{a [b c] map[k:v]}` for a struct.
    pub fn print(&self) -> String {
        let mut printer = Printer::default();
        match (&self.data, self.ty) {
            (Data::Boxed(inner), _) if matches!(inner.data, Data::Fields(_)) => {
                // fmt prints a pointer to a struct at the top as &{...}
                let amp = if matches!(inner.ty, GoType::Ptr(_)) {
                    "&"
                } else {
                    ""
                };
                format!("{amp}{}", printer.fields(inner))
            }
            _ => printer.value(self, 0),
        }
    }

    /// How the value prints inside a list, map or struct.
    fn print_nested(&self) -> String {
        Printer::default().value(self, 1)
    }

    /// Like [`GoValue::to_gtmpl`] for a row whose template never uses dot
    /// itself, only the fields `wanted`: the struct's own hidden renderings
    /// (how it prints, as JSON) and the fields the template never names are
    /// left out (gtmpl copies dot's map at each action: full `ps` rows made
    /// a listing of 1000 containers three times slower).
    pub fn to_gtmpl_fields(&self, wanted: &std::collections::HashSet<&str>) -> TValue {
        match (&self.data, self.ty.as_struct()) {
            (Data::Fields(values), Some(s)) => TValue::Object(
                s.fields
                    .iter()
                    .zip(values)
                    .filter(|(field, _)| wanted.contains(field.name))
                    .map(|(field, value)| (field.name.to_string(), value.to_gtmpl()))
                    .chain([(HIDDEN_TYPE.into(), TValue::String(self.ty.go_name()))])
                    .collect(),
            ),
            _ => self.to_gtmpl(),
        }
    }

    /// The template value gtmpl executes on.
    pub fn to_gtmpl(&self) -> TValue {
        match &self.data {
            Data::Nil => match self.ty {
                GoType::Slice(_) => TValue::Array(Vec::new()),
                GoType::Map(_) => TValue::Map(Default::default()),
                _ => TValue::Nil,
            },
            Data::Bool(b) => TValue::Bool(*b),
            Data::Number(n) => json_number_to_gtmpl(n),
            Data::Str(s) => TValue::String(s.clone()),
            Data::Items(items) => TValue::Array(items.iter().map(GoValue::to_gtmpl).collect()),
            Data::Entries(entries) => TValue::Map(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_gtmpl()))
                    .collect(),
            ),
            Data::Boxed(inner) => inner.to_gtmpl(),
            Data::Time(_) | Data::Empty | Data::Fields(_) => {
                let mut object = std::collections::HashMap::new();
                if let (Data::Fields(values), Some(s)) = (&self.data, self.ty.as_struct()) {
                    for (field, value) in s.fields.iter().zip(values) {
                        object.insert(field.name.to_string(), value.to_gtmpl());
                    }
                }
                object.insert(HIDDEN_TYPE.into(), TValue::String(self.ty.go_name()));
                object.insert(HIDDEN_PRINT.into(), TValue::String(self.print()));
                object.insert(HIDDEN_NESTED.into(), TValue::String(self.print_nested()));
                object.insert(
                    HIDDEN_JSON.into(),
                    TValue::String(self.to_json().to_string()),
                );
                TValue::Object(object)
            }
        }
    }

    /// Go's error for evaluating the field chain `idents` (`.Host.Foo` is
    /// `["Host", "Foo"]`) on this value, or `None` if it evaluates.
    /// As `text/template`'s `evalField`: an unknown field is
    /// `can't evaluate field Foo in type *define.HostInfo` (the type the
    /// value has before pointers and interfaces are followed); a field of a
    /// nil pointer is `nil pointer evaluating *define.Version.Version`; a
    /// missing map key gives no value, whose fields are no values too.
    pub fn field_error(&self, idents: &[&str]) -> Option<String> {
        let mut current = self;
        for ident in idents {
            let type_name = current.ty.go_name();
            let (target, is_nil) = current.indirect();
            match (&target.data, target.ty) {
                (Data::Fields(values), _) => {
                    let index = target.ty.as_struct().and_then(|s| s.field(ident));
                    match index.and_then(|i| values.get(i)) {
                        Some(value) => current = value,
                        None => {
                            return Some(format!(
                                "can't evaluate field {ident} in type {type_name}"
                            ))
                        }
                    }
                }
                (Data::Entries(entries), _) => match entries.get(*ident) {
                    Some(value) => current = value,
                    None => return None,
                },
                (Data::Nil, GoType::Map(_)) => return None,
                (Data::Nil, GoType::Any) if is_nil => {
                    return Some(format!("nil pointer evaluating {type_name}.{ident}"))
                }
                (Data::Nil, GoType::Ptr(GoType::Struct(s))) if s.field(ident).is_some() => {
                    return Some(format!("nil pointer evaluating {type_name}.{ident}"))
                }
                _ => return Some(format!("can't evaluate field {ident} in type {type_name}")),
            }
        }
        None
    }

    /// Go's `indirect`: through interfaces to the value held; whether it is nil.
    fn indirect(&self) -> (&GoValue, bool) {
        match &self.data {
            Data::Boxed(inner) => inner.indirect(),
            Data::Nil => (self, matches!(self.ty, GoType::Ptr(_) | GoType::Any)),
            _ => (self, false),
        }
    }
}

fn struct_fields(s: &'static GoStruct, json: Option<&JValue>, keys: Keys) -> Vec<GoValue> {
    let object = json.and_then(JValue::as_object);
    s.fields
        .iter()
        .map(|field| {
            let key = match keys {
                Keys::Json => field.json,
                Keys::Go => Some(field.name),
            };
            let value = key.and_then(|k| object.and_then(|o| o.get(k)));
            GoValue::from_json(field.ty, value, keys)
        })
        .collect()
}

/// Go's `fmt` `%v`, nested values included.
#[derive(Default)]
struct Printer {
    /// Pointers printed so far (each gets an address of its own).
    pointers: u64,
}

impl Printer {
    /// `depth` 0 is the value printed itself; pointers inside print as
    /// addresses, as fmt prints them.
    fn value(&mut self, v: &GoValue, depth: usize) -> String {
        match &v.data {
            Data::Nil => match v.ty {
                GoType::Slice(_) => "[]".into(),
                GoType::Map(_) => "map[]".into(),
                _ => "<nil>".into(),
            },
            Data::Bool(b) => b.to_string(),
            Data::Number(n) => print_number(n, v.ty),
            Data::Str(s) => {
                if depth > 0 && matches!(v.ty, GoType::Ptr(_)) {
                    self.address()
                } else {
                    s.clone()
                }
            }
            Data::Time(text) => go_time_string(text),
            Data::Empty => "{}".into(),
            Data::Items(items) => {
                let parts: Vec<String> = items.iter().map(|i| self.value(i, depth + 1)).collect();
                format!("[{}]", parts.join(" "))
            }
            Data::Entries(entries) => {
                let parts: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}:{}", self.value(v, depth + 1)))
                    .collect();
                format!("map[{}]", parts.join(" "))
            }
            Data::Fields(_) => {
                if depth > 0 && matches!(v.ty, GoType::Ptr(_)) {
                    self.address()
                } else {
                    self.fields(v)
                }
            }
            Data::Boxed(inner) => self.value(inner, depth + 1),
        }
    }

    fn fields(&mut self, v: &GoValue) -> String {
        let (Data::Fields(values), Some(s)) = (&v.data, v.ty.as_struct()) else {
            return self.value(v, 0);
        };
        // Methods are not fields: fmt does not print them.
        let parts: Vec<String> = s
            .fields
            .iter()
            .zip(values)
            .filter(|(field, _)| field.json.is_some())
            .map(|(_, value)| self.value(value, 1))
            .collect();
        format!("{{{}}}", parts.join(" "))
    }

    /// A pointer inside a printed value: Go prints its address.
    fn address(&mut self) -> String {
        self.pointers += 1;
        format!("0xc000{:06x}", 0x10000 + self.pointers * 0x80)
    }
}

fn print_number(n: &serde_json::Number, ty: GoType) -> String {
    match (ty, n.as_f64()) {
        (GoType::Float(_), Some(f)) => format_go_g(f, None),
        _ if n.is_f64() => format_go_g(n.as_f64().unwrap_or(0.0), None),
        _ => n.to_string(),
    }
}

/// Go's `time.Time.String()` of an RFC 3339 time:
/// `2006-01-02 15:04:05.999999999 -0700 MST`. A UTC time's zone is `UTC`;
/// another offset has no zone name and prints the offset twice, as Go's
/// `time.Parse` leaves it.
pub fn go_time_string(rfc3339: &str) -> String {
    let Ok(t) = chrono::DateTime::parse_from_rfc3339(rfc3339) else {
        return rfc3339.to_string();
    };
    let offset = t.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let zone = format!(
        "{sign}{:02}{:02}",
        offset.abs() / 3600,
        offset.abs() % 3600 / 60
    );
    let name = if offset == 0 {
        "UTC".to_string()
    } else {
        zone.clone()
    };
    format!(
        "{}{} {zone} {name}",
        t.format("%Y-%m-%d %H:%M:%S"),
        crate::sys::time::go_fraction(t.timestamp_subsec_nanos())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const INNER: GoStruct = GoStruct {
        name: "pkg.Inner",
        fields: &[
            GoField::new("Name", "name", STRING),
            GoField::omitempty("Tags", "tags", STRINGS),
        ],
    };
    const OUTER: GoStruct = GoStruct {
        name: "pkg.Outer",
        fields: &[
            GoField::new("ID", "Id", STRING),
            GoField::new("Size", "Size", INT64),
            GoField::new("Inner", "inner", GoType::Ptr(&GoType::Struct(&INNER))),
            GoField::new("Value", "value", GoType::Struct(&INNER)),
            GoField::new("Missing", "missing", GoType::Ptr(&GoType::Struct(&INNER))),
            GoField::new("Labels", "Labels", STRING_MAP),
            GoField::new("Created", "Created", TIME),
            GoField::new("Ratio", "ratio", FLOAT64),
            GoField::method("Short", STRING),
        ],
    };

    fn outer() -> GoValue {
        GoValue::from_json(
            GoType::Struct(&OUTER),
            Some(
                &json!({"Id": "abc", "Size": 5, "inner": {"name": "n", "tags": ["a", "b"]},
                         "Labels": {"b": "2", "a": "1"}, "Created": "2022-06-15T12:34:56.5Z",
                         "ratio": 1000000.0, "Extra": true}),
            ),
            Keys::Json,
        )
    }

    #[test]
    fn fields_are_go_names_with_zero_values() {
        let v = outer();
        assert_eq!(v.field("ID").and_then(GoValue::as_str), Some("abc"));
        assert!(v.field("Id").is_none());
        assert!(v.field("Extra").is_none());
        assert_eq!(v.field("Short").and_then(GoValue::as_str), Some(""));
        assert_eq!(
            v.field("Value").unwrap().field("Name").unwrap().as_str(),
            Some("")
        );
    }

    #[test]
    fn prints_like_fmt() {
        let v = outer();
        assert_eq!(
            v.print(),
            "{abc 5 0xc000010080 { []} <nil> map[a:1 b:2] 2022-06-15 12:34:56.5 +0000 UTC 1e+06}"
        );
        assert_eq!(v.field("Inner").unwrap().print(), "{n [a b]}");
        assert_eq!(
            GoValue::interface(v.clone()).print().chars().next(),
            Some('{')
        );
        let ptr = GoValue::from_json(
            GoType::Ptr(&GoType::Struct(&INNER)),
            Some(&json!({"name": "x"})),
            Keys::Json,
        );
        assert_eq!(GoValue::interface(ptr).print(), "&{x []}");
        assert_eq!(
            go_time_string("2022-06-15T12:34:56-06:00"),
            "2022-06-15 12:34:56 -0600 -0600"
        );
        assert_eq!(
            go_time_string("0001-01-01T00:00:00Z"),
            "0001-01-01 00:00:00 +0000 UTC"
        );
    }

    #[test]
    fn marshals_like_encoding_json() {
        assert_eq!(
            outer().to_json().to_string(),
            r#"{"Id":"abc","Size":5,"inner":{"name":"n","tags":["a","b"]},"value":{"name":""},"missing":null,"Labels":{"a":"1","b":"2"},"Created":"2022-06-15T12:34:56.5Z","ratio":1000000.0}"#
        );
    }

    #[test]
    fn field_errors_read_like_text_template() {
        let v = outer();
        assert_eq!(v.field_error(&["ID"]), None);
        assert_eq!(
            v.field_error(&["Foo"]).as_deref(),
            Some("can't evaluate field Foo in type pkg.Outer")
        );
        assert_eq!(
            v.field_error(&["Inner", "Foo"]).as_deref(),
            Some("can't evaluate field Foo in type *pkg.Inner")
        );
        assert_eq!(
            v.field_error(&["Missing", "Name"]).as_deref(),
            Some("nil pointer evaluating *pkg.Inner.Name")
        );
        assert_eq!(
            v.field_error(&["ID", "X"]).as_deref(),
            Some("can't evaluate field X in type string")
        );
        assert_eq!(v.field_error(&["Labels", "nope", "deeper"]), None);
        assert_eq!(
            GoValue::interface(v).field_error(&["Foo"]).as_deref(),
            Some("can't evaluate field Foo in type interface {}")
        );
    }

    #[test]
    fn rows_are_keyed_by_go_name() {
        let v = GoValue::from_json(
            GoType::Struct(&OUTER),
            Some(&json!({"ID": "x", "Short": "s", "Id": "ignored"})),
            Keys::Go,
        );
        assert_eq!(v.field("ID").and_then(GoValue::as_str), Some("x"));
        assert_eq!(v.field("Short").and_then(GoValue::as_str), Some("s"));
        // methods are not marshalled
        assert!(v.to_json().get("Short").is_none());
    }
}
