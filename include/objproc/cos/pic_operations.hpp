// SPDX-License-Identifier: MIT
// objproc/cos/pic_operations.hpp - the Pic-Operations header of CI persistent processing
// (ci_put_object, ci_image_process): typed value, canonical JSON, and the reader.
//
//   cos::pic_operations ops{.is_pic_info = true,
//                           .rules = {{.fileid = "format.png", .rule = "imageView2/format/png"}}};
//   cos::to_json(ops)
//     -> {"is_pic_info":1,"rules":[{"fileid":"format.png","rule":"imageView2/format/png"}]}
//   cos::parse_pic_operations(json)  // the value back: parse(to_json(x)) == x for canonical rules
//
// Wire form (style-spec §8.8, tests/vectors/operations.json): compact JSON; keys in the order
// is_pic_info (always written, 0 or 1), rules (always written, at most 5); per rule bucket (only
// when set), fileid, rule. Strings are JSON-escaped, so no field can inject JSON. to_json writes
// each rule in its canonical form (cos::parse_rule), and the reader stores the canonical form.
//
// The reader is strict: malformed JSON, unknown keys, wrong types, a 6th rule and invalid fields
// are errors whose offset points into the JSON text. It accepts the keys in any order and
// is_pic_info or rules left out (0 and no rules, as the service reads them).
//
// Where the rules run: an upload (ci_put_object) or cloud processing (ci_image_process).
// to_json(ops, where) and parse_pic_operations(text, {.where = ...}) check each rule for that
// carrier (QRcode only on upload, imageInfo/exif/imageAve never); without it, for
// rule_carrier::persistent (valid in at least one of the two). A pic_rule with unchecked = true
// is checked as cos::unchecked_rule does, never silently strictly or the other way round.
#ifndef OBJPROC_COS_PIC_OPERATIONS_HPP
#define OBJPROC_COS_PIC_OPERATIONS_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "objproc/config.hpp"
#include "objproc/cos/fields.hpp"
#include "objproc/core/json.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/cos/names.hpp"
#include "objproc/cos/rule.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace cos {

/// "rules Array, max 5" (CI persistent processing docs).
inline constexpr std::size_t max_pic_rules = 5;

/// One processing rule: one result object stored under `fileid`.
struct pic_rule {
  /// Destination BucketName-APPID; empty: the bucket of the source object.
  std::string bucket = {};
  /// Output key: with a leading '/' from the bucket root, otherwise relative to the directory
  /// of the source object. Equal to the source key, it overwrites the original.
  std::string fileid = {};
  /// A CI rule or pipeline ("imageMogr2/thumbnail/!50p|imageView2/format/png"), or
  /// "style/<name>".
  std::string rule = {};
  /// true: `rule` is checked as cos::unchecked_rule does (structure and placement only).
  bool unchecked = false;

  friend bool operator==(const pic_rule&, const pic_rule&) = default;
};

/// The Pic-Operations value. Rules are a std::vector: the strings own heap memory anyway, it
/// keeps designated initializers natural (.rules = {{...}, {...}}), and the limit of 5 is a
/// property of the wire form, checked by to_json and the reader (errc::too_many_rules).
struct pic_operations {
  /// true: the response also describes the source image (OriginalInfo/ImageInfo).
  bool is_pic_info = false;
  std::vector<pic_rule> rules = {};

  friend bool operator==(const pic_operations&, const pic_operations&) = default;
};

/// A fileid: non-empty UTF-8, not ending with '/', without CR, LF or NUL (errors in
/// fields::fileid: the rule's output key, not the object's).
[[nodiscard]] constexpr result<void> check_fileid(std::string_view fileid) noexcept {
  if (fileid.empty())
    return error{errc::invalid_object_key, error::no_offset, "empty fileid"}.in_field(
        fields::fileid);
  if (auto utf8 = check_utf8(fileid); !utf8)
    return error{errc::invalid_object_key, utf8.error().offset, "fileid is not valid UTF-8"}
        .in_field(fields::fileid);
  for (std::size_t i = 0; i < fileid.size(); ++i)
    if (fileid[i] == '\r' || fileid[i] == '\n' || fileid[i] == '\0')
      return error{errc::invalid_object_key, i, "fileid cannot contain CR, LF or NUL"}.in_field(
          fields::fileid);
  if (fileid.back() == '/')
    return error{errc::invalid_object_key, fileid.size() - 1, "fileid cannot end with '/'"}
        .in_field(fields::fileid);
  return {};
}

namespace detail {

// Pic-Operations carries rules for an upload or cloud processing, never a download URL.
[[nodiscard]] constexpr result<void> check_pic_carrier(rule_carrier where) noexcept {
  if (where == rule_carrier::download_url)
    return error{errc::misplaced_operation, error::no_offset, "Pic-Operations is not a URL"};
  return {};
}

// The one call into cos/rule.hpp: checks a rule and returns the text to send, its canonical form.
[[nodiscard]] inline result<std::string> canonical_pic_rule(std::string_view text, bool unchecked,
                                                            rule_carrier where) {
  if (where == rule_carrier::any) where = rule_carrier::persistent;
  auto parsed = unchecked ? unchecked_rule(text, where) : parse_rule(text, where);
  if (!parsed) return parsed.error();
  return std::string(parsed->view());
}

// An error about a string value's content, moved to point into the JSON text: into the string
// when it was written without escapes, at its opening quote otherwise. The offset then indexes
// the Pic-Operations text, so that is the field.
[[nodiscard]] inline error at_json_string(error e, const json::value& v) noexcept {
  e.field = fields::pic_operations;
  if (e.has_offset() && !v.has_escapes())
    e.offset += v.offset() + 1;
  else
    e.offset = v.offset();
  return e;
}

[[nodiscard]] inline result<pic_rule> read_pic_rule(const json::value& item, bool unchecked,
                                                    rule_carrier where) {
  if (!item.is_object()) return error{errc::wrong_type, item.offset(), "a rule is a JSON object"};
  pic_rule out;
  out.unchecked = unchecked;
  bool has_fileid = false;
  bool has_rule = false;
  for (const json::member& m : item.members()) {
    const bool known = m.key == "bucket" || m.key == "fileid" || m.key == "rule";
    if (!known)
      return error{errc::unknown_key, m.key_offset, "rule keys are bucket, fileid and rule"};
    const json::value& v = m.value;
    if (!v.is_string())
      return error{errc::wrong_type, v.offset(), "bucket, fileid and rule are strings"};
    const std::string_view text = v.as_string();
    if (m.key == "bucket") {
      // An empty bucket is refused too: to_json would leave it out.
      if (auto r = check_bucket_name(text); !r) return at_json_string(r.error(), v);
      out.bucket = text;
    } else if (m.key == "fileid") {
      if (auto r = check_fileid(text); !r) return at_json_string(r.error(), v);
      out.fileid = text;
      has_fileid = true;
    } else {
      auto canonical = canonical_pic_rule(text, unchecked, where);
      if (!canonical) return at_json_string(canonical.error(), v);
      out.rule = std::move(*canonical);
      has_rule = true;
    }
  }
  if (!has_fileid) return error{errc::missing_key, item.offset(), "a rule needs a fileid"};
  if (!has_rule) return error{errc::missing_key, item.offset(), "a rule needs a rule"};
  return out;
}

}  // namespace detail

/// The canonical Pic-Operations JSON, or the first invalid field: errc::too_many_rules,
/// invalid_bucket_name, invalid_object_key (fileid) or the rule's own error (misplaced_operation
/// for a rule that cannot run in `where`). Offsets point into the offending field.
[[nodiscard]] inline result<std::string> to_json(const pic_operations& ops, rule_carrier where) {
  if (auto ok = detail::check_pic_carrier(where); !ok) return ok.error();
  if (ops.rules.size() > max_pic_rules)
    return error{errc::too_many_rules, error::no_offset, "Pic-Operations has at most 5 rules"}
        .in_field(fields::pic_operations);
  std::string out = "{\"is_pic_info\":";
  out += ops.is_pic_info ? '1' : '0';
  out += ",\"rules\":[";
  for (std::size_t i = 0; i < ops.rules.size(); ++i) {
    const pic_rule& r = ops.rules[i];
    if (i != 0) out += ',';
    out += '{';
    if (!r.bucket.empty()) {
      if (auto ok = check_bucket_name(r.bucket); !ok)
        return ok.error().in_field(fields::rule_bucket);
      out += "\"bucket\":";
      if (auto ok = append_json_string(out, r.bucket); !ok) return ok.error();
      out += ',';
    }
    if (auto ok = check_fileid(r.fileid); !ok) return ok.error();
    out += "\"fileid\":";
    if (auto ok = append_json_string(out, r.fileid); !ok) return ok.error();
    auto canonical = detail::canonical_pic_rule(r.rule, r.unchecked, where);
    if (!canonical) return canonical.error().in_field(fields::rule);
    out += ",\"rule\":";
    if (auto ok = append_json_string(out, *canonical); !ok) return ok.error();
    out += '}';
  }
  out += "]}";
  return out;
}

/// to_json for rules valid in an upload or in cloud processing (rule_carrier::persistent).
[[nodiscard]] inline result<std::string> to_json(const pic_operations& ops) {
  return to_json(ops, rule_carrier::persistent);
}

/// How parse_pic_operations reads the rules.
struct pic_read_options {
  /// Where the rules run (upload or cloud_process); any: rule_carrier::persistent.
  rule_carrier where = rule_carrier::persistent;
  /// true: every rule is read as cos::unchecked_rule does, and marked unchecked.
  bool unchecked = false;
};

/// Reads a Pic-Operations JSON text (see the top of this file); offsets point into `text`.
[[nodiscard]] inline result<pic_operations> parse_pic_operations(std::string_view text,
                                                                 pic_read_options options = {}) {
  if (auto ok = detail::check_pic_carrier(options.where); !ok) return ok.error();
  auto doc = json::parse(text);
  if (!doc) return doc.error();
  const json::value& root = *doc;
  if (!root.is_object())
    return error{errc::wrong_type, root.offset(), "Pic-Operations is a JSON object"};
  pic_operations out;
  for (const json::member& m : root.members()) {
    const json::value& v = m.value;
    if (m.key == "is_pic_info") {
      if (!v.is_number()) return error{errc::wrong_type, v.offset(), "is_pic_info is 0 or 1"};
      auto n = v.as_int64();
      if (!n) return n.error();
      if (*n != 0 && *n != 1)
        return error{errc::value_out_of_range, v.offset(), "is_pic_info is 0 or 1"};
      out.is_pic_info = *n == 1;
    } else if (m.key == "rules") {
      if (!v.is_array()) return error{errc::wrong_type, v.offset(), "rules is a JSON array"};
      if (v.items().size() > max_pic_rules)
        return error{errc::too_many_rules, v.items()[max_pic_rules].offset(),
                     "Pic-Operations has at most 5 rules"};
      for (const json::value& item : v.items()) {
        auto r = detail::read_pic_rule(item, options.unchecked, options.where);
        if (!r) return r.error();
        out.rules.push_back(std::move(*r));
      }
    } else {
      return error{errc::unknown_key, m.key_offset,
                   "Pic-Operations keys are is_pic_info and rules"};
    }
  }
  return out;
}

}  // namespace cos

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_COS_PIC_OPERATIONS_HPP
