// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/crypto/sha256.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

#include "unit/crypto/known_answers.hpp"

namespace {

using known_answers::pattern;
using known_answers::to_hex;
using objproc::crypto::sha256_context;

static_assert(std::is_trivially_copyable_v<sha256_context>, "contexts are forked by copying");
static_assert(sha256_context::block_size == 64 && sha256_context::digest_size == 32);

struct length_case {
  std::size_t length;
  std::string_view sha256_hex;  // of pattern(length), computed with Python's hashlib
};

// Lengths around the padding boundaries: 55 is the longest message padded within one block,
// 56..63 spill the length into a second block, 64 fills a block exactly.
constexpr length_case boundary_cases[] = {
    {0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {1, "ca358758f6d27e6cf45272937977a748fd88391db679ceda7dc7bf1f005ee879"},
    {55, "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b"},
    {56, "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63"},
    {57, "5b46e502092be01b1100193e089fdda95638c12e19a1d24f308eb2c3d3ae849d"},
    {63, "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076"},
    {64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd"},
    {65, "788367c73c7ddf4c53f65e68cc0d943e6227ab55b0e78ba63ace822b1c6301c0"},
    {119, "3d610547d68216dedf7435a4fb6260353911f6b3fd3f18805ddb8be285d726fe"},
    {120, "1f80156a804cb7862ad113e8200e9d74499723e7c7854d5f48776d3148e09656"},
    {127, "192409cd280e14b743642ad1343fbd3e82d9305de72c078117745a679210cc3d"},
    {128, "cc548ca2dec1f6fe4f58b2e27aa9c7521607df1130d140b55a4dad0665302356"},
    {129, "81e89a7b2911aaa7795f9e3d4910cb47d6cd2b00d83b8399481527261a1a7519"},
    {1000, "5097e7d587352f5097062ae679f37bda5802d9f875aba14c8cb4d1a188ada179"},
};

/// The expected digest of pattern(length), for a length in boundary_cases.
std::string_view expected_hex(std::size_t length) {
  for (const length_case& c : boundary_cases) {
    if (c.length == length) return c.sha256_hex;
  }
  FAIL("no expected digest for length " << length);
  return {};
}

}  // namespace

TEST_CASE("sha256: one shot at the padding boundaries", "[crypto][sha256]") {
  for (const length_case& c : boundary_cases) {
    INFO("length " << c.length);
    const auto message = pattern(c.length);
    CHECK(to_hex(objproc::crypto::sha256(message)) == c.sha256_hex);
  }
}

TEST_CASE("sha256: two updates split at every position", "[crypto][sha256]") {
  for (const length_case& c : boundary_cases) {
    const auto message = pattern(c.length);
    const std::span<const std::byte> whole(message);
    for (std::size_t split = 0; split <= c.length; ++split) {
      INFO("length " << c.length << ", split at " << split);
      sha256_context context;
      context.update(whole.first(split));
      context.update(whole.subspan(split));
      CHECK(context.size() == c.length);
      CHECK(to_hex(context.finish()) == c.sha256_hex);
    }
  }
}

TEST_CASE("sha256: three updates split at every pair of positions", "[crypto][sha256]") {
  const auto message = pattern(130);
  const std::span<const std::byte> whole(message);
  const auto expected = objproc::crypto::sha256(whole);
  for (std::size_t first = 0; first <= whole.size(); ++first) {
    for (std::size_t second = first; second <= whole.size(); ++second) {
      sha256_context context;
      context.update(whole.first(first));
      context.update(whole.subspan(first, second - first));
      context.update(whole.subspan(second));
      if (context.finish() != expected) FAIL("split at " << first << " and " << second);
    }
  }
  SUCCEED();
}

TEST_CASE("sha256: fixed-size chunks, including one byte at a time", "[crypto][sha256]") {
  const auto message = pattern(1000);
  const std::span<const std::byte> whole(message);
  for (std::size_t chunk = 1; chunk <= 130; ++chunk) {
    INFO("chunk " << chunk);
    sha256_context context;
    for (std::size_t at = 0; at < whole.size(); at += chunk) {
      context.update(whole.subspan(at, std::min(chunk, whole.size() - at)));
    }
    CHECK(to_hex(context.finish()) == expected_hex(1000));
  }
}

TEST_CASE("sha256: finish resets the context for the next message", "[crypto][sha256]") {
  sha256_context context;
  CHECK(to_hex(context.finish()) == expected_hex(0));
  context.update(known_answers::bytes("abc"));
  CHECK(to_hex(context.finish()) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(context.size() == 0);
  context.update(known_answers::bytes("ab"));
  context.reset();
  context.update(known_answers::bytes("abc"));
  objproc::sha256_digest out{};
  context.finish(out);
  CHECK(to_hex(out) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256: a copy forks the stream", "[crypto][sha256]") {
  const auto message = pattern(129);
  const std::span<const std::byte> whole(message);
  sha256_context prefix;
  prefix.update(whole.first(70));
  sha256_context fork = prefix;
  fork.update(whole.subspan(70));
  CHECK(to_hex(fork.finish()) == expected_hex(129));
  prefix.update(whole.subspan(70, 50));
  CHECK(to_hex(prefix.finish()) == expected_hex(120));  // the first 120 bytes
}

TEST_CASE("sha256: resume from a saved chaining state", "[crypto][sha256]") {
  const auto message = pattern(1000);
  const std::span<const std::byte> whole(message);
  sha256_context first_part;
  first_part.update(whole.first(128));
  REQUIRE(first_part.at_block_boundary());
  const sha256_context::chaining_state saved = first_part.chaining();

  sha256_context resumed(saved, 2);
  CHECK(resumed.size() == 128);
  resumed.update(whole.subspan(128));
  CHECK(to_hex(resumed.finish()) == expected_hex(1000));

  first_part.update(whole.first(1));
  CHECK_FALSE(first_part.at_block_boundary());
}

TEST_CASE("sha256: the bare compression function", "[crypto][sha256]") {
  // "abc" padded by hand: one block, so compress() alone produces the digest's words.
  std::array<std::byte, 64> block{};
  block[0] = std::byte{'a'};
  block[1] = std::byte{'b'};
  block[2] = std::byte{'c'};
  block[3] = std::byte{0x80};
  block[63] = std::byte{24};  // the length in bits
  sha256_context::chaining_state state = sha256_context::initial_state;
  sha256_context::compress(state, block);
  CHECK(state == sha256_context::chaining_state{0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
                                                0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad});

  // compress_blocks over whole blocks is update() without the buffering.
  const auto message = pattern(200);
  sha256_context::chaining_state by_blocks = sha256_context::initial_state;
  sha256_context::compress_blocks(by_blocks, message);  // the trailing 8 bytes are ignored
  sha256_context streamed;
  streamed.update(std::span<const std::byte>(message).first(192));
  CHECK(by_blocks == streamed.chaining());

  CHECK(sha256_context::blocks_for(0) == 1);
  CHECK(sha256_context::blocks_for(55) == 1);
  CHECK(sha256_context::blocks_for(56) == 2);
  CHECK(sha256_context::blocks_for(64) == 2);
  CHECK(sha256_context::blocks_for(119) == 2);
  CHECK(sha256_context::blocks_for(120) == 3);
}
