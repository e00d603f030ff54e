// SPDX-License-Identifier: MIT
// objproc/core/text.hpp - base64, hex and percent-encoding: strict, constexpr, allocation-free.
//
// Each codec has a buffer form that writes into caller memory and returns result<size_t> (the
// count written; errc::buffer_too_small if it does not fit), usable in constant evaluation, and
// a convenience form that returns a std::string (the point of which is to allocate).
// Decoders are strict: a foreign character, bad padding, non-canonical trailing bits or a
// malformed %XX is an error carrying the byte offset of the offending character. Nothing is
// silently skipped or repaired.
//
//   encode_base64(in, out, alphabet, padding) / to_base64(in, alphabet, padding)
//   decode_base64(in, out, alphabet, policy)  / from_base64(in, alphabet, policy)
//   encode_hex(in, out, case) / to_hex(in, case) / hex_digest(array, case)
//   decode_hex(in, out)       / from_hex(in)
//   percent_encode(in, out, set) / to_percent_encoded(in, set) / append_percent_encoded(s, in, set)
//   percent_decode(in, out, mode) / from_percent_encoded(in, mode)
#ifndef OBJPROC_CORE_TEXT_HPP
#define OBJPROC_CORE_TEXT_HPP

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "objproc/config.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"

OBJPROC_NAMESPACE_BEGIN

namespace detail {

/// The word of type Word (std::uint64_t, std::uint32_t) at `at`, any alignment.
template <class Word>
OBJPROC_ALWAYS_INLINE Word load_word(const char* at) noexcept {
  Word w = 0;
  std::memcpy(&w, at, sizeof w);
  return w;
}

/// The walk of every word-at-a-time scan (n >= 4; below, callers loop over bytes): 8-byte words
/// with the last one overlapping the one before, so no byte loop for a tail (a byte loop costs
/// five to ten instructions a byte), or two overlapping 4-byte words when n < 8. Each word is
/// handed to `step(at, Word{})`, which reads it with load_word<Word> and returns false to stop
/// early; the walk returns whether it ran to the end. A step that must not stop early (a
/// constant-time compare) returns true. A byte seen twice must not change the result.
template <class Step>
OBJPROC_ALWAYS_INLINE bool for_each_word(std::size_t n, const Step& step) noexcept {
  if (n < 8) return step(std::size_t{0}, std::uint32_t{}) && step(n - 4, std::uint32_t{});
  for (std::size_t i = 0; i + 8 < n; i += 8)
    if (!step(i, std::uint64_t{})) return false;
  return step(n - 8, std::uint64_t{});
}

// Input bytes as unsigned values, from either text or raw bytes, without reinterpret_cast
// (which constant evaluation forbids).
struct byte_source {
  const char* chars = nullptr;
  const std::byte* bytes = nullptr;
  std::size_t size = 0;

  constexpr byte_source(std::string_view s) noexcept : chars(s.data()), size(s.size()) {}
  constexpr byte_source(std::span<const std::byte> b) noexcept : bytes(b.data()), size(b.size()) {}
  [[nodiscard]] constexpr unsigned operator[](std::size_t i) const noexcept {
    return chars != nullptr ? static_cast<unsigned char>(chars[i])
                            : static_cast<unsigned>(bytes[i]);
  }
};

// Output as either chars or bytes, for decoders.
struct byte_sink {
  char* chars = nullptr;
  std::byte* bytes = nullptr;
  std::size_t size = 0;

  constexpr byte_sink(std::span<char> s) noexcept : chars(s.data()), size(s.size()) {}
  constexpr byte_sink(std::span<std::byte> b) noexcept : bytes(b.data()), size(b.size()) {}
  constexpr void put(std::size_t i, unsigned v) const noexcept {
    if (chars != nullptr)
      chars[i] = static_cast<char>(v);
    else
      bytes[i] = static_cast<std::byte>(v);
  }
};

inline constexpr char upper_hex_digits[] = "0123456789ABCDEF";
inline constexpr char lower_hex_digits[] = "0123456789abcdef";

// 0..15, or -1 for a character that is not a hex digit (either case accepted).
[[nodiscard]] constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// base64 (RFC 4648 §4 standard, §5 URL-safe)

enum class base64_alphabet : unsigned char { standard, url_safe };
/// What an encoder writes.
enum class base64_padding : unsigned char { padded, unpadded };
/// What a decoder accepts: '=' padding required, forbidden, or optional (but exact when present).
enum class base64_padding_policy : unsigned char { required, forbidden, optional };

namespace detail {

[[nodiscard]] constexpr const char* base64_digits(base64_alphabet a) noexcept {
  return a == base64_alphabet::standard
             ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
             : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
}

// 0..63, or -1 when c is not in the alphabet (so the other alphabet's 62/63 are refused).
[[nodiscard]] constexpr int base64_value(char c, base64_alphabet a) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (a == base64_alphabet::standard) {
    if (c == '+') return 62;
    if (c == '/') return 63;
  } else {
    if (c == '-') return 62;
    if (c == '_') return 63;
  }
  return -1;
}

[[nodiscard]] constexpr result<std::size_t> encode_base64(byte_source in, std::span<char> out,
                                                          base64_alphabet a,
                                                          base64_padding p) noexcept;

[[nodiscard]] constexpr result<std::size_t> decode_base64(std::string_view in, byte_sink out,
                                                          base64_alphabet a,
                                                          base64_padding_policy policy) noexcept;

}  // namespace detail

/// Characters needed to encode `n` bytes.
[[nodiscard]] constexpr std::size_t base64_encoded_size(std::size_t n, base64_padding p) noexcept {
  return p == base64_padding::padded ? (n + 2) / 3 * 4 : n / 3 * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
}

/// Upper bound of the bytes decoded from `n` characters (exact for unpadded input).
[[nodiscard]] constexpr std::size_t base64_decoded_max_size(std::size_t n) noexcept {
  return n / 4 * 3 + n % 4 * 3 / 4;
}

/// Encodes into `out`; returns the characters written.
[[nodiscard]] constexpr result<std::size_t> encode_base64(
    std::string_view in, std::span<char> out, base64_alphabet a = base64_alphabet::standard,
    base64_padding p = base64_padding::padded) noexcept {
  return detail::encode_base64(in, out, a, p);
}
[[nodiscard]] constexpr result<std::size_t> encode_base64(
    std::span<const std::byte> in, std::span<char> out,
    base64_alphabet a = base64_alphabet::standard,
    base64_padding p = base64_padding::padded) noexcept {
  return detail::encode_base64(in, out, a, p);
}

/// Decodes into `out`; returns the bytes written.
[[nodiscard]] constexpr result<std::size_t> decode_base64(
    std::string_view in, std::span<char> out, base64_alphabet a = base64_alphabet::standard,
    base64_padding_policy policy = base64_padding_policy::required) noexcept {
  return detail::decode_base64(in, out, a, policy);
}
[[nodiscard]] constexpr result<std::size_t> decode_base64(
    std::string_view in, std::span<std::byte> out, base64_alphabet a = base64_alphabet::standard,
    base64_padding_policy policy = base64_padding_policy::required) noexcept {
  return detail::decode_base64(in, out, a, policy);
}

/// to_base64("hi", base64_alphabet::url_safe, base64_padding::unpadded) == "aGk".
[[nodiscard]] inline std::string to_base64(std::string_view in,
                                           base64_alphabet a = base64_alphabet::standard,
                                           base64_padding p = base64_padding::padded) {
  std::string out(base64_encoded_size(in.size(), p), '\0');
  (void)detail::encode_base64(in, out, a, p);  // cannot fail: the size is exact
  return out;
}
[[nodiscard]] inline std::string to_base64(std::span<const std::byte> in,
                                           base64_alphabet a = base64_alphabet::standard,
                                           base64_padding p = base64_padding::padded) {
  std::string out(base64_encoded_size(in.size(), p), '\0');
  (void)detail::encode_base64(in, out, a, p);
  return out;
}

/// The decoded bytes as a string, or the first error with its offset.
[[nodiscard]] inline result<std::string> from_base64(
    std::string_view in, base64_alphabet a = base64_alphabet::standard,
    base64_padding_policy policy = base64_padding_policy::required) {
  std::string out(base64_decoded_max_size(in.size()), '\0');
  auto n = detail::decode_base64(in, std::span<char>(out), a, policy);
  if (!n) return n.error();
  out.resize(*n);
  return out;
}

namespace detail {

constexpr result<std::size_t> encode_base64(byte_source in, std::span<char> out, base64_alphabet a,
                                            base64_padding p) noexcept {
  const std::size_t need = base64_encoded_size(in.size, p);
  if (out.size() < need) return error{errc::buffer_too_small, error::no_offset, "base64 output"};
  const char* digits = base64_digits(a);
  std::size_t i = 0;
  std::size_t o = 0;
  for (; i + 3 <= in.size; i += 3) {
    const unsigned v = (in[i] << 16) | (in[i + 1] << 8) | in[i + 2];
    out[o++] = digits[(v >> 18) & 63];
    out[o++] = digits[(v >> 12) & 63];
    out[o++] = digits[(v >> 6) & 63];
    out[o++] = digits[v & 63];
  }
  if (const std::size_t rest = in.size - i; rest != 0) {
    const unsigned v = (in[i] << 16) | (rest == 2 ? in[i + 1] << 8 : 0u);
    out[o++] = digits[(v >> 18) & 63];
    out[o++] = digits[(v >> 12) & 63];
    if (rest == 2) out[o++] = digits[(v >> 6) & 63];
    if (p == base64_padding::padded) {
      if (rest == 1) out[o++] = '=';
      out[o++] = '=';
    }
  }
  return o;
}

constexpr result<std::size_t> decode_base64(std::string_view in, byte_sink out, base64_alphabet a,
                                            base64_padding_policy policy) noexcept {
  // Split off the padding first, so every check below knows where the data ends.
  std::size_t data_len = in.size();
  while (data_len > 0 && in[data_len - 1] == '=') --data_len;
  const std::size_t pad = in.size() - data_len;

  for (std::size_t i = 0; i < data_len; ++i) {
    if (in[i] == '=') return error{errc::invalid_padding, i, "'=' inside the data"};
    if (base64_value(in[i], a) < 0) return error{errc::invalid_character, i, "not a base64 digit"};
  }
  const std::size_t tail = data_len % 4;  // digits in the last, partial quantum
  if (tail == 1) return error{errc::truncated_input, data_len - 1, "a lone base64 digit"};
  if (pad != 0) {
    if (policy == base64_padding_policy::forbidden)
      return error{errc::invalid_padding, data_len, "padding is not allowed here"};
    if (tail == 0 || pad != 4 - tail)
      return error{errc::invalid_padding, data_len, "wrong amount of '=' padding"};
  } else if (tail != 0 && policy == base64_padding_policy::required) {
    return error{errc::invalid_padding, data_len, "missing '=' padding"};
  }

  const std::size_t need = data_len / 4 * 3 + (tail == 0 ? 0 : tail - 1);
  if (out.size < need) return error{errc::buffer_too_small, error::no_offset, "base64 output"};
  std::size_t o = 0;
  std::size_t i = 0;
  for (; i + 4 <= data_len; i += 4) {
    const auto v =
        static_cast<unsigned>((base64_value(in[i], a) << 18) | (base64_value(in[i + 1], a) << 12) |
                              (base64_value(in[i + 2], a) << 6) | base64_value(in[i + 3], a));
    out.put(o++, (v >> 16) & 0xFF);
    out.put(o++, (v >> 8) & 0xFF);
    out.put(o++, v & 0xFF);
  }
  if (tail != 0) {
    const auto d0 = static_cast<unsigned>(base64_value(in[i], a));
    const auto d1 = static_cast<unsigned>(base64_value(in[i + 1], a));
    const unsigned d2 = tail == 3 ? static_cast<unsigned>(base64_value(in[i + 2], a)) : 0u;
    // The bits below the last whole byte must be zero, so each byte string has one encoding.
    if (tail == 2 && (d1 & 0x0F) != 0)
      return error{errc::non_canonical_encoding, i + 1, "non-zero trailing bits"};
    if (tail == 3 && (d2 & 0x03) != 0)
      return error{errc::non_canonical_encoding, i + 2, "non-zero trailing bits"};
    out.put(o++, ((d0 << 2) | (d1 >> 4)) & 0xFF);
    if (tail == 3) out.put(o++, ((d1 << 4) | (d2 >> 2)) & 0xFF);
  }
  return o;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// hex

enum class hex_case : unsigned char { lower, upper };

namespace detail {
[[nodiscard]] constexpr result<std::size_t> encode_hex(byte_source in, std::span<char> out,
                                                       hex_case c) noexcept {
  if (out.size() / 2 < in.size)
    return error{errc::buffer_too_small, error::no_offset, "hex output"};
  const char* digits = c == hex_case::lower ? lower_hex_digits : upper_hex_digits;
  for (std::size_t i = 0; i < in.size; ++i) {
    out[2 * i] = digits[in[i] >> 4];
    out[2 * i + 1] = digits[in[i] & 0xF];
  }
  return 2 * in.size;
}

[[nodiscard]] constexpr result<std::size_t> decode_hex(std::string_view in,
                                                       byte_sink out) noexcept {
  for (std::size_t i = 0; i < in.size(); ++i)
    if (hex_value(in[i]) < 0) return error{errc::invalid_character, i, "not a hex digit"};
  if (in.size() % 2 != 0)
    return error{errc::truncated_input, in.size() - 1, "odd number of hex digits"};
  if (out.size < in.size() / 2)
    return error{errc::buffer_too_small, error::no_offset, "hex output"};
  for (std::size_t i = 0; i < in.size() / 2; ++i)
    out.put(i, static_cast<unsigned>(hex_value(in[2 * i]) * 16 + hex_value(in[2 * i + 1])));
  return in.size() / 2;
}
}  // namespace detail

[[nodiscard]] constexpr result<std::size_t> encode_hex(std::span<const std::byte> in,
                                                       std::span<char> out,
                                                       hex_case c = hex_case::lower) noexcept {
  return detail::encode_hex(in, out, c);
}
[[nodiscard]] constexpr result<std::size_t> encode_hex(std::string_view in, std::span<char> out,
                                                       hex_case c = hex_case::lower) noexcept {
  return detail::encode_hex(in, out, c);
}
[[nodiscard]] inline std::string to_hex(std::span<const std::byte> in,
                                        hex_case c = hex_case::lower) {
  std::string out(2 * in.size(), '\0');
  (void)detail::encode_hex(in, out, c);
  return out;
}
[[nodiscard]] inline std::string to_hex(std::string_view in, hex_case c = hex_case::lower) {
  std::string out(2 * in.size(), '\0');
  (void)detail::encode_hex(in, out, c);
  return out;
}

namespace detail {
/// The two digits of every byte value, "000102...ff": one lookup per byte where digests are
/// hex-encoded on every signature (hex_digest).
template <hex_case Case>
inline constexpr std::array<char, 512> hex_pairs = [] {
  const char* digits = Case == hex_case::lower ? lower_hex_digits : upper_hex_digits;
  std::array<char, 512> t{};
  for (std::size_t b = 0; b < 256; ++b) {
    t[2 * b] = digits[b >> 4];
    t[2 * b + 1] = digits[b & 0xF];
  }
  return t;
}();
}  // namespace detail

namespace detail {
/// The 2 * N hex digits of `digest` into `out`: hex_digest's work, for the signers that write
/// digests straight into the text they build (a returned copy read 8-byte stores back with
/// wider loads, a store-forwarding stall per digest).
template <std::size_t N>
constexpr void write_hex_digest(const std::array<std::byte, N>& digest, char* out,
                                hex_case c) noexcept {
  const char* pairs = c == hex_case::lower ? detail::hex_pairs<hex_case::lower>.data()
                                           : detail::hex_pairs<hex_case::upper>.data();
  if (!std::is_constant_evaluated()) {
    // Four bytes to eight digits in one 64-bit word, not a table lookup per byte (signatures
    // hex-encode two or three digests each): each byte's two nibbles go to two byte lanes, then
    // a nibble n becomes '0' + n, plus the gap to 'a' (or 'A') when n >= 10, which is when
    // n + 6 carries into bit 4. No lane carries into the next.
    constexpr std::size_t by_words = std::endian::native == std::endian::little ? N - N % 4 : 0;
    constexpr std::uint64_t ones = 0x0101010101010101U;
    constexpr std::uint64_t nibbles = 0x000F000F000F000FU;
    const std::uint64_t letter_gaps =
        (c == hex_case::lower ? 'a' - '0' - 10 : 'A' - '0' - 10) * ones;
    for (std::size_t i = 0; i < by_words; i += 4) {
      std::uint32_t four = 0;
      std::memcpy(&four, digest.data() + i, 4);
      std::uint64_t x = four;
      x = (x | x << 16) & 0x0000FFFF0000FFFFU;
      x = (x | x << 8) & 0x00FF00FF00FF00FFU;  // byte k of the four in lane 2k
      const std::uint64_t n = (x >> 4 & nibbles) | (x & nibbles) << 8;
      const std::uint64_t letters = ((n + 6 * ones) >> 4 & ones) * 0xFF;  // 0xFF where n >= 10
      const std::uint64_t text = n + '0' * ones + (letters & letter_gaps);
      std::memcpy(out + 2 * i, &text, 8);
    }
    if constexpr (by_words < N)  // the rest: both digits of a byte in one two-byte move
      for (std::size_t i = by_words; i < N; ++i)
        std::memcpy(out + 2 * i, pairs + 2 * std::to_integer<std::size_t>(digest[i]), 2);
    return;
  }
  for (std::size_t i = 0; i < N; ++i) {
    const std::size_t at = 2 * std::to_integer<std::size_t>(digest[i]);
    out[2 * i] = pairs[at];
    out[2 * i + 1] = pairs[at + 1];
  }
}
}  // namespace detail

/// A digest as fixed-width hex text, without the heap: hex_digest(sha256) is 64 characters.
template <std::size_t N>
[[nodiscard]] constexpr fixed_string<2 * N> hex_digest(const std::array<std::byte, N>& digest,
                                                       hex_case c = hex_case::lower) noexcept {
  fixed_string<2 * N> out;
  detail::write_hex_digest(digest, out.data, c);
  return out;
}

/// Decodes hex digits of either case; odd length and foreign characters are errors.
[[nodiscard]] constexpr result<std::size_t> decode_hex(std::string_view in,
                                                       std::span<std::byte> out) noexcept {
  return detail::decode_hex(in, out);
}
[[nodiscard]] constexpr result<std::size_t> decode_hex(std::string_view in,
                                                       std::span<char> out) noexcept {
  return detail::decode_hex(in, out);
}
[[nodiscard]] inline result<std::string> from_hex(std::string_view in) {
  std::string out(in.size() / 2, '\0');
  auto n = detail::decode_hex(in, std::span<char>(out));
  if (!n) return n.error();
  return out;
}

// ---------------------------------------------------------------------------------------------
// percent-encoding (RFC 3986)

/// Which bytes stay literal. Everything else becomes %XX with uppercase hex.
enum class percent_set : unsigned char {
  component,  // RFC 3986 unreserved only: A-Z a-z 0-9 - . _ ~ (query keys and values)
  path,       // unreserved and '/': an object key placed in a URL path
  form,       // unreserved, and ' ' written as '+' (application/x-www-form-urlencoded bodies)
};
/// How a decoder reads '+': literally, or as a space (form bodies).
enum class percent_decoding : unsigned char { plain, form };

namespace detail {
/// One table lookup per byte instead of a chain of range compares (encoders run it per byte).
inline constexpr std::array<bool, 256> unreserved_table = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[static_cast<std::size_t>(c)] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                     (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                                     c == '~';
  return t;
}();
[[nodiscard]] constexpr bool is_unreserved(char c) noexcept {
  return unreserved_table[static_cast<unsigned char>(c)];
}
[[nodiscard]] constexpr bool stays_literal(char c, percent_set set) noexcept {
  return is_unreserved(c) || (set == percent_set::path && c == '/');
}
/// Every byte's encoding in one set: up to three characters and how many count.
struct percent_encoding {
  char text[3];
  unsigned char size;
};
template <percent_set Set>
inline constexpr std::array<percent_encoding, 256> percent_table = [] {
  std::array<percent_encoding, 256> t{};
  for (std::size_t b = 0; b < 256; ++b) {
    const auto c = static_cast<char>(b);
    if (stays_literal(c, Set))
      t[b] = {{c, '\0', '\0'}, 1};
    else if (Set == percent_set::form && c == ' ')
      t[b] = {{'+', '\0', '\0'}, 1};
    else
      t[b] = {{'%', upper_hex_digits[b >> 4], upper_hex_digits[b & 0xF]}, 3};
  }
  return t;
}();
/// Encodes `in` into `out` by table, without a branch per byte (JSON and keys mix encoded and
/// literal bytes unpredictably). Each step stores a whole entry, four bytes (the text and the
/// size byte, which the next steps overwrite), in one move, and keeps `size` of them: `out`
/// needs room for 3 * in.size() + 1 characters.
template <percent_set Set>
std::size_t percent_encode_by_table(std::string_view in, char* out) noexcept {
  static_assert(sizeof(percent_encoding) == 4);
  std::size_t o = 0;
  for (const char c : in) {
    const percent_encoding& e = percent_table<Set>[static_cast<unsigned char>(c)];
    std::memcpy(out + o, &e, 4);
    o += e.size;
  }
  return o;
}
/// Encodes `in` into `out` (out.size() >= percent_encoded_size(in, set)); characters written.
constexpr std::size_t percent_encode_unchecked(std::string_view in, char* out,
                                               percent_set set) noexcept {
  std::size_t o = 0;
  for (const char c : in) {
    if (stays_literal(c, set)) {
      out[o++] = c;
    } else if (set == percent_set::form && c == ' ') {
      out[o++] = '+';
    } else {
      const auto u = static_cast<unsigned char>(c);
      out[o++] = '%';
      out[o++] = upper_hex_digits[u >> 4];
      out[o++] = upper_hex_digits[u & 0xF];
    }
  }
  return o;
}
}  // namespace detail

/// Characters `in` takes once encoded.
[[nodiscard]] constexpr std::size_t percent_encoded_size(std::string_view in,
                                                         percent_set set) noexcept {
  std::size_t n = 0;
  for (const char c : in)
    n += detail::stays_literal(c, set) || (set == percent_set::form && c == ' ') ? 1u : 3u;
  return n;
}

/// Encodes into `out`; returns the characters written.
[[nodiscard]] constexpr result<std::size_t> percent_encode(
    std::string_view in, std::span<char> out, percent_set set = percent_set::component) noexcept {
  // One pass when the output is surely large enough (3 bytes per input byte at most).
  if (out.size() / 3 < in.size() && out.size() < percent_encoded_size(in, set))
    return error{errc::buffer_too_small, error::no_offset, "percent-encoding output"};
  return detail::percent_encode_unchecked(in, out.data(), set);
}

/// Appends the encoding of `in` to `out` (one growth, no temporary).
inline void append_percent_encoded(std::string& out, std::string_view in,
                                   percent_set set = percent_set::component) {
  const std::size_t at = out.size();
  out.resize(at + percent_encoded_size(in, set));
  (void)percent_encode(in, std::span<char>(out).subspan(at), set);
}

[[nodiscard]] inline std::string to_percent_encoded(std::string_view in,
                                                    percent_set set = percent_set::component) {
  std::string out;
  append_percent_encoded(out, in, set);
  return out;
}

/// Decodes %XX (either case) and, in form mode, '+' as space. A '%' not followed by two hex
/// digits is an error at the '%'. Other characters pass through as they are.
[[nodiscard]] constexpr result<std::size_t> percent_decode(
    std::string_view in, std::span<char> out,
    percent_decoding mode = percent_decoding::plain) noexcept {
  std::size_t o = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (o >= out.size())
      return error{errc::buffer_too_small, error::no_offset, "percent-decoding output"};
    const char c = in[i];
    if (c == '%') {
      const int hi = i + 1 < in.size() ? detail::hex_value(in[i + 1]) : -1;
      const int lo = i + 2 < in.size() ? detail::hex_value(in[i + 2]) : -1;
      if (hi < 0 || lo < 0)
        return error{errc::invalid_percent_encoding, i, "'%' needs two hex digits"};
      out[o++] = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out[o++] = mode == percent_decoding::form && c == '+' ? ' ' : c;
    }
  }
  return o;
}

[[nodiscard]] inline result<std::string> from_percent_encoded(
    std::string_view in, percent_decoding mode = percent_decoding::plain) {
  std::string out(in.size(), '\0');
  auto n = percent_decode(in, out, mode);
  if (!n) return n.error();
  out.resize(*n);
  return out;
}

// ---------------------------------------------------------------------------------------------
// UTF-8 (RFC 3629)

/// Succeeds when `in` is well-formed UTF-8: no overlong forms, no surrogates, nothing above
/// U+10FFFF, no truncated sequence. The error offset is the first byte of the bad sequence.
[[nodiscard]] constexpr result<void> check_utf8(std::string_view in) noexcept {
  // ASCII first, in a pass without an early exit: object keys are checked on every signature
  // and are mostly ASCII. A word at a time (g++ -O2 does not vectorise the byte loop).
  std::uint64_t high_bits = 0;
  if (!std::is_constant_evaluated() && in.size() >= 4) {
    detail::for_each_word(in.size(), [&](std::size_t at, auto word) {
      high_bits |= detail::load_word<decltype(word)>(in.data() + at);
      return true;
    });
  } else {
    for (const char c : in) high_bits |= static_cast<unsigned char>(c);
  }
  if ((high_bits & 0x8080808080808080U) == 0) return {};
  for (std::size_t i = 0; i < in.size();) {
    const auto b0 = static_cast<unsigned char>(in[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    // Length and the allowed range of the second byte (which rules out overlongs and surrogates).
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      if (b0 == 0xE0) low = 0xA0;
      if (b0 == 0xED) high = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      if (b0 == 0xF0) low = 0x90;
      if (b0 == 0xF4) high = 0x8F;
    } else {
      return error{errc::invalid_utf8, i, "not a UTF-8 lead byte"};
    }
    if (in.size() - i < length) return error{errc::invalid_utf8, i, "truncated UTF-8 sequence"};
    for (std::size_t k = 1; k < length; ++k) {
      const auto b = static_cast<unsigned char>(in[i + k]);
      const bool ok = k == 1 ? b >= low && b <= high : (b & 0xC0) == 0x80;
      if (!ok) return error{errc::invalid_utf8, i, "malformed UTF-8 sequence"};
    }
    i += length;
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// base64 text parameters of the processing grammars (OSS styles, COS rules)

namespace detail {

/// Appends code point `cp` (at most U+10FFFF, not a surrogate: the callers check) as UTF-8.
inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// A base64-encoded text parameter: its value without padding and the UTF-8 text it holds.
struct base64_text {
  std::string_view unpadded;  // the canonical (unpadded) form of the value
  std::string_view text;      // decoded, valid UTF-8; points into the caller's buffer
};

/// Decodes a URL-safe base64 parameter value (padding optional, canonical bits) into `buffer`
/// and checks that it is UTF-8 text. Standard-alphabet '+' and '/' get their own message: they
/// are the usual mistake. Offsets are relative to `v`.
[[nodiscard]] constexpr result<base64_text> decode_base64_text(std::string_view v,
                                                               std::span<char> buffer) noexcept {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i] == '+' || v[i] == '/')
      return error{errc::invalid_base64_value, i,
                   "standard base64: use URL-safe base64 ('-' for '+', '_' for '/')"};
  if (v.size() > buffer.size())
    return error{errc::text_too_long, buffer.size(), "base64 value too long"};
  auto n = decode_base64(v, buffer, base64_alphabet::url_safe, base64_padding_policy::optional);
  if (!n) return error{errc::invalid_base64_value, n.error().offset, n.error().detail};
  std::string_view unpadded = v;
  while (!unpadded.empty() && unpadded.back() == '=') unpadded.remove_suffix(1);
  if (unpadded.empty()) return error{errc::missing_value, 0, "empty base64 value"};
  const std::string_view text(buffer.data(), *n);
  if (auto utf8 = check_utf8(text); !utf8)
    return error{errc::invalid_base64_value, 0, "does not decode to UTF-8 text"};
  return base64_text{unpadded, text};
}

}  // namespace detail

OBJPROC_NAMESPACE_END

#endif  // OBJPROC_CORE_TEXT_HPP
