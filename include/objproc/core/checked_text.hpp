// SPDX-License-Identifier: MIT
// objproc/core/checked_text.hpp - the value a checked grammar produces, and the parameter type
// that checks a literal at compile time. Knows no vendor: a Grammar policy supplies the parser.
//
//   checked_text<Grammar>     canonical text held inline (no heap), what its one parse recorded
//                             for later checks (facts()), an error state for builders, and
//                             whether it was parsed unchecked; usable in constant expressions
//   checked_string<Grammar>   fmt's format_string technique: the consteval constructor parses,
//                             a bad literal is a compile error naming its errc
//   detail::checked_literal<Grammar, Text>()   the body of a literal operator: the compiler's
//                             message also carries the offset, the field and the detail, and
//                             the value its parse produced is kept, so converting the literal
//                             copies it rather than parsing again
//
// A Grammar is a class with
//   using place = <enum>;            where the text is used; place{} means "not known yet"
//   using facts = <struct>;          what one parse records, so no later check parses again
//   static constexpr std::size_t capacity;               canonical bytes held inline (<= 65535)
//   static constexpr std::string_view empty_detail;      checked() of an empty value
//   static constexpr std::string_view too_long_detail;   appended() past the capacity
//   static constexpr bool literal_converts_to_string;    checked_string -> std::string as well
//   static constexpr result<facts> parse(std::string_view, detail::text_writer&, place,
//                                        bool unchecked) noexcept;   the one parser
//   template <class Self> class accessors;               the grammar's own members of the value
#ifndef OBJPROC_CORE_CHECKED_TEXT_HPP
#define OBJPROC_CORE_CHECKED_TEXT_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "objproc/config.hpp"
#include "objproc/core/diagnostic.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/scan.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace detail {
/// Tags the constructors that trust their caller's parse (a checked literal's).
struct already_checked {};
}  // namespace detail

/// Text validated by Grammar's parser, in canonical form. Built by parsing (strict or, named
/// so, unchecked), by a checked_string, or by a builder that appends to it; a builder given a
/// bad value at run time yields a value holding that error (has_error()), and in a constant
/// expression does not compile.
template <class Grammar>
class checked_text : public Grammar::template accessors<checked_text<Grammar>> {
 public:
  using grammar_type = Grammar;
  using place_type = typename Grammar::place;
  using facts_type = typename Grammar::facts;
  static constexpr std::size_t capacity = Grammar::capacity;
  // The size and the offsets a grammar records are 16-bit.
  static_assert(capacity <= 0xFFFF, "a checked_text holds at most 65535 bytes");

  constexpr checked_text() noexcept = default;
  /// The value a strict parse produced earlier: its canonical text (at most the capacity) and
  /// its facts. A checked literal's conversion, which copies instead of parsing again.
  constexpr checked_text(detail::already_checked, std::string_view canonical,
                         const facts_type& facts) noexcept
      : size_(static_cast<std::uint16_t>(canonical.size())), facts_(facts) {
    for (std::size_t i = 0; i < canonical.size(); ++i) text_[i] = canonical[i];
  }

  /// Parses and validates `text` for `where`.
  [[nodiscard]] static constexpr result<checked_text> parse(std::string_view text,
                                                            place_type where = {}) noexcept {
    return parse_as(text, where, false);
  }
  /// The explicit way past the vocabulary (what the grammar still checks is its own rule); the
  /// value remembers it, and every later parse of it is unchecked too.
  [[nodiscard]] static constexpr result<checked_text> parse_unchecked(
      std::string_view text, place_type where = {}) noexcept {
    return parse_as(text, where, true);
  }

  /// The canonical text (empty when the value holds an error).
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {text_.data(), size_}; }
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] constexpr bool has_error() const noexcept { return error_.code != errc::none; }
  [[nodiscard]] constexpr objproc::error error() const noexcept { return error_; }
  /// Parsed unchecked (or built from such a value).
  [[nodiscard]] constexpr bool is_unchecked() const noexcept { return unchecked_; }
  /// What the parse recorded for later checks (default for an empty value or an error).
  [[nodiscard]] constexpr const facts_type& facts() const noexcept { return facts_; }

  /// The value as a result: the error it holds, or itself.
  [[nodiscard]] constexpr result<checked_text> checked() const noexcept {
    if (has_error()) return error_;
    if (empty())
      return objproc::error{errc::empty_style, objproc::error::no_offset, Grammar::empty_detail};
    return *this;
  }

  friend constexpr bool operator==(const checked_text& a, const checked_text& b) noexcept {
    return a.view() == b.view() && a.error_ == b.error_ && a.unchecked_ == b.unchecked_;
  }
  friend constexpr bool operator==(const checked_text& a, std::string_view text) noexcept {
    return !a.has_error() && a.view() == text;
  }

  // --- for builders --------------------------------------------------------------------------
  /// A value holding `e`. In a constant evaluation this is a compile error naming e.code.
  [[nodiscard]] static constexpr checked_text failed(const objproc::error& e) noexcept {
    detail::fail_constant_evaluation(e);
    checked_text t;
    t.error_ = e;
    return t;
  }
  /// This value's text followed by `parts`, validated as a whole by the one parser (a builder's
  /// text gets the same checks as typed-in text), in this value's mode: never silently strict,
  /// never silently unchecked.
  [[nodiscard]] constexpr checked_text appended(std::string_view part1, std::string_view part2 = {},
                                                std::string_view part3 = {}) const noexcept {
    if (has_error()) return *this;
    std::array<char, capacity> scratch{};
    std::size_t n = 0;
    for (const std::string_view part : {view(), part1, part2, part3}) {
      for (const char c : part) {
        if (n == scratch.size())
          return failed(objproc::error{errc::style_too_long, n, Grammar::too_long_detail});
        scratch[n++] = c;
      }
    }
    auto parsed = parse_as(std::string_view(scratch.data(), n), place_type{}, unchecked_);
    if (!parsed) return failed(parsed.error());
    return *parsed;
  }

 private:
  static constexpr result<checked_text> parse_as(std::string_view text, place_type where,
                                                 bool unchecked) noexcept {
    checked_text t;
    detail::text_writer out{t.text_.data(), t.text_.size(), 0};
    auto facts = Grammar::parse(text, out, where, unchecked);
    if (!facts) return facts.error();
    t.size_ = static_cast<std::uint16_t>(out.size);
    t.facts_ = *facts;
    t.unchecked_ = unchecked;
    return t;
  }

  std::array<char, capacity> text_{};
  std::uint16_t size_ = 0;
  bool unchecked_ = false;
  facts_type facts_{};
  objproc::error error_{errc::none};
};

namespace detail {
/// The error Grammar's strict parser reports for `text` anywhere, or errc::none.
template <class Grammar>
[[nodiscard]] constexpr objproc::error first_error(std::string_view text) noexcept {
  text_writer count{nullptr, Grammar::capacity, 0};  // counts only; the capacity still applies
  if (auto r = Grammar::parse(text, count, typename Grammar::place{}, false); !r) return r.error();
  return objproc::error{errc::none};
}
}  // namespace detail

/// Text checked at compile time: a bad literal passed where a checked_string is expected does
/// not compile, and the diagnostic names the errc (core/diagnostic.hpp).
template <class Grammar>
class checked_string {
 public:
  using facts_type = typename Grammar::facts;

  /// From a character array: checked here, but nothing of the parse can be kept (its result
  /// has no static home), so get() parses again. The literal operators keep it.
  template <std::size_t N>
  consteval checked_string(const char (&text)[N]) noexcept : text_(text, N - 1) {  // NOLINT
    if (const objproc::error e = detail::first_error<Grammar>(text_); e.code != errc::none)
      detail::fail_constant_evaluation(e);
  }
  /// For detail::checked_literal: `text`'s canonical form and facts, as its parse produced them
  /// (static objects), so get() is a copy.
  consteval checked_string(detail::already_checked, std::string_view text,
                           std::string_view canonical, const facts_type& facts) noexcept
      : text_(text), canonical_(canonical), facts_(&facts), kept_(true) {}
  /// The text as written.
  [[nodiscard]] constexpr std::string_view view() const noexcept { return text_; }
  /// The parsed value (cannot fail: the literal was checked, and it fits).
  [[nodiscard]] constexpr checked_text<Grammar> get() const noexcept {
    if (kept_) return checked_text<Grammar>(detail::already_checked{}, canonical_, *facts_);
    return *checked_text<Grammar>::parse(text_);
  }
  /// The checked literal where the value is expected.
  constexpr operator checked_text<Grammar>()
      const noexcept {  // NOLINT(google-explicit-constructor)
    return get();
  }
  /// ... and, for grammars that ask for it, where its canonical text is expected.
  operator std::string() const  // NOLINT(google-explicit-constructor)
      requires Grammar::literal_converts_to_string {
    if (kept_) return std::string(canonical_);
    return std::string(get().view());
  }

 private:
  std::string_view text_;
  std::string_view canonical_;         // with facts_, the value get() copies when kept_
  const facts_type* facts_ = nullptr;
  // A flag, not `facts_ != nullptr`: g++ with -fsanitize=undefined (which implies
  // -fno-delete-null-pointer-checks) cannot compare a static object's address with null in a
  // constant expression, so such a test would make get() unusable at compile time.
  bool kept_ = false;
};

namespace detail {
/// The strict parse of the literal `Text`, once per literal (used only in constant expressions).
template <class Grammar, fixed_string Text>
inline constexpr result<checked_text<Grammar>> literal_parse =
    checked_text<Grammar>::parse(Text.view());

/// What a checked literal's value needs of its parse, for the program to keep: the canonical
/// text at its own length (not the capacity) and the facts.
template <class Grammar, std::size_t N>
struct kept_parse {
  fixed_string<N> canonical;
  typename Grammar::facts facts;
};

/// What a literal keeps of its parse, its canonical text being N bytes (nothing of an error).
/// constexpr, not consteval, though only ever constant-evaluated: clang evaluates an immediate
/// call in a variable's initializer twice (as the call, then as the initializer), which cost
/// 6% of a checked literal's compile time (callgrind on clang 14, 200 literals).
template <class Grammar, std::size_t N>
[[nodiscard]] constexpr kept_parse<Grammar, N> keep(
    const result<checked_text<Grammar>>& parsed) noexcept {
  if (!parsed) return {};
  return {fixed_copy<N>(parsed->view()), parsed->facts()};
}

/// literal_parse, kept: what the literal's checked_string's get() copies. (No lambda here: g++
/// would instantiate a closure type per literal.)
template <class Grammar, fixed_string Text>
inline constexpr auto kept_literal =
    keep<Grammar, literal_parse<Grammar, Text> ? literal_parse<Grammar, Text>->view().size() : 0>(
        literal_parse<Grammar, Text>);

/// The body of a literal operator whose text is the template argument `Text`: a bad literal's
/// compiler message carries the errc, the byte offset, the field and the detail; a good one's
/// parse is kept, so converting it to the value does not parse again.
template <class Grammar, fixed_string Text>
[[nodiscard]] consteval checked_string<Grammar> checked_literal() noexcept {
  constexpr auto& parsed = literal_parse<Grammar, Text>;
  if constexpr (!parsed) {
    constexpr objproc::error e = parsed.error();
    reject_literal<Text, e.code, e.offset, fixed_copy<e.detail.size()>(e.detail)>();
  }
  constexpr auto& kept = kept_literal<Grammar, Text>;
  return checked_string<Grammar>(already_checked{}, Text.view(), kept.canonical.view(), kept.facts);
}
}  // namespace detail

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_CHECKED_TEXT_HPP
