// SPDX-License-Identifier: MIT
// The foundation at work: the pieces a signer is made of, with no dependency at all.
// Encodes a saveas target the way OSS wants it, hashes and MACs with the built-in provider
// (also at compile time), formats the signing dates, and shows what a decoding error says.
#include <objproc/objproc.hpp>

#include <chrono>
#include <cstdio>
#include <string>

int main() {
  using namespace std::chrono;
  namespace op = objproc;

  // sys/saveas values are URL-safe base64 without padding.
  const std::string object = op::to_base64("exampledir/resized.jpg", op::base64_alphabet::url_safe,
                                           op::base64_padding::unpadded);
  std::printf("saveas o_%s\n", object.c_str());

  // A strict decoder names the problem and where it is.
  const auto bad = op::from_base64("ZXhh*bXBs", op::base64_alphabet::url_safe,
                                   op::base64_padding_policy::optional);
  if (!bad) std::printf("decoding \"ZXhh*bXBs\": %s\n", op::to_string(bad.error()).c_str());

  // HMAC-SHA256 with the built-in provider; the same code runs in constant evaluation.
  const op::crypto::portable crypto;
  const auto mac = op::crypto::hmac_sha256(
      crypto, op::as_bytes("key"), op::as_bytes("The quick brown fox jumps over the lazy dog"));
  if (!mac) return 1;
  std::printf("hmac-sha256 %s\n", op::hex_digest(*mac).c_str());

  // The signers' date formats, without the heap.
  const sys_seconds t{seconds{1795248000}};
  std::printf("x-oss-date %s (V4), %s (V1); scope date %s\n",
              op::format_iso8601_basic(t).value().c_str(), op::format_rfc1123(t).value().c_str(),
              op::format_yyyymmdd(t).value().c_str());
  return bad.has_value() ? 1 : 0;
}
