// SPDX-License-Identifier: MIT
// objproc/http/fields.hpp - header and query fields as the signers read and write them.
//
//   http::header_field{"Content-Type", "image/jpeg"}     a view: the caller owns the text
//   http::query_field{"process", std::nullopt}           a bare key: "?process"
//   http::added_header / http::added_query_field         what a signer hands back: a static name
//                                                        and an owned, raw (unencoded) value
//   http::detail::span_writer                            text into a caller's buffer, no heap
// plus the small ASCII helpers (case-insensitive compare, OWS trimming, RFC 9110 token and
// field-value checks) every signer needs. Query keys and values here are always decoded: the
// signers encode what they sign, and the URL builder encodes what it sends.
#ifndef OBJPROC_HTTP_FIELDS_HPP
#define OBJPROC_HTTP_FIELDS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "objproc/config.hpp"
#include "objproc/core/algorithm.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace http {

/// One request header: a view of the caller's text.
struct header_field {
  std::string_view name = {};
  std::string_view value = {};
  friend constexpr bool operator==(const header_field&, const header_field&) = default;
};

/// One query parameter, decoded. nullopt: a bare key with no '=' ("?process").
struct query_field {
  std::string_view key = {};
  std::optional<std::string_view> value = {};
  friend constexpr bool operator==(const query_field&, const query_field&) = default;
};

/// A header a signer asks the caller to set (replacing any header of that name): the name is a
/// string literal, the value is owned.
struct added_header {
  std::string_view name;
  std::string value;
  [[nodiscard]] header_field view() const noexcept { return {name, value}; }
  friend bool operator==(const added_header&, const added_header&) = default;
};

/// A query parameter a signer asks the caller to add, raw (the URL builder percent-encodes it).
struct added_query_field {
  std::string_view key;
  std::string value;
  [[nodiscard]] query_field view() const noexcept { return {key, std::string_view(value)}; }
  friend bool operator==(const added_query_field&, const added_query_field&) = default;
};

namespace detail {

/// Room for N values of a trivially copyable T, left uninitialised: the signers keep lists of
/// up to http::max_signed_fields entries on the stack, and zero-filling those arrays (1 to 2.5
/// KB each, several per signature) cost more than sorting the few entries they hold. The bytes
/// implicitly create the T[N] array (an implicit-lifetime type, C++20); callers read only what
/// they wrote.
template <class T, std::size_t N>
class uninitialized_array {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                "only for values a byte copy can move");

 public:
  // User-provided and empty on purpose: `uninitialized_array a;` and `a{}` leave the bytes.
  uninitialized_array() noexcept {}  // NOLINT(modernize-use-equals-default)

  [[nodiscard]] T* data() noexcept { return std::launder(reinterpret_cast<T*>(bytes_)); }
  [[nodiscard]] const T* data() const noexcept {
    return std::launder(reinterpret_cast<const T*>(bytes_));
  }
  [[nodiscard]] T& operator[](std::size_t i) noexcept { return data()[i]; }
  [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return data()[i]; }
  [[nodiscard]] static constexpr std::size_t size() noexcept { return N; }
  /// All N places (to fill; only the ones written may be read).
  [[nodiscard]] std::span<T, N> span() noexcept { return std::span<T, N>(data(), N); }

 private:
  alignas(T) unsigned char bytes_[N * sizeof(T)];
};

/// Where a field_list keeps its items: uninitialised room for trivially copyable fields (views,
/// marks), a value-initialised array otherwise (owned strings).
template <class T, std::size_t N>
using field_list_storage =
    std::conditional_t<std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                       uninitialized_array<T, N>, std::array<T, N>>;

}  // namespace detail

/// At most N fields, in place (no heap beyond the fields' own values). Places past size() are
/// not initialised for trivially copyable fields, and a copy copies only the fields held.
template <class T, std::size_t N>
class field_list {
 public:
  using value_type = T;
  using const_iterator = const T*;

  field_list() = default;
  field_list(const field_list& other) : size_(other.size_) {
    for (std::size_t i = 0; i < size_; ++i) items_[i] = other.items_[i];
  }
  field_list& operator=(const field_list& other) {
    if (this == &other) return *this;
    for (std::size_t i = 0; i < other.size_; ++i) items_[i] = other.items_[i];
    size_ = other.size_;
    return *this;
  }
  field_list(field_list&& other) noexcept(std::is_nothrow_move_assignable_v<T>)
      : size_(other.size_) {
    for (std::size_t i = 0; i < size_; ++i) items_[i] = std::move(other.items_[i]);
  }
  field_list& operator=(field_list&& other) noexcept(std::is_nothrow_move_assignable_v<T>) {
    if (this == &other) return *this;
    for (std::size_t i = 0; i < other.size_; ++i) items_[i] = std::move(other.items_[i]);
    size_ = other.size_;
    return *this;
  }
  ~field_list() = default;

  /// Precondition: size() < N (the signers size their lists for every case).
  void push_back(T field) { items_[size_++] = std::move(field); }
  /// Appends when there is room; false (nothing changed) when full.
  [[nodiscard]] bool try_push_back(T field) {
    if (size_ == N) return false;
    items_[size_++] = std::move(field);
    return true;
  }
  /// The fields, mutable (for sorting in place).
  [[nodiscard]] T* data() noexcept { return items_.data(); }

  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] static constexpr std::size_t capacity() noexcept { return N; }
  [[nodiscard]] const T& operator[](std::size_t i) const noexcept { return items_[i]; }
  [[nodiscard]] const T* begin() const noexcept { return items_.data(); }
  [[nodiscard]] const T* end() const noexcept { return items_.data() + size_; }
  [[nodiscard]] std::span<const T> span() const noexcept { return {begin(), size_}; }

  friend bool operator==(const field_list& a, const field_list& b) {
    if (a.size_ != b.size_) return false;
    for (std::size_t i = 0; i < a.size_; ++i)
      if (!(a.items_[i] == b.items_[i])) return false;
    return true;
  }

 private:
  detail::field_list_storage<T, N> items_{};
  std::size_t size_ = 0;
};

/// How many headers, query parameters or additional header names a signer sorts in place (fixed
/// arrays on the stack instead of the heap): beyond it, errc::value_out_of_range.
inline constexpr std::size_t max_signed_fields = 64;

namespace detail {

/// Writes text into a caller's buffer, never past it: once something does not fit the text is
/// cut, overflowed() is true and needed() tells how long it would have been (so a caller can
/// retry with a buffer of exactly that size).
///
/// The common case, text that fits, costs one room check and one size update per put: the
/// overflow state is kept apart. At the first overflow the room shrinks to what was written, so
/// that every later put fails its room check too and only counts what it would have needed.
class span_writer {
 public:
  constexpr span_writer() noexcept = default;
  constexpr explicit span_writer(std::span<char> buffer) noexcept : buffer_(buffer) {}

  // The two puts are forced inline: a signature makes dozens of them, and g++ -O2 called them
  // (the call cost more than the room check and the copy).
  OBJPROC_ALWAYS_INLINE constexpr void put(char c) noexcept {
    if (size_ == buffer_.size()) return overflow(1);
    buffer_[size_++] = c;
  }
  OBJPROC_ALWAYS_INLINE constexpr void put(std::string_view s) noexcept {
    if (s.size() > buffer_.size() - size_) return overflow(s.size());
    copy_short(buffer_.data() + size_, s.data(), s.size());
    size_ += s.size();
  }
  /// Each piece (a string_view or a char) in turn, with one room check and one size update for
  /// all of them: a put after a char store reloads the writer (the store may alias it), which
  /// cost more than the copies of the short pieces a signer writes.
  template <class... Pieces>
  OBJPROC_ALWAYS_INLINE constexpr void put_all(const Pieces&... pieces) noexcept {
    const std::size_t n = (piece_size(pieces) + ...);
    if (n > buffer_.size() - size_) return (put(pieces), ...);  // cut and counted as the puts do
    char* at = buffer_.data() + size_;
    ((at = put_piece(at, pieces)), ...);
    size_ += n;
  }
  /// `s` in ASCII lowercase. Forced inline as the puts are (g++ called it).
  OBJPROC_ALWAYS_INLINE constexpr void put_lower(std::string_view s) noexcept;
  /// A header line "name:value\n", the name lowercased unless `name_is_lower` says it is
  /// already. One room check and one size update for the line, not one per piece.
  OBJPROC_ALWAYS_INLINE constexpr void put_header_line(std::string_view name, bool name_is_lower,
                                                       std::string_view value) noexcept;
  static constexpr std::size_t piece_size(char) noexcept { return 1; }
  static constexpr std::size_t piece_size(std::string_view s) noexcept { return s.size(); }
  OBJPROC_ALWAYS_INLINE static constexpr char* put_piece(char* to, char c) noexcept {
    *to = c;
    return to + 1;
  }
  OBJPROC_ALWAYS_INLINE static constexpr char* put_piece(char* to, std::string_view s) noexcept {
    copy_short(to, s.data(), s.size());
    return to + s.size();
  }
  /// Writes `s` lowercased (ASCII) at `to`, which has room for it.
  OBJPROC_ALWAYS_INLINE static constexpr void copy_lower(char* to, std::string_view s) noexcept;
  /// Writes the sizeof(Word) bytes at `from` lowercased (ASCII) to `to`: a byte c has 0x20
  /// added when it is 'A'..'Z'. Each byte's low seven bits plus at most 0x3F stay below 0x100:
  /// no carry crosses into the next byte.
  template <class Word>
  OBJPROC_ALWAYS_INLINE static void lower_word(const char* from, char* to) noexcept {
    constexpr auto ones = static_cast<Word>(0x0101010101010101U);
    Word x = 0;
    std::memcpy(&x, from, sizeof x);
    const Word low = x & (0x7F * ones);
    const Word from_a = low + (0x80 - 'A') * ones;      // high bit: >= 'A'
    const Word past_z = low + (0x80 - 'Z' - 1) * ones;  // high bit: > 'Z'
    const Word upper = from_a & ~past_z & ~x & (0x80 * ones);
    x |= upper >> 2;
    std::memcpy(to, &x, sizeof x);
  }
  /// `s` percent-encoded (uppercase hex) with `set`.
  /// One pass: encodes straight into the buffer while the room is surely enough (3 bytes per
  /// input byte), checking byte by byte only near the end; sizing first is left to overflow.
  constexpr void put_encoded(std::string_view s, percent_set set) noexcept {
    if (overflow_) return overflow(percent_encoded_size(s, set));
    const std::size_t room = buffer_.size() - size_;
    char* const at = buffer_.data() + size_;
    if (!std::is_constant_evaluated() && room >= 2 && (room - 2) / 3 >= s.size()) {
      // Room for three characters per byte and the table encoder's slack (it needs one).
      using objproc::detail::percent_encode_by_table;
      const std::size_t n =
          set == percent_set::component ? percent_encode_by_table<percent_set::component>(s, at)
          : set == percent_set::path    ? percent_encode_by_table<percent_set::path>(s, at)
                                        : percent_encode_by_table<percent_set::form>(s, at);
      size_ += n;
      return;
    }
    if (room / 3 >= s.size()) {
      size_ += objproc::detail::percent_encode_unchecked(s, at, set);
      return;
    }
    std::size_t o = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      const bool literal =
          objproc::detail::stays_literal(c, set) || (set == percent_set::form && c == ' ');
      if (room - o < (literal ? 1u : 3u)) {
        // Cut as put() cuts: nothing of `s` counts as written; needed() still tells the whole.
        return overflow(o + percent_encoded_size(s.substr(i), set));
      }
      o += objproc::detail::percent_encode_unchecked(s.substr(i, 1), at + o, set);
    }
    size_ += o;
  }
  /// Decimal digits of `v`.
  constexpr void put_number(std::uint64_t v) noexcept {
    char digits[20] = {};
    std::size_t at = sizeof digits;  // written from the end: one put of the whole number
    do {
      digits[--at] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    put(std::string_view(digits + at, sizeof digits - at));
  }
  /// The lowercase hex digits of a digest, written in place (see write_hex_digest).
  template <std::size_t N>
  constexpr void put_hex(const std::array<std::byte, N>& digest) noexcept {
    if (2 * N > buffer_.size() - size_) return overflow(2 * N);
    objproc::detail::write_hex_digest(digest, buffer_.data() + size_, hex_case::lower);
    size_ += 2 * N;
  }
  /// Lowercases (ASCII) what was written from `from` on.
  constexpr void lower_from(std::size_t from) noexcept {
    // Through a local pointer and end: a char store may alias the members, so a loop over
    // buffer_[i] up to size_ reloads both on every byte.
    char* const text = buffer_.data();
    const std::size_t end = size_;
    for (std::size_t i = from; i < end; ++i)
      if (text[i] >= 'A' && text[i] <= 'Z') text[i] = static_cast<char>(text[i] + 32);
  }
  /// Replaces the last character written (joining repeated header lines with ',').
  constexpr void replace_back(char c) noexcept {
    if (size_ != 0 && !overflow_) buffer_[size_ - 1] = c;
  }

  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  [[nodiscard]] constexpr std::size_t needed() const noexcept {
    return overflow_ ? needed_ : size_;
  }
  [[nodiscard]] constexpr bool overflowed() const noexcept { return overflow_; }
  /// What was written from `from` on (a mark taken with size()).
  [[nodiscard]] constexpr std::string_view text(std::size_t from = 0) const noexcept {
    return {buffer_.data() + from, size_ - from};
  }
  /// What was written between two marks.
  [[nodiscard]] constexpr std::string_view text(std::size_t from, std::size_t to) const noexcept {
    return {buffer_.data() + from, to - from};
  }
  /// Copies n chars. Most pieces a signer writes are a few bytes long, where a call to memcpy
  /// costs more than the copy: up to 16 bytes are moved as two overlapping fixed-size chunks,
  /// which compilers inline.
  static constexpr void copy_short(char* to, const char* from, std::size_t n) noexcept {
    if (std::is_constant_evaluated() || n > 16) {
      std::char_traits<char>::copy(to, from, n);
    } else if (n >= 8) {
      char head[8], tail[8];
      std::memcpy(head, from, 8);
      std::memcpy(tail, from + n - 8, 8);
      std::memcpy(to, head, 8);
      std::memcpy(to + n - 8, tail, 8);
    } else if (n >= 4) {
      char head[4], tail[4];
      std::memcpy(head, from, 4);
      std::memcpy(tail, from + n - 4, 4);
      std::memcpy(to, head, 4);
      std::memcpy(to + n - 4, tail, 4);
    } else if (n >= 2) {
      const char a = from[0], b = from[1], c = from[n - 1];
      to[0] = a;
      to[1] = b;
      to[n - 1] = c;
    } else if (n == 1) {
      to[0] = from[0];
    }
  }

  /// The overflow as an error, for the callers that report it.
  [[nodiscard]] static constexpr error too_small() noexcept {
    return error{errc::buffer_too_small, error::no_offset, "the text does not fit the buffer"};
  }

 private:
  /// `n` more characters did not fit: they are counted, not written, and so is all that follows.
  constexpr void overflow(std::size_t n) noexcept {
    if (!overflow_) {
      overflow_ = true;
      needed_ = size_;
      buffer_ = buffer_.first(size_);
    }
    needed_ += n;
  }

  std::span<char> buffer_ = {};
  std::size_t size_ = 0;
  std::size_t needed_ = 0;  // once overflowed: the size the text would have had
  bool overflow_ = false;
};

/// Sorts [first, last) stably and in place. std::stable_sort may take a heap buffer; the signers
/// sort at most a few dozen fields, where insertion sort is as fast and needs none.
template <class T, class Less>
constexpr void stable_sort_in_place(T* first, T* last, const Less& less) {
  for (T* i = first + (first == last ? 0 : 1); i < last; ++i) {
    T item = std::move(*i);
    T* j = i;
    for (; j != first && less(item, *(j - 1)); --j) *j = std::move(*(j - 1));
    *j = std::move(item);
  }
}

/// Runs `f(scratch)` over a stack buffer and, while that was too small, again over a heap
/// buffer of at least the size the last run asked for (a run stops at its first overflow, so
/// it may ask again): for the calls that may allocate anyway (the heap-free ones pass their
/// bounded scratch directly).
template <std::size_t StackSize, class F>
auto with_scratch(F&& f) -> decltype(f(std::declval<span_writer&>())) {
  std::array<char, StackSize> stack;  // written before read: no need to clear it
  span_writer first(stack);
  auto r = f(first);
  std::string heap;
  std::size_t needed = first.needed();
  bool overflowed = first.overflowed();
  while (!r && overflowed) {
    heap.assign(
        objproc::detail::max_of(needed, 2 * objproc::detail::max_of(heap.size(), StackSize)), '\0');
    span_writer next(heap);
    r = f(next);
    needed = next.needed();
    overflowed = next.overflowed();
  }
  return r;
}

[[nodiscard]] constexpr char ascii_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// ASCII case-insensitive equality (header names).
[[nodiscard]] constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

/// Whether the sizeof(Word) bytes at `s` equal those at `lower` as iequals_lower compares them:
/// a byte may differ by 0x20 only where `lower` holds 'a'..'z' (c | 0x20 is then the letter
/// exactly when c is it in either case). Each byte of the letter mask is computed without a
/// carry into the next: its low seven bits plus at most 0x1F stay below 0x100.
template <class Word>
[[nodiscard]] OBJPROC_ALWAYS_INLINE bool iequals_lower_word(const char* s,
                                                            const char* lower) noexcept {
  constexpr auto ones = static_cast<Word>(0x0101010101010101U);
  Word x = 0, y = 0;
  std::memcpy(&x, s, sizeof x);
  std::memcpy(&y, lower, sizeof y);
  const Word low = y & (0x7F * ones);
  const Word letter = (low + (0x80 - 'a') * ones) & ~(low + (0x80 - 'z' - 1) * ones) & ~y &
                      (0x80 * ones);  // high bit of each byte of y in 'a'..'z'
  return (x | (letter >> 2)) == y;
}

/// Whether `s` equals `lower` (given in lowercase), ignoring ASCII case: only `s` is
/// lowercased (the signers compare header names with literals on every signature). Forced
/// inline: the literal's words and letter masks then fold to constants.
[[nodiscard]] OBJPROC_ALWAYS_INLINE constexpr bool iequals_lower(std::string_view s,
                                                                 std::string_view lower) noexcept {
  if (s.size() != lower.size()) return false;
  if (!std::is_constant_evaluated() && s.size() >= 4) {
    // A word at a time: a byte loop cost ten instructions a byte ("content-type" on every V4
    // header).
    return objproc::detail::for_each_word(s.size(), [&](std::size_t at, auto word) {
      return iequals_lower_word<decltype(word)>(s.data() + at, lower.data() + at);
    });
  }
  for (std::size_t i = 0; i < s.size(); ++i)
    if (ascii_lower(s[i]) != lower[i]) return false;
  return true;
}

/// Whether `s` starts with `prefix`, ignoring ASCII case on both sides (callers pass
/// declarations in any case: "OSS ", "q-").
[[nodiscard]] constexpr bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

/// Byte order of the lowercased names: <0, 0, >0.
[[nodiscard]] constexpr int icompare(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(ascii_lower(a[i]));
    const auto y = static_cast<unsigned char>(ascii_lower(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

/// Appends `s` lowercased.
inline void append_lower(std::string& out, std::string_view s) {
  for (const char c : s) out += ascii_lower(c);
}

OBJPROC_ALWAYS_INLINE constexpr void span_writer::copy_lower(char* to,
                                                             std::string_view s) noexcept {
  const std::size_t n = s.size();
  if (!std::is_constant_evaluated() && n >= 4) {
    // A word at a time (header names, twice per V4 header): lowercasing a byte twice changes
    // nothing, and a byte loop cost nine instructions a byte.
    objproc::detail::for_each_word(n, [&](std::size_t at, auto word) {
      lower_word<decltype(word)>(s.data() + at, to + at);
      return true;
    });
  } else {
    for (std::size_t i = 0; i < n; ++i) to[i] = ascii_lower(s[i]);
  }
}

OBJPROC_ALWAYS_INLINE constexpr void span_writer::put_lower(std::string_view s) noexcept {
  // Room checked once for the whole string, as put(string_view) does, not per character.
  if (s.size() > buffer_.size() - size_) return overflow(s.size());
  copy_lower(buffer_.data() + size_, s);
  size_ += s.size();
}

OBJPROC_ALWAYS_INLINE constexpr void span_writer::put_header_line(std::string_view name,
                                                                  bool name_is_lower,
                                                                  std::string_view value) noexcept {
  const std::size_t n = name.size() + value.size() + 2;
  if (n > buffer_.size() - size_) {
    // Piecewise, as the puts cut and count an overflow.
    if (name_is_lower)
      put(name);
    else
      put_lower(name);
    put(':');
    put(value);
    return put('\n');
  }
  // A local pointer, size_ updated once: a char store may alias the members (see lower_from).
  char* const at = buffer_.data() + size_;
  if (name_is_lower)
    copy_short(at, name.data(), name.size());
  else
    copy_lower(at, name);
  at[name.size()] = ':';
  copy_short(at + name.size() + 1, value.data(), value.size());
  at[n - 1] = '\n';
  size_ += n;
}

/// Without leading and trailing spaces and tabs (RFC 9110 OWS).
[[nodiscard]] constexpr std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// RFC 9110 tchar.
/// A table: header names are checked byte by byte on every signature (a search of the
/// punctuation list per '-' was a library call each).
inline constexpr std::array<bool, 256> tchar_table = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[static_cast<std::size_t>(c)] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  for (const char c : std::string_view("!#$%&'*+-.^_`|~")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();
[[nodiscard]] constexpr bool is_tchar(char c) noexcept {
  return tchar_table[static_cast<unsigned char>(c)];
}

/// The first CR, LF or NUL in `s`, or npos: the bytes that would split or end a header line.
[[nodiscard]] constexpr std::size_t find_line_break(std::string_view s) noexcept {
  // Values almost never hold one: first a test of eight bytes at a time (header values and
  // object keys are checked on every signature; the byte loop compiled to a branch per byte),
  // then the position only when there is one.
  if (!std::is_constant_evaluated()) {
    constexpr std::uint64_t ones = 0x0101010101010101U;
    constexpr std::uint64_t highs = 0x8080808080808080U;
    // Exact for "some byte is zero" (not for which one): (v - 1) & ~v sets a byte's high bit
    // only where a borrow chain starts at a zero byte.
    const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    std::uint64_t found = 0;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t v = 0;
      std::memcpy(&v, s.data() + i, 8);
      found |= has_zero(v) | has_zero(v ^ (ones * '\r')) | has_zero(v ^ (ones * '\n'));
    }
    for (; i < s.size(); ++i) {
      const char c = s[i];
      found |= static_cast<std::uint64_t>((c == '\r') | (c == '\n') | (c == '\0'));
    }
    if (found == 0) return std::string_view::npos;
  }
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\r' || s[i] == '\n' || s[i] == '\0') return i;
  return std::string_view::npos;
}

/// Whether `s` holds a control character: a byte below 0x20 (HTAB excepted when `tab_allowed`)
/// or DEL. Eight bytes at a time (credentials and header values are checked on every
/// signature); callers locate the byte themselves when they need its offset.
[[nodiscard]] constexpr bool has_control(std::string_view s, bool tab_allowed) noexcept {
  const auto control = [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && !(tab_allowed && c == '\t')) || u == 0x7F;
  };
  std::size_t i = 0;
  if (!std::is_constant_evaluated()) {
    constexpr std::uint64_t ones = 0x0101010101010101U;
    constexpr std::uint64_t highs = 0x8080808080808080U;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t v = 0;
      std::memcpy(&v, s.data() + i, 8);
      // Exact for "some byte is below 0x20" and "some byte is 0x7F" (x ^ 0x7F is then zero).
      const std::uint64_t below_space = (v - ones * 0x20) & ~v & highs;
      const std::uint64_t del = ((v ^ (ones * 0x7F)) - ones) & ~(v ^ (ones * 0x7F)) & highs;
      if (del != 0) return true;
      if (below_space != 0)  // a tab, or a control character: look at these eight
        for (std::size_t k = i; k < i + 8; ++k)
          if (control(s[k])) return true;
    }
  }
  for (; i < s.size(); ++i)
    if (control(s[i])) return true;
  return false;
}

/// A header name: a non-empty RFC 9110 token; errc::invalid_header_name at the bad byte.
[[nodiscard]] constexpr result<void> check_header_name(std::string_view name) noexcept {
  if (name.empty()) return error{errc::invalid_header_name, 0, "empty header name"};
  for (std::size_t i = 0; i < name.size(); ++i)
    if (!is_tchar(name[i]))
      return error{errc::invalid_header_name, i, "header names are RFC 9110 tokens"};
  return {};
}

/// A header value: no CR, LF or NUL; errc::invalid_header_value at the bad byte.
[[nodiscard]] constexpr result<void> check_header_value(
    std::string_view value, std::string_view detail = "CR, LF or NUL in a header value") noexcept {
  if (const std::size_t at = find_line_break(value); at != std::string_view::npos)
    return error{errc::invalid_header_value, at, detail};
  return {};
}

}  // namespace detail

}  // namespace http

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_HTTP_FIELDS_HPP
