// SPDX-License-Identifier: MIT
// objproc/oss/style.hpp - the OSS processing grammar: one constexpr parser, and the grammar
// policy that makes oss::style and oss::style_string of core/checked_text.hpp.
//
//   parse_style(text, where)   -> result<style>   run time or compile time, any input
//   style_string{"..."}        consteval: a bad literal is a compile error naming its errc
//   "..."_oss                  the same, in objproc::literals
//   runtime_style(text)        the explicit opt-out, checked when the operation is built
//   unchecked_style(text, where) the grammar without the vocabulary (unknown operations and
//                              parameters pass verbatim); saveas / notify still checked
//   check_carrier(s, where)    sync/async/GET-URL rules (style-spec §1.1), read from what the
//                              parse recorded (style::facts()): no second parse
//   render_diagnostic(text, e) (core/diagnostic.hpp) a two-line caret diagnostic
//
// Grammar (style-spec §2.1): `service/op,key_value,.../op...` or `style/<name>`, optionally
// followed by one `|sys/saveas,o_..,b_..[/notify,topic_..]` or `|sys/notify,topic_..`. Keys and
// values split at the first '_'; value-only ops take one bare value. Every operation and
// parameter is described in oss/spec.hpp.
//
// Canonical text: what to_string(parse_style(s)) returns. Parsing normalises only what has one
// meaning written two ways: base64 values lose their '=' padding, colours are upper case, and
// the system part is written saveas first with o_ before b_. Everything else stays as written,
// so parse(to_string(x)) == x.
#ifndef OBJPROC_OSS_STYLE_HPP
#define OBJPROC_OSS_STYLE_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/checked_text.hpp"
#include "objproc/core/diagnostic.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/scan.hpp"
#include "objproc/core/text.hpp"
#include "objproc/oss/names.hpp"
#include "objproc/oss/spec.hpp"

// The longest canonical process string a style holds (it lives inline, without the heap).
// Changes sizeof(oss::style): define it the same way in every translation unit.
#ifndef OBJPROC_OSS_STYLE_CAPACITY
#  define OBJPROC_OSS_STYLE_CAPACITY 2048
#endif

OBJPROC_NAMESPACE_BEGIN

namespace oss {

inline constexpr std::size_t style_capacity = OBJPROC_OSS_STYLE_CAPACITY;

/// Where a process string is used (style-spec §1.1).
enum class carrier : std::uint8_t {
  any,            // grammar only
  get_url,        // ?x-oss-process= in a (presigned) GET URL: no sys/saveas, no sys/notify
  sync_process,   // POST ?x-oss-process (ProcessObject): no sys/notify, no async-only ops
  async_process,  // POST ?x-oss-async-process (AsyncProcessObject)
};

/// The OSS names of the codes check_carrier returns for the directives (core names the idea,
/// the directive is OSS's): sys/saveas where the carrier cannot save or must, sys/notify where
/// it cannot notify or must.
inline constexpr errc saveas_not_allowed = errc::saving_not_allowed;
inline constexpr errc saveas_required = errc::saving_required;
inline constexpr errc notify_not_allowed = errc::notification_not_allowed;
inline constexpr errc notify_required = errc::notification_required;

/// What parsing a style records, so that the checks of where it runs (check_carrier) read it
/// instead of parsing again. Offsets are into the canonical text. (Zero is "nothing recorded"
/// in the arrays: GCC 12 can emit a constexpr copy of an array whose elements carry default
/// member initialisers as zeros.)
struct style_facts {
  static constexpr std::uint16_t none = 0xFFFF;

  std::uint16_t main_size = 0;  // canonical bytes before '|'
  bool is_reference = false;
  bool has_save_as = false;
  bool has_notify = false;
  /// The carriers (in_get_url, in_sync_process, in_async_process) some operation may not run
  /// in. Unchecked styles record no operation.
  std::uint8_t refused = 0;
  /// Per carrier bit i set in `refused`: the first operation that may not run there, as its
  /// row in spec::operations and where its name starts.
  std::array<std::uint16_t, 3> refused_op{};
  std::array<std::uint16_t, 3> refused_at{};
  std::uint16_t needs_save_as_at = none;  // the first operation whose result must be saved
  std::uint16_t needs_notify_at = none;   // the first one whose result comes only by notify

  /// The carrier bits every operation allows.
  [[nodiscard]] constexpr std::uint8_t operation_carriers() const noexcept {
    return static_cast<std::uint8_t>(~refused & (in_get_url | in_sync_process | in_async_process));
  }
};

namespace detail {

// Where parsed canonical text goes. With no buffer it only counts (the checked literals).
using objproc::detail::end_of_field;
using objproc::detail::find_char;
using objproc::detail::is_digit;
using objproc::detail::parse_integer;
using objproc::detail::same;

using style_writer = objproc::detail::text_writer;

struct parse_context {
  carrier where = carrier::any;
  bool watermark_image = false;  // parsing a watermark image's own ?x-oss-process= (allows P_)
  bool unchecked = false;        // oss::unchecked_style: the grammar without the vocabulary
};

// Rules seen only in third-party code or inferred ([T]/[?]) are not enforced: such a value is
// checked for its syntax only (style-spec: "the validator should treat [?] rules as warnings").
[[nodiscard]] constexpr bool verified(const param_spec& p) noexcept {
  return p.source == confidence::documented || p.source == confidence::sdk;
}

[[nodiscard]] constexpr result<void> check_range(std::int64_t n, const param_spec& p) noexcept {
  if (!verified(p)) return {};
  if (n < p.min) return error{errc::value_out_of_range, 0, "below the minimum"};
  if (n > p.max) return error{errc::value_out_of_range, 0, "above the maximum"};
  return {};
}

// Length of the UTF-8 text in characters (input already validated).
[[nodiscard]] constexpr std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

[[nodiscard]] constexpr result<style_facts> parse_process(std::string_view in, style_writer& out,
                                                          parse_context ctx) noexcept;

// The decode buffer of a base64 value: an object key (1023 bytes) encodes to 1364 characters.
inline constexpr std::size_t base64_buffer_size = 1536;
// Values allowed to decode to more (doc/* content_, 19,500 bytes) get a buffer this large, in a
// function of their own so that only they pay for the stack.
inline constexpr std::size_t long_base64_buffer_size = 26004;

// check_base64 with a decode buffer of N characters. Defined before its first use: clang
// evaluates a function template specialisation in a constant expression only when its
// definition was seen first.
template <std::size_t N>
[[nodiscard]] constexpr result<void> check_base64_in(std::string_view v, const param_spec& p,
                                                     style_writer& out) noexcept {
  std::array<char, N> decoded;  // decode_base64_text writes [0, n) before anything reads it
  auto value = objproc::detail::decode_base64_text(v, decoded);
  if (!value) return value.error();
  const auto [unpadded, text] = *value;
  if (p.max_encoded != 0 && unpadded.size() > p.max_encoded)
    return error{errc::text_too_long, p.max_encoded, "encoded text too long"};
  if (p.max_decoded != 0 && utf8_length(text) > p.max_decoded)
    return error{errc::text_too_long, 0, "decoded text too long"};
  if (p.max_decoded_bytes != 0 && text.size() > p.max_decoded_bytes)
    return error{errc::text_too_long, 0, "decoded text longer than the documented maximum"};
  if (p.decodes_to == decoded_kind::bucket_name) {
    if (auto r = check_bucket_name(text); !r)
      return error{errc::invalid_bucket_name, 0, r.error().detail};
  } else if (p.decodes_to == decoded_kind::object_key) {
    // A watermark image may carry its own pre-process: "key?x-oss-process=image/...".
    const std::size_t query = text.find("?x-oss-process=");
    if (auto r = check_object_key(text.substr(0, query)); !r)
      return error{errc::invalid_object_key, 0, r.error().detail};
    if (query != std::string_view::npos && p.key == "image") {
      style_writer ignore;
      if (auto r = parse_process(text.substr(query + 15), ignore, {carrier::get_url, true, false});
          !r)
        return error{r.error().code, 0, r.error().detail};  // offsets inside the decoded text
    } else if (query != std::string_view::npos) {
      return error{errc::invalid_object_key, 0, "'?x-oss-process=' only in a watermark image"};
    }
  }
  out.put(unpadded);
  return {};
}

// A base64 value: URL-safe alphabet, '=' optional, canonical bits, UTF-8 inside, then the
// checks of what it decodes to. Writes the value without padding.
[[nodiscard]] constexpr result<void> check_base64(std::string_view v, const param_spec& p,
                                                  style_writer& out) noexcept {
  if (v.size() > base64_buffer_size && p.max_decoded_bytes > base64_buffer_size / 4 * 3)
    return check_base64_in<long_base64_buffer_size>(v, p, out);
  return check_base64_in<base64_buffer_size>(v, p, out);
}

// One value against its parameter's spec; offsets relative to `v`. Writes the canonical value.
[[nodiscard]] constexpr result<void> check_value(std::string_view v, const param_spec& p,
                                                 style_writer& out) noexcept {
  switch (p.kind) {
    case value_kind::integer: {
      auto n = parse_integer(v);
      if (!n) return n.error();
      if (auto r = check_range(*n, p); !r) return r;
      out.put(v);
      return {};
    }
    case value_kind::decimal: {
      const std::size_t dot = find_char(v, '.');
      auto whole = parse_integer(v.substr(0, dot));
      if (!whole) return whole.error();
      if (*whole < 0) return error{errc::value_out_of_range, 0, "below the minimum"};
      bool fraction_nonzero = false;
      if (dot != std::string_view::npos) {
        if (dot + 1 == v.size()) return error{errc::invalid_number, dot, "digits must follow '.'"};
        for (std::size_t i = dot + 1; i < v.size(); ++i) {
          if (!is_digit(v[i])) return error{errc::invalid_number, i, "expected digits"};
          fraction_nonzero = fraction_nonzero || v[i] != '0';
        }
      }
      if (auto r = check_range(*whole, p); !r) return r;
      if (*whole == p.max && fraction_nonzero)
        return error{errc::value_out_of_range, 0, "above the maximum"};
      out.put(v);
      return {};
    }
    case value_kind::enumeration:
      if (!verified(p)) return check_value(v, param_spec{.kind = value_kind::token}, out);
      if (!objproc::detail::in_word_list(p.choices, v))
        return error{errc::invalid_enum_value, 0, p.choices};
      out.put(v);
      return {};
    case value_kind::base64:
      return check_base64(v, p, out);
    case value_kind::color:
      for (std::size_t i = 0; i < v.size() && i < 6; ++i)
        if (objproc::detail::hex_value(v[i]) < 0)
          return error{errc::invalid_color, i, "expected RRGGBB hex"};
      if (v.size() != 6)
        return error{errc::invalid_color, v.size() < 6 ? v.size() : 6,
                     "expected six hex digits RRGGBB"};
      for (const char c : v) out.put(c >= 'a' && c <= 'f' ? static_cast<char>(c - 'a' + 'A') : c);
      return {};
    case value_kind::video_size: {
      const std::size_t x = find_char(v, 'x');
      if (x == std::string_view::npos)
        return error{errc::invalid_dimensions, v.size(), "expected WxH or Wx"};
      for (const std::size_t at : {std::size_t{0}, x + 1}) {
        const std::string_view side = at == 0 ? v.substr(0, x) : v.substr(at);
        if (at != 0 && side.empty()) continue;  // "1280x": the height follows the width
        auto n = parse_integer(side);
        if (!n) return error{errc::invalid_dimensions, at + n.error().offset, "expected WxH"};
        if (*n < p.min || *n > p.max)
          return error{errc::value_out_of_range, at, "each side 64-4096"};
        if (*n % 2 != 0) return error{errc::invalid_dimensions, at, "sides must be even"};
      }
      out.put(v);
      return {};
    }
    case value_kind::token:
      for (std::size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
              c == '.'))
          return error{errc::invalid_character, i, "expected letters, digits, '-' or '.'"};
      }
      out.put(v);
      return {};
  }
  return error{errc::invalid_argument, 0, "unknown value kind"};
}

// Whether `op` may appear in `ctx`; offsets relative to the operation.
[[nodiscard]] constexpr result<void> check_op_carrier(const op_spec& op,
                                                      parse_context ctx) noexcept {
  if (ctx.watermark_image) {
    if (!(op.service == "image" &&
          objproc::detail::in_word_list("resize crop indexcrop rounded-corners rotate", op.name)))
      return error{errc::misplaced_operation, 0, "not allowed in a watermark image pre-process"};
    return {};
  }
  const auto bits = op.carriers;
  switch (ctx.where) {
    case carrier::any:
      return {};
    case carrier::get_url:
      if (bits & in_get_url) return {};
      if (bits == in_async_process)
        return error{errc::async_only_operation, 0, "needs async_process_object"};
      if (op.needs_saveas)
        return error{saveas_required, 0,
                     "saves a new object: needs process_object with sys/saveas"};
      return error{errc::misplaced_operation, 0, "not available in a GET URL"};
    case carrier::sync_process:
      if (bits & in_sync_process) return {};
      if (bits == in_async_process)
        return error{errc::async_only_operation, 0, "needs async_process_object"};
      return error{errc::misplaced_operation, 0, "only in a GET URL"};
    case carrier::async_process:
      if (bits & in_async_process) return {};
      return error{errc::sync_only_operation, 0, "needs process_object or a GET URL"};
  }
  return {};
}

// The operation found in the requirements of the whole string (input offsets, for this
// parse's own errors).
struct op_requirements {
  std::size_t needs_saveas_at = error::no_offset;
  std::size_t needs_notify_at = error::no_offset;
  unsigned noted = 0;  // the operation_notes bits already recorded
};

// Per row of spec::operations, what note_operation records: the carriers refusing it (bits
// 0-2, as carrier_bits), whether it needs sys/saveas (bit 3) or sys/notify (bit 4). One test
// per operation tells whether it adds anything.
inline constexpr auto operation_notes = [] {
  std::array<std::uint8_t, std::size(spec::operations)> notes{};
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const op_spec& op = spec::operations[i];
    notes[i] = static_cast<std::uint8_t>((~op.carriers & 7U) | (op.needs_saveas ? 8U : 0U) |
                                         (op.needs_notify ? 16U : 0U));
  }
  return notes;
}();

// Records what the whole string's checks need of operation `op_index`: in `needs` at its input
// offset (this parse's errors), in `facts` at its canonical offset (check_carrier).
constexpr void note_operation(style_facts& facts, op_requirements& needs, std::size_t op_index,
                              std::size_t input_at, std::size_t canonical_at) noexcept {
  // A value's text is at most 65535 bytes (checked_text); longer text fails the parse anyway.
  const auto at = static_cast<std::uint16_t>(canonical_at);
  const unsigned first = operation_notes[op_index] & ~needs.noted;  // what it adds
  needs.noted |= first;
  facts.refused = static_cast<std::uint8_t>(facts.refused | (first & 7U));
  for (std::size_t i = 0; i < facts.refused_at.size(); ++i) {
    if ((first >> i & 1U) == 0) continue;
    facts.refused_op[i] = static_cast<std::uint16_t>(op_index);
    facts.refused_at[i] = at;
  }
  if ((first & 8U) != 0) {
    needs.needs_saveas_at = input_at;
    facts.needs_save_as_at = at;
  }
  if ((first & 16U) != 0) {
    needs.needs_notify_at = input_at;
    facts.needs_notify_at = at;
  }
}

// The carrier rules that need the whole string (style-spec §1.1 b-e), shared by the parser
// (input offsets) and check_carrier (canonical offsets, from the facts). `system_at`: the first
// byte after '|', or the size when there is no system part.
[[nodiscard]] constexpr result<void> check_whole_string(carrier where, bool has_save_as,
                                                        bool has_notify, std::size_t system_at,
                                                        std::size_t needs_saveas_at,
                                                        std::size_t needs_notify_at) noexcept {
  if (where == carrier::get_url && has_save_as)
    return error{saveas_not_allowed, system_at, "sys/saveas needs process_object (POST)"};
  if ((where == carrier::get_url || where == carrier::sync_process) && has_notify)
    return error{notify_not_allowed, system_at, "sys/notify is only for async processing"};
  if (where == carrier::sync_process || where == carrier::async_process) {
    if (needs_saveas_at != error::no_offset && !has_save_as)
      return error{saveas_required, needs_saveas_at, "the result must be saved: add sys/saveas"};
  }
  if (where == carrier::async_process && needs_notify_at != error::no_offset && !has_notify)
    return error{notify_required, needs_notify_at, "the result comes only by sys/notify"};
  return {};
}

// One `op,args` segment starting at input offset `base`.
// Returns the operation's index in spec::operations; `previous` is the index of the operation
// before it (spec::not_found at the start).
// `slash_follows`: the segment was ended by a '/' (another operation follows, or a standard
// base64 '/' split a value).
[[nodiscard]] constexpr result<std::size_t> parse_op(std::string_view segment, std::size_t base,
                                                     std::string_view service, std::size_t previous,
                                                     parse_context ctx, style_writer& out,
                                                     op_requirements& needs, style_facts& facts,
                                                     bool slash_follows = false) noexcept {
  const std::size_t comma = find_char(segment, ',');
  const std::string_view name = segment.substr(0, comma);
  if (name.empty()) return error{errc::empty_operation, base, "operation name missing"};
  const std::size_t op_index = spec::find_operation(service, name);
  if (op_index == spec::not_found)
    return error{errc::unknown_operation, base, "not an operation of this service"};
  const op_spec& op = spec::operations[op_index];
  if (!op.parents.empty() &&
      (previous == spec::not_found ||
       !objproc::detail::in_word_list(op.parents, spec::operations[previous].name)))
    return error{errc::misplaced_operation, base, "must directly follow its parent operation"};
  if (auto r = check_op_carrier(op, ctx); !r) return r.error().shifted(base);
  // After the first operation, mostly nothing new to record (this runs for every operation).
  if ((operation_notes[op_index] & ~needs.noted) != 0)
    note_operation(facts, needs, op_index, base, out.size + 1);  // after the '/' written below
  out.put('/');
  out.put(name);

  const std::size_t args_at = base + name.size() + 1;
  const std::string_view args =
      comma == std::string_view::npos ? std::string_view{} : segment.substr(comma + 1);
  if (op.form == op_form::no_args) {
    if (comma != std::string_view::npos)
      return error{errc::unexpected_value, base + comma, "takes no arguments"};
    return op_index;
  }
  const bool no_args = comma == std::string_view::npos;
  if (no_args ? op.form == op_form::value_only : args.empty())
    return error{errc::missing_value, no_args ? args_at - 1 : args_at, "arguments missing"};
  if (!no_args) out.put(',');
  if (op.form == op_form::value_only) {
    if (const std::size_t extra = find_char(args, ','); extra != std::string_view::npos)
      return error{errc::unexpected_value, args_at + extra, "takes a single value"};
    if (auto r = check_value(args, op.params[0], out); !r) return r.error().shifted(args_at);
    return op_index;
  }

  // key_value arguments. Which parameters were seen is one bit each (a checked literal pays for
  // every step of this in constant evaluation); their offsets are recovered only for an error.
  // The rows are read through data(): span's operator[] is a call per row there.
  static_assert(spec::max_params_per_operation <= 64, "seen_bits holds one bit per parameter");
  std::uint64_t seen_bits = 0;
  const auto seen = [&](std::size_t i) { return (seen_bits >> i & 1U) != 0; };
  const param_spec* const params = op.params.data();
  const std::size_t param_count = op.params.size();
  std::size_t at = 0;
  bool first = true;
  // A keyed operation without arguments ("image/crop") is grammatical; its requirements decide.
  while (!no_args && at <= args.size()) {
    const std::size_t end = end_of_field(args, ',', at);
    const std::string_view arg = args.substr(at, end - at);
    const std::size_t arg_at = args_at + at;
    if (arg.empty()) return error{errc::missing_value, arg_at, "empty argument"};
    const std::size_t underscore = find_char(arg, '_');
    if (underscore == std::string_view::npos) {
      return spec::find_param(op_index, arg) != spec::not_found
                 ? error{errc::missing_value, arg_at + arg.size(), "expected key_value"}
                 : error{errc::unknown_parameter, arg_at, "expected key_value"};
    }
    const std::string_view key = arg.substr(0, underscore);
    const std::string_view value = arg.substr(underscore + 1);
    const std::size_t index = spec::find_param(op_index, key);
    // P_ (percent of the main image) exists only inside a watermark image's pre-process.
    if (index == spec::not_found || (!ctx.watermark_image && same(key, "P")))
      return error{errc::unknown_parameter, arg_at,
                   key.empty() ? "empty key" : "not a parameter of this operation"};
    const param_spec& param = params[index];
    if (seen(index) && !param.repeatable)
      return error{errc::duplicate_parameter, arg_at, "given twice"};
    seen_bits |= std::uint64_t{1} << index;
    if (value.empty()) {
      // "text_/w...": a standard base64 value starting with '/', cut by the operation separator.
      if (param.kind == value_kind::base64 && end == args.size() && slash_follows)
        return error{errc::invalid_base64_value, arg_at + underscore + 1,
                     "standard base64 '/': use URL-safe base64 ('_' for '/')"};
      return error{errc::missing_value, arg_at + underscore + 1, "empty value"};
    }
    if (!first) out.put(',');
    first = false;
    out.put(key);
    out.put('_');
    if (auto r = check_value(value, param, out); !r)
      return r.error().shifted(arg_at + underscore + 1);
    at = end + 1;
  }

  // Offset of parameter i's "key_" in the input (error path only).
  const auto offset_of = [&](std::size_t i) {
    for (std::size_t from = 0; from < args.size(); from = end_of_field(args, ',', from) + 1) {
      const std::string_view rest = args.substr(from);
      const std::string_view key = params[i].key;
      if (rest.size() > key.size() && same(rest.substr(0, key.size()), key) &&
          rest[key.size()] == '_')
        return args_at + from;
    }
    return base;
  };
  const auto present = [&](std::string_view key) {
    const std::size_t index = spec::find_param(op_index, key);
    return index != spec::not_found && seen(index);
  };
  const auto all_present = [&](std::string_view keys) {
    for (std::size_t from = 0; from < keys.size(); from = end_of_field(keys, ' ', from) + 1)
      if (!present(keys.substr(from, end_of_field(keys, ' ', from) - from))) return false;
    return true;
  };
  const auto any_present = [&](std::string_view keys) {
    for (std::size_t from = 0; from < keys.size(); from = end_of_field(keys, ' ', from) + 1)
      if (present(keys.substr(from, end_of_field(keys, ' ', from) - from))) return true;
    return false;
  };
  bool one_of_seen = op.one_of.empty();
  for (std::size_t i = 0; i < param_count; ++i) {
    const param_spec& p = params[i];
    if ((seen_bits >> i & 1U) == 0) {  // (not seen(i): one call less per row)
      if (p.required) return error{errc::missing_parameter, base, p.key};
      continue;
    }
    one_of_seen = one_of_seen || objproc::detail::in_word_list(op.one_of, p.key);
    if (!p.requires_keys.empty() && !all_present(p.requires_keys))
      return error{errc::missing_parameter, offset_of(i), p.requires_keys};
    if (!p.excludes_keys.empty() && any_present(p.excludes_keys))
      return error{errc::conflicting_parameters, offset_of(i), p.excludes_keys};
  }
  if (!one_of_seen) return error{errc::missing_parameter, base, op.one_of};
  return op_index;
}

// Style names: 1-63 of [A-Za-z0-9_.-] (style-spec §2.7).
[[nodiscard]] constexpr result<void> check_style_name(std::string_view name) noexcept {
  if (name.empty()) return error{errc::invalid_style_name, 0, "empty style name"};
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '/') return error{errc::misplaced_operation, i, "a style reference stands alone"};
    if (!(is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' ||
          c == '-'))
      return error{errc::invalid_style_name, i, "only letters, digits, '_', '.' and '-'"};
    if (i == 63)
      return error{errc::invalid_style_name, i, "style names have at most 63 characters"};
  }
  return {};
}

// The detail of a standard base64 '/' in a system value (static text per key).
[[nodiscard]] constexpr std::string_view slash_in_system_value(std::string_view key) noexcept {
  if (key == "o") return "standard base64 '/' in o_: use URL-safe base64 ('_' for '/')";
  if (key == "b") return "standard base64 '/' in b_: use URL-safe base64 ('_' for '/')";
  return "standard base64 '/' in topic_: use URL-safe base64 ('_' for '/')";
}

// `sys/saveas,o_..,b_..[/notify,topic_..]` or `sys/notify,topic_..` starting at offset `base`.
// The same rules in strict and unchecked mode.
[[nodiscard]] constexpr result<void> parse_system(std::string_view sys, std::size_t base,
                                                  style_writer& out,
                                                  style_facts& summary) noexcept {
  constexpr param_spec object{
      .key = "o", .kind = value_kind::base64, .decodes_to = decoded_kind::object_key};
  constexpr param_spec bucket{
      .key = "b", .kind = value_kind::base64, .decodes_to = decoded_kind::bucket_name};
  constexpr param_spec topic{.key = "topic", .kind = value_kind::base64};
  if (sys.substr(0, 4) != "sys/")
    return error{errc::invalid_system_part, base, "expected sys/ after '|'"};
  std::string_view o, b, t;  // raw values, written in canonical order at the end
  std::size_t o_at = 0, b_at = 0, t_at = 0, saveas_at = 0;
  std::string_view last_key;  // the key of the value that ended the previous action
  std::size_t last_value_at = 0;
  std::string_view last_value;
  const auto is_action = [&](std::size_t from) {
    std::size_t to = from;
    while (to < sys.size() && sys[to] != ',' && sys[to] != '/') ++to;
    const std::string_view name = sys.substr(from, to - from);
    return name == "saveas" || name == "notify";
  };
  std::size_t at = 4;
  while (at <= sys.size()) {
    const std::size_t slash = find_char(sys, '/', at);
    const std::size_t end = slash == std::string_view::npos ? sys.size() : slash;
    const std::string_view action = sys.substr(at, end - at);
    const std::size_t comma = find_char(action, ',');
    const std::string_view name = action.substr(0, comma);
    const bool is_saveas = name == "saveas";
    if (!is_saveas && name != "notify") {
      // "o_abc/def": a standard base64 '/' inside the previous value split the system part.
      if (!last_key.empty()) {
        for (std::size_t i = 0; i < last_value.size(); ++i)
          if (last_value[i] == '+')
            return error{errc::invalid_base64_value, last_value_at + i,
                         "standard base64: use URL-safe base64 ('-' for '+', '_' for '/')"};
        return error{errc::invalid_base64_value, base + at - 1, slash_in_system_value(last_key)};
      }
      return error{errc::invalid_system_part, base + at, "expected saveas or notify"};
    }
    if ((is_saveas && summary.has_save_as) || (!is_saveas && summary.has_notify))
      return error{errc::invalid_system_part, base + at, "given twice"};
    if (is_saveas) {
      summary.has_save_as = true;
      saveas_at = base + at;
    } else {
      summary.has_notify = true;
    }
    const std::string_view required = is_saveas ? "o" : "topic";
    if (comma == std::string_view::npos || comma + 1 == action.size())
      return error{errc::missing_parameter,
                   base + at + name.size() + (comma == name.size() ? 1 : 0), required};
    std::size_t arg_at = at + comma + 1;
    for (std::string_view args = action.substr(comma + 1);;) {
      const std::size_t next = find_char(args, ',');
      const std::string_view arg = args.substr(0, next);
      const std::size_t underscore = find_char(arg, '_');
      const std::string_view key = arg.substr(0, underscore);
      const std::string_view value =
          underscore == std::string_view::npos ? std::string_view{} : arg.substr(underscore + 1);
      std::string_view* slot = is_saveas ? (key == "o"   ? &o
                                            : key == "b" ? &b
                                                         : nullptr)
                                         : (key == "topic" ? &t : nullptr);
      if (slot == nullptr)
        return error{errc::unknown_parameter, base + arg_at,
                     is_saveas ? "saveas takes o_ and b_" : "notify takes topic_"};
      if (!slot->empty()) return error{errc::duplicate_parameter, base + arg_at, "given twice"};
      if (value.empty()) {
        // "o_/abc": the value starts with a standard base64 '/'.
        if (next == std::string_view::npos && end < sys.size() && !is_action(end + 1) &&
            underscore != std::string_view::npos)
          return error{errc::invalid_base64_value, base + end, slash_in_system_value(key)};
        return error{errc::missing_value, base + arg_at + arg.size(), "empty value"};
      }
      *slot = value;
      (key == "o" ? o_at : key == "b" ? b_at : t_at) = base + arg_at + underscore + 1;
      last_key = key == "o" ? "o" : key == "b" ? "b" : "topic";
      last_value = value;
      last_value_at = base + arg_at + underscore + 1;
      if (next == std::string_view::npos) break;
      args.remove_prefix(next + 1);
      arg_at += next + 1;
    }
    if (is_saveas && o.empty()) return error{errc::missing_parameter, saveas_at, "o"};
    at = end + 1;
  }
  out.put("|sys/");
  if (summary.has_save_as) {
    out.put("saveas,o_");
    if (auto r = check_value(o, object, out); !r) return r.error().shifted(o_at);
    if (!b.empty()) {
      out.put(",b_");
      if (auto r = check_value(b, bucket, out); !r) return r.error().shifted(b_at);
    }
    if (summary.has_notify) out.put('/');
  }
  if (summary.has_notify) {
    out.put("notify,topic_");
    if (auto r = check_value(t, topic, out); !r) return r.error().shifted(t_at);
  }
  return {};
}

// The index of image/watermark in the table.
inline constexpr std::size_t watermark_index = spec::find_operation("image", "watermark");

// Whether one of the ','-separated arguments of `segment` starts with `prefix`.
[[nodiscard]] constexpr bool has_argument(std::string_view segment,
                                          std::string_view prefix) noexcept {
  for (std::size_t at = find_char(segment, ','); at != std::string_view::npos;
       at = find_char(segment, ',', at + 1))
    if (segment.substr(at + 1, prefix.size()) == prefix) return true;
  return false;
}

// Whether `text` is made of lower-case letters and '-' only, as operation names are.
[[nodiscard]] constexpr bool looks_like_name(std::string_view text) noexcept {
  for (const char c : text)
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  return true;
}

// Whether the last argument of an operation's `segment` is a base64 parameter of the operation
// spec::operations[op_index].
[[nodiscard]] constexpr bool ends_with_base64(std::string_view segment,
                                              std::size_t op_index) noexcept {
  std::size_t last = std::string_view::npos;
  for (std::size_t at = find_char(segment, ','); at != std::string_view::npos;
       at = find_char(segment, ',', at + 1))
    last = at;
  if (last == std::string_view::npos) return false;
  const std::string_view arg = segment.substr(last + 1);
  const std::size_t index = spec::find_param(op_index, arg.substr(0, find_char(arg, '_')));
  return index != spec::not_found &&
         spec::operations[op_index].params[index].kind == value_kind::base64;
}

// oss::unchecked_style's main part: the structure of the grammar without the vocabulary.
// `service/op[,param...]/op...`; service and operation names of [a-z0-9-]; no empty operation or
// parameter; parameters of printable ASCII without ' ', ',', '/' and '|'.
[[nodiscard]] constexpr bool is_name_char(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'z') || c == '-';
}
[[nodiscard]] constexpr result<void> check_unchecked_main(std::string_view main) noexcept {
  const std::size_t slash = find_char(main, '/');
  if (slash == 0) return error{errc::unknown_service, 0, "service name missing"};
  for (std::size_t i = 0; i < main.size() && i < slash; ++i)
    if (!is_name_char(main[i]))
      return error{errc::invalid_character, i, "service names are [a-z0-9-]"};
  if (slash == std::string_view::npos)
    return error{errc::empty_operation, main.size(), "expected service/operation"};
  for (std::size_t at = slash; at < main.size();) {
    const std::size_t start = at + 1;
    const std::size_t end = end_of_field(main, '/', start);
    const std::size_t comma = find_char(main.substr(0, end), ',', start);
    const std::size_t name_end = comma == std::string_view::npos ? end : comma;
    if (name_end == start) return error{errc::empty_operation, start, "operation name missing"};
    for (std::size_t i = start; i < name_end; ++i)
      if (!is_name_char(main[i]))
        return error{errc::invalid_character, i, "operation names are [a-z0-9-]"};
    for (std::size_t arg = name_end; arg < end;) {
      const std::size_t arg_start = arg + 1;
      const std::size_t arg_end = end_of_field(main.substr(0, end), ',', arg_start);
      if (arg_end == arg_start) return error{errc::missing_value, arg_start, "empty parameter"};
      for (std::size_t i = arg_start; i < arg_end; ++i)
        if (main[i] <= ' ' || main[i] > '~')
          return error{errc::invalid_character, i, "printable ASCII without spaces only"};
      arg = arg_end;
    }
    at = end;
  }
  if (main.size() == slash + 1)
    return error{errc::empty_operation, main.size(), "operation missing after '/'"};
  return {};
}

constexpr result<style_facts> parse_process(std::string_view in, style_writer& out,
                                            parse_context ctx) noexcept {
  if (in.empty()) return error{errc::empty_style, 0, "empty process string"};
  style_facts facts;
  const std::size_t bar = find_char(in, '|');
  const std::string_view main = in.substr(0, bar);
  op_requirements needs;
  if (objproc::detail::starts_with(main, "style/")) {
    if (auto r = check_style_name(main.substr(6)); !r) return r.error().shifted(6);
    facts.is_reference = true;
    out.put(main);
  } else if (ctx.unchecked) {
    if (auto r = check_unchecked_main(main); !r) return r.error();
    out.put(main);
  } else {
    const std::size_t slash = find_char(main, '/');
    const std::string_view service = main.substr(0, slash);
    if (slash == std::string_view::npos || !spec::known_service(service))
      return error{errc::unknown_service, 0,
                   "expected image/, video/, audio/, doc/, hls/, imm/ or style/"};
    out.put(service);
    std::size_t previous = spec::not_found;
    std::size_t previous_at = 0;
    std::size_t image_watermarks = 0;
    for (std::size_t at = slash; at < main.size();) {
      const std::size_t start = at + 1;
      const std::size_t end = end_of_field(main, '/', start);
      const std::string_view segment = main.substr(start, end - start);
      auto op =
          parse_op(segment, start, service, previous, ctx, out, needs, facts, end < main.size());
      if (!op) {
        // "text_ab/cd": a standard base64 '/' in the previous operation's last value split it.
        // (A name of lower-case letters and '-' is rather a misspelt operation.)
        if (op.error().code == errc::unknown_operation && previous != spec::not_found &&
            !looks_like_name(segment.substr(0, find_char(segment, ','))) &&
            ends_with_base64(main.substr(previous_at, start - 1 - previous_at), previous))
          return error{errc::invalid_base64_value, start - 1,
                       "standard base64 '/': use URL-safe base64 ('_' for '/')"};
        return op.error();
      }
      if (*op == watermark_index && has_argument(segment, "image_") &&
          ++image_watermarks > spec::max_image_watermarks)
        return error{errc::too_many_rules, start, "at most 3 image watermarks"};
      previous = *op;
      previous_at = start;
      at = end;
    }
    if (main.size() == slash + 1)
      return error{errc::empty_operation, main.size(), "operation missing after '/'"};
  }
  facts.main_size = static_cast<std::uint16_t>(out.size);  // see note_operation
  if (bar != std::string_view::npos) {
    if (const std::size_t second = find_char(in, '|', bar + 1); second != std::string_view::npos)
      return error{errc::invalid_system_part, second, "only one '|' is allowed"};
    if (ctx.watermark_image) return error{errc::invalid_system_part, bar, "no system part here"};
    if (auto r = parse_system(in.substr(bar + 1), bar + 1, out, facts); !r) return r.error();
  }
  const std::size_t sys_at = bar == std::string_view::npos ? in.size() : bar + 1;
  if (auto r = check_whole_string(ctx.where, facts.has_save_as, facts.has_notify, sys_at,
                                  needs.needs_saveas_at, needs.needs_notify_at);
      !r)
    return r.error();
  if (out.overflowed())
    return error{errc::style_too_long, out.capacity, "longer than OBJPROC_OSS_STYLE_CAPACITY"};
  return facts;
}

}  // namespace detail

/// The OSS process-string grammar as a checked_text policy (core/checked_text.hpp).
struct style_grammar {
  using place = carrier;
  using facts = style_facts;
  static constexpr std::size_t capacity = style_capacity;
  static constexpr std::string_view empty_detail = "empty style";
  static constexpr std::string_view too_long_detail = "longer than OBJPROC_OSS_STYLE_CAPACITY";
  static constexpr bool literal_converts_to_string = false;

  [[nodiscard]] static constexpr result<style_facts> parse(std::string_view text,
                                                           objproc::detail::text_writer& out,
                                                           carrier where, bool unchecked) noexcept {
    return detail::parse_process(text, out, {where, false, unchecked});
  }

  /// What oss::style has beyond checked_text.
  template <class Style>
  class accessors {
   public:
    /// The part before '|'.
    [[nodiscard]] constexpr std::string_view main() const noexcept {
      return self().view().substr(0, self().facts().main_size);
    }
    [[nodiscard]] constexpr std::string_view service() const noexcept {
      return main().substr(0, objproc::detail::find_char(main(), '/'));
    }
    [[nodiscard]] constexpr bool is_reference() const noexcept {
      return self().facts().is_reference;
    }
    [[nodiscard]] constexpr bool has_save_as() const noexcept { return self().facts().has_save_as; }
    [[nodiscard]] constexpr bool has_notify() const noexcept { return self().facts().has_notify; }

   private:
    [[nodiscard]] constexpr const Style& self() const noexcept {
      return static_cast<const Style&>(*this);
    }
  };
};

/// A validated OSS process string in canonical form, held inline (no heap), usable in constant
/// expressions. Built by parse_style, the checked literals, or the typed builders composed with
/// '/' (oss/image.hpp ...) and '|' (oss/directives.hpp). A builder given a bad value at run time
/// yields a style holding that error (has_error()); in a constant expression it does not compile.
/// Built by unchecked_style (or from one), it is_unchecked(), and so is every later parse of it
/// (appended, the directives, the operations).
using style = checked_text<style_grammar>;

/// A process string checked at compile time: a bad literal passed where a style_string is
/// expected does not compile, and the diagnostic names the errc and its offset.
///   void f(objproc::oss::style_string s);  f("image/resize,w_100");  // ok
///                                          f("image/resize,w_0");    // error: value_out_of_range
/// It converts to the style it checked: process_object{.process = "..."_oss}.
using style_string = checked_string<style_grammar>;

/// Parses and validates `text` (for `where`, see carrier); the style holds the canonical form.
[[nodiscard]] constexpr result<style> parse_style(std::string_view text,
                                                  carrier where = carrier::any) noexcept {
  return style::parse(text, where);
}

/// The explicit way past the vocabulary, for operations and parameters the table does not know
/// (or knows only from third parties): the grammar's structure is enforced (service/op, ','
/// parameters, '/' chaining, one '|'; names of [a-z0-9-]; no empty operation or parameter;
/// parameters of printable ASCII without spaces, ',', '/' and '|'), and sys/saveas and notify
/// are parsed and checked exactly as in strict mode, with their placement rules (saveas never
/// in a GET URL, notify only asynchronous). Operations and parameters pass through verbatim;
/// ranges, value sets and the carriers of known operations are not applied. The style remembers
/// it is unchecked (is_unchecked()), and every later parse of it is unchecked as well.
[[nodiscard]] constexpr result<style> unchecked_style(std::string_view text,
                                                      carrier where = carrier::any) noexcept {
  return style::parse_unchecked(text, where);
}

/// Checks a style against where it is used (style-spec §1.1): async-only operations, saveas and
/// notify placement, required saveas/notify. Offsets refer to the canonical text. Reads what the
/// parse recorded (style::facts()): O(1), the same errors as parsing the text for `where`.
[[nodiscard]] constexpr result<void> check_carrier(const style& s, carrier where) noexcept {
  if (s.has_error()) return s.error();
  if (s.empty()) return error{errc::empty_style, 0, "empty process string"};
  const style_facts& facts = s.facts();
  if (where != carrier::any) {
    const auto i = static_cast<std::size_t>(where) - 1;  // carrier bit i
    if ((facts.refused >> i & 1U) != 0)
      if (auto r = detail::check_op_carrier(spec::operations[facts.refused_op[i]], {where}); !r)
        return r.error().shifted(facts.refused_at[i]);
  }
  const auto offset = [](std::uint16_t at) {
    return at == style_facts::none ? error::no_offset : std::size_t{at};
  };
  const std::size_t system_at =
      facts.main_size < s.view().size() ? std::size_t{facts.main_size} + 1U : s.view().size();
  return detail::check_whole_string(where, facts.has_save_as, facts.has_notify, system_at,
                                    offset(facts.needs_save_as_at), offset(facts.needs_notify_at));
}

[[nodiscard]] inline std::string to_string(const style& s) { return std::string(s.view()); }

/// The explicit opt-out from compile-time checking, for text known only at run time: the
/// operation it is passed to parses it and returns the error.
struct runtime_style {
  std::string_view text;
};

}  // namespace oss

namespace literals {
/// "image/resize,w_100"_oss: a compile-time checked OSS process string. The text is a template
/// argument here, so the compiler's message can carry the offset, the field and the detail
/// (core/diagnostic.hpp), not only the errc.
template <fixed_string Text>
consteval oss::style_string operator""_oss() noexcept {
  return objproc::detail::checked_literal<oss::style_grammar, Text>();
}
}  // namespace literals

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_OSS_STYLE_HPP
