// SPDX-License-Identifier: MIT
// objproc/core/xml.hpp - a small strict XML reader for service responses.
//
//   xml::parse(text)   -> result<xml::element>: the root element as a small tree (name,
//                         attributes, character data, child elements in document order)
//
// Enough XML 1.0 for the bodies object stores return: an optional XML declaration at the very
// start, comments and processing instructions (skipped), elements, attributes, character data,
// CDATA sections, the five predefined entities (&lt; &gt; &amp; &quot; &apos;) and character
// references (&#NN; &#xNN;, valid XML characters only). Refused: a document type declaration
// (<!DOCTYPE ...>, so no user-defined entities at all), any other entity, mismatched or
// unterminated tags, comments, CDATA sections and references, duplicate attributes, control
// characters, invalid UTF-8, data after the root element, and nesting deeper than
// parse_options::max_depth (checked before the stack is at risk). Line ends are normalised
// to '\n' as XML requires. Every error carries the byte offset of the offending construct
// (the input's size when the input ends too early). Namespaces are not interpreted: a prefixed
// name is just a name. It allocates but never throws on its own.
#ifndef OBJPROC_CORE_XML_HPP
#define OBJPROC_CORE_XML_HPP

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

namespace detail {
class xml_parser;
}  // namespace detail

namespace xml {

/// How deep elements may nest by default; the root element counts 1.
inline constexpr std::size_t default_max_depth = 64;

struct parse_options {
  std::size_t max_depth = default_max_depth;
};

/// One attribute of an element, its value with references replaced.
struct attribute {
  std::string name = {};
  std::string value = {};
  std::size_t offset = 0;  // byte offset of the name in the input

  friend bool operator==(const attribute& a, const attribute& b) noexcept {
    return a.name == b.name && a.value == b.value;
  }
};

/// One element, as read by xml::parse. Read-only: the parser is the only way to make one.
class element {
 public:
  element() = default;

  /// The tag name as written ("Code", "ns:Key").
  [[nodiscard]] std::string_view name() const noexcept { return name_; }
  /// The character data directly inside this element (text and CDATA, references replaced,
  /// line ends normalised), in document order; the text of child elements is not included.
  [[nodiscard]] std::string_view text() const noexcept { return text_; }
  [[nodiscard]] const std::vector<attribute>& attributes() const noexcept { return attributes_; }
  /// The attribute named `name`, or nullptr.
  [[nodiscard]] const attribute* find_attribute(std::string_view name) const noexcept {
    for (const attribute& a : attributes_)
      if (a.name == name) return &a;
    return nullptr;
  }
  /// Every child element, in document order.
  [[nodiscard]] const std::vector<element>& elements() const noexcept { return children_; }
  /// The first child element named `name`, or nullptr.
  [[nodiscard]] const element* child(std::string_view name) const noexcept {
    for (const element& e : children_)
      if (e.name_ == name) return &e;
    return nullptr;
  }
  /// Every child element named `name`, in document order.
  [[nodiscard]] std::vector<const element*> children(std::string_view name) const {
    std::vector<const element*> out;
    for (const element& e : children_)
      if (e.name_ == name) out.push_back(&e);
    return out;
  }
  /// How many child elements are named `name`.
  [[nodiscard]] std::size_t count(std::string_view name) const noexcept {
    std::size_t n = 0;
    for (const element& e : children_)
      if (e.name_ == name) ++n;
    return n;
  }
  /// Byte offset of the element's '<' in the parsed input.
  [[nodiscard]] std::size_t offset() const noexcept { return offset_; }
  /// Byte offset just after the start tag (where the content begins).
  [[nodiscard]] std::size_t content_offset() const noexcept { return content_offset_; }

  /// Same name, attributes, text and children; offsets do not count.
  friend bool operator==(const element& a, const element& b) noexcept {
    return a.name_ == b.name_ && a.text_ == b.text_ && a.attributes_ == b.attributes_ &&
           a.children_ == b.children_;
  }

 private:
  friend class objproc::detail::xml_parser;

  std::string name_;
  std::string text_;
  std::vector<attribute> attributes_;
  std::vector<element> children_;
  std::size_t offset_ = 0;
  std::size_t content_offset_ = 0;
};

}  // namespace xml

namespace detail {

[[nodiscard]] constexpr bool xml_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
[[nodiscard]] constexpr bool xml_name_start(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;  // non-ASCII letters (UTF-8 checked up front)
}
[[nodiscard]] constexpr bool xml_name_char(char c) noexcept {
  return xml_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}
// A code point XML allows as a character (production [2] Char).
[[nodiscard]] constexpr bool xml_char(std::uint32_t cp) noexcept {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Recursive descent, one level of recursion per element level, bounded by max_depth.
class xml_parser {
 public:
  xml_parser(std::string_view in, std::size_t max_depth) noexcept
      : in_(in), max_depth_(max_depth) {}

  result<xml::element> run() {
    if (auto valid = check_utf8(in_); !valid) return valid.error();
    for (std::size_t i = 0; i < in_.size(); ++i) {
      const auto c = static_cast<unsigned char>(in_[i]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return error{errc::invalid_xml, i, "control character"};
    }
    if (in_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // a UTF-8 byte order mark
    if (starts_with("<?")) {                        // the XML declaration, if any, comes first
      if (auto r = skip_pi(true); !r) return r.error();
    }
    if (auto r = skip_misc(); !r) return r.error();
    if (pos_ == in_.size()) return fail("expected the root element");
    if (!at('<') || pos_ + 1 == in_.size() || !xml_name_start(in_[pos_ + 1]))
      return fail("expected the root element");
    xml::element root;
    if (auto r = parse_element(root, 1); !r) return r.error();
    if (auto r = skip_misc(); !r) return r.error();
    if (pos_ != in_.size())
      return error{errc::invalid_xml, pos_, "unexpected data after the root element"};
    return result<xml::element>(std::move(root));
  }

 private:
  std::string_view in_;
  std::size_t max_depth_;
  std::size_t pos_ = 0;

  [[nodiscard]] bool at(char c) const noexcept { return pos_ < in_.size() && in_[pos_] == c; }
  [[nodiscard]] bool starts_with(std::string_view s) const noexcept {
    return in_.substr(pos_).starts_with(s);
  }
  bool skip_whitespace() noexcept {
    const std::size_t start = pos_;
    while (pos_ < in_.size() && xml_space(in_[pos_])) ++pos_;
    return pos_ != start;
  }
  // An error at the current position; at the end of the input it says so instead.
  [[nodiscard]] error fail(std::string_view detail) const noexcept {
    return error{errc::invalid_xml, pos_,
                 pos_ < in_.size() ? detail : std::string_view("unexpected end of input")};
  }

  result<void> parse_name(std::string& out) {
    if (pos_ == in_.size() || !xml_name_start(in_[pos_])) return fail("expected a name");
    const std::size_t start = pos_;
    while (pos_ < in_.size() && xml_name_char(in_[pos_])) ++pos_;
    out.assign(in_.substr(start, pos_ - start));
    return {};
  }

  // Whitespace, comments and processing instructions between the top-level constructs.
  result<void> skip_misc() {
    for (;;) {
      skip_whitespace();
      if (starts_with("<!--")) {
        if (auto r = skip_comment(); !r) return r;
      } else if (starts_with("<?")) {
        if (auto r = skip_pi(false); !r) return r;
      } else if (starts_with("<!DOCTYPE")) {
        return error{errc::invalid_xml, pos_, "document type declarations are not allowed"};
      } else if (starts_with("<!")) {
        return error{errc::invalid_xml, pos_, "markup declarations are not allowed"};
      } else {
        return {};
      }
    }
  }

  // At "<!--".
  result<void> skip_comment() {
    const std::size_t dashes = in_.find("--", pos_ + 4);
    if (dashes == std::string_view::npos)
      return error{errc::invalid_xml, in_.size(), "unterminated comment"};
    if (dashes + 2 >= in_.size() || in_[dashes + 2] != '>') {
      if (dashes + 2 >= in_.size())
        return error{errc::invalid_xml, in_.size(), "unterminated comment"};
      return error{errc::invalid_xml, dashes, "'--' inside a comment"};
    }
    pos_ = dashes + 3;
    return {};
  }

  // At "<?": a processing instruction, or the XML declaration when `declaration_allowed`.
  result<void> skip_pi(bool declaration_allowed) {
    const std::size_t start = pos_;
    pos_ += 2;
    std::string target;
    if (auto r = parse_name(target); !r) return r;
    const bool is_xml = target.size() == 3 && (target[0] | 0x20) == 'x' &&
                        (target[1] | 0x20) == 'm' && (target[2] | 0x20) == 'l';
    if (is_xml && (!declaration_allowed || target != "xml"))
      return error{errc::invalid_xml, start, "misplaced XML declaration"};
    if (!starts_with("?>") && !skip_whitespace())
      return fail("expected whitespace after the target");
    if (is_xml && !starts_with("version")) return fail("expected the version");
    const std::size_t end = in_.find("?>", pos_);
    if (end == std::string_view::npos)
      return error{errc::invalid_xml, in_.size(), "unterminated processing instruction"};
    pos_ = end + 2;
    return {};
  }

  // At '&': one reference, appended to `out`.
  result<void> parse_reference(std::string& out) {
    const std::size_t start = pos_;
    std::size_t end = pos_ + 1;
    while (end < in_.size() && (xml_name_char(in_[end]) || in_[end] == '#') &&
           static_cast<unsigned char>(in_[end]) < 0x80)
      ++end;
    if (end == in_.size() || in_[end] != ';')
      return error{errc::invalid_xml, start, "invalid or unterminated reference"};
    const std::string_view ref = in_.substr(start + 1, end - start - 1);
    pos_ = end + 1;
    if (ref == "lt") {
      out += '<';
    } else if (ref == "gt") {
      out += '>';
    } else if (ref == "amp") {
      out += '&';
    } else if (ref == "quot") {
      out += '"';
    } else if (ref == "apos") {
      out += '\'';
    } else if (!ref.empty() && ref[0] == '#') {
      const bool hex = ref.size() > 1 && ref[1] == 'x';
      const std::string_view digits = ref.substr(hex ? 2 : 1);
      if (digits.empty()) return error{errc::invalid_xml, start, "empty character reference"};
      std::uint32_t cp = 0;
      for (const char c : digits) {
        const int d = hex ? hex_value(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
        if (d < 0) return error{errc::invalid_xml, start, "invalid character reference"};
        cp = cp * (hex ? 16U : 10U) + static_cast<std::uint32_t>(d);
        if (cp > 0x10FFFF) return error{errc::invalid_xml, start, "character out of range"};
      }
      if (!xml_char(cp)) return error{errc::invalid_xml, start, "not an XML character"};
      objproc::detail::append_utf8(out, cp);
    } else {
      return error{errc::invalid_xml, start, "undefined entity"};
    }
    return {};
  }

  // Appends raw character data with line ends normalised ("\r\n" and "\r" become "\n").
  static void append_text(std::string& out, std::string_view raw) {
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '\r') {
        out += raw[i];
        continue;
      }
      out += '\n';
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    }
  }

  // After the attribute name: '=' and a quoted value.
  result<void> parse_attribute_value(std::string& out) {
    skip_whitespace();
    if (!at('=')) return fail("expected '='");
    ++pos_;
    skip_whitespace();
    if (!at('"') && !at('\'')) return fail("expected a quoted value");
    const char quote = in_[pos_++];
    for (;;) {
      if (pos_ == in_.size()) return error{errc::invalid_xml, pos_, "unterminated value"};
      const char c = in_[pos_];
      if (c == quote) {
        ++pos_;
        return {};
      }
      if (c == '<') return fail("'<' in an attribute value");
      if (c == '&') {
        if (auto r = parse_reference(out); !r) return r;
        continue;
      }
      // Attribute-value normalisation: each whitespace character becomes a space.
      out += xml_space(c) ? ' ' : c;
      if (c == '\r' && pos_ + 1 < in_.size() && in_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
    }
  }

  // At '<' of a start tag.
  result<void> parse_element(xml::element& out, std::size_t depth) {
    if (depth > max_depth_)
      return error{errc::xml_too_deep, pos_, "elements nested deeper than max_depth"};
    out.offset_ = pos_;
    ++pos_;
    if (auto r = parse_name(out.name_); !r) return r;
    for (;;) {
      const bool spaced = skip_whitespace();
      if (starts_with("/>")) {
        pos_ += 2;
        out.content_offset_ = pos_;
        return {};
      }
      if (at('>')) {
        ++pos_;
        break;
      }
      if (pos_ == in_.size()) return fail("");
      if (!spaced) return fail("expected whitespace, '>' or '/>'");
      xml::attribute& a = out.attributes_.emplace_back();
      a.offset = pos_;
      if (auto r = parse_name(a.name); !r) return r;
      for (std::size_t i = 0; i + 1 < out.attributes_.size(); ++i)
        if (out.attributes_[i].name == a.name)
          return error{errc::invalid_xml, a.offset, "duplicate attribute"};
      if (auto r = parse_attribute_value(a.value); !r) return r;
    }
    out.content_offset_ = pos_;
    return parse_content(out, depth);
  }

  // After the start tag, up to and including the matching end tag.
  result<void> parse_content(xml::element& out, std::size_t depth) {
    for (;;) {
      if (pos_ == in_.size())
        return error{errc::invalid_xml, pos_, "unterminated element (missing end tag)"};
      const char c = in_[pos_];
      if (c == '&') {
        if (auto r = parse_reference(out.text_); !r) return r;
      } else if (c != '<') {
        const std::size_t start = pos_;
        while (pos_ < in_.size() && in_[pos_] != '<' && in_[pos_] != '&') ++pos_;
        const std::string_view raw = in_.substr(start, pos_ - start);
        if (const std::size_t k = raw.find("]]>"); k != std::string_view::npos)
          return error{errc::invalid_xml, start + k, "']]>' in character data"};
        append_text(out.text_, raw);
      } else if (starts_with("</")) {
        const std::size_t start = pos_;
        pos_ += 2;
        std::string name;
        if (auto r = parse_name(name); !r) return r;
        if (name != out.name_) return error{errc::invalid_xml, start, "mismatched end tag"};
        skip_whitespace();
        if (!at('>')) return fail("expected '>'");
        ++pos_;
        return {};
      } else if (starts_with("<!--")) {
        if (auto r = skip_comment(); !r) return r;
      } else if (starts_with("<![CDATA[")) {
        const std::size_t end = in_.find("]]>", pos_ + 9);
        if (end == std::string_view::npos)
          return error{errc::invalid_xml, in_.size(), "unterminated CDATA section"};
        append_text(out.text_, in_.substr(pos_ + 9, end - pos_ - 9));
        pos_ = end + 3;
      } else if (starts_with("<!DOCTYPE")) {
        return error{errc::invalid_xml, pos_, "document type declarations are not allowed"};
      } else if (starts_with("<!")) {
        return error{errc::invalid_xml, pos_, "markup declarations are not allowed"};
      } else if (starts_with("<?")) {
        if (auto r = skip_pi(false); !r) return r;
      } else {
        // The child stays in place while it is parsed: nothing else is added to this element.
        if (auto r = parse_element(out.children_.emplace_back(), depth + 1); !r) return r;
      }
    }
  }
};

}  // namespace detail

namespace xml {

/// Reads one XML document (strict; see the top of this file) and returns its root element.
[[nodiscard]] inline result<element> parse(std::string_view text, parse_options options = {}) {
  return detail::xml_parser(text, options.max_depth).run();
}

}  // namespace xml

namespace detail {

// Helpers for reading typed results out of a tree (oss/results.hpp, cos/results.hpp).

// The one child `name` of `parent`: nullptr when absent; errc::duplicate_key when repeated.
[[nodiscard]] inline result<const xml::element*> xml_single(const xml::element& parent,
                                                            std::string_view name) noexcept {
  const xml::element* found = nullptr;
  for (const xml::element& e : parent.elements()) {
    if (e.name() != name) continue;
    if (found != nullptr)
      return error{errc::duplicate_key, e.offset(), "element appears more than once"};
    found = &e;
  }
  return found;
}

// The one child `name` that holds only text (xml_single, and errc::wrong_type when it holds
// elements).
[[nodiscard]] inline result<const xml::element*> xml_leaf(const xml::element& parent,
                                                          std::string_view name) noexcept {
  auto found = xml_single(parent, name);
  if (found && *found != nullptr && !(*found)->elements().empty())
    return error{errc::wrong_type, (*found)->elements().front().offset(), "expected text only"};
  return found;
}

// The text of the leaf `name`: empty when absent and optional, errc::missing_key when required.
[[nodiscard]] inline result<std::string> xml_leaf_text(const xml::element& parent,
                                                       std::string_view name, bool required) {
  const auto leaf = xml_leaf(parent, name);
  if (!leaf) return leaf.error();
  if (*leaf == nullptr) {
    if (required) return error{errc::missing_key, parent.offset(), "required element missing"};
    return std::string();
  }
  return std::string((*leaf)->text());
}

// The leaf `name` as an unsigned decimal integer no greater than `max`: 0 when absent and
// optional; errc::invalid_number (not only digits) or errc::value_out_of_range at the content.
[[nodiscard]] inline result<std::uint64_t> xml_leaf_uint(const xml::element& parent,
                                                         std::string_view name, bool required,
                                                         std::uint64_t max) {
  const auto leaf = xml_leaf(parent, name);
  if (!leaf) return leaf.error();
  if (*leaf == nullptr) {
    if (required) return error{errc::missing_key, parent.offset(), "required element missing"};
    return std::uint64_t{0};
  }
  const std::string_view t = (*leaf)->text();
  const std::size_t at = (*leaf)->content_offset();
  if (t.empty()) return error{errc::invalid_number, at, "expected an unsigned integer"};
  std::uint64_t v = 0;
  for (const char c : t) {
    if (c < '0' || c > '9') return error{errc::invalid_number, at, "expected an unsigned integer"};
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (v > max / 10 || digit > max - v * 10)
      return error{errc::value_out_of_range, at, "integer too large"};
    v = v * 10 + digit;
  }
  return v;
}

}  // namespace detail

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_XML_HPP
