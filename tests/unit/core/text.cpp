// SPDX-License-Identifier: MIT
// Tests objproc/core/text.hpp: base64, hex, percent-encoding.
#include "objproc/core/text.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace objproc;

namespace {
std::string random_bytes(std::mt19937& rng, std::size_t n) {
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}
constexpr auto url = base64_alphabet::url_safe;
constexpr auto standard = base64_alphabet::standard;
constexpr auto unpadded = base64_padding::unpadded;
}  // namespace

TEST_CASE("base64 RFC 4648 test vectors", "[core][text][base64]") {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (auto [plain, encoded] : vectors) {
    CHECK(to_base64(plain) == encoded);
    CHECK(from_base64(encoded).value() == plain);
  }
  CHECK(to_base64("fo", standard, unpadded) == "Zm8");
  CHECK(from_base64("Zm8", standard, base64_padding_policy::forbidden).value() == "fo");
}

TEST_CASE("base64 alphabets differ only in 62 and 63", "[core][text][base64]") {
  const std::string bytes = "\xfb\xff\xbf";
  CHECK(to_base64(bytes) == "+/+/");
  CHECK(to_base64(bytes, url) == "-_-_");
  // The seed's saveas values (operations.json): URL-safe, no padding.
  CHECK(to_base64("exampledir/resized.jpg", url, unpadded) == "ZXhhbXBsZWRpci9yZXNpemVkLmpwZw");
  CHECK(to_base64("out/\xe7\x8c\xab 1.webp", url, unpadded) == "b3V0L-eMqyAxLndlYnA");
  const auto mixed = from_base64("-_+/", url);
  REQUIRE_FALSE(mixed.has_value());
  CHECK(mixed.error().code == errc::invalid_character);
  CHECK(mixed.error().offset == 2);
  CHECK(from_base64("+/-_", standard).error().offset == 2);
}

TEST_CASE("base64 decoding is strict, with offsets", "[core][text][base64]") {
  struct bad_case {
    const char* text;
    base64_padding_policy policy;
    errc code;
    std::size_t offset;
  };
  using enum base64_padding_policy;
  const bad_case cases[] = {
      {"Zm9v!", optional, errc::invalid_character, 4},
      {"Zm 9v", optional, errc::invalid_character, 2},
      {"Zm9v\n", optional, errc::invalid_character, 4},
      {"Zg=a", optional, errc::invalid_padding, 2},  // '=' inside the data
      {"Z===", optional, errc::truncated_input, 0},  // one digit cannot carry a byte
      {"Zm9vY", optional, errc::truncated_input, 4},
      {"Zg=", optional, errc::invalid_padding, 2},    // one '=' short
      {"Zg===", optional, errc::invalid_padding, 2},  // one '=' too many
      {"Zm9v=", optional, errc::invalid_padding, 4},  // padding after a whole quantum
      {"Zg", required, errc::invalid_padding, 2},     // missing padding
      {"Zg==", forbidden, errc::invalid_padding, 2},
      {"Zh==", optional, errc::non_canonical_encoding, 1},  // 'h' has non-zero low bits
      {"Zm9=", optional, errc::non_canonical_encoding, 2},
      {"Zm9", optional, errc::non_canonical_encoding, 2},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto r = from_base64(c.text, standard, c.policy);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == c.code);
    CHECK(r.error().offset == c.offset);
  }
  CHECK(from_base64("Zg", standard, optional).value() == "f");
  CHECK(from_base64("Zg==", standard, optional).value() == "f");
  CHECK(from_base64("", standard, required).value().empty());
}

TEST_CASE("base64 round-trips every length in every format", "[core][text][base64]") {
  std::mt19937 rng(1);
  for (std::size_t n = 0; n <= 300; ++n) {
    const std::string data = random_bytes(rng, n);
    for (auto alphabet : {standard, url}) {
      for (auto padding : {base64_padding::padded, unpadded}) {
        const std::string text = to_base64(data, alphabet, padding);
        REQUIRE(text.size() == base64_encoded_size(n, padding));
        const auto policy = padding == base64_padding::padded ? base64_padding_policy::required
                                                              : base64_padding_policy::forbidden;
        REQUIRE(from_base64(text, alphabet, policy).value() == data);
        REQUIRE(from_base64(text, alphabet, base64_padding_policy::optional).value() == data);
        REQUIRE(base64_decoded_max_size(text.size()) >= n);
      }
    }
  }
}

TEST_CASE("every non-canonical final digit is refused", "[core][text][base64]") {
  // For each one- and two-byte tail, only the digit with zero low bits is accepted.
  for (int value = 0; value < 64; ++value) {
    const char digit = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[value];
    const std::string two = std::string("A") + digit + "==";
    const std::string three = std::string("AA") + digit + "=";
    CHECK(from_base64(two).has_value() == ((value & 0x0F) == 0));
    CHECK(from_base64(three).has_value() == ((value & 0x03) == 0));
  }
}

TEST_CASE("base64 buffers: exact fit and too small", "[core][text][base64]") {
  std::array<char, 8> out{};
  CHECK(encode_base64(std::string_view("foobar"), std::span<char>(out)).value() == 8);
  CHECK(std::string_view(out.data(), 8) == "Zm9vYmFy");
  CHECK(encode_base64(std::string_view("foobar1"), std::span<char>(out)).error().code ==
        errc::buffer_too_small);
  std::array<std::byte, 2> bytes{};
  CHECK(decode_base64("Zm9v", std::span<std::byte>(bytes)).error().code == errc::buffer_too_small);
  CHECK(decode_base64("Zm8=", std::span<std::byte>(bytes)).value() == 2);
  CHECK(bytes[1] == std::byte{'o'});
  const std::array<std::byte, 3> raw{std::byte{0xfb}, std::byte{0xff}, std::byte{0xbf}};
  CHECK(to_base64(std::span<const std::byte>(raw), url) == "-_-_");
}

TEST_CASE("hex encodes both cases and decodes strictly", "[core][text][hex]") {
  const std::array<std::byte, 4> raw{std::byte{0x00}, std::byte{0xab}, std::byte{0x7f},
                                     std::byte{0xff}};
  CHECK(to_hex(std::span<const std::byte>(raw)) == "00ab7fff");
  CHECK(to_hex(std::span<const std::byte>(raw), hex_case::upper) == "00AB7FFF");
  CHECK(to_hex("abc") == "616263");
  CHECK(hex_digest(raw) == "00ab7fff");
  CHECK(hex_digest(raw, hex_case::upper) == "00AB7FFF");
  CHECK(from_hex("00aB7fFF").value() == std::string("\x00\xab\x7f\xff", 4));
  CHECK(from_hex("").value().empty());
  CHECK(from_hex("abc").error().code == errc::truncated_input);
  CHECK(from_hex("abc").error().offset == 2);
  CHECK(from_hex("0g").error().code == errc::invalid_character);
  CHECK(from_hex("0g").error().offset == 1);
  std::array<std::byte, 1> small{};
  CHECK(decode_hex("0102", std::span<std::byte>(small)).error().code == errc::buffer_too_small);
  std::array<char, 3> tiny{};
  CHECK(encode_hex(std::string_view("ab"), std::span<char>(tiny)).error().code ==
        errc::buffer_too_small);
}

TEST_CASE("percent-encoding keeps exactly the unreserved set", "[core][text][percent]") {
  CHECK(to_percent_encoded("AZaz09-._~") == "AZaz09-._~");
  CHECK(to_percent_encoded("a b+c/d?e#f%g") == "a%20b%2Bc%2Fd%3Fe%23f%25g");
  CHECK(to_percent_encoded("a b/c", percent_set::path) == "a%20b/c");
  CHECK(to_percent_encoded("a b/c+", percent_set::form) == "a+b%2Fc%2B");
  CHECK(to_percent_encoded("\xe7\x8c\xab") == "%E7%8C%AB");  // uppercase hex, UTF-8 bytes
  // The seed's process body (operations.json).
  CHECK(to_percent_encoded("image/resize,m_fixed,w_100,h_100|sys/saveas,o_ZXhh,b_dGFy",
                           percent_set::form) ==
        "image%2Fresize%2Cm_fixed%2Cw_100%2Ch_100%7Csys%2Fsaveas%2Co_ZXhh%2Cb_dGFy");
  CHECK(to_percent_encoded("src/\xe7\x8c\xab 1.png", percent_set::path) == "src/%E7%8C%AB%201.png");
  std::string s = "k=";
  append_percent_encoded(s, "a&b");
  CHECK(s == "k=a%26b");
}

TEST_CASE("percent-encoding round-trips every byte", "[core][text][percent]") {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (auto set : {percent_set::component, percent_set::path, percent_set::form}) {
    const std::string encoded = to_percent_encoded(all, set);
    CHECK(encoded.size() == percent_encoded_size(all, set));
    for (char c : encoded) {
      const bool allowed = detail::is_unreserved(c) || c == '%' ||
                           (set == percent_set::path && c == '/') ||
                           (set == percent_set::form && c == '+');
      REQUIRE(allowed);
    }
    const auto mode = set == percent_set::form ? percent_decoding::form : percent_decoding::plain;
    CHECK(from_percent_encoded(encoded, mode).value() == all);
  }
}

TEST_CASE("percent-decoding refuses malformed escapes", "[core][text][percent]") {
  CHECK(from_percent_encoded("a%2fb%2F").value() == "a/b/");
  CHECK(from_percent_encoded("a+b").value() == "a+b");
  CHECK(from_percent_encoded("a+b", percent_decoding::form).value() == "a b");
  for (auto [text, offset] : std::initializer_list<std::pair<const char*, std::size_t>>{
           {"%", 0}, {"ab%", 2}, {"ab%4", 2}, {"%4g", 0}, {"x%%41", 1}, {"%G1", 0}}) {
    INFO(text);
    const auto r = from_percent_encoded(text);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_percent_encoding);
    CHECK(r.error().offset == offset);
  }
  std::array<char, 2> out{};
  CHECK(percent_decode("abc", std::span<char>(out)).error().code == errc::buffer_too_small);
  CHECK(percent_encode("a b", std::span<char>(out)).error().code == errc::buffer_too_small);
}

TEST_CASE("UTF-8 validation is strict", "[core][text][utf8]") {
  CHECK(check_utf8("").has_value());
  CHECK(check_utf8("plain ascii").has_value());
  CHECK(check_utf8("\xe7\x8c\xab \xf0\x9f\x90\xb1 \xc3\xa9 \xf4\x8f\xbf\xbf").has_value());
  const std::pair<std::string_view, std::size_t> bad[] = {
      {"a\x80", 1},              // continuation byte first
      {"\xc0\xaf", 0},           // overlong '/'
      {"\xc1\xbf", 0},           // overlong
      {"\xe0\x80\xaf", 0},       // overlong 3-byte
      {"ab\xed\xa0\x80", 2},     // UTF-16 surrogate
      {"\xf0\x80\x80\xaf", 0},   // overlong 4-byte
      {"\xf4\x90\x80\x80", 0},   // above U+10FFFF
      {"\xf5\x80\x80\x80", 0},   // invalid lead
      {"x\xe7\x8c", 1},          // truncated
      {"\xe7\x8c\x41", 0},       // bad continuation
      {"\xff", 0},
  };
  for (const auto& [text, offset] : bad) {
    const auto r = check_utf8(text);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == errc::invalid_utf8);
    CHECK(r.error().offset == offset);
  }
}

TEST_CASE("hex_digest writes both cases by table", "[core][text][hex]") {
  std::array<std::byte, 4> d{std::byte{0x00}, std::byte{0x9f}, std::byte{0xa0}, std::byte{0xff}};
  CHECK(objproc::hex_digest(d).view() == "009fa0ff");
  CHECK(objproc::hex_digest(d, objproc::hex_case::upper).view() == "009FA0FF");
  STATIC_REQUIRE(objproc::hex_digest(std::array<std::byte, 1>{std::byte{0xab}}).view() == "ab");
}

// The run-time form converts four bytes per 64-bit word: every byte value, in every lane of a
// word and in the table-written tail (a 21-byte digest), must give the digits the constant
// evaluation (one byte at a time) gives.
TEST_CASE("hex_digest: every byte in every position, word form against the byte form",
          "[core][text][hex]") {
  constexpr auto reference = [](const std::array<std::byte, 21>& d, objproc::hex_case c) {
    std::string text;
    const char* digits = c == objproc::hex_case::lower ? "0123456789abcdef" : "0123456789ABCDEF";
    for (const std::byte b : d) {
      text += digits[std::to_integer<unsigned>(b) >> 4];
      text += digits[std::to_integer<unsigned>(b) & 0xF];
    }
    return text;
  };
  for (const auto c : {objproc::hex_case::lower, objproc::hex_case::upper}) {
    for (std::size_t position = 0; position < 21; ++position) {
      for (unsigned value = 0; value < 256; ++value) {
        std::array<std::byte, 21> d{};
        for (std::size_t i = 0; i < d.size(); ++i)
          d[i] = static_cast<std::byte>((value * 7 + i * 31) & 0xFF);  // neighbours vary too
        d[position] = static_cast<std::byte>(value);
        const auto text = objproc::hex_digest(d, c);
        if (text.view() != reference(d, c)) {
          FAIL_CHECK("position " << position << " value " << value << ": " << text.view());
          return;
        }
      }
    }
  }
  STATIC_REQUIRE(objproc::hex_digest(std::array<std::byte, 5>{std::byte{0x01}, std::byte{0x9a},
                                                             std::byte{0xf0}, std::byte{0x0f},
                                                             std::byte{0xc3}},
                                     objproc::hex_case::upper)
                     .view() == "019AF00FC3");
  CHECK(objproc::hex_digest(std::array<std::byte, 5>{std::byte{0x01}, std::byte{0x9a},
                                                    std::byte{0xf0}, std::byte{0x0f},
                                                    std::byte{0xc3}})
            .view() == "019af00fc3");
}

TEST_CASE("check_utf8: the ASCII pass and the sequence checks", "[core][text][utf8]") {
  CHECK(objproc::check_utf8(std::string(100, 'a')).has_value());
  CHECK(objproc::check_utf8("photos/\xe7\x8c\xab cat.jpg").has_value());
  const auto bad = objproc::check_utf8(std::string(37, 'a') + "\xc0\xaf");  // overlong '/'
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().offset == 37);
  CHECK_FALSE(objproc::check_utf8("abc\xed\xa0\x80").has_value());  // a surrogate
}
