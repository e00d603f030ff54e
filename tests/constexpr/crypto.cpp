// SPDX-License-Identifier: MIT
// Hashing and HMAC in constant evaluation. Every check is a STATIC_REQUIRE: a compile-time
// static_assert normally, a run-time REQUIRE when built with CATCH_CONFIG_RUNTIME_STATIC_REQUIRE
// (so the same code is also measured by coverage and sanitizers).
#include "objproc/crypto/hmac.hpp"
#include "objproc/crypto/md5.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/crypto/sha1.hpp"
#include "objproc/crypto/sha256.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

namespace {

namespace crypto = objproc::crypto;

/// The bytes of a string literal, without its terminating NUL. Needed because as_bytes()
/// reinterprets, which constant evaluation forbids.
template <std::size_t N>
constexpr std::array<std::byte, N - 1> literal_bytes(const char (&text)[N]) noexcept {
  std::array<std::byte, N - 1> out{};
  for (std::size_t i = 0; i + 1 < N; ++i) out[i] = static_cast<std::byte>(text[i]);
  return out;
}

/// `count` copies of one byte (the repeated keys and messages of the RFC vectors).
template <std::size_t Count>
constexpr std::array<std::byte, Count> repeated(unsigned char value) noexcept {
  std::array<std::byte, Count> out{};
  for (std::byte& b : out) b = std::byte{value};
  return out;
}

/// True when `digest` is spelled by the lowercase hex `expected`.
constexpr bool equals_hex(std::span<const std::byte> digest, std::string_view expected) noexcept {
  constexpr std::string_view digits = "0123456789abcdef";
  if (expected.size() != 2 * digest.size()) return false;
  for (std::size_t i = 0; i < digest.size(); ++i) {
    const auto value = std::to_integer<unsigned>(digest[i]);
    if (expected[2 * i] != digits[value >> 4] || expected[2 * i + 1] != digits[value & 0xf]) {
      return false;
    }
  }
  return true;
}

constexpr objproc::sha256_digest sha256_in_three_updates() noexcept {
  const auto message = literal_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
  const std::span<const std::byte> whole(message);
  crypto::sha256_context context;
  context.update(whole.first(5));
  context.update(whole.subspan(5, 50));
  context.update(whole.subspan(55));
  return context.finish();
}

constexpr objproc::sha256_digest portable_hmac_sha256(std::span<const std::byte> key,
                                                      std::span<const std::byte> message) noexcept {
  objproc::sha256_digest out{};
  if (!crypto::portable{}.hmac_sha256(key, message, out)) return {};
  return out;
}

constexpr objproc::sha1_digest portable_sha1(std::span<const std::byte> message) noexcept {
  objproc::sha1_digest out{};
  if (!crypto::portable{}.sha1(message, out)) return {};
  return out;
}

}  // namespace

TEST_CASE("constexpr: SHA-256 and SHA-1 of \"abc\"", "[crypto][constexpr]") {
  STATIC_REQUIRE(equals_hex(crypto::sha256(literal_bytes("abc")),
                            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  STATIC_REQUIRE(
      equals_hex(crypto::sha1(literal_bytes("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d"));
  STATIC_REQUIRE(
      equals_hex(portable_sha1(literal_bytes("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d"));
}

TEST_CASE("constexpr: streaming across a block boundary", "[crypto][constexpr]") {
  STATIC_REQUIRE(equals_hex(sha256_in_three_updates(),
                            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
}

TEST_CASE("constexpr: HMAC-SHA256, RFC 4231 cases 2 and 6", "[crypto][constexpr]") {
  STATIC_REQUIRE(equals_hex(
      crypto::hmac_sha256(literal_bytes("Jefe"), literal_bytes("what do ya want for nothing?")),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
  constexpr crypto::hmac_sha256_key jefe(literal_bytes("Jefe"));  // a key built at compile time
  STATIC_REQUIRE(equals_hex(jefe.sign(literal_bytes("what do ya want for nothing?")),
                            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
  STATIC_REQUIRE(equals_hex(
      portable_hmac_sha256(repeated<131>(0xaa),
                           literal_bytes("Test Using Larger Than Block-Size Key - Hash Key First")),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"));
}

TEST_CASE("constexpr: HMAC-SHA1, RFC 2202 case 2", "[crypto][constexpr]") {
  STATIC_REQUIRE(equals_hex(
      crypto::hmac_sha1(literal_bytes("Jefe"), literal_bytes("what do ya want for nothing?")),
      "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
}

TEST_CASE("constexpr: MD5, the RFC 1321 test suite", "[crypto][constexpr]") {
  STATIC_REQUIRE(equals_hex(crypto::md5(literal_bytes("")), "d41d8cd98f00b204e9800998ecf8427e"));
  STATIC_REQUIRE(equals_hex(crypto::md5(literal_bytes("a")), "0cc175b9c0f1b6a831c399e269772661"));
  STATIC_REQUIRE(equals_hex(crypto::md5(literal_bytes("abc")), "900150983cd24fb0d6963f7d28e17f72"));
  STATIC_REQUIRE(
      equals_hex(crypto::md5(literal_bytes("message digest")), "f96b697d7cb7938d525a2f31aaf161d0"));
  STATIC_REQUIRE(equals_hex(crypto::md5(literal_bytes("abcdefghijklmnopqrstuvwxyz")),
                            "c3fcd3d76192e4007dfb496cca67e13b"));
  STATIC_REQUIRE(equals_hex(
      crypto::md5(literal_bytes("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")),
      "d174ab98d277d9f5a5611c2c9f419d9f"));
  STATIC_REQUIRE(
      equals_hex(crypto::md5(std::string_view("1234567890123456789012345678901234567890"
                                              "1234567890123456789012345678901234567890")),
                 "57edf4a22be3c955ac49da2e2107b67a"));
}

TEST_CASE("constexpr: Content-MD5 text and its check", "[crypto][constexpr]") {
  STATIC_REQUIRE(crypto::content_md5(std::string_view()) ==
                 std::string_view("1B2M2Y8AsgTpgAmY7PhCfg=="));
  STATIC_REQUIRE(crypto::content_md5(literal_bytes("ObjectContent")) ==
                 std::string_view("mQ/fVh815F3k6TAUm8m0eg=="));
  STATIC_REQUIRE(crypto::check_content_md5("mQ/fVh815F3k6TAUm8m0eg==").has_value());
  STATIC_REQUIRE(!crypto::check_content_md5("mQ/fVh815F3k6TAUm8m0eg").has_value());
}
