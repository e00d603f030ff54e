// SPDX-License-Identifier: MIT
// The header under test comes first: it must compile on its own.
#include "objproc/crypto/sha1.hpp"

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
using objproc::crypto::sha1_context;

static_assert(std::is_trivially_copyable_v<sha1_context>, "contexts are forked by copying");
static_assert(sha1_context::block_size == 64 && sha1_context::digest_size == 20);

struct length_case {
  std::size_t length;
  std::string_view sha1_hex;  // of pattern(length), computed with Python's hashlib
};

// Lengths around the padding boundaries: 55 is the longest message padded within one block,
// 56..63 spill the length into a second block, 64 fills a block exactly.
constexpr length_case boundary_cases[] = {
    {0, "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
    {1, "5d1be7e9dda1ee8896be5b7e34a85ee16452a7b4"},
    {55, "749bbefb28edc4638b28b2b9a9e03ab9a4032b90"},
    {56, "a5b6e9c29d201c774753ff8e7fb64931656f5e63"},
    {57, "eb0737bed5451790722b2df351829ce117e3d9dd"},
    {63, "d1a454409359fc372b4d22b3cea6488d6ba1be00"},
    {64, "39a0d8b645ad85f1f976731ed112ac9455e28b78"},
    {65, "d0c96e18890114a14716e9686528d2e3fdba8d9e"},
    {119, "562ecf8a430f8e1056e3619bae33628e9a1d0a4e"},
    {120, "353f6d2bf0e91aa91b74a2e0b3f297510f7d825f"},
    {127, "bebc42d2d3d1e5fb8ad8895c2dcef2d68a6c279a"},
    {128, "0060f2a7e34b6e4d459f560197ef93243732a400"},
    {129, "3a16082d1bf09b604907ec6908b9893ca3e937c0"},
    {1000, "414475341017ec91703435a6f290324818f983e9"},
};

/// The expected digest of pattern(length), for a length in boundary_cases.
std::string_view expected_hex(std::size_t length) {
  for (const length_case& c : boundary_cases) {
    if (c.length == length) return c.sha1_hex;
  }
  FAIL("no expected digest for length " << length);
  return {};
}

}  // namespace

TEST_CASE("sha1: one shot at the padding boundaries", "[crypto][sha1]") {
  for (const length_case& c : boundary_cases) {
    INFO("length " << c.length);
    const auto message = pattern(c.length);
    CHECK(to_hex(objproc::crypto::sha1(message)) == c.sha1_hex);
  }
}

TEST_CASE("sha1: two updates split at every position", "[crypto][sha1]") {
  for (const length_case& c : boundary_cases) {
    const auto message = pattern(c.length);
    const std::span<const std::byte> whole(message);
    for (std::size_t split = 0; split <= c.length; ++split) {
      INFO("length " << c.length << ", split at " << split);
      sha1_context context;
      context.update(whole.first(split));
      context.update(whole.subspan(split));
      CHECK(context.size() == c.length);
      CHECK(to_hex(context.finish()) == c.sha1_hex);
    }
  }
}

TEST_CASE("sha1: three updates split at every pair of positions", "[crypto][sha1]") {
  const auto message = pattern(130);
  const std::span<const std::byte> whole(message);
  const auto expected = objproc::crypto::sha1(whole);
  for (std::size_t first = 0; first <= whole.size(); ++first) {
    for (std::size_t second = first; second <= whole.size(); ++second) {
      sha1_context context;
      context.update(whole.first(first));
      context.update(whole.subspan(first, second - first));
      context.update(whole.subspan(second));
      if (context.finish() != expected) FAIL("split at " << first << " and " << second);
    }
  }
  SUCCEED();
}

TEST_CASE("sha1: fixed-size chunks, including one byte at a time", "[crypto][sha1]") {
  const auto message = pattern(1000);
  const std::span<const std::byte> whole(message);
  for (std::size_t chunk = 1; chunk <= 130; ++chunk) {
    INFO("chunk " << chunk);
    sha1_context context;
    for (std::size_t at = 0; at < whole.size(); at += chunk) {
      context.update(whole.subspan(at, std::min(chunk, whole.size() - at)));
    }
    CHECK(to_hex(context.finish()) == expected_hex(1000));
  }
}

TEST_CASE("sha1: finish resets the context for the next message", "[crypto][sha1]") {
  sha1_context context;
  CHECK(to_hex(context.finish()) == expected_hex(0));
  context.update(known_answers::bytes("abc"));
  CHECK(to_hex(context.finish()) == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(context.size() == 0);
  context.update(known_answers::bytes("ab"));
  context.reset();
  context.update(known_answers::bytes("abc"));
  objproc::sha1_digest out{};
  context.finish(out);
  CHECK(to_hex(out) == "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST_CASE("sha1: a copy forks the stream", "[crypto][sha1]") {
  const auto message = pattern(129);
  const std::span<const std::byte> whole(message);
  sha1_context prefix;
  prefix.update(whole.first(70));
  sha1_context fork = prefix;
  fork.update(whole.subspan(70));
  CHECK(to_hex(fork.finish()) == expected_hex(129));
  prefix.update(whole.subspan(70, 50));
  CHECK(to_hex(prefix.finish()) == expected_hex(120));  // the first 120 bytes
}

TEST_CASE("sha1: resume from a saved chaining state", "[crypto][sha1]") {
  const auto message = pattern(1000);
  const std::span<const std::byte> whole(message);
  sha1_context first_part;
  first_part.update(whole.first(128));
  REQUIRE(first_part.at_block_boundary());
  const sha1_context::chaining_state saved = first_part.chaining();

  sha1_context resumed(saved, 2);
  CHECK(resumed.size() == 128);
  resumed.update(whole.subspan(128));
  CHECK(to_hex(resumed.finish()) == expected_hex(1000));

  first_part.update(whole.first(1));
  CHECK_FALSE(first_part.at_block_boundary());
}

TEST_CASE("sha1: the bare compression function", "[crypto][sha1]") {
  // "abc" padded by hand: one block, so compress() alone produces the digest's words.
  std::array<std::byte, 64> block{};
  block[0] = std::byte{'a'};
  block[1] = std::byte{'b'};
  block[2] = std::byte{'c'};
  block[3] = std::byte{0x80};
  block[63] = std::byte{24};  // the length in bits
  sha1_context::chaining_state state = sha1_context::initial_state;
  sha1_context::compress(state, block);
  CHECK(state ==
        sha1_context::chaining_state{0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c, 0x9cd0d89d});

  // compress_blocks over whole blocks is update() without the buffering.
  const auto message = pattern(200);
  sha1_context::chaining_state by_blocks = sha1_context::initial_state;
  sha1_context::compress_blocks(by_blocks, message);  // the trailing 8 bytes are ignored
  sha1_context streamed;
  streamed.update(std::span<const std::byte>(message).first(192));
  CHECK(by_blocks == streamed.chaining());

  CHECK(sha1_context::blocks_for(0) == 1);
  CHECK(sha1_context::blocks_for(55) == 1);
  CHECK(sha1_context::blocks_for(56) == 2);
  CHECK(sha1_context::blocks_for(64) == 2);
  CHECK(sha1_context::blocks_for(119) == 2);
  CHECK(sha1_context::blocks_for(120) == 3);
}
