// SPDX-License-Identifier: MIT
// The core codecs and time formats in constant evaluation. Built twice: STATIC_REQUIRE is a
// static_assert in constexpr_tests and a runtime check in constexpr_tests_runtime.
#include <catch2/catch.hpp>

#include <array>
#include <string_view>

#include "objproc/core/result.hpp"
#include "objproc/core/text.hpp"
#include "objproc/core/time.hpp"

using namespace objproc;
using namespace std::string_view_literals;

namespace {

template <std::size_t N>
struct text_buffer {
  std::array<char, N> data{};
  std::size_t size = 0;
  [[nodiscard]] constexpr std::string_view view() const { return {data.data(), size}; }
};

template <std::size_t N>
constexpr text_buffer<N> base64(std::string_view in, base64_alphabet a, base64_padding p) {
  text_buffer<N> out;
  out.size = encode_base64(in, std::span<char>(out.data), a, p).value();
  return out;
}

template <std::size_t N>
constexpr result<text_buffer<N>> unbase64(std::string_view in, base64_alphabet a,
                                          base64_padding_policy policy) {
  text_buffer<N> out;
  auto n = decode_base64(in, std::span<char>(out.data), a, policy);
  if (!n) return n.error();
  out.size = *n;
  return out;
}

template <std::size_t N>
constexpr result<text_buffer<N>> unpercent(std::string_view in, percent_decoding mode) {
  text_buffer<N> out;
  auto n = percent_decode(in, std::span<char>(out.data), mode);
  if (!n) return n.error();
  out.size = *n;
  return out;
}

template <std::size_t N>
constexpr text_buffer<N> percent(std::string_view in, percent_set set) {
  text_buffer<N> out;
  out.size = percent_encode(in, std::span<char>(out.data), set).value();
  return out;
}

constexpr auto at(std::int64_t s) { return std::chrono::sys_seconds{std::chrono::seconds{s}}; }

}  // namespace

TEST_CASE("base64 at compile time", "[constexpr][text]") {
  STATIC_REQUIRE(
      base64<32>("targetbucket", base64_alphabet::url_safe, base64_padding::unpadded).view() ==
      "dGFyZ2V0YnVja2V0");
  STATIC_REQUIRE(base64<8>("fo", base64_alphabet::standard, base64_padding::padded).view() ==
                 "Zm8=");
  STATIC_REQUIRE(unbase64<8>("Zm8=", base64_alphabet::standard, base64_padding_policy::required)
                     .value()
                     .view() == "fo");
  STATIC_REQUIRE(unbase64<8>("Zm9=", base64_alphabet::standard, base64_padding_policy::optional)
                     .error()
                     .code == errc::non_canonical_encoding);
  STATIC_REQUIRE(unbase64<8>("Zm8", base64_alphabet::standard, base64_padding_policy::required)
                     .error()
                     .offset == 3);
}

TEST_CASE("hex and percent-encoding at compile time", "[constexpr][text]") {
  constexpr std::array<std::byte, 2> raw{std::byte{0xde}, std::byte{0xad}};
  STATIC_REQUIRE(hex_digest(raw) == "dead");
  STATIC_REQUIRE(hex_digest(raw, hex_case::upper) == "DEAD");
  STATIC_REQUIRE(percent<32>("a b/c,d", percent_set::path).view() == "a%20b/c%2Cd");
  STATIC_REQUIRE(percent<32>("a b", percent_set::form).view() == "a+b");
  STATIC_REQUIRE(unpercent<16>("a%2Cb+c", percent_decoding::form).value().view() == "a,b c");
  STATIC_REQUIRE(unpercent<16>("a%2", percent_decoding::plain).error().offset == 1);
}

TEST_CASE("time formats at compile time", "[constexpr][time]") {
  STATIC_REQUIRE(format_rfc1123(at(1795248000)).value() == "Sat, 21 Nov 2026 08:00:00 GMT"sv);
  STATIC_REQUIRE(format_iso8601_basic(at(1795248000)).value() == "20261121T080000Z"sv);
  STATIC_REQUIRE(format_yyyymmdd(at(1795248000)).value() == "20261121"sv);
  STATIC_REQUIRE(parse_rfc1123("Sat, 21 Nov 2026 08:00:00 GMT").value() == at(1795248000));
  STATIC_REQUIRE(parse_iso8601_basic("20261121T080000Z").value() == at(1795248000));
  STATIC_REQUIRE(to_utc(at(1795248000)).weekday == 6);
  STATIC_REQUIRE(format_rfc1123(at(253402300800)).error().code == errc::year_out_of_range);
}

TEST_CASE("result in constant evaluation", "[constexpr][result]") {
  constexpr auto twice = [](int x) -> result<int> {
    if (x < 0) return error{errc::value_out_of_range, 0, "negative"};
    return 2 * x;
  };
  STATIC_REQUIRE(twice(21).value() == 42);
  STATIC_REQUIRE(twice(-1).error().code == errc::value_out_of_range);
  STATIC_REQUIRE(twice(1).and_then(twice).transform([](int v) { return v + 1; }).value() == 5);
  STATIC_REQUIRE(twice(-1).value_or(7) == 7);
}
