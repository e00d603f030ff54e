// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/crypto/md5.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>

#include "unit/crypto/known_answers.hpp"

namespace {

using known_answers::pattern;
using known_answers::to_hex;
using objproc::crypto::md5_context;

static_assert(std::is_trivially_copyable_v<md5_context>, "contexts are forked by copying");
static_assert(md5_context::block_size == 64 && md5_context::digest_size == 16);
static_assert(md5_context::little_endian);

struct text_case {
  std::string_view message;
  std::string_view md5_hex;
};

// RFC 1321 appendix A.5, the whole test suite.
constexpr text_case rfc1321_suite[] = {
    {"", "d41d8cd98f00b204e9800998ecf8427e"},
    {"a", "0cc175b9c0f1b6a831c399e269772661"},
    {"abc", "900150983cd24fb0d6963f7d28e17f72"},
    {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
    {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
    {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
     "d174ab98d277d9f5a5611c2c9f419d9f"},
    {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
     "57edf4a22be3c955ac49da2e2107b67a"},
};

struct length_case {
  std::size_t length;
  std::string_view md5_hex;  // of pattern(length), computed with Python's hashlib
};

// Lengths around the padding boundaries (see sha1.cpp).
constexpr length_case boundary_cases[] = {
    {0, "d41d8cd98f00b204e9800998ecf8427e"},   {1, "89e74e640b8c46257a29de0616794d5d"},
    {55, "c9e512626618c9980ef21a96597af94c"},  {56, "ecde7caa08e9f5657c863df107cac60a"},
    {57, "b17b1a018dd6a4d1edda8aca15f17846"},  {63, "2f0301069e1c40af7f6c8f843b1b13f2"},
    {64, "b6bf87c24b1bc334e2541387a92b981b"},  {65, "f168246f08b6134d66bd2a10343fa9f1"},
    {119, "d5dc3d8264de3aa24dee105910ee27fe"}, {120, "bcc139b3848923904860d1eefd6e5923"},
    {127, "27670172396247fa5f68637f13f8933d"}, {128, "3e85b70ffc8df5c735ecf2a8f14f1bee"},
    {129, "e45ecac9930fe93de302f98ba673ba36"}, {1000, "2b1e78d5765de9e10495a01412a1cf22"},
};

}  // namespace

TEST_CASE("md5: the RFC 1321 test suite, as bytes and as text", "[crypto][md5]") {
  for (const text_case& c : rfc1321_suite) {
    INFO("message \"" << c.message << "\"");
    CHECK(to_hex(objproc::crypto::md5(known_answers::bytes(c.message))) == c.md5_hex);
    CHECK(to_hex(objproc::crypto::md5(c.message)) == c.md5_hex);
  }
}

TEST_CASE("md5: one shot and streamed at the padding boundaries", "[crypto][md5]") {
  for (const length_case& c : boundary_cases) {
    INFO("length " << c.length);
    const auto message = pattern(c.length);
    CHECK(to_hex(objproc::crypto::md5(message)) == c.md5_hex);
    const std::span<const std::byte> whole(message);
    for (std::size_t split = 0; split <= c.length; split += 7) {
      md5_context context;
      context.update(whole.first(split));
      context.update(whole.subspan(split));
      CHECK(to_hex(context.finish()) == c.md5_hex);
    }
  }
}

TEST_CASE("md5: text in chunks longer and shorter than a block", "[crypto][md5]") {
  const std::string_view text = rfc1321_suite[6].message;  // 80 characters
  for (std::size_t chunk = 1; chunk <= 81; ++chunk) {
    md5_context context;
    for (std::size_t at = 0; at < text.size(); at += chunk)
      context.update_text(text.substr(at, chunk));
    CHECK(to_hex(context.finish()) == rfc1321_suite[6].md5_hex);
  }
}

TEST_CASE("md5: Content-MD5 text", "[crypto][md5]") {
  using objproc::crypto::content_md5;
  CHECK(content_md5(std::string_view()).view() == "1B2M2Y8AsgTpgAmY7PhCfg==");
  // The COS signature document's body (doc 436/7778) and the OSS ProcessObject example body.
  CHECK(content_md5(std::string_view("ObjectContent")).view() == "mQ/fVh815F3k6TAUm8m0eg==");
  CHECK(content_md5(
            std::string_view("x-oss-process=image/resize,w_100|sys/saveas,o_dGVzdC5qcGc,b_dGVzdA"))
            .view() == "ox9mt8uM3zdNEUD6LrcgJg==");
  CHECK(content_md5(known_answers::bytes("ObjectContent")).view() == "mQ/fVh815F3k6TAUm8m0eg==");
}

TEST_CASE("md5: Content-MD5 values checked", "[crypto][md5]") {
  using objproc::errc;
  using objproc::crypto::check_content_md5;
  CHECK(check_content_md5("1B2M2Y8AsgTpgAmY7PhCfg=="));
  CHECK(check_content_md5("mQ/fVh815F3k6TAUm8m0eg=="));
  CHECK(check_content_md5("").error().code == errc::invalid_argument);
  CHECK(check_content_md5("1B2M2Y8AsgTpgAmY7PhCfg").error().code == errc::invalid_argument);
  CHECK(check_content_md5("1B2M2Y8AsgTpgAmY7PhCfgA=").error().code == errc::invalid_padding);
  // 24 characters, but 18 bytes, URL-safe digits, or non-zero bits after the 16th byte.
  CHECK(check_content_md5("1B2M2Y8AsgTpgAmY7PhCfgAA").error().code == errc::invalid_padding);
  const auto url_safe = check_content_md5("mQ_fVh815F3k6TAUm8m0eg==");
  CHECK(url_safe.error().code == errc::invalid_character);
  CHECK(url_safe.error().offset == 2);
  CHECK(check_content_md5("1B2M2Y8AsgTpgAmY7PhCfh==").error().code == errc::non_canonical_encoding);
  CHECK(check_content_md5("1B2M2Y8AsgTpgAmY7PhC\r\n==").error().code == errc::invalid_character);
  for (const std::string_view bad : {"", "mQ_fVh815F3k6TAUm8m0eg==", "1B2M2Y8AsgTpgAmY7PhCfgAA"}) {
    INFO(bad);
    CHECK(check_content_md5(bad).error().field == objproc::fields::content_md5);
  }
}
