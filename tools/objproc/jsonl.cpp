// SPDX-License-Identifier: MIT
// tools/objproc/jsonl.cpp - see jsonl.hpp.
#include "jsonl.hpp"

#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

#include <objproc/objproc.hpp>

#include "args.hpp"
#include "environment.hpp"
#include "json_writer.hpp"
#include "operation.hpp"
#include "output.hpp"

namespace objproc_cli {

namespace json = objproc::json;
using objproc::errc;

namespace {

struct line_failure {
  errc code = errc::invalid_argument;
  std::string message;
  std::optional<std::size_t> offset;
  std::string field = {};  // the member path it belongs to; empty: the line itself (null)
};

line_failure at(const json::value& v, errc code, std::string message, std::string field = {}) {
  return {code, std::move(message), v.offset(), std::move(field)};
}

// Which fields each operation reads; anything else present on the line is refused, so a
// misspelt or misplaced field is never silently ignored.
enum field_bit : unsigned {
  f_style = 1U << 0,
  f_save_as = 1U << 1,
  f_notify_topic = 1U << 2,
  f_signature = 1U << 3,
  f_rule = 1U << 4,
  f_pic_operations = 1U << 5,
  f_body_base64 = 1U << 6,
  f_content_type = 1U << 7,
  f_expires = 1U << 8,
  f_request_payer = 1U << 9,
  f_content_md5 = 1U << 10,
  f_put_options = 1U << 11,  // the ci_put_object headers: acl ... traffic_limit
};

unsigned fields_of(provider p, op_kind k) {
  if (p == provider::oss) {
    switch (k) {
      case op_kind::process_object:
        return f_style | f_save_as | f_signature | f_request_payer | f_content_md5;
      case op_kind::async_process_object:
        return f_style | f_save_as | f_notify_topic | f_signature | f_request_payer | f_content_md5;
      case op_kind::presign_get:
        return f_style | f_signature | f_expires;
      default:
        return 0;
    }
  }
  switch (k) {
    case op_kind::ci_put_object:
      return f_pic_operations | f_body_base64 | f_content_type | f_expires | f_content_md5 |
             f_put_options;
    case op_kind::ci_image_process:
      return f_pic_operations | f_expires;
    case op_kind::presign_get:
      return f_rule | f_expires;
    default:
      return 0;
  }
}

struct known_field {
  std::string_view name;
  unsigned bit;  // 0: every operation reads it
};
constexpr known_field known_fields[] = {
    {"id", 0},
    {"provider", 0},
    {"op", 0},
    {"region", 0},
    {"bucket", 0},
    {"key", 0},
    {"endpoint", 0},
    {"time", 0},
    {"credentials", 0},
    {"unchecked", 0},  // applies to the line's style, rule and Pic-Operations rules
    {"style", f_style},
    {"save_as", f_save_as},
    {"notify_topic", f_notify_topic},
    {"signature", f_signature},
    {"rule", f_rule},
    {"pic_operations", f_pic_operations},
    {"body_base64", f_body_base64},
    {"content_type", f_content_type},
    {"expires", f_expires},
    {"request_payer", f_request_payer},
    {"content_md5", f_content_md5},
    {"acl", f_put_options},
    {"grant_read", f_put_options},
    {"grant_read_acp", f_put_options},
    {"grant_write_acp", f_put_options},
    {"grant_full_control", f_put_options},
    {"storage_class", f_put_options},
    {"expires_at", f_put_options},
    {"cache_control", f_put_options},
    {"content_disposition", f_put_options},
    {"content_encoding", f_put_options},
    {"content_language", f_put_options},
    {"meta", f_put_options},
    {"traffic_limit", f_put_options},
};

// Reads one line's object into an operation_input, remembering where each string came from so
// a library error inside it can be placed in the line.
class line_reader {
 public:
  explicit line_reader(const json::value& root) : root_(root) {}

  std::optional<line_failure> read(operation_input& in) {
    const auto known_as = [](std::string_view key) -> const known_field* {
      for (const known_field& k : known_fields)
        if (k.name == key) return &k;
      return nullptr;
    };
    for (const json::member& m : root_.members())
      if (known_as(m.key) == nullptr)
        return line_failure{errc::unknown_key, "unknown field \"" + m.key + "\"", m.key_offset,
                            m.key};
    if (auto f = read_kind(in)) return f;
    const unsigned allowed = fields_of(in.vendor, in.kind);
    for (const json::member& m : root_.members()) {
      const known_field* known = known_as(m.key);
      if (known->bit != 0 && (allowed & known->bit) == 0)
        return line_failure{errc::invalid_argument,
                            "field \"" + m.key + "\" does not apply to " +
                                std::string(name(in.vendor)) + " " + std::string(name(in.kind)),
                            m.key_offset, m.key};
    }
    if (auto f =
            required_string("region", in.region, in.vendor == provider::cos && has("endpoint")))
      return f;
    if (auto f = required_string("bucket", in.bucket)) return f;
    if (auto f = required_string("key", in.key)) return f;
    if (auto f = optional_string("endpoint", in.endpoint)) return f;
    if (auto f = read_time(in)) return f;
    if (auto f = read_credentials(in)) return f;
    if (const json::value* v = root_.find("unchecked")) {
      if (!v->is_bool())
        return at(*v, errc::wrong_type,
                  "unchecked is true or false (true: structure and placement only)", "unchecked");
      in.unchecked = v->as_bool();
    }
    return in.vendor == provider::oss ? read_oss(in) : read_cos(in);
  }

  /// The line offset of a failure inside the field `path` (see build_failure).
  [[nodiscard]] std::optional<std::size_t> place(const build_failure& f) const {
    const json::value* v = located(f.field);
    if (v == nullptr) return std::nullopt;
    if (!f.error.has_offset() || !v->is_string() || v->has_escapes()) return v->offset();
    // The text the offset indexes may be the canonical form of what was written: trust the
    // mapping only while the two agree up to the offset.
    const std::string_view written = v->as_string();
    const std::string_view text = f.text;
    const std::size_t off = f.error.offset;
    if (off <= written.size() && off <= text.size() &&
        written.substr(0, off) == text.substr(0, off))
      return v->offset() + 1 + off;
    return v->offset();
  }

 private:
  [[nodiscard]] bool has(std::string_view key) const { return root_.find(key) != nullptr; }

  [[nodiscard]] const json::value* located(std::string_view path) const {
    for (const auto& [p, v] : located_)
      if (p == path) return v;
    return nullptr;
  }

  std::optional<line_failure> string_at(const json::value& v, std::string path, std::string& out) {
    if (!v.is_string()) return at(v, errc::wrong_type, path + " must be a string", path);
    out = v.as_string();
    located_.emplace_back(std::move(path), &v);
    return std::nullopt;
  }

  std::optional<line_failure> required_string(std::string_view key, std::string& out,
                                              bool may_be_absent = false) {
    const json::value* v = root_.find(key);
    if (v == nullptr) {
      if (may_be_absent) return std::nullopt;
      return line_failure{errc::missing_key, "missing field \"" + std::string(key) + "\"",
                          root_.offset(), std::string(key)};
    }
    return string_at(*v, std::string(key), out);
  }

  std::optional<line_failure> optional_string(std::string_view key, std::string& out) {
    const json::value* v = root_.find(key);
    return v == nullptr ? std::nullopt : string_at(*v, std::string(key), out);
  }

  std::optional<line_failure> optional_string(std::string_view key,
                                              std::optional<std::string>& out) {
    const json::value* v = root_.find(key);
    if (v == nullptr) return std::nullopt;
    out.emplace();
    return string_at(*v, std::string(key), *out);
  }

  // Only the listed members, each a string; `required` must all be present.
  std::optional<line_failure> check_members(const json::value& object, std::string_view path,
                                            std::initializer_list<std::string_view> allowed,
                                            std::initializer_list<std::string_view> required) {
    if (!object.is_object())
      return at(object, errc::wrong_type, std::string(path) + " must be an object",
                std::string(path));
    for (const json::member& m : object.members()) {
      bool ok = false;
      for (const std::string_view a : allowed) ok = ok || a == m.key;
      if (!ok)
        return line_failure{errc::unknown_key,
                            "unknown field \"" + m.key + "\" in " + std::string(path), m.key_offset,
                            std::string(path) + "." + m.key};
    }
    for (const std::string_view r : required)
      if (object.find(r) == nullptr)
        return at(object, errc::missing_key,
                  std::string(path) + " needs \"" + std::string(r) + "\"",
                  std::string(path) + "." + std::string(r));
    return std::nullopt;
  }

  std::optional<line_failure> read_kind(operation_input& in) {
    std::string text;
    if (auto f = required_string("provider", text)) return f;
    const json::value& provider_value = *root_.find("provider");
    if (text == "oss") {
      in.vendor = provider::oss;
    } else if (text == "cos") {
      in.vendor = provider::cos;
    } else {
      return at(provider_value, errc::invalid_enum_value, "provider is \"oss\" or \"cos\"",
                "provider");
    }
    if (auto f = required_string("op", text)) return f;
    const json::value& op_value = *root_.find("op");
    for (const op_kind k :
         {op_kind::process_object, op_kind::async_process_object, op_kind::presign_get,
          op_kind::ci_put_object, op_kind::ci_image_process}) {
      if (name(k) == text && fields_of(in.vendor, k) != 0) {
        in.kind = k;
        return std::nullopt;
      }
    }
    return at(op_value, errc::invalid_enum_value,
              in.vendor == provider::oss
                  ? "oss op is process_object, async_process_object or presign_get"
                  : "cos op is ci_put_object, ci_image_process or presign_get",
              "op");
  }

  std::optional<line_failure> read_time(operation_input& in) {
    in.time = now();
    if (const json::value* v = root_.find("time")) {
      const auto n = v->as_int64();
      if (!n) return at(*v, n.error().code, "time must be an integer (unix seconds)", "time");
      if (*n < 0 || *n > max_unix_time)
        return at(*v, errc::value_out_of_range, "time must be 0 to 253402300799", "time");
      in.time = std::chrono::sys_seconds{std::chrono::seconds{*n}};
    }
    if (const json::value* v = root_.find("expires")) {
      const auto n = v->as_int64();
      if (!n) return at(*v, n.error().code, "expires must be an integer (seconds)", "expires");
      if (*n <= 0 || *n > max_seconds)
        return at(*v, errc::value_out_of_range, "expires must be a positive number of seconds",
                  "expires");
      in.expires = std::chrono::seconds{*n};
    }
    return std::nullopt;
  }

  std::optional<line_failure> read_credentials(operation_input& in) {
    const json::value* v = root_.find("credentials");
    if (v == nullptr) {
      auto keys = environment_credentials(in.vendor);
      if (!keys)
        return line_failure{keys.error().code,
                            "credentials: " + message_of(keys.error()) +
                                " (give \"credentials\" or set the environment variables)",
                            std::nullopt, "credentials"};
      in.credentials = *keys;
      return std::nullopt;
    }
    if (auto f = check_members(*v, "credentials",
                               {"access_key_id", "access_key_secret", "security_token"},
                               {"access_key_id", "access_key_secret"}))
      return f;
    std::string id, secret, token;
    if (auto f = string_at(*v->find("access_key_id"), "credentials.access_key_id", id)) return f;
    if (auto f = string_at(*v->find("access_key_secret"), "credentials.access_key_secret", secret))
      return f;
    if (const json::value* t = v->find("security_token"))
      if (auto f = string_at(*t, "credentials.security_token", token)) return f;
    in.credentials = objproc::owned_credentials(std::move(id), std::move(secret), std::move(token));
    return std::nullopt;
  }

  std::optional<line_failure> read_oss(operation_input& in) {
    if (auto f = optional_string("style", in.style)) return f;
    if (!in.style && in.kind != op_kind::presign_get)
      return line_failure{errc::missing_key, "missing field \"style\"", root_.offset()};
    if (const json::value* v = root_.find("save_as")) {
      if (auto f = check_members(*v, "save_as", {"bucket", "key"}, {"key"})) return f;
      save_target target;
      if (auto f = string_at(*v->find("key"), "save_as.key", target.key)) return f;
      if (const json::value* b = v->find("bucket"))
        if (auto f = string_at(*b, "save_as.bucket", target.bucket)) return f;
      located_.emplace_back("save_as", v);
      in.save_as = std::move(target);
    }
    if (auto f = optional_string("notify_topic", in.notify_topic)) return f;
    std::string signature = "v4";
    if (auto f = optional_string("signature", signature)) return f;
    if (signature != "v4" && signature != "v1")
      return at(*root_.find("signature"), errc::invalid_enum_value,
                "signature is \"v4\" or \"v1\"");
    in.signature = signature == "v1" ? objproc::oss::signature_version::v1
                                     : objproc::oss::signature_version::v4;
    if (auto f = optional_string("request_payer", in.request_payer)) return f;
    if (const json::value* v = root_.find("content_md5")) {
      if (!v->is_bool())
        return at(*v, errc::wrong_type,
                  "content_md5 is true or false (computed over the body sent)");
      in.compute_md5 = v->as_bool();
    }
    return std::nullopt;
  }

  // The ci_put_object header options (checked by build(), which names them on failure).
  std::optional<line_failure> read_put_options(operation_input& in) {
    for (const auto& [key, out] :
         {std::pair<std::string_view, std::optional<std::string>*>{"acl", &in.acl},
          {"grant_read", &in.grant_read},
          {"grant_read_acp", &in.grant_read_acp},
          {"grant_write_acp", &in.grant_write_acp},
          {"grant_full_control", &in.grant_full_control},
          {"storage_class", &in.storage_class},
          {"cache_control", &in.cache_control},
          {"content_disposition", &in.content_disposition},
          {"content_encoding", &in.content_encoding},
          {"content_language", &in.content_language}})
      if (auto f = optional_string(key, *out)) return f;
    if (const json::value* v = root_.find("content_md5")) {
      if (v->is_bool()) {
        in.compute_md5 = v->as_bool();
      } else if (v->is_string()) {
        in.content_md5.emplace();
        if (auto f = string_at(*v, "content_md5", *in.content_md5)) return f;
      } else {
        return at(*v, errc::wrong_type,
                  "content_md5 is the base64 value, or true to compute it from the body",
                  "content_md5");
      }
    }
    if (const json::value* v = root_.find("expires_at")) {
      located_.emplace_back("expires_at", v);
      if (v->is_string()) {
        const std::string_view text = v->as_string();
        auto date = objproc::parse_rfc1123(text);
        if (!date)
          return line_failure{date.error().code, "expires_at: " + message_of(date.error()),
                              place({date.error(), "expires_at", std::string(text)}), "expires_at"};
        in.expires_at = *date;
      } else {
        const auto n = v->is_number() ? v->as_int64() : objproc::result<std::int64_t>(-1);
        if (!n || *n < 0 || *n > max_unix_time)
          return at(*v, errc::wrong_type,
                    "expires_at is unix seconds (0 to 253402300799) or an RFC 1123 date",
                    "expires_at");
        in.expires_at = std::chrono::sys_seconds{std::chrono::seconds{*n}};
      }
    }
    if (const json::value* v = root_.find("traffic_limit")) {
      const auto n = v->as_int64();
      if (!v->is_number() || !n)
        return at(*v, errc::wrong_type, "traffic_limit must be an integer (bit/s)",
                  "traffic_limit");
      located_.emplace_back("traffic_limit", v);
      in.traffic_limit = *n;
    }
    if (const json::value* v = root_.find("meta")) {
      if (!v->is_object())
        return at(*v, errc::wrong_type, "meta must be an object of strings", "meta");
      located_.emplace_back("meta", v);
      for (const json::member& m : v->members()) {
        std::string value;
        if (auto f = string_at(m.value, "meta." + m.key, value)) return f;
        in.meta.emplace_back(m.key, std::move(value));
      }
    }
    return std::nullopt;
  }

  std::optional<line_failure> read_cos(operation_input& in) {
    if (auto f = optional_string("rule", in.rule)) return f;
    if (auto f = optional_string("content_type", in.content_type)) return f;
    if (const json::value* v = root_.find("body_base64")) {
      std::string text;
      if (auto f = string_at(*v, "body_base64", text)) return f;
      auto bytes = objproc::from_base64(text, objproc::base64_alphabet::standard,
                                        objproc::base64_padding_policy::optional);
      if (!bytes)
        return line_failure{bytes.error().code, "body_base64: " + message_of(bytes.error()),
                            place({bytes.error(), "body_base64", text}), "body_base64"};
      in.body = std::move(*bytes);
    }
    if (in.kind == op_kind::presign_get) return std::nullopt;
    if (in.kind == op_kind::ci_put_object)
      if (auto f = read_put_options(in)) return f;
    const json::value* ops = root_.find("pic_operations");
    if (ops == nullptr)
      return line_failure{errc::missing_key, "missing field \"pic_operations\"", root_.offset()};
    if (auto f = check_members(*ops, "pic_operations", {"is_pic_info", "rules"}, {"rules"}))
      return f;
    if (const json::value* info = ops->find("is_pic_info")) {
      // true/false, or 0/1 as in the Pic-Operations header itself.
      const auto n = info->is_number() ? info->as_int64() : objproc::result<std::int64_t>(-1);
      if (info->is_bool()) {
        in.pic_operations.is_pic_info = info->as_bool();
      } else if (n && (*n == 0 || *n == 1)) {
        in.pic_operations.is_pic_info = *n == 1;
      } else {
        return at(*info, errc::wrong_type, "is_pic_info is true, false, 0 or 1",
                  "pic_operations.is_pic_info");
      }
    }
    const json::value& rules = *ops->find("rules");
    if (!rules.is_array())
      return at(rules, errc::wrong_type, "pic_operations.rules must be an array",
                "pic_operations.rules");
    located_.emplace_back("pic_operations.rules", &rules);
    for (std::size_t i = 0; i < rules.items().size(); ++i) {
      const json::value& item = rules.items()[i];
      const std::string path = "pic_operations.rules[" + std::to_string(i) + "]";
      if (auto f = check_members(item, path, {"bucket", "fileid", "rule"}, {"fileid", "rule"}))
        return f;
      objproc::cos::pic_rule r;
      if (auto f = string_at(*item.find("fileid"), path + ".fileid", r.fileid)) return f;
      if (auto f = string_at(*item.find("rule"), path + ".rule", r.rule)) return f;
      if (const json::value* b = item.find("bucket"))
        if (auto f = string_at(*b, path + ".bucket", r.bucket)) return f;
      in.pic_operations.rules.push_back(std::move(r));
    }
    return std::nullopt;
  }

  const json::value& root_;
  std::vector<std::pair<std::string, const json::value*>> located_;
};

std::string error_line(std::string_view id_json, const line_failure& f) {
  json_writer w;
  w.begin_object().key("id").raw(id_json).key("ok").boolean(false).key("error").begin_object();
  w.key("code").string(objproc::name(f.code)).key("field");
  if (f.field.empty())
    w.null();
  else
    w.string(f.field);
  w.key("message").string(f.message).key("offset");
  if (f.offset)
    w.number(*f.offset);
  else
    w.null();
  w.end_object().end_object();
  return w.str();
}

std::string success_line(std::string_view id_json, const build_output& out) {
  json_writer w;
  w.begin_object().key("id").raw(id_json).key("ok").boolean(true);
  if (out.request) {
    const objproc::http::request& r = *out.request;
    w.key("method").string(objproc::http::to_string(r.method())).key("url").string(r.url());
    w.key("headers").begin_array();
    for (const auto& h : r.headers())
      w.begin_array()
          .string(std::string_view(h.name))
          .string(std::string_view(h.value))
          .end_array();
    w.end_array();
    const auto* body = std::get_if<std::string>(&r.body());
    w.key("body_base64").string(body == nullptr ? std::string() : objproc::to_base64(*body));
  } else {
    w.key("method").string("GET").key("url").string(out.url);
    w.key("headers").begin_array().end_array().key("body_base64").string("");
  }
  w.end_object();
  return w.str();
}

}  // namespace

std::string sign_json_line(std::string_view line) {
  auto doc = json::parse(line);
  if (!doc) {
    const objproc::error& e = doc.error();
    return error_line("null",
                      {e.code, message_of(e),
                       e.has_offset() ? std::optional<std::size_t>(e.offset) : std::nullopt});
  }
  const json::value& root = *doc;
  if (!root.is_object())
    return error_line("null", at(root, errc::wrong_type, "a line is one JSON object"));
  std::string id_json = "null";
  if (const json::value* id = root.find("id")) {
    if (id->is_array() || id->is_object())
      return error_line(
          "null", at(*id, errc::wrong_type, "id must be a string, number, boolean or null", "id"));
    id_json = json::to_string(*id);
  }
  operation_input in;
  line_reader reader(root);
  if (auto f = reader.read(in)) return error_line(id_json, *f);
  const build_result built = build(in);
  if (!built.ok) {
    const build_failure& f = built.failure;
    return error_line(
        id_json, {f.error.code, f.field + ": " + message_of(f.error), reader.place(f), f.field});
  }
  return success_line(id_json, *built.ok);
}

std::string json_success_line(const build_output& out) { return success_line("null", out); }

std::string json_failure_line(const build_failure& f) {
  return error_line("null",
                    {f.error.code, f.field + ": " + message_of(f.error), std::nullopt, f.field});
}

int run_jsonl(std::FILE* in, std::FILE* out) {
  std::string line;
  bool too_long = false;  // the current line passed max_jsonl_line: its bytes are dropped
  const auto emit = [&]() -> bool {
    std::string result;
    if (too_long) {
      result = error_line(
          "null",
          {errc::text_too_long,
           "line longer than 1 MiB (" + std::to_string(max_jsonl_line) + " bytes)", std::nullopt});
    } else {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t\r") == std::string::npos) return true;  // blank
      result = sign_json_line(line);
    }
    result += '\n';
    return std::fwrite(result.data(), 1, result.size(), out) == result.size() &&
           std::fflush(out) == 0;
  };
  // One byte at a time through stdio's buffer: a read never waits for more than the line at
  // hand (a block read would wait for 64 KiB that a coprocess never writes).
  const auto write_failed = [] {
    std::fprintf(stderr, "objproc sign: cannot write the output: %s\n", std::strerror(errno));
    return exit_write_failed;
  };
  for (int c = std::getc(in); c != EOF; c = std::getc(in)) {
    if (c != '\n') {
      if (!too_long) {
        if (line.size() == max_jsonl_line) {
          too_long = true;
          std::string().swap(line);
        } else {
          line += static_cast<char>(c);
        }
      }
      continue;
    }
    if (!emit()) return write_failed();
    line.clear();
    too_long = false;
  }
  if (std::ferror(in) != 0) {
    std::fprintf(stderr, "objproc sign: cannot read the input: %s\n", std::strerror(errno));
    return exit_failed;
  }
  if ((!line.empty() || too_long) && !emit()) return write_failed();
  return exit_ok;
}

}  // namespace objproc_cli
