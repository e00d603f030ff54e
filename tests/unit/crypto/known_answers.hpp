// SPDX-License-Identifier: MIT
// tests/unit/crypto/known_answers.hpp - published test vectors, checked against any provider.
//
//   TEST_CASE("my provider") { known_answers::check_known_answers(my_provider{}); }
// FIPS 180 (NIST CSRC examples) for SHA-1 and SHA-256, RFC 2202 for HMAC-SHA1 and RFC 4231 for
// HMAC-SHA256, every case. Expected values are the published ones (re-checked with Python's
// hashlib/hmac). Also holds the small byte helpers the crypto tests share.
#ifndef OBJPROC_TESTS_UNIT_CRYPTO_KNOWN_ANSWERS_HPP
#define OBJPROC_TESTS_UNIT_CRYPTO_KNOWN_ANSWERS_HPP

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "objproc/core/result.hpp"
#include "objproc/crypto/concepts.hpp"

namespace known_answers {

using byte_vector = std::vector<std::byte>;

[[nodiscard]] inline byte_vector bytes(std::string_view text) {
  byte_vector out(text.size());
  std::transform(text.begin(), text.end(), out.begin(),
                 [](char c) { return static_cast<std::byte>(c); });
  return out;
}

[[nodiscard]] inline byte_vector repeated(unsigned char value, std::size_t count) {
  return byte_vector(count, std::byte{value});
}

/// `count` bytes of a fixed, non-repeating-looking pattern: byte i is (i * multiplier + offset).
[[nodiscard]] inline byte_vector pattern(std::size_t count, unsigned multiplier = 31,
                                         unsigned offset = 7) {
  byte_vector out(count);
  for (std::size_t i = 0; i < count; ++i) {
    out[i] = static_cast<std::byte>(i * multiplier + offset);
  }
  return out;
}

[[nodiscard]] inline std::string to_hex(std::span<const std::byte> data) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (const std::byte b : data) {
    out += digits[std::to_integer<unsigned>(b) >> 4];
    out += digits[std::to_integer<unsigned>(b) & 0xf];
  }
  return out;
}

[[nodiscard]] inline byte_vector from_hex(std::string_view hex) {
  const auto nibble = [](char c) -> unsigned {
    return c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>(c - 'a' + 10);
  };
  byte_vector out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::byte>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return out;
}

struct hash_case {
  std::string_view name;
  byte_vector message;
  std::string_view sha1_hex;
  std::string_view sha256_hex;
};

struct hmac_case {
  std::string_view name;
  byte_vector key;
  byte_vector message;
  std::string_view expected_hex;  // the published tag; possibly truncated (RFC 4231 case 5)
};

[[nodiscard]] inline std::vector<hash_case> fips180_cases() {
  return {
      {"empty",
       {},
       "da39a3ee5e6b4b0d3255bfef95601890afd80709",
       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", bytes("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d",
       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"448 bits", bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
       "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"896 bits",
       bytes("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
             "klmnopqrlmnopqrsmnopqrstnopqrstu"),
       "a49b2446a02c645bf419f995b67091253a04a259",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
      {"one million 'a'", repeated('a', 1'000'000), "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
}

[[nodiscard]] inline std::vector<hmac_case> rfc2202_hmac_sha1_cases() {
  return {
      {"RFC 2202 case 1", repeated(0x0b, 20), bytes("Hi There"),
       "b617318655057264e28bc0b6fb378c8ef146be00"},
      {"RFC 2202 case 2", bytes("Jefe"), bytes("what do ya want for nothing?"),
       "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
      {"RFC 2202 case 3", repeated(0xaa, 20), repeated(0xdd, 50),
       "125d7342b9ac11cd91a39af48aa17b4f63f175d3"},
      {"RFC 2202 case 4", from_hex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
       repeated(0xcd, 50), "4c9007f4026250c6bc8414f9bf50c86c2d7235da"},
      {"RFC 2202 case 5", repeated(0x0c, 20), bytes("Test With Truncation"),
       "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"},
      {"RFC 2202 case 6", repeated(0xaa, 80),
       bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
       "aa4ae5e15272d00e95705637ce8a3b55ed402112"},
      {"RFC 2202 case 7", repeated(0xaa, 80),
       bytes("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
       "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"},
  };
}

[[nodiscard]] inline std::vector<hmac_case> rfc4231_hmac_sha256_cases() {
  return {
      {"RFC 4231 case 1", repeated(0x0b, 20), bytes("Hi There"),
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"RFC 4231 case 2", bytes("Jefe"), bytes("what do ya want for nothing?"),
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"RFC 4231 case 3", repeated(0xaa, 20), repeated(0xdd, 50),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {"RFC 4231 case 4", from_hex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
       repeated(0xcd, 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      // Published truncated to 128 bits: only the first 16 bytes are compared.
      {"RFC 4231 case 5", repeated(0x0c, 20), bytes("Test With Truncation"),
       "a3b6167473100ee06e0c796c2955552b"},
      {"RFC 4231 case 6", repeated(0xaa, 131),
       bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {"RFC 4231 case 7", repeated(0xaa, 131),
       bytes("This is a test using a larger than block-size key and a larger than block-size "
             "data. The key needs to be hashed before being used by the HMAC algorithm."),
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
}

/// The hex of `digest`, cut to the length of `expected_hex` (for truncated published tags).
[[nodiscard]] inline std::string truncated_hex(std::span<const std::byte> digest,
                                               std::string_view expected_hex) {
  return to_hex(digest.first(std::min(digest.size(), expected_hex.size() / 2)));
}

/// Every published vector above through `provider`; each failure names its case.
template <class Provider>
void check_known_answers(const Provider& provider) {
  static_assert(objproc::crypto_provider<Provider>, "check_known_answers needs a provider");

  SECTION("FIPS 180 SHA-1") {
    for (const hash_case& c : fips180_cases()) {
      INFO(c.name);
      objproc::sha1_digest digest{};
      const objproc::result<void> status = provider.sha1(c.message, digest);
      CHECK(status.has_value());
      CHECK(to_hex(digest) == c.sha1_hex);
    }
  }
  SECTION("FIPS 180 SHA-256") {
    for (const hash_case& c : fips180_cases()) {
      INFO(c.name);
      objproc::sha256_digest digest{};
      const objproc::result<void> status = provider.sha256(c.message, digest);
      CHECK(status.has_value());
      CHECK(to_hex(digest) == c.sha256_hex);
    }
  }
  SECTION("RFC 2202 HMAC-SHA1") {
    for (const hmac_case& c : rfc2202_hmac_sha1_cases()) {
      INFO(c.name);
      objproc::sha1_digest tag{};
      const objproc::result<void> status = provider.hmac_sha1(c.key, c.message, tag);
      CHECK(status.has_value());
      CHECK(truncated_hex(tag, c.expected_hex) == c.expected_hex);
    }
  }
  SECTION("RFC 4231 HMAC-SHA256") {
    for (const hmac_case& c : rfc4231_hmac_sha256_cases()) {
      INFO(c.name);
      objproc::sha256_digest tag{};
      const objproc::result<void> status = provider.hmac_sha256(c.key, c.message, tag);
      CHECK(status.has_value());
      CHECK(truncated_hex(tag, c.expected_hex) == c.expected_hex);
    }
  }
}

}  // namespace known_answers

#endif  // OBJPROC_TESTS_UNIT_CRYPTO_KNOWN_ANSWERS_HPP
