//! JSON values a schema accepts, made to exercise a generated SDK's decoding: every property,
//! only the required ones, nulls wherever the document allows them, each member of a union, an
//! unknown field, and numbers and strings at their awkward edges.
//!
//! A schema is first seen as a [`Shape`]: its `$ref`s followed and its `allOf` parts merged, with
//! the unions it holds set aside. A value is then made from the shape once each union has had one
//! member merged in — the first that can be made, or at the root the member asked for.
//!
//! Values keep to the limits a strict validator enforces (bounds, `multipleOf`, lengths, item
//! counts), to `pattern` where it is simple enough to make a match of and no known `format` gives
//! the text, and to `not`: an object whose `not` lists required
//! properties ("not both `a` and `b`") leaves one of them out, as it leaves out the properties of
//! a `oneOf`'s other required-only members ("exactly one of"). [`request_value`] picks the
//! instance to send to a server.

use super::limits::{same, Limits};
use super::pattern::matching;
use super::validate::validates;
use super::{follow, is_null_only, may_be_null, MAX_HOPS};
use sdksmith::spec::{lookup, Discriminator, Document, Schema, SchemaObject};
use serde_json::{Map, Value};

/// One JSON value a schema accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// What made it: "full", "minimal", "nulls", "extra", "boundary", "member /components/schemas/X/oneOf/1", …
    pub label: String,
    /// The JSON value.
    pub value: Value,
    /// The JSON pointer of the union member this instance was made from, for the first union met from
    /// the root (following `$ref`s and single-part `allOf` wrappers, and unions beside properties or inside
    /// `allOf`); `None` when the root is not a union.
    pub member: Option<String>,
}

/// Past this nesting, objects get only their required properties, and arrays and maps no entries:
/// what makes recursive schemas end.
const FULL_DEPTH: usize = 5;
/// Past this nesting the instance is abandoned: only a chain of required properties gets here, and
/// one that leads back to itself never ends.
const MAX_DEPTH: usize = 12;
/// The largest instance, in bytes of JSON (counted roughly while it is made).
const MAX_BYTES: usize = 64 * 1024;
/// The most values tried for one instance: unions whose members lead back to themselves would
/// otherwise be tried in exponentially many combinations.
const MAX_VISITS: usize = 100_000;
/// The most schemas merged into one shape (a bound for `allOf`s that repeat the same parts).
const MAX_SHAPE_PARTS: usize = 1_000;
/// The undeclared property of the `extra` instance.
const UNKNOWN_FIELD: &str = "gate_unknown_field";
/// Plain strings at the boundary: quotes, backslashes and a newline to escape, and text past ASCII.
const AWKWARD_TEXT: &str = "é \"q\" \\ \n ✓";
/// Numbers at the boundary: not integral as JSON text, and exact in `f32` as in `f64`, so an SDK may
/// decode them into either and write back the same text.
const AWKWARD_NUMBERS: [f64; 3] = [0.5, -1.25, 16777216.0];

/// The instances of `schema`, found at `pointer` in `doc`: deterministic, in the order `full`,
/// `minimal`, `nulls`, one `member …` per union member, `extra`, `boundary`. An instance that
/// cannot be made (a `false` schema, a `$ref` to nothing, a required property that contains itself,
/// more than [`MAX_BYTES`]) is left out, and one identical to `full` is not repeated.
pub fn instances(doc: &Document, pointer: &str, schema: &Schema) -> Vec<Instance> {
    let make = |mode, pick| Maker::new(doc, mode).root(schema, pointer, pick).ok();
    let instance =
        |label: &str, (value, member): (Value, Option<String>)| Instance { label: label.to_owned(), value, member };
    let full = make(Mode::Full, Pick::First);
    let differs = |made: &(Value, Option<String>)| full.as_ref().is_none_or(|(value, _)| *value != made.0);
    let mut out: Vec<Instance> = full.iter().map(|made| instance("full", made.clone())).collect();
    for (mode, label) in [(Mode::Minimal, "minimal"), (Mode::Nulls, "nulls")] {
        out.extend(make(mode, Pick::First).filter(differs).map(|made| instance(label, made)));
    }
    let root_members = flatten(doc, schema, pointer).unions.first().map_or(0, |union| union.members.len());
    for index in 0..root_members {
        if let Some((value, Some(member))) = make(Mode::Full, Pick::Member(index)) {
            out.push(Instance { label: format!("member {member}"), value, member: Some(member) });
        }
    }
    if let Some((value, member)) = &full {
        if let Some(extra) = with_unknown_field(doc, schema, value) {
            out.push(instance("extra", (extra, member.clone())));
        }
    }
    out.extend(make(Mode::Boundary, Pick::First).filter(differs).map(|made| instance("boundary", made)));
    out
}

/// The value best suited to send as `schema` (at `pointer`) in a request: the first of `full`,
/// `minimal` and the member instances that validates.
pub fn request_value(doc: &Document, pointer: &str, schema: &Schema) -> Option<Value> {
    request_values(doc, pointer, schema).into_iter().next()
}

/// Every value fit to send as `schema`, best first: `full`, `minimal` and the member instances,
/// those that validate. `nulls`, `extra` and `boundary` probe a decoder's edges, which a server
/// need not accept.
pub fn request_values(doc: &Document, pointer: &str, schema: &Schema) -> Vec<Value> {
    let sendable = |i: &Instance| i.label == "full" || i.label == "minimal" || i.label.starts_with("member ");
    let made = instances(doc, pointer, schema).into_iter();
    made.filter(|i| sendable(i) && validates(doc, &i.value, schema)).map(|i| i.value).collect()
}

/// `full` with one property the document does not declare, when the schema lets an object have it.
fn with_unknown_field(doc: &Document, schema: &Schema, full: &Value) -> Option<Value> {
    if *full == anything() {
        // Not an object the document declares: there is no decoder of fields to test.
        return None;
    }
    let mut extra = full.as_object()?.clone();
    extra.insert(UNKNOWN_FIELD.to_owned(), Value::from(1));
    let extra = Value::Object(extra);
    validates(doc, &extra, schema).then_some(extra)
}

/// Which values an instance takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every property, not null.
    Full,
    /// Only required properties; empty arrays and maps.
    Minimal,
    /// Like `Full`, but null wherever null is allowed (below the root).
    Nulls,
    /// Like `Full`, with numbers at their limits, awkward strings and last enum values.
    Boundary,
}

/// Which member of the root's first union an instance is made from.
#[derive(Debug, Clone, Copy)]
enum Pick {
    /// The first that can be made.
    First,
    /// This one (an index among the members that are not null alone).
    Member(usize),
}

/// Why no value was made.
#[derive(Debug)]
enum Stop {
    /// This schema has none (here): a caller may leave out an optional property or try another member.
    Impossible,
    /// The instance grew too large or took too long: it is abandoned as a whole.
    Exhausted,
}

/// A union met in a schema, with its members that are not null alone.
#[derive(Debug, Clone)]
struct Union<'d> {
    /// Each member with its JSON pointer (`…/oneOf/1`).
    members: Vec<(String, &'d Schema)>,
    discriminator: Option<&'d Discriminator>,
    /// A `oneOf`: the value must fit no other member (kept to where a member only lists required
    /// properties; other members are told apart by their types and tags).
    one_of: bool,
}

/// What a value of a schema must be, once its `$ref`s are followed and its `allOf` parts merged.
#[derive(Debug, Clone, Default)]
struct Shape<'d> {
    /// No value fits: a `false` schema, a `$ref` to nothing, types that do not meet.
    impossible: bool,
    /// The types allowed; `None` when no part says.
    types: Option<Vec<&'d str>>,
    format: Option<&'d str>,
    /// The first `pattern` met.
    pattern: Option<&'d str>,
    /// Every `enum` met: a value must be in each.
    enums: Vec<&'d [Value]>,
    constant: Option<&'d Value>,
    /// Each property with every schema the merged parts give it: its value must fit them all.
    properties: Vec<(&'d str, Vec<&'d Schema>)>,
    required: Vec<&'d str>,
    /// The schema of undeclared properties' values (a map).
    additional: Option<&'d Schema>,
    /// `additionalProperties: false` somewhere.
    closed: bool,
    items: Option<&'d Schema>,
    prefix_items: Option<&'d [Schema]>,
    /// Bounds, lengths and item counts, the strictest of every part's.
    limits: Limits,
    /// Schemas the value must not fit: every `not` met, and the other members of a `oneOf`
    /// that only list required properties.
    nots: Vec<&'d Schema>,
    /// Unions not yet merged in, the first met first.
    unions: Vec<Union<'d>>,
    /// Schemas merged so far.
    parts: usize,
}

/// The shape of `schema`, which is at `pointer` (used only to name the members of its unions).
fn flatten<'d>(doc: &'d Document, schema: &'d Schema, pointer: &str) -> Shape<'d> {
    let mut shape = Shape::default();
    shape.absorb(doc, schema, pointer, 0);
    shape
}

impl<'d> Shape<'d> {
    /// Merges `schema` (at `pointer`) in: its `$ref` target, its own keywords, then its `allOf` parts.
    fn absorb(&mut self, doc: &'d Document, schema: &'d Schema, pointer: &str, hops: usize) {
        self.parts += 1;
        if hops > MAX_HOPS || self.parts > MAX_SHAPE_PARTS {
            self.impossible = true;
            return;
        }
        match schema.boolean {
            Some(false) => self.impossible = true,
            Some(true) => {}
            None => {
                let s = &schema.body;
                if let Some(reference) = &s.reference {
                    match follow(doc, reference) {
                        Some((target, target_pointer)) => self.absorb(doc, target, &target_pointer, hops + 1),
                        // What it allows cannot be seen, so no value is made up for it.
                        None => self.impossible = true,
                    }
                }
                self.keywords(s);
                self.union(doc, s, pointer);
                for (index, part) in s.all_of.iter().enumerate() {
                    self.absorb(doc, part, &format!("{pointer}/allOf/{index}"), hops + 1);
                }
            }
        }
    }

    /// The keywords of one schema object: the first met wins where only one can (`format`, `items`).
    fn keywords(&mut self, s: &'d SchemaObject) {
        if !s.types.0.is_empty() {
            self.narrow(&s.types.0.iter().map(String::as_str).collect::<Vec<_>>());
        }
        self.format = self.format.or(s.format.as_deref());
        self.pattern = self.pattern.or(s.pattern.as_deref());
        self.enums.extend(s.enum_values.as_deref());
        self.constant = self.constant.or(s.const_value.as_ref());
        for (name, property) in &s.properties {
            match self.properties.iter_mut().find(|(known, _)| known == name) {
                Some((_, schemas)) => schemas.push(property),
                None => self.properties.push((name, vec![property])),
            }
        }
        for name in &s.required {
            if !self.required.contains(&name.as_str()) {
                self.required.push(name);
            }
        }
        match &s.additional_properties {
            Some(Schema { boolean: Some(false), .. }) => self.closed = true,
            Some(Schema { boolean: Some(true), .. }) | None => {}
            Some(values) => self.additional = self.additional.or(Some(values)),
        }
        self.items = self.items.or(s.items.as_ref());
        self.prefix_items = self.prefix_items.or(s.prefix_items.as_deref());
        self.limits.merge(Limits::of(s));
        self.nots.extend(s.not.as_ref());
    }

    /// Sets aside the union of `s` (`oneOf` before `anyOf`); one whose members are all null means null.
    fn union(&mut self, doc: &Document, s: &'d SchemaObject, pointer: &str) {
        let (keyword, members) = match (s.one_of.is_empty(), s.any_of.is_empty()) {
            (false, _) => ("oneOf", &s.one_of),
            (true, false) => ("anyOf", &s.any_of),
            (true, true) => return,
        };
        let members: Vec<(String, &Schema)> = members
            .iter()
            .enumerate()
            .filter(|(_, member)| !is_null_only(doc, member))
            .map(|(index, member)| (format!("{pointer}/{keyword}/{index}"), member))
            .collect();
        if members.is_empty() {
            self.narrow(&["null"]);
        } else {
            self.unions.push(Union { members, discriminator: s.discriminator.as_ref(), one_of: keyword == "oneOf" });
        }
    }

    /// Keeps the types both this shape and `types` allow (`integer` where one says `number`).
    fn narrow(&mut self, types: &[&'d str]) {
        let narrowed: Vec<&'d str> = match self.types.take() {
            None => types.to_vec(),
            Some(current) => current.into_iter().filter_map(|t| common_type(t, types)).collect(),
        };
        self.impossible |= narrowed.is_empty();
        self.types = Some(narrowed);
    }

    /// Whether a value with no `type` is still plainly an object.
    fn looks_like_object(&self) -> bool {
        !self.properties.is_empty() || !self.required.is_empty() || self.additional.is_some() || self.closed
    }
}

/// `t` if `allowed` allows it; `integer` where `number` meets `integer`.
fn common_type<'a>(t: &'a str, allowed: &[&'a str]) -> Option<&'a str> {
    if allowed.contains(&t) {
        Some(t)
    } else if (t == "number" && allowed.contains(&"integer")) || (t == "integer" && allowed.contains(&"number")) {
        Some("integer")
    } else {
        None
    }
}

/// What kind of JSON value a settled shape takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Object,
    Array,
    String,
    Integer,
    Number,
    Boolean,
    Null,
    /// No type and nothing that implies one (or a type this module does not know).
    Any,
}

impl Kind {
    /// The first type that is not `null` (`type: [string, integer]` → string), else what the
    /// keywords imply.
    fn of(shape: &Shape) -> Kind {
        let Some(types) = &shape.types else {
            return if shape.looks_like_object() {
                Kind::Object
            } else if shape.items.is_some() || shape.prefix_items.is_some() {
                Kind::Array
            } else {
                Kind::Any
            };
        };
        match types.iter().find(|t| **t != "null").or(types.first()).copied() {
            Some("object") => Kind::Object,
            Some("array") => Kind::Array,
            Some("string") => Kind::String,
            Some("integer") => Kind::Integer,
            Some("number") => Kind::Number,
            Some("boolean") => Kind::Boolean,
            Some("null") => Kind::Null,
            _ => Kind::Any,
        }
    }
}

/// Makes one instance.
struct Maker<'d> {
    doc: &'d Document,
    mode: Mode,
    /// Bytes of JSON made so far (roughly).
    bytes: usize,
    /// Values tried so far.
    visits: usize,
    /// Boundary integers made so far: they take the largest and smallest value in turn.
    integers: usize,
    /// Boundary numbers made so far: they take each of [`AWKWARD_NUMBERS`] in turn.
    numbers: usize,
}

impl<'d> Maker<'d> {
    fn new(doc: &'d Document, mode: Mode) -> Self {
        Maker { doc, mode, bytes: 0, visits: 0, integers: 0, numbers: 0 }
    }

    /// The root value, and the pointer of the member of its first union it was made from.
    fn root(&mut self, schema: &'d Schema, pointer: &str, pick: Pick) -> Result<(Value, Option<String>), Stop> {
        self.settle(flatten(self.doc, schema, pointer), 0, pick, 0)
    }

    /// A value that fits all of `schemas`, nested `depth` deep.
    fn value(&mut self, schemas: &[&'d Schema], depth: usize) -> Result<Value, Stop> {
        if depth > MAX_DEPTH {
            return Err(Stop::Impossible);
        }
        let mut shape = Shape::default();
        for schema in schemas {
            // Pointers only name the root's union members; below the root none is asked for.
            shape.absorb(self.doc, schema, "", 0);
        }
        let (value, _) = self.settle(shape, depth, Pick::First, 0)?;
        Ok(value)
    }

    /// A value of a property, item or map value that must fit all of `schemas`: null if they all
    /// allow it, in `Nulls`.
    fn entry(&mut self, schemas: &[&'d Schema], depth: usize) -> Result<Value, Stop> {
        if self.mode == Mode::Nulls && schemas.iter().all(|schema| may_be_null(self.doc, schema)) {
            self.spend(4)?;
            return Ok(Value::Null);
        }
        self.value(schemas, depth + 1)
    }

    /// A value of `shape` once a member of each of its unions is merged in (`pick` chooses the first
    /// union's, the first member that can be made for the others), with that first member's pointer.
    fn settle(
        &mut self,
        mut shape: Shape<'d>,
        depth: usize,
        pick: Pick,
        merges: usize,
    ) -> Result<(Value, Option<String>), Stop> {
        self.visit()?;
        if shape.unions.is_empty() {
            return Ok((self.settled(&shape, depth)?, None));
        }
        if merges > MAX_HOPS {
            return Err(Stop::Impossible);
        }
        let union = shape.unions.remove(0);
        let chosen = match pick {
            Pick::First => 0..union.members.len(),
            Pick::Member(index) => index..index + 1,
        };
        for (index, (member_pointer, member)) in chosen.filter_map(|index| Some((index, union.members.get(index)?))) {
            let mut merged = shape.clone();
            merged.absorb(self.doc, member, member_pointer, 0);
            if union.one_of {
                let others = union.members.iter().enumerate().filter(|(other, _)| *other != index);
                merged.nots.extend(others.map(|(_, (_, other))| *other).filter(|other| required_only(other).is_some()));
            }
            // OpenAPI requires the tag; documents do not always say so, and without it a minimal
            // value could not be told apart.
            if let Some(discriminator) = union.discriminator.filter(|d| !d.property_name.is_empty()) {
                if !merged.required.contains(&discriminator.property_name.as_str()) {
                    merged.required.push(&discriminator.property_name);
                }
            }
            let bytes = self.bytes;
            match self.settle(merged, depth, Pick::First, merges + 1) {
                Ok((mut value, _)) => {
                    self.tag(&union, member, &mut value);
                    return Ok((value, Some(member_pointer.clone())));
                }
                Err(Stop::Impossible) => self.bytes = bytes,
                Err(stop) => return Err(stop),
            }
        }
        Err(Stop::Impossible)
    }

    /// A value of a shape with no union left.
    fn settled(&mut self, shape: &Shape<'d>, depth: usize) -> Result<Value, Stop> {
        if shape.impossible {
            return Err(Stop::Impossible);
        }
        let value = self.made(shape, depth)?;
        // What a `not` describes is no value of this shape; a caller may try another member.
        if shape.nots.iter().any(|not| validates(self.doc, &value, not)) {
            return Err(Stop::Impossible);
        }
        Ok(value)
    }

    /// The value of a settled shape, before its `not`s are checked.
    fn made(&mut self, shape: &Shape<'d>, depth: usize) -> Result<Value, Stop> {
        if let Some(value) = shape.constant.cloned().or(self.enumerated(shape)?) {
            self.spend(serde_json::to_vec(&value).map_or(0, |text| text.len()))?;
            return Ok(value);
        }
        let value = match Kind::of(shape) {
            Kind::Object => return self.object(shape, depth),
            Kind::Array => return self.array(shape, depth),
            Kind::String => Value::from(self.text(shape)?),
            Kind::Integer => self.integer(shape.format, &shape.limits)?,
            Kind::Number => self.number(&shape.limits)?,
            Kind::Boolean => Value::Bool(self.mode != Mode::Boundary),
            Kind::Null => Value::Null,
            Kind::Any => anything(),
        };
        self.spend(value.as_str().map_or(12, str::len))?;
        Ok(value)
    }

    /// The enum value taken: the first not null (the last at the boundary) that every `enum` met
    /// allows; `None` when there is no `enum`.
    fn enumerated(&self, shape: &Shape) -> Result<Option<Value>, Stop> {
        let Some((first, others)) = shape.enums.split_first() else { return Ok(None) };
        let allowed: Vec<&Value> =
            first.iter().filter(|value| others.iter().all(|other| other.contains(value))).collect();
        let not_null: Vec<&Value> = allowed.iter().copied().filter(|value| !value.is_null()).collect();
        let chosen = match self.mode {
            Mode::Boundary => not_null.last(),
            _ => not_null.first(),
        };
        match chosen.or(allowed.first()) {
            Some(value) => Ok(Some((*value).clone())),
            None => Err(Stop::Impossible),
        }
    }

    /// Sets a discriminated union's tag on a value made from `member`: the mapping key always; the
    /// schema name only where the member allows it, since documents often leave the mapping out
    /// and have each member fix its tag with an `enum` instead, which the value already holds.
    fn tag(&self, union: &Union, member: &Schema, value: &mut Value) {
        let Some(discriminator) = union.discriminator.filter(|d| !d.property_name.is_empty()) else { return };
        let Some((tag, mapped)) = tag_value(discriminator, member) else { return };
        let Value::Object(object) = value else { return };
        let before = object.insert(discriminator.property_name.clone(), Value::String(tag));
        if !mapped && !validates(self.doc, value, member) {
            if let (Value::Object(object), Some(before)) = (value, before) {
                object.insert(discriminator.property_name.clone(), before);
            }
        }
    }

    /// An object: its properties (only the required ones in `Minimal` and past [`FULL_DEPTH`]), and
    /// one map entry when undeclared properties have a schema.
    fn object(&mut self, shape: &Shape<'d>, depth: usize) -> Result<Value, Stop> {
        self.spend(2)?;
        let optional_too = self.mode != Mode::Minimal && depth <= FULL_DEPTH;
        let left_out = left_out(shape);
        let mut object = Map::new();
        for (name, property) in &shape.properties {
            let required = shape.required.contains(name);
            if !(required || optional_too) || left_out.contains(name) {
                continue;
            }
            match self.entry(property, depth) {
                Ok(value) => self.insert(&mut object, name, value)?,
                // An optional property no value fits is left out rather than losing the instance.
                Err(Stop::Impossible) if !required => {}
                Err(stop) => return Err(stop),
            }
        }
        for &name in &shape.required {
            if !object.contains_key(name) {
                let value = self.undeclared(shape, depth)?;
                self.insert(&mut object, name, value)?;
            }
        }
        if let Some(values) = shape.additional.filter(|_| optional_too && !shape.closed) {
            match self.entry(&[values], depth) {
                Ok(value) => self.insert(&mut object, &map_key(shape), value)?,
                Err(Stop::Impossible) => {}
                Err(stop) => return Err(stop),
            }
        }
        Ok(Value::Object(object))
    }

    /// A value for a required property that `properties` does not declare: a map value if the
    /// object is a map, else anything.
    fn undeclared(&mut self, shape: &Shape<'d>, depth: usize) -> Result<Value, Stop> {
        match shape.additional {
            Some(values) => self.entry(&[values], depth),
            None => Ok(anything()),
        }
    }

    fn insert(&mut self, object: &mut Map<String, Value>, name: &str, value: Value) -> Result<(), Stop> {
        self.spend(name.len() + 4)?;
        object.insert(name.to_owned(), value);
        Ok(())
    }

    /// An array: one item (a value per `prefixItems` schema for a tuple); none in `Minimal` and
    /// past [`FULL_DEPTH`], or when no item can be made; always within `minItems` and `maxItems`.
    fn array(&mut self, shape: &Shape<'d>, depth: usize) -> Result<Value, Stop> {
        self.spend(2)?;
        let prefix = shape.prefix_items.unwrap_or_default();
        let wanted = match self.mode == Mode::Minimal || depth > FULL_DEPTH {
            true => 0,
            false => prefix.len().max(1),
        };
        let count = shape.limits.item_count(wanted).ok_or(Stop::Impossible)?;
        let mut items = Vec::new();
        for index in 0..count {
            let made = match prefix.get(index).or(shape.items) {
                Some(item) => self.entry(&[item], depth),
                // No `items`: any item will do.
                None => self.spend(9).map(|()| anything()),
            };
            match made {
                Ok(item) => items.push(item),
                Err(Stop::Impossible) if shape.limits.item_count(0) == Some(0) => return Ok(Value::Array(Vec::new())),
                Err(stop) => return Err(stop),
            }
        }
        if shape.limits.unique_items {
            distinguish(&mut items);
        }
        let array = Value::Array(items);
        match shape.limits.problem(&array) {
            Some(_) => Err(Stop::Impossible),
            None => Ok(array),
        }
    }

    /// A string within the shape's lengths: its format's text, else one its `pattern` matches, else
    /// plain (or at the boundary awkward) text.
    fn text(&self, shape: &Shape) -> Result<String, Stop> {
        let limits = &shape.limits;
        let least = limits.min_length.map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX));
        let patterned = shape.pattern.filter(|_| formatted(shape.format).is_none()).and_then(|p| matching(p, least));
        if let Some(text) = patterned.filter(|text| limits.problem(&Value::from(text.as_str())).is_none()) {
            return Ok(text);
        }
        if let Some(forms) = typed_forms(shape.format) {
            // Padded or cut, the text of a typed format would no longer parse: the first of its
            // canonical forms within the lengths, else its first form, which the validator then
            // reports as a contradiction of the document (counted apart, not gated).
            let fits = |form: &&&str| limits.problem(&Value::from(**form)).is_none();
            return Ok(forms.iter().find(fits).unwrap_or(&forms[0]).to_string());
        }
        let plain = if self.mode == Mode::Boundary { AWKWARD_TEXT } else { "text" };
        limits.text(formatted(shape.format).unwrap_or(plain)).ok_or(Stop::Impossible)
    }

    /// 7, or at the boundary the largest and smallest values in turn — the declared bounds, else
    /// the format's — kept within the limits.
    fn integer(&mut self, format: Option<&str>, limits: &Limits) -> Result<Value, Stop> {
        let wanted = match self.mode {
            Mode::Boundary => {
                let (largest, smallest) = integer_range(format);
                self.integers += 1;
                // Past either end of every format, so the declared bound is what limits it.
                match (self.integers % 2 == 1, &limits.upper, &limits.lower) {
                    (true, Some(_), _) => i128::MAX,
                    (true, None, _) => largest,
                    (false, _, Some(_)) => i128::MIN,
                    (false, _, None) => smallest,
                }
            }
            _ => 7,
        };
        let chosen = limits.integer(wanted).ok_or(Stop::Impossible)?;
        Ok(i64::try_from(chosen)
            .map(Value::from)
            .or_else(|_| u64::try_from(chosen).map(Value::from))
            .unwrap_or_else(|_| Value::from(chosen as f64)))
    }

    /// 1.5, or at the boundary each of [`AWKWARD_NUMBERS`] in turn, kept within the limits.
    fn number(&mut self, limits: &Limits) -> Result<Value, Stop> {
        let wanted = match self.mode {
            Mode::Boundary => {
                let turn = self.numbers;
                self.numbers += 1;
                AWKWARD_NUMBERS[turn % AWKWARD_NUMBERS.len()]
            }
            _ => 1.5,
        };
        let chosen = limits.number(wanted).ok_or(Stop::Impossible)?;
        serde_json::Number::from_f64(chosen).map(Value::Number).ok_or(Stop::Impossible)
    }

    fn spend(&mut self, bytes: usize) -> Result<(), Stop> {
        self.bytes += bytes;
        if self.bytes > MAX_BYTES {
            return Err(Stop::Exhausted);
        }
        Ok(())
    }

    fn visit(&mut self) -> Result<(), Stop> {
        self.visits += 1;
        if self.visits > MAX_VISITS {
            return Err(Stop::Exhausted);
        }
        Ok(())
    }
}

/// The text of a string format this module knows.
fn formatted(format: Option<&str>) -> Option<&'static str> {
    if let Some(forms) = typed_forms(format) {
        return forms.first().copied();
    }
    Some(match format? {
        "time" => "03:04:05",
        "email" => "gate@example.com",
        "uri" | "url" | "uri-reference" | "iri" | "iri-reference" => "https://example.com/a",
        "hostname" => "example.com",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "binary" => "gate binary",
        _ => return None,
    })
}

/// The texts of a format an SDK may give a Rust type (dates, uuids, decimals, bytes, `int64`),
/// in the canonical forms such a type writes back unchanged: a date-time with 0, 3, 6 or 9
/// digits of fractional seconds in UTC. `None` for formats that stay text.
fn typed_forms(format: Option<&str>) -> Option<&'static [&'static str]> {
    Some(match format? {
        "date-time" => &[
            "2023-01-02T03:04:05Z",
            "2023-01-02T03:04:05.123Z",
            "2023-01-02T03:04:05.123456Z",
            "2023-01-02T03:04:05.123456789Z",
        ],
        "date" => &["2023-01-02"],
        "uuid" => &["123e4567-e89b-12d3-a456-426614174000"],
        "byte" => &["aGVsbG8="],
        "decimal" => &["12.34"],
        "int64" => &["9007199254740993"],
        _ => return None,
    })
}

/// The largest and smallest integers of a format (2^53 + 1, the first integer an SDK that goes
/// through `f64` gets wrong, and `i64::MIN` for a plain integer).
fn integer_range(format: Option<&str>) -> (i128, i128) {
    match format {
        Some("int8") => (i8::MAX.into(), i8::MIN.into()),
        Some("int16") => (i16::MAX.into(), i16::MIN.into()),
        Some("int32") => (i32::MAX.into(), i32::MIN.into()),
        Some("uint8") => (u8::MAX.into(), 0),
        Some("uint16") => (u16::MAX.into(), 0),
        Some("uint32") => (u32::MAX.into(), 0),
        Some("uint64") => (u64::MAX.into(), 0),
        _ => (9_007_199_254_740_993, i64::MIN.into()),
    }
}

/// The `required` list of a schema that says nothing else ("`a` and `b` are present"), as `not`
/// and the members of "exactly one of" unions write it.
fn required_only(schema: &Schema) -> Option<&[String]> {
    let s = &schema.body;
    let object_or_untyped = s.types.0.iter().all(|t| t == "object");
    let only = schema.boolean.is_none()
        && !s.required.is_empty()
        && object_or_untyped
        && s.reference.is_none()
        && s.properties.is_empty()
        && s.additional_properties.is_none()
        && s.all_of.is_empty()
        && s.one_of.is_empty()
        && s.any_of.is_empty()
        && s.not.is_none();
    only.then_some(s.required.as_slice())
}

/// The properties an object leaves out so that it fits none of its shape's `not`s that only list
/// required properties: of each list, the last one the object does not require, so the first is
/// kept where it can be.
fn left_out<'d>(shape: &Shape<'d>) -> Vec<&'d str> {
    let optional = |name: &&'d String| !shape.required.contains(&name.as_str());
    shape.nots.iter().filter_map(|&not| required_only(not)?.iter().rev().find(optional)).map(String::as_str).collect()
}

/// Makes repeated items of a `uniqueItems` array differ where a scalar allows it (a suffix on text,
/// an offset on numbers); what cannot be told apart stays, for the caller's check to refuse.
fn distinguish(items: &mut [Value]) {
    for index in 1..items.len() {
        let (earlier, rest) = items.split_at_mut(index);
        let item = &mut rest[0];
        if !earlier.iter().any(|before| same(before, item)) {
            continue;
        }
        *item = match &*item {
            Value::String(text) => Value::from(format!("{text}{index}")),
            Value::Number(n) => match n.as_i64() {
                Some(i) => Value::from(i.saturating_add(index as i64)),
                None => Value::from(n.as_f64().unwrap_or(0.0) + index as f64),
            },
            other => other.clone(),
        };
    }
}

/// The value made for a schema that allows anything.
fn anything() -> Value {
    Value::Object(Map::from_iter([("any".to_owned(), Value::from(1))]))
}

/// A key for the map entry that no declared property has.
fn map_key(shape: &Shape) -> String {
    let declared = |key: &str| shape.properties.iter().any(|(name, _)| *name == key);
    let mut key = "key".to_owned();
    let mut suffix = 1;
    while declared(&key) {
        suffix += 1;
        key = format!("key{suffix}");
    }
    key
}

/// The tag that selects `member` by the document's words, and whether `mapping` gave it: the
/// `mapping` key whose target is the member's `$ref`, else the name of the schema it refers to.
/// An inline member has none.
fn tag_value(discriminator: &Discriminator, member: &Schema) -> Option<(String, bool)> {
    let target = lookup::segments(member.body.reference.as_deref()?)?;
    let mapped = |to: &str| match to.starts_with('#') {
        true => lookup::segments(to),
        // A bare schema name.
        false if !to.contains('/') => Some(vec!["components".to_owned(), "schemas".to_owned(), to.to_owned()]),
        false => None,
    };
    let key = discriminator.mapping.iter().find(|(_, to)| mapped(to).as_ref() == Some(&target)).map(|(key, _)| key);
    match key {
        Some(key) => Some((key.clone(), true)),
        None => Some((target.last()?.clone(), false)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gate::validate::violations;

    /// A 3.1 document whose `components/schemas` are `schemas` (YAML, unindented).
    fn document(schemas: &str) -> Document {
        let indented: String = schemas.lines().map(|line| format!("    {line}\n")).collect();
        let text = format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n{indented}"
        );
        sdksmith::spec::load("test.yaml", &text).expect("the test document loads")
    }

    fn instances_of(doc: &Document, name: &str) -> Vec<Instance> {
        let schema = doc.components.schemas.get(name).expect("the schema is in the document");
        instances(doc, &format!("/components/schemas/{name}"), schema)
    }

    fn labelled<'i>(instances: &'i [Instance], label: &str) -> Option<&'i Value> {
        instances.iter().find(|instance| instance.label == label).map(|instance| &instance.value)
    }

    const VARIED: &str = r##"
Pet:
  type: object
  required: [id, name]
  properties:
    id: {type: integer, format: int64}
    name: {type: string}
    tag: {type: string, nullable: true}
    born: {type: string, format: date-time}
    weight: {type: number, format: float}
    small: {type: integer, format: int32}
    kind: {type: string, enum: [cat, dog, null]}
    photos: {type: array, items: {$ref: '#/components/schemas/Photo'}}
    labels: {type: object, additionalProperties: {type: [string, "null"]}}
    owner: {$ref: '#/components/schemas/Owner'}
    anything: {}
Photo:
  type: object
  required: [url]
  properties:
    url: {type: string, format: uri}
    size: {type: [integer, "null"]}
Owner:
  type: object
  nullable: true
  properties:
    name: {type: string}
Named:
  allOf:
    - $ref: '#/components/schemas/Photo'
    - type: object
      required: [title]
      properties:
        title: {type: string}
ClosedBase:
  type: object
  additionalProperties: false
  properties:
    a: {type: boolean}
ClosedChild:
  allOf:
    - $ref: '#/components/schemas/ClosedBase'
    - properties:
        b: {type: string, format: uuid}
Shape:
  oneOf:
    - $ref: '#/components/schemas/Circle'
    - $ref: '#/components/schemas/Square'
  discriminator:
    propertyName: kind
    mapping:
      round: '#/components/schemas/Circle'
Circle: {type: object, required: [kind, r], properties: {kind: {type: string}, r: {type: number}}}
Square: {type: object, required: [kind, side], properties: {kind: {type: string}, side: {type: integer}}}
Tool:
  oneOf:
    - $ref: '#/components/schemas/Search'
  discriminator: {propertyName: type}
Search: {type: object, properties: {type: {type: string, enum: [web_search, web_search_2]}, query: {type: string}}}
Tree:
  type: object
  required: [value]
  properties:
    value: {type: string}
    children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
    parent: {$ref: '#/components/schemas/Tree'}
Tuple: {type: array, prefixItems: [{type: string}, {type: integer}]}
Mixed: {type: [string, integer]}
Anything: true
Nothing: false
Fixed: {const: fixed}
Untyped: {description: no type at all}
Map: {type: object, additionalProperties: {$ref: '#/components/schemas/Photo'}}
"##;

    /// A typed format's text keeps a form its Rust type reads and writes back unchanged: a
    /// date-time meets a length with fractional seconds, never with padding.
    #[test]
    fn typed_formats_meet_lengths_in_their_own_forms() {
        let doc = document(
            "Stamp: {type: string, format: date-time, minLength: 27}\n\
             Exact: {type: string, format: date-time, minLength: 25, maxLength: 25}\n\
             Id: {type: string, format: uuid, minLength: 40}\n",
        );
        let first = |name: &str| instances_of(&doc, name).into_iter().next().map(|i| i.value);
        assert_eq!(first("Stamp"), Some(Value::from("2023-01-02T03:04:05.123456Z")));
        // No canonical form is 25 characters long: the document's limits go unmet, and the
        // validator says so, rather than a padded text no date-time type reads.
        let exact = first("Exact").expect("an instance");
        assert_eq!(exact, Value::from("2023-01-02T03:04:05Z"));
        assert!(!violations(&doc, &exact, &doc.components.schemas["Exact"]).is_empty());
        assert_eq!(first("Id"), Some(Value::from("123e4567-e89b-12d3-a456-426614174000")));
    }

    /// `±9223372036854776000` is i64's limit printed through a float: the boundary instances are
    /// i64's limits, values a 64-bit field holds.
    #[test]
    fn int64_limits_written_as_floats_print_are_int64_limits() {
        let doc = document("Id: {type: integer, minimum: -9223372036854776000, maximum: 9223372036854776000}\n");
        let values: Vec<Value> = instances_of(&doc, "Id").into_iter().map(|i| i.value).collect();
        assert!(values.contains(&Value::from(i64::MAX)) || values.contains(&Value::from(i64::MIN)), "{values:?}");
        assert!(values.iter().all(Value::is_i64), "{values:?}");
    }

    #[test]
    fn every_instance_validates_against_its_own_schema() {
        let doc = document(VARIED);
        for (name, schema) in &doc.components.schemas {
            for instance in instances_of(&doc, name) {
                let problems = violations(&doc, &instance.value, schema);
                assert!(problems.is_empty(), "{name} {}: {} → {problems:?}", instance.label, instance.value);
            }
        }
    }

    #[test]
    fn every_instance_of_the_projects_documents_validates() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let fixtures = std::fs::read_dir(root.join("codegen/tests/fixtures")).expect("the fixtures folder");
        let mut files: Vec<_> = fixtures.flatten().map(|entry| entry.path()).collect();
        files.retain(|path| path.extension().is_some_and(|extension| extension == "yaml"));
        files.push(root.join("spec/humanloop.yaml"));
        for file in files {
            let text = std::fs::read_to_string(&file).expect("the document reads");
            let doc = sdksmith::spec::load(&file.to_string_lossy(), &text).expect("the document loads");
            for (name, schema) in &doc.components.schemas {
                let pointer = format!("/components/schemas/{}", sdksmith::spec::escape_segment(name));
                for instance in instances(&doc, &pointer, schema) {
                    let problems = violations(&doc, &instance.value, schema);
                    assert!(problems.is_empty(), "{}: {name} {}: {problems:?}", file.display(), instance.label);
                }
            }
        }
    }

    #[test]
    fn instances_cover_each_kind() {
        let doc = document(VARIED);
        let pet = instances_of(&doc, "Pet");
        let labels: Vec<&str> = pet.iter().map(|instance| instance.label.as_str()).collect();
        assert_eq!(labels, ["full", "minimal", "nulls", "extra", "boundary"]);
        let full = labelled(&pet, "full").expect("full");
        assert_eq!(full["born"], "2023-01-02T03:04:05Z");
        assert_eq!(full["kind"], "cat");
        assert_eq!(full["photos"][0]["url"], "https://example.com/a");
        assert_eq!(full["labels"], serde_json::json!({"key": "text"}));
        assert_eq!(full["anything"], serde_json::json!({"any": 1}));
        assert!(pet.iter().all(|instance| instance.member.is_none()));
        assert_eq!(labelled(&pet, "minimal"), Some(&serde_json::json!({"id": 7, "name": "text"})));
        let nulls = labelled(&pet, "nulls").expect("nulls");
        for field in ["tag", "kind", "owner"] {
            assert_eq!(nulls[field], Value::Null, "{field} may be null");
        }
        assert_eq!(nulls["labels"], serde_json::json!({"key": null}));
        assert_eq!(nulls["photos"][0]["size"], Value::Null);
        assert_eq!(labelled(&pet, "extra").expect("extra")[UNKNOWN_FIELD], 1);

        let tuple = instances_of(&doc, "Tuple");
        assert_eq!(labelled(&tuple, "full"), Some(&serde_json::json!(["text", 7])));
        assert_eq!(labelled(&instances_of(&doc, "Mixed"), "full"), Some(&serde_json::json!("text")));
        assert_eq!(labelled(&instances_of(&doc, "Anything"), "full"), Some(&serde_json::json!({"any": 1})));
        assert_eq!(labelled(&instances_of(&doc, "Untyped"), "full"), Some(&serde_json::json!({"any": 1})));
        assert_eq!(labelled(&instances_of(&doc, "Fixed"), "full"), Some(&serde_json::json!("fixed")));
        assert!(instances_of(&doc, "Nothing").is_empty(), "`false` has no instance");
        let named = labelled(&instances_of(&doc, "Named"), "full").cloned().expect("full");
        assert_eq!(named, serde_json::json!({"url": "https://example.com/a", "size": 7, "title": "text"}));
    }

    #[test]
    fn boundary_takes_limits_and_awkward_text() {
        let doc = document(
            r#"
Limits:
  type: object
  properties:
    a: {type: integer, format: int32}
    b: {type: integer, format: int32}
    c: {type: number}
    d: {type: string}
    e: {type: string, enum: [x, y, z]}
    f: {type: integer}
    g: {type: array, items: {type: number, format: float}}
    h: {type: integer, format: uint64}
    i: {type: string, format: date}
"#,
        );
        let limits = instances_of(&doc, "Limits");
        let boundary = labelled(&limits, "boundary").expect("boundary");
        assert_eq!(boundary["a"], i32::MAX);
        assert_eq!(boundary["b"], i32::MIN);
        assert_eq!(boundary["d"], AWKWARD_TEXT);
        assert_eq!(boundary["e"], "z");
        assert_eq!(boundary["f"], 9_007_199_254_740_993_i64);
        assert_eq!(boundary["h"], 0, "unsigned integers take 0 as their smallest");
        assert_eq!(boundary["i"], "2023-01-02");
        for number in [&boundary["c"], &boundary["g"][0]] {
            let value = number.as_f64().expect("a number");
            assert!(
                number.is_f64() && f64::from(value as f32) == value,
                "{number} is exact in f32 and written with a fraction"
            );
        }
        let text = serde_json::to_string(&boundary["c"]).expect("serialises");
        assert!(text.contains('.'), "{text}");
    }

    #[test]
    fn each_union_member_gets_an_instance_naming_it() {
        let doc = document(
            r#"
Attachment:
  oneOf:
    - {type: object, required: [type, name], properties: {type: {enum: [file]}, name: {type: string}}}
    - {type: 'null'}
    - {type: object, required: [type, url], properties: {type: {enum: [web_link]}, url: {type: string}}}
Held: {$ref: '#/components/schemas/Attachment'}
Wrapped:
  allOf:
    - $ref: '#/components/schemas/Attachment'
  description: a single-part wrapper
Beside:
  type: object
  required: [id]
  properties:
    id: {type: integer}
  anyOf:
    - {properties: {a: {type: string}}, required: [a]}
    - {properties: {b: {type: boolean}}, required: [b]}
  oneOf:
    - {properties: {c: {type: string}}}
"#,
        );
        let first = "/components/schemas/Attachment/oneOf/0";
        let second = "/components/schemas/Attachment/oneOf/2";
        for name in ["Attachment", "Held", "Wrapped"] {
            let made = instances_of(&doc, name);
            let members: Vec<&str> = made.iter().filter_map(|i| i.label.strip_prefix("member ")).collect();
            assert_eq!(members, [first, second], "{name}");
            assert!(made.iter().all(|i| i.member.is_some()), "{name}: every instance names its member");
            let of_first = made.iter().find(|i| i.member.as_deref() == Some(first)).expect("member 0");
            assert_eq!(of_first.value["type"], "file");
            let union = doc.components.schemas.get("Attachment").expect("Attachment");
            let [member_0, _, member_2] = union.body.one_of.as_slice() else { panic!("three members") };
            assert!(!validates(&doc, &of_first.value, member_2), "a file is not a web link");
            assert!(validates(&doc, &of_first.value, member_0));
        }
        let beside = instances_of(&doc, "Beside");
        let members: Vec<&str> = beside.iter().filter_map(|i| i.label.strip_prefix("member ")).collect();
        assert_eq!(members, ["/components/schemas/Beside/oneOf/0"], "oneOf wins over anyOf");
        assert_eq!(labelled(&beside, "full").expect("full")["id"], 7, "sibling properties are merged in");
    }

    #[test]
    fn nullable_through_references_and_wrappers_gets_null() {
        let doc = document(
            r#"
MaybeText: {type: string, nullable: true}
MaybeObject: {anyOf: [{$ref: '#/components/schemas/Plain'}, {type: 'null'}]}
Plain: {type: object, properties: {x: {type: string}}}
Holder:
  type: object
  required: [a]
  properties:
    a: {$ref: '#/components/schemas/MaybeText'}
    b: {$ref: '#/components/schemas/MaybeObject'}
    c: {allOf: [{$ref: '#/components/schemas/MaybeText'}], description: wrapped}
    d: {type: array, items: {$ref: '#/components/schemas/MaybeText'}}
    e: {type: object, additionalProperties: {$ref: '#/components/schemas/MaybeText'}}
    f: {type: string}
    g: {type: string, enum: [on, null]}
"#,
        );
        let holder = instances_of(&doc, "Holder");
        let nulls = labelled(&holder, "nulls").expect("nulls");
        let expected = serde_json::json!({"a": null, "b": null, "c": null, "d": [null], "e": {"key": null}, "f": "text", "g": null});
        assert_eq!(nulls, &expected);
        let full = labelled(&holder, "full").expect("full");
        assert_eq!(full["b"], serde_json::json!({"x": "text"}));
        assert_eq!(
            labelled(&instances_of(&doc, "MaybeText"), "full"),
            Some(&serde_json::json!("text")),
            "the root is never null"
        );
    }

    /// Shapes from OpenAI's document that a strict validator rejected values of: exactly one of
    /// two properties, and at least one of two non-empty lists.
    const EXCLUSIVE: &str = r##"
ImageRefParam:
  type: object
  properties:
    image_url: {type: string, format: uri, maxLength: 20971520}
    file_id: {type: string}
  anyOf:
    - required: [image_url]
    - required: [file_id]
  not:
    required: [image_url, file_id]
  additionalProperties: false
FileBatch:
  type: object
  additionalProperties: false
  properties:
    file_ids: {type: array, minItems: 1, maxItems: 2000, items: {type: string}}
    files: {type: array, minItems: 1, items: {type: object, properties: {file_id: {type: string}}}}
  anyOf:
    - required: [file_ids]
    - required: [files]
OneOfThem:
  type: object
  properties:
    a: {type: string}
    b: {type: string}
  oneOf:
    - required: [a]
    - required: [b]
"##;

    #[test]
    fn exclusive_properties_and_required_members_give_values_to_send() {
        let doc = document(EXCLUSIVE);
        for name in ["ImageRefParam", "FileBatch", "OneOfThem"] {
            let schema = doc.components.schemas.get(name).expect("the schema is in the document");
            let value = request_value(&doc, &format!("/components/schemas/{name}"), schema).expect("a value");
            assert!(violations(&doc, &value, schema).is_empty(), "{name}: {value}");
            for instance in instances_of(&doc, name) {
                let problems = violations(&doc, &instance.value, schema);
                assert!(problems.is_empty(), "{name} {}: {} → {problems:?}", instance.label, instance.value);
            }
        }
        let image = instances_of(&doc, "ImageRefParam");
        let url = serde_json::json!({"image_url": "https://example.com/a"});
        assert_eq!(labelled(&image, "full"), Some(&url), "the first listed is kept, the other left out");
        let member = "member /components/schemas/ImageRefParam/anyOf/1";
        assert_eq!(labelled(&image, member), Some(&serde_json::json!({"file_id": "text"})));
        let batch = instances_of(&doc, "FileBatch");
        assert_eq!(labelled(&batch, "minimal"), Some(&serde_json::json!({"file_ids": ["text"]})));
        let one = instances_of(&doc, "OneOfThem");
        assert_eq!(labelled(&one, "full"), Some(&serde_json::json!({"a": "text"})), "exactly one of `a`, `b`");
        let second = "member /components/schemas/OneOfThem/oneOf/1";
        assert_eq!(labelled(&one, second), Some(&serde_json::json!({"b": "text"})));
    }

    #[test]
    fn values_keep_to_counts_lengths_and_bounds() {
        let doc = document(
            r#"
Limited:
  type: object
  required: [tags, code, small, ratio, step, odd]
  properties:
    tags: {type: array, minItems: 2, maxItems: 3, items: {type: string, minLength: 6}}
    code: {type: string, minLength: 3, maxLength: 3}
    small: {type: integer, format: int32, minimum: 10, maximum: 20}
    ratio: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1}
    step: {type: integer, minimum: 8, multipleOf: 5}
    odd: {type: array, minItems: "x", maxItems: null, items: {type: integer}}
    above: {type: number, exclusiveMinimum: 2}
    distinct: {type: array, minItems: 3, uniqueItems: true, items: {type: integer}}
"#,
        );
        let made = instances_of(&doc, "Limited");
        let schema = doc.components.schemas.get("Limited").expect("Limited");
        for instance in &made {
            let problems = violations(&doc, &instance.value, schema);
            assert!(problems.is_empty(), "{}: {} → {problems:?}", instance.label, instance.value);
        }
        let minimal = labelled(&made, "minimal").expect("minimal");
        assert_eq!(minimal["tags"], serde_json::json!(["textxx", "textxx"]), "minItems and minLength");
        assert_eq!(minimal["code"], "tex", "cut to maxLength");
        assert_eq!(minimal["small"], 10);
        assert_eq!(minimal["ratio"], 1.0);
        assert_eq!(minimal["step"], 10);
        assert_eq!(minimal["odd"], serde_json::json!([]), "an oddly written minItems is ignored");
        let full = labelled(&made, "full").expect("full");
        assert_eq!(full["above"], 3.0, "one past an excluded bound");
        assert_eq!(full["distinct"], serde_json::json!([7, 8, 9]), "unique items made to differ");
        let boundary = labelled(&made, "boundary").expect("boundary");
        let (small, step) = (&boundary["small"], &boundary["step"]);
        assert!(*small == 20 || *small == 10, "declared bounds, not int32's: {small}");
        assert!(step.as_i64().is_some_and(|n| n >= 8 && n % 5 == 0), "{step}");
    }

    #[test]
    fn strings_match_simple_patterns() {
        let doc = document(
            r#"
Patterned:
  type: object
  properties:
    digest: {type: string, minLength: 71, maxLength: 71, pattern: '^sha256:[a-f0-9]{64}$'}
    word: {type: string, minLength: 3, pattern: '^[a-z]+$'}
    site: {type: string, format: uri, pattern: '^https://'}
    unread: {type: string, pattern: '^(?=x)'}
"#,
        );
        let made = instances_of(&doc, "Patterned");
        for label in ["full", "boundary"] {
            let value = labelled(&made, label).expect("made");
            assert_eq!(value["digest"], format!("sha256:{}", "a".repeat(64)), "{label}");
            assert_eq!(value["word"], "aaa", "{label}: stretched to minLength");
            assert_eq!(value["site"], "https://example.com/a", "{label}: a known format's text is kept");
        }
        assert_eq!(labelled(&made, "full").expect("full")["unread"], "text", "a lookahead is not read");
    }

    #[test]
    fn discriminator_sets_the_tag_of_each_member() {
        let doc = document(VARIED);
        let shape = instances_of(&doc, "Shape");
        let tag = |member: &str| {
            let pointer = format!("/components/schemas/Shape/oneOf/{member}");
            shape.iter().find(|i| i.label == format!("member {pointer}")).map(|i| i.value["kind"].clone())
        };
        assert_eq!(tag("0"), Some(Value::from("round")), "the mapping key");
        assert_eq!(tag("1"), Some(Value::from("Square")), "the schema name when unmapped");
        assert_eq!(labelled(&shape, "full").expect("full")["kind"], "round");
        let tool = instances_of(&doc, "Tool");
        assert_eq!(
            labelled(&tool, "full").expect("full")["type"],
            "web_search",
            "the member's enum rules out its name"
        );
        assert_eq!(labelled(&tool, "minimal"), Some(&serde_json::json!({"type": "web_search"})), "the tag is required");
    }

    #[test]
    fn recursion_ends() {
        let doc = document(
            r#"
Loop: {type: object, required: [next], properties: {next: {$ref: '#/components/schemas/Loop'}}}
SelfUnion: {oneOf: [{$ref: '#/components/schemas/SelfUnion'}, {type: string}]}
RefCycle: {$ref: '#/components/schemas/RefCycle'}
AllOfCycle: {allOf: [{$ref: '#/components/schemas/AllOfCycle'}]}
Dangling: {$ref: 'other.yaml#/Thing'}
Tree:
  type: object
  properties:
    children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
    left: {$ref: '#/components/schemas/Tree'}
    right: {$ref: '#/components/schemas/Tree'}
"#,
        );
        assert!(instances_of(&doc, "Loop").is_empty(), "a required property that contains itself has no instance");
        for name in ["RefCycle", "AllOfCycle", "Dangling"] {
            assert!(instances_of(&doc, name).is_empty(), "{name}");
        }
        let self_union = instances_of(&doc, "SelfUnion");
        assert_eq!(labelled(&self_union, "full"), Some(&Value::from("text")));
        let tree = instances_of(&doc, "Tree");
        let full = labelled(&tree, "full").expect("full");
        let depth = |mut value: &Value| {
            let mut depth = 0;
            while let Some(next) = value.get("left") {
                value = next;
                depth += 1;
            }
            depth
        };
        assert_eq!(depth(full), FULL_DEPTH + 1, "objects past the full depth get only required properties");
    }

    #[test]
    fn closed_objects_get_no_extra_field() {
        let doc = document(VARIED);
        for name in ["ClosedBase", "ClosedChild"] {
            let made = instances_of(&doc, name);
            assert!(labelled(&made, "full").is_some(), "{name}");
            assert!(labelled(&made, "extra").is_none(), "{name} forbids undeclared properties");
        }
        assert!(labelled(&instances_of(&doc, "Tuple"), "extra").is_none(), "an array has no fields");
        assert!(labelled(&instances_of(&doc, "Untyped"), "extra").is_none(), "nor has a value of any type");
        assert!(labelled(&instances_of(&doc, "Photo"), "extra").is_some());
    }

    #[test]
    fn output_is_deterministic_and_bounded() {
        let doc = document(VARIED);
        for name in doc.components.schemas.keys() {
            assert_eq!(instances_of(&doc, name), instances_of(&doc, name), "{name}");
        }
        // Each level has 12 properties of the next: 12^5 leaves, far past the size limit.
        let levels: String = (0..6)
            .map(|level| {
                let properties: String =
                    (0..12).map(|p| format!("p{p}: {{$ref: '#/components/schemas/L{}'}}, ", level + 1)).collect();
                format!("L{level}: {{type: object, properties: {{{properties}}}}}\n")
            })
            .collect();
        let doc = document(&format!("{levels}L6: {{type: string}}"));
        for instance in instances_of(&doc, "L0") {
            let size = serde_json::to_vec(&instance.value).map_or(0, |text| text.len());
            assert!(size <= MAX_BYTES, "{}: {size} bytes", instance.label);
        }
        assert!(labelled(&instances_of(&doc, "L0"), "full").is_none(), "too large to make");
        assert!(labelled(&instances_of(&doc, "L3"), "full").is_some(), "12^3 leaves fit");
    }
}
