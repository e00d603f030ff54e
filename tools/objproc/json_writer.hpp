// SPDX-License-Identifier: MIT
// tools/objproc/json_writer.hpp - one compact JSON object per line, built in order.
//
// The core has a string escaper (append_json_string) and a reader, not a writer of documents;
// the CLI only ever writes flat objects with a few arrays, so a comma-tracking builder is enough.
#ifndef OBJPROC_TOOLS_JSON_WRITER_HPP
#define OBJPROC_TOOLS_JSON_WRITER_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <objproc/core/json.hpp>
#include <objproc/core/text.hpp>

#include "output.hpp"

namespace objproc_cli {

class json_writer {
 public:
  json_writer& begin_object() { return open('{'); }
  json_writer& end_object() { return close('}'); }
  json_writer& begin_array() { return open('['); }
  json_writer& end_array() { return close(']'); }

  /// The next member's name (inside an object).
  json_writer& key(std::string_view name) {
    separate();
    put_string(name);
    out_ += ':';
    after_key_ = true;
    return *this;
  }
  json_writer& string(std::string_view text) {
    separate();
    put_string(text);
    return *this;
  }
  json_writer& boolean(bool v) { return raw(v ? "true" : "false"); }
  json_writer& null() { return raw("null"); }
  json_writer& number(std::uint64_t v) { return raw(std::to_string(v)); }
  /// Text that is already JSON (a value the reader accepted, re-serialised).
  json_writer& raw(std::string_view json) {
    separate();
    put_escaping_controls(json);
    return *this;
  }

  [[nodiscard]] const std::string& str() const noexcept { return out_; }

 private:
  json_writer& open(char c) {
    separate();
    out_ += c;
    first_.push_back(true);
    return *this;
  }
  json_writer& close(char c) {
    out_ += c;
    first_.pop_back();
    return *this;
  }
  // A comma before every element but the first of its container; none right after a key.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
  // Strings are escaped by the core; bytes that are not UTF-8 (they can only come from the
  // outside world, e.g. a file name) become U+FFFD so the line stays valid JSON. DEL and the C1
  // controls (U+0080-U+009F, which some terminals act on as ESC sequences), valid in JSON as
  // they are, are escaped too: these lines end up on terminals, as printable() text does.
  void put_string(std::string_view text) {
    std::string clean;
    for (;;) {
      const auto valid = objproc::check_utf8(text);
      if (valid) break;
      const std::size_t bad = valid.error().offset;
      clean.append(text.substr(0, bad));
      clean += "\xEF\xBF\xBD";
      text.remove_prefix(bad + 1 <= text.size() ? bad + 1 : text.size());
    }
    clean.append(text);
    std::string escaped;
    (void)objproc::append_json_string(escaped, clean);  // valid UTF-8 now: cannot fail
    put_escaping_controls(escaped);
  }
  // Appends JSON text (valid UTF-8), DEL and C1 controls written as \u escapes: in JSON they
  // can only be inside strings, where the escape means the same character.
  void put_escaping_controls(std::string_view json) {
    std::size_t copied = 0;  // json[copied, i) still has to be copied as it is
    for (std::size_t i = 0; i < json.size(); ++i) {
      const auto c = static_cast<unsigned char>(json[i]);
      const bool c1 = c1_control_at(json, i);
      if (c != 0x7F && !c1) continue;
      out_.append(json.substr(copied, i - copied));
      const unsigned code = c1 ? static_cast<unsigned char>(json[++i]) : c;
      copied = i + 1;
      out_ += "\\u00";
      out_ += objproc::detail::lower_hex_digits[code >> 4];
      out_ += objproc::detail::lower_hex_digits[code & 0xFU];
    }
    out_.append(json.substr(copied));
  }

  std::string out_;
  std::vector<bool> first_;
  bool after_key_ = false;
};

}  // namespace objproc_cli

#endif  // OBJPROC_TOOLS_JSON_WRITER_HPP
