// SPDX-License-Identifier: MIT
// objproc/core/json.hpp - strict JSON (RFC 8259): a string writer and a small tree reader.
//
//   append_json_string(out, text)   appends text as a quoted, escaped JSON string; refuses
//                                   invalid UTF-8 (and then leaves `out` as it was)
//   json::parse(text)               -> result<json::value>: null, boolean, number (kept as its
//                                   text, with an integer accessor), string (unescaped UTF-8),
//                                   array, object (members in document order)
//   json::to_string(value)          compact text; json::parse(json::to_string(v)) == v
//
// The reader takes exactly one value with optional whitespace around it and nothing else: no
// comments, trailing commas, single quotes, leading zeros, NaN, byte order mark or raw control
// characters; text must be UTF-8, a \uXXXX escape may not be a lone surrogate, and an object
// may not repeat a key. Nesting deeper than parse_options::max_depth is refused before the
// stack is at risk. Every error carries the byte offset of the offending character (the input's
// size when the input ends too early). It allocates (the tree owns its strings) but never
// throws on its own: bad input is always an error value.
#ifndef OBJPROC_CORE_JSON_HPP
#define OBJPROC_CORE_JSON_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "objproc/config.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"

OBJPROC_NAMESPACE_BEGIN

// ---------------------------------------------------------------------------------------------
// writer

namespace detail {
// The characters with a two-character escape, and the letter after the backslash of each
// ('/' is only ever read: the writer leaves it alone).
inline constexpr std::string_view json_escaped_chars = "\"\\\b\f\n\r\t/";
inline constexpr std::string_view json_escape_letters = "\"\\bfnrt/";
}  // namespace detail

/// Appends `utf8` to `out` as a JSON string: in double quotes, with '"' and '\' escaped and
/// U+0000-U+001F written as \b \f \n \r \t or \u00xx; everything else ('/', DEL, non-ASCII
/// UTF-8) is copied unchanged. Invalid UTF-8 is refused (errc::invalid_utf8, offset into `utf8`)
/// and leaves `out` untouched.
[[nodiscard]] inline result<void> append_json_string(std::string& out, std::string_view utf8) {
  if (auto valid = check_utf8(utf8); !valid) return valid.error();
  out.reserve(out.size() + utf8.size() + 2);
  out += '"';
  std::size_t copied = 0;  // utf8[copied, i) still has to be copied as it is
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(utf8.substr(copied, i - copied));
    copied = i + 1;
    out += '\\';
    if (const std::size_t k = detail::json_escaped_chars.find(static_cast<char>(c));
        k != std::string_view::npos) {
      out += detail::json_escape_letters[k];
    } else {
      out += "u00";
      out += detail::lower_hex_digits[c >> 4];
      out += detail::lower_hex_digits[c & 0xF];
    }
  }
  out.append(utf8.substr(copied));
  out += '"';
  return {};
}

// ---------------------------------------------------------------------------------------------
// reader

namespace detail {
class json_parser;
}  // namespace detail

namespace json {

enum class kind : unsigned char { null, boolean, number, string, array, object };

/// How deep arrays and objects may nest by default; the outermost one counts 1.
inline constexpr std::size_t default_max_depth = 64;

struct parse_options {
  std::size_t max_depth = default_max_depth;
};

struct member;

/// One JSON value, as read by json::parse. Read-only: the parser is the only way to make one
/// (so every string in it is valid UTF-8 and its nesting is bounded).
class value {
 public:
  value() noexcept = default;  // null

  [[nodiscard]] kind type() const noexcept { return kind_; }
  [[nodiscard]] bool is_null() const noexcept { return kind_ == kind::null; }
  [[nodiscard]] bool is_bool() const noexcept { return kind_ == kind::boolean; }
  [[nodiscard]] bool is_number() const noexcept { return kind_ == kind::number; }
  [[nodiscard]] bool is_string() const noexcept { return kind_ == kind::string; }
  [[nodiscard]] bool is_array() const noexcept { return kind_ == kind::array; }
  [[nodiscard]] bool is_object() const noexcept { return kind_ == kind::object; }

  /// The boolean (false for any other kind).
  [[nodiscard]] bool as_bool() const noexcept { return kind_ == kind::boolean && flag_; }
  /// A number as written in the input, "-12.5e3"; empty for any other kind.
  [[nodiscard]] std::string_view number_text() const noexcept {
    return kind_ == kind::number ? std::string_view(text_) : std::string_view();
  }
  /// A number written as an integer: errc::wrong_type for another kind, errc::invalid_number
  /// with a fraction or exponent ("1.0", "1e2"), errc::value_out_of_range beyond 64 bits.
  [[nodiscard]] result<std::int64_t> as_int64() const noexcept;
  /// The unescaped string (empty for any other kind).
  [[nodiscard]] std::string_view as_string() const noexcept {
    return kind_ == kind::string ? std::string_view(text_) : std::string_view();
  }
  /// Whether a string was written with escapes. When not, byte i of as_string() is byte
  /// offset() + 1 + i of the input, so an error inside the string can point into the input.
  [[nodiscard]] bool has_escapes() const noexcept { return kind_ == kind::string && flag_; }
  /// An array's elements (empty for any other kind).
  [[nodiscard]] const std::vector<value>& items() const noexcept { return items_; }
  /// An object's members in document order (empty for any other kind).
  [[nodiscard]] const std::vector<member>& members() const noexcept;
  /// An object's member value named `key`, or nullptr.
  [[nodiscard]] const value* find(std::string_view key) const noexcept;
  /// Byte offset of the value's first character in the parsed input.
  [[nodiscard]] std::size_t offset() const noexcept { return offset_; }

  /// Same kind and content; offsets and escapes do not count, numbers compare as text.
  friend bool operator==(const value& a, const value& b) noexcept;

 private:
  friend class objproc::detail::json_parser;

  kind kind_ = kind::null;
  bool flag_ = false;  // boolean: its value; string: written with escapes
  std::size_t offset_ = 0;
  std::string text_;  // number: its text; string: unescaped
  std::vector<value> items_;
  std::vector<member> members_;
};

/// One object member.
struct member {
  std::string key = {};
  json::value value = {};
  std::size_t key_offset = 0;  // byte offset of the key's opening quote in the input

  friend bool operator==(const member& a, const member& b) noexcept {
    return a.key == b.key && a.value == b.value;
  }
};

inline const std::vector<member>& value::members() const noexcept { return members_; }

inline const value* value::find(std::string_view key) const noexcept {
  for (const member& m : members_)
    if (m.key == key) return &m.value;
  return nullptr;
}

inline bool operator==(const value& a, const value& b) noexcept {
  if (a.kind_ != b.kind_) return false;
  switch (a.kind_) {
    case kind::null:
      return true;
    case kind::boolean:
      return a.flag_ == b.flag_;
    case kind::number:
    case kind::string:
      return a.text_ == b.text_;
    case kind::array:
      return a.items_ == b.items_;
    case kind::object:
      return a.members_ == b.members_;
  }
  return false;
}

inline result<std::int64_t> value::as_int64() const noexcept {
  if (kind_ != kind::number) return error{errc::wrong_type, offset_, "expected a number"};
  const std::string_view t = text_;
  const bool negative = t.front() == '-';  // a number's text is never empty
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
  std::uint64_t v = 0;
  for (std::size_t i = negative ? 1 : 0; i < t.size(); ++i) {
    if (t[i] < '0' || t[i] > '9')
      return error{errc::invalid_number, offset_ + i, "expected an integer"};
    const auto digit = static_cast<std::uint64_t>(t[i] - '0');
    if (v > (limit - digit) / 10)
      return error{errc::value_out_of_range, offset_, "integer out of 64-bit range"};
    v = v * 10 + digit;
  }
  return negative ? static_cast<std::int64_t>(std::uint64_t{0} - v) : static_cast<std::int64_t>(v);
}

}  // namespace json

namespace detail {

// Recursive descent, one level of recursion per array/object level, bounded by max_depth.
class json_parser {
 public:
  json_parser(std::string_view in, std::size_t max_depth) noexcept
      : in_(in), max_depth_(max_depth) {}

  result<json::value> run() {
    json::value root;
    skip_whitespace();
    if (auto r = parse_value(root, 0); !r) return r.error();
    skip_whitespace();
    if (pos_ != in_.size())
      return error{errc::invalid_json, pos_, "unexpected data after the value"};
    return result<json::value>(std::move(root));
  }

 private:
  std::string_view in_;
  std::size_t max_depth_;
  std::size_t pos_ = 0;

  [[nodiscard]] bool at(char c) const noexcept { return pos_ < in_.size() && in_[pos_] == c; }
  [[nodiscard]] bool at_digit() const noexcept {
    return pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9';
  }
  void skip_digits() noexcept {
    while (at_digit()) ++pos_;
  }
  void skip_whitespace() noexcept {
    while (pos_ < in_.size() &&
           (in_[pos_] == ' ' || in_[pos_] == '\t' || in_[pos_] == '\n' || in_[pos_] == '\r'))
      ++pos_;
  }
  // An error at the current position; at the end of the input it says so instead.
  [[nodiscard]] error fail(std::string_view detail) const noexcept {
    return error{errc::invalid_json, pos_,
                 pos_ < in_.size() ? detail : std::string_view("unexpected end of input")};
  }

  result<void> parse_value(json::value& out, std::size_t depth) {
    if (pos_ == in_.size()) return fail("expected a value");
    out.offset_ = pos_;
    switch (in_[pos_]) {
      case '{':
        return parse_object(out, depth + 1);
      case '[':
        return parse_array(out, depth + 1);
      case '"':
        out.kind_ = json::kind::string;
        return parse_string(out.text_, out.flag_);
      case 't':
        out.kind_ = json::kind::boolean;
        out.flag_ = true;
        return parse_literal("true");
      case 'f':
        out.kind_ = json::kind::boolean;
        return parse_literal("false");
      case 'n':
        return parse_literal("null");
      default:
        if (in_[pos_] == '-' || at_digit()) {
          out.kind_ = json::kind::number;
          return parse_number(out.text_);
        }
        return fail("expected a value");
    }
  }

  result<void> parse_literal(std::string_view word) {
    for (const char c : word) {
      if (!at(c)) return fail("invalid literal");
      ++pos_;
    }
    return {};
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  result<void> parse_number(std::string& text) {
    const std::size_t start = pos_;
    if (at('-')) ++pos_;
    if (!at_digit()) return fail("expected a digit");
    if (at('0')) {
      ++pos_;
      if (at_digit()) return error{errc::invalid_json, pos_, "leading zeros are not allowed"};
    } else {
      skip_digits();
    }
    if (at('.')) {
      ++pos_;
      if (!at_digit()) return fail("expected a digit after '.'");
      skip_digits();
    }
    if (at('e') || at('E')) {
      ++pos_;
      if (at('+') || at('-')) ++pos_;
      if (!at_digit()) return fail("expected a digit in the exponent");
      skip_digits();
    }
    text.assign(in_.substr(start, pos_ - start));
    return {};
  }

  // At the opening quote.
  result<void> parse_string(std::string& out, bool& escaped) {
    ++pos_;
    for (;;) {
      const std::size_t run = pos_;
      while (pos_ < in_.size()) {
        const auto c = static_cast<unsigned char>(in_[pos_]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++pos_;
      }
      // A multi-byte sequence never contains '"', '\' or a control byte, so checking each run
      // on its own checks the whole string.
      const std::string_view plain = in_.substr(run, pos_ - run);
      if (auto valid = check_utf8(plain); !valid) return valid.error().shifted(run);
      out.append(plain);
      if (pos_ == in_.size()) return error{errc::invalid_json, pos_, "unterminated string"};
      if (in_[pos_] == '"') {
        ++pos_;
        return {};
      }
      if (in_[pos_] != '\\')
        return error{errc::invalid_json, pos_, "control character in a string"};
      escaped = true;
      if (auto r = parse_escape(out); !r) return r;
    }
  }

  // At the backslash.
  result<void> parse_escape(std::string& out) {
    const std::size_t start = pos_;
    ++pos_;
    if (pos_ == in_.size()) return fail("");
    const char letter = in_[pos_++];
    if (letter != 'u') {
      const std::size_t k = json_escape_letters.find(letter);
      if (k == std::string_view::npos) return error{errc::invalid_json, pos_ - 1, "unknown escape"};
      out += json_escaped_chars[k];
      return {};
    }
    std::uint32_t cp = 0;
    if (auto r = read_hex4(cp); !r) return r;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
      return error{errc::invalid_json, start, "low surrogate without a high surrogate"};
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (!(pos_ + 1 < in_.size() && in_[pos_] == '\\' && in_[pos_ + 1] == 'u'))
        return error{errc::invalid_json, start, "high surrogate without a low surrogate"};
      pos_ += 2;
      std::uint32_t low = 0;
      if (auto r = read_hex4(low); !r) return r;
      if (low < 0xDC00 || low > 0xDFFF)
        return error{errc::invalid_json, start, "high surrogate without a low surrogate"};
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    objproc::detail::append_utf8(out, cp);
    return {};
  }

  result<void> read_hex4(std::uint32_t& cp) {
    for (int k = 0; k < 4; ++k) {
      const int digit = pos_ < in_.size() ? hex_value(in_[pos_]) : -1;
      if (digit < 0) return fail("expected four hex digits after \\u");
      cp = cp * 16 + static_cast<std::uint32_t>(digit);
      ++pos_;
    }
    return {};
  }

  result<void> parse_array(json::value& out, std::size_t depth) {
    if (depth > max_depth_) return error{errc::json_too_deep, pos_, "deeper than max_depth"};
    out.kind_ = json::kind::array;
    ++pos_;
    skip_whitespace();
    if (at(']')) {
      ++pos_;
      return {};
    }
    for (;;) {
      // The element stays in place while it is parsed: nothing else is added to this array.
      if (auto r = parse_value(out.items_.emplace_back(), depth); !r) return r;
      skip_whitespace();
      if (at(']')) {
        ++pos_;
        return {};
      }
      if (!at(',')) return fail("expected ',' or ']'");
      ++pos_;
      skip_whitespace();
    }
  }

  result<void> parse_object(json::value& out, std::size_t depth) {
    if (depth > max_depth_) return error{errc::json_too_deep, pos_, "deeper than max_depth"};
    out.kind_ = json::kind::object;
    ++pos_;
    skip_whitespace();
    if (at('}')) {
      ++pos_;
      return {};
    }
    key_index keys(out.members_);
    for (;;) {
      if (!at('"')) return fail("expected a string key");
      json::member& m = out.members_.emplace_back();
      m.key_offset = pos_;
      bool escaped = false;
      if (auto r = parse_string(m.key, escaped); !r) return r;
      if (!keys.add_last())
        return error{errc::duplicate_key, m.key_offset, "a key may appear once per object"};
      skip_whitespace();
      if (!at(':')) return fail("expected ':'");
      ++pos_;
      skip_whitespace();
      if (auto r = parse_value(m.value, depth); !r) return r;
      skip_whitespace();
      if (at('}')) {
        ++pos_;
        return {};
      }
      if (!at(',')) return fail("expected ',' or '}'");
      ++pos_;
      skip_whitespace();
    }
  }

  // The keys of one object, for duplicate detection: a linear scan while the object is small,
  // beyond that an open-addressing hash table of member indices, so a hostile object with many
  // keys stays linear. Hand-written rather than std::unordered_set to keep <unordered_set> and
  // <functional> out of every includer.
  class key_index {
   public:
    explicit key_index(const std::vector<json::member>& members) noexcept : members_(&members) {}

    // Whether the key of the last member is new.
    bool add_last() {
      const std::size_t last = members_->size() - 1;
      if (last < linear_limit) {
        for (std::size_t i = 0; i < last; ++i)
          if (key(i) == key(last)) return false;
        return true;
      }
      if (slots_.empty())
        for (std::size_t i = 0; i < last; ++i) (void)insert(i);  // distinct: checked above
      return insert(last);
    }

   private:
    static constexpr std::size_t linear_limit = 16;
    static constexpr std::size_t empty_slot = static_cast<std::size_t>(-1);

    [[nodiscard]] std::string_view key(std::size_t i) const noexcept {
      return (*members_)[i].key;
    }

    // FNV-1a: no seed, as predictable as std::hash; the table's load stays <= 1/2.
    [[nodiscard]] static std::size_t hash(std::string_view s) noexcept {
      std::uint64_t h = 14695981039346656037ull;
      for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
      }
      return static_cast<std::size_t>(h ^ (h >> 32));
    }

    // Adds member i unless a member with the same key is there; false if it was.
    bool insert(std::size_t i) {
      if ((used_ + 1) * 2 > slots_.size()) grow();
      const std::size_t mask = slots_.size() - 1;
      for (std::size_t at = hash(key(i)) & mask;; at = (at + 1) & mask) {
        if (slots_[at] == empty_slot) {
          slots_[at] = i;
          ++used_;
          return true;
        }
        if (key(slots_[at]) == key(i)) return false;
      }
    }

    void grow() {
      std::vector<std::size_t> old = std::move(slots_);
      slots_.assign(old.empty() ? 64 : old.size() * 2, empty_slot);  // a power of two
      used_ = 0;
      for (const std::size_t i : old)
        if (i != empty_slot) (void)insert(i);
    }

    const std::vector<json::member>* members_;
    std::vector<std::size_t> slots_;
    std::size_t used_ = 0;
  };
};

inline void append_json_value(std::string& out, const json::value& v) {
  switch (v.type()) {
    case json::kind::null:
      out += "null";
      break;
    case json::kind::boolean:
      out += v.as_bool() ? "true" : "false";
      break;
    case json::kind::number:
      out += v.number_text();
      break;
    case json::kind::string:
      (void)append_json_string(out, v.as_string());  // parsed strings are valid UTF-8
      break;
    case json::kind::array:
      out += '[';
      for (std::size_t i = 0; i < v.items().size(); ++i) {
        if (i != 0) out += ',';
        append_json_value(out, v.items()[i]);
      }
      out += ']';
      break;
    case json::kind::object:
      out += '{';
      for (std::size_t i = 0; i < v.members().size(); ++i) {
        if (i != 0) out += ',';
        (void)append_json_string(out, v.members()[i].key);
        out += ':';
        append_json_value(out, v.members()[i].value);
      }
      out += '}';
      break;
  }
}

}  // namespace detail

namespace json {

/// Reads one JSON text (RFC 8259, strict; see the top of this file).
[[nodiscard]] inline result<value> parse(std::string_view text, parse_options options = {}) {
  return detail::json_parser(text, options.max_depth).run();
}

/// The compact text of a value: no whitespace, members in their order, numbers as written.
[[nodiscard]] inline std::string to_string(const value& v) {
  std::string out;
  detail::append_json_value(out, v);
  return out;
}

}  // namespace json

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_JSON_HPP
