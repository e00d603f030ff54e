// SPDX-License-Identifier: MIT
// Signing benchmarks: the seed requests of tests/unit/{oss,cos}/operations.cpp signed with each
// crypto provider, next to a *floor* per signature: only the hash and HMAC calls that signature
// needs, with the same provider, on the signer's own intermediate strings (so the number of
// SHA blocks is the same). bench/ratios.py divides one by the other: what the signer costs
// beyond the hashing it cannot avoid.
//
// Names: <what>/<provider>, floors <what>_floor/<provider>. "allocs" is operator new calls per
// iteration (bench/alloc_counter.hpp).
#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alloc_counter.hpp"
#include "objproc/cos/operations.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/oss/key_cache.hpp"
#include "objproc/oss/operations.hpp"
#if OBJPROC_BENCH_OPENSSL
#  include "objproc/adapters/openssl.hpp"
#endif

namespace oss = objproc::oss;
namespace ci = objproc::cos;
using objproc_bench::alloc_meter;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {

// The seed keys and time of signing.json.
const oss::credentials oss_keys{.access_key_id = "LTAI5tExampleAK",
                                .access_key_secret = "ExampleSecretKey123",
                                .security_token = ""};
const ci::credentials cos_keys{
    .secret_id = "AKIDExampleSecretId", .secret_key = "ExampleSecretKey456", .session_token = ""};
const sys_seconds seed_time{seconds{1795248000}};
constexpr seconds cos_expires{3600};

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "objproc bench setup failed: %s\n", what);
  std::abort();
}

// The value of a setup step that must succeed (by value: callers often pass a temporary).
template <class T>
T checked(objproc::result<T> r, const char* what) {
  if (!r) die(what);
  return std::move(*r);
}

// --- the seed requests, built once --------------------------------------------------------

const oss::endpoint& hangzhou() {
  static const oss::endpoint e = checked(oss::endpoint::for_region("cn-hangzhou"), "endpoint");
  return e;
}
const ci::endpoint& guangzhou() {
  static const ci::endpoint e = checked(ci::endpoint::for_region("ap-guangzhou"), "endpoint");
  return e;
}

// signing.json "oss-v4-header" / "oss-v1-header": the seed ProcessObject.
// A fresh request of the seed operation, as prepare() makes it (with its room for a signature).
objproc::http::request oss_prepare_seed() {
  static const oss::process_object op{
      .bucket = "examplebucket",
      .key = "exampledir/example.jpg",
      .process = checked(oss::parse_style("image/resize,m_fixed,w_100,h_100"), "style")};
  return checked(op.prepare(hangzhou()), "oss seed");
}

const objproc::http::request& oss_seed() {
  static const objproc::http::request p = oss_prepare_seed();
  return p;
}

const oss::presign_get& oss_presign_seed() {
  static const oss::presign_get op{
      .bucket = "examplebucket",
      .key = "photos/\xe7\x8c\xab cat+1.jpg",
      .process = checked(
          oss::parse_style("image/resize,m_fill,w_200,h_200/quality,q_80/format,webp"), "style"),
      .expires = seconds{3600}};
  return op;
}

// operations.json "cos-ci-image-process-seed".
objproc::http::request cos_prepare_seed() {
  static const ci::ci_image_process op{
      .bucket = "examplebucket-1250000000",
      .key = "local.jpg",
      .operations = {.is_pic_info = true,
                     .rules = {{.fileid = "format.png", .rule = "imageView2/format/png"}}}};
  return checked(op.prepare(guangzhou()), "cos seed");
}

const objproc::http::request& cos_seed() {
  static const objproc::http::request p = cos_prepare_seed();
  return p;
}

const ci::presign_get& cos_presign_seed() {
  static const ci::presign_get op{
      .bucket = "examplebucket-1250000000",
      .key = "dir/pic 1.jpg",
      .process = checked(ci::parse_rule("imageMogr2/thumbnail/!50p"), "rule"),
      .expires = seconds{600}};
  return op;
}

// The signer's view of an OSS request (as the signers build it; kept here so the bench depends
// on public members only).
struct oss_view {
  explicit oss_view(const objproc::http::request& p)
      : query(p.query_fields()), headers(p.header_fields()) {
    input = oss::signing_input{.method = objproc::http::to_string(p.method()),
                               .bucket = p.resource().bucket,
                               .key = p.resource().key,
                               .query = query,
                               .headers = headers};
  }
  oss_view(const oss_view&) = delete;
  oss_view& operator=(const oss_view&) = delete;
  std::vector<objproc::http::query_field> query;
  std::vector<objproc::http::header_field> headers;
  oss::signing_input input;
};

// --- the signers' intermediate strings (what the floors hash) -----------------------------

struct v4_intermediates {
  std::string canonical_request, string_to_sign, day, region;
};
struct v1_intermediates {
  std::string string_to_sign;
};
struct cos_intermediates {
  std::string http_string, string_to_sign, key_time;
};

const v4_intermediates& oss_v4_header_text() {
  static const v4_intermediates t = [] {
    const oss_view view(oss_seed());
    const auto& s = checked(oss::detail::sign_v4_header(view.input, oss_keys, "cn-hangzhou",
                                                        seed_time, objproc::crypto::portable{}),
                            "v4 header");
    if (s.signature.view() != "3fd1b4bd08dcb56e45d6ec12683ca9c2b442185981d5fb430d9453cc845ac6ff")
      die("the seed V4 signature differs from signing.json");
    return v4_intermediates{s.canonical_request, s.string_to_sign, "20261121", "cn-hangzhou"};
  }();
  return t;
}

const v1_intermediates& oss_v1_header_text() {
  static const v1_intermediates t = [] {
    const oss_view view(oss_seed());
    const auto& s = checked(
        oss::detail::sign_v1_header(view.input, oss_keys, seed_time, objproc::crypto::portable{}),
        "v1");
    return v1_intermediates{s.string_to_sign};
  }();
  return t;
}

// The request oss::presign signs, rebuilt the same way, for its intermediates.
const v4_intermediates& oss_v4_query_text() {
  static const v4_intermediates t = [] {
    const auto& op = oss_presign_seed();
    const auto prepared = checked(op.prepare(hangzhou()), "prepare");
    const oss_view view(prepared);
    const auto& s =
        checked(oss::detail::sign_v4_query(view.input, oss_keys, "cn-hangzhou", seed_time,
                                           op.expires, objproc::crypto::portable{}),
                "v4 query");
    if (s.signature.view() != "e13b2d410ffbd50767f6dc554faf84890dcc5ea6f89ecb56f77d583ad3fd1e84")
      die("the seed presigned V4 signature differs from signing.json");
    return v4_intermediates{s.canonical_request, s.string_to_sign, "20261121", "cn-hangzhou"};
  }();
  return t;
}

const cos_intermediates& cos_header_text() {
  static const cos_intermediates t = [] {
    const auto& p = cos_seed();
    const auto query = p.query_fields();
    const auto headers = p.header_fields();
    const ci::signing_input input{.method = objproc::http::to_string(p.method()),
                                  .key = p.resource().key,
                                  .query = query,
                                  .headers = headers};
    const auto& s = checked(
        ci::detail::sign(input, cos_keys, seed_time, cos_expires, objproc::crypto::portable{}),
        "cos");
    if (s.signature.view() != "150940accd12fd2a73f9475466303b9f4b96cf2a")
      die("the seed COS signature differs from signing.json");
    return cos_intermediates{s.http_string, s.string_to_sign, s.key_time};
  }();
  return t;
}

const cos_intermediates& cos_query_text() {
  static const cos_intermediates t = [] {
    const auto& op = cos_presign_seed();
    const auto prepared = checked(op.prepare(guangzhou()), "prepare");
    const auto query = prepared.query_fields();
    const auto headers = prepared.header_fields();
    const ci::signing_input input{
        .method = "GET", .key = prepared.resource().key, .query = query, .headers = headers};
    const auto& s = checked(
        ci::detail::sign(input, cos_keys, seed_time, op.expires, objproc::crypto::portable{},
                         ci::sign_options{.placement = ci::signature_placement::query}),
        "cos query");
    if (s.signature.view() != "4740dd0fa72048e630309be620611dc97acf39bd")
      die("the seed presigned COS signature differs from signing.json");
    return cos_intermediates{s.http_string, s.string_to_sign, s.key_time};
  }();
  return t;
}

// --- floors ---------------------------------------------------------------------------------

// The four HMACs deriving a V4 signing key; the prefixed secret is prepared by the caller.
template <class Crypto>
bool v4_derive_floor(const Crypto& crypto, std::span<const std::byte> prefixed_secret,
                     const v4_intermediates& t, objproc::sha256_digest& key) {
  using objproc::as_bytes;
  bool ok = static_cast<bool>(crypto.hmac_sha256(prefixed_secret, as_bytes(t.day), key));
  for (const std::string_view part : {std::string_view(t.region), std::string_view("oss"),
                                      std::string_view("aliyun_v4_request")}) {
    objproc::sha256_digest next{};
    ok &= static_cast<bool>(crypto.hmac_sha256(key, as_bytes(part), next));
    key = next;
  }
  return ok;
}

// SHA-256(canonical request), then HMAC-SHA256(key, string to sign) [after deriving the key].
template <class Crypto>
void v4_floor(benchmark::State& state, const v4_intermediates& t, bool cold) {
  const Crypto crypto{};
  const std::string prefixed = "aliyun_v4" + std::string(oss_keys.access_key_secret);
  objproc::sha256_digest key{};
  if (!v4_derive_floor(crypto, objproc::as_bytes(prefixed), t, key)) die("derive");
  for (auto _ : state) {
    if (cold && !v4_derive_floor(crypto, objproc::as_bytes(prefixed), t, key)) die("derive");
    objproc::sha256_digest hash{}, mac{};
    if (!crypto.sha256(objproc::as_bytes(t.canonical_request), hash)) die("sha256");
    benchmark::DoNotOptimize(hash);
    if (!crypto.hmac_sha256(key, objproc::as_bytes(t.string_to_sign), mac)) die("hmac");
    benchmark::DoNotOptimize(mac);
  }
}

// COS: SHA-1(HttpString), SignKey = HMAC-SHA1(secret, KeyTime), HMAC-SHA1(hex SignKey,
// StringToSign).
template <class Crypto>
void cos_floor(benchmark::State& state, const cos_intermediates& t) {
  const Crypto crypto{};
  using objproc::as_bytes;
  for (auto _ : state) {
    objproc::sha1_digest hash{}, sign_key{}, mac{};
    if (!crypto.sha1(as_bytes(t.http_string), hash)) die("sha1");
    benchmark::DoNotOptimize(hash);
    if (!crypto.hmac_sha1(as_bytes(cos_keys.secret_key), as_bytes(t.key_time), sign_key))
      die("hmac");
    const auto sign_key_hex = objproc::hex_digest(sign_key);  // the key is its 40 hex digits
    if (!crypto.hmac_sha1(as_bytes(sign_key_hex.view()), as_bytes(t.string_to_sign), mac))
      die("hmac");
    benchmark::DoNotOptimize(mac);
  }
}

// --- benchmarks -----------------------------------------------------------------------------

template <class Crypto>
void oss_v4_sign(benchmark::State& state) {
  const Crypto crypto{};
  const auto& prepared = oss_seed();
  const alloc_meter meter;
  for (auto _ : state) {
    auto signed_request = oss::sign(prepared, oss_keys, seed_time, crypto);
    if (!signed_request) die("oss::sign");
    benchmark::DoNotOptimize(signed_request);
  }
  meter.report(state);
  state.SetItemsProcessed(state.iterations());
}

template <class Crypto>
void oss_v4_sign_floor(benchmark::State& state) {
  v4_floor<Crypto>(state, oss_v4_header_text(), true);
}

// The cached-key path: a full signed descriptor with the key from a caller-owned
// oss::v4_key_cache (one per thread: each benchmark thread has its own). After the first call
// every lookup is a hit.
template <class Crypto>
void oss_v4_sign_cached(benchmark::State& state) {
  const Crypto crypto{};
  const auto& prepared = oss_seed();
  oss::v4_key_cache cache;
  const alloc_meter meter;
  for (auto _ : state) {
    auto signed_request =
        oss::sign(prepared, oss_keys, seed_time, crypto, oss::v4_signer{.cache = &cache});
    if (!signed_request) die("oss::sign with a cache");
    benchmark::DoNotOptimize(signed_request);
  }
  meter.report(state);
  state.SetItemsProcessed(state.iterations());
}

template <class Crypto>
void oss_v4_sign_cached_floor(benchmark::State& state) {
  v4_floor<Crypto>(state, oss_v4_header_text(), false);
}

// A cache hit alone: what oss_v4_sign_cached pays for the lookup (day, region and product
// compares and a constant-time compare of the secret with the copy the cache holds).
template <class Crypto>
void oss_v4_cache_hit(benchmark::State& state) {
  const Crypto crypto{};
  oss::v4_key_cache cache;
  if (!cache.key(oss_keys, seed_time, "cn-hangzhou", crypto)) die("cache");
  const alloc_meter meter;
  for (auto _ : state) {
    auto key = cache.key(oss_keys, seed_time, "cn-hangzhou", crypto);
    if (!key) die("cache");
    benchmark::DoNotOptimize(key);
  }
  meter.report(state);
}

// What a call returns, as the argument of emplace_back: g++ then builds the element from the
// call's result in place (as `auto r = sign(...)` does), where push_back(sign(...)) would move
// the 576-byte result once more, which a caller does not pay. (clang still moves.)
template <class F>
struct returned_by {
  F call;
  operator decltype(call())() const { return call(); }  // NOLINT(google-explicit-constructor)
};
template <class F>
returned_by(F) -> returned_by<F>;

// Signing in place: an rvalue request (a prepared request about to be sent) is signed without
// a copy of its text or body. Each signature takes a freshly prepared request; they are
// prepared in batches with the timer paused, so only the signing is timed (and its allocations
// counted). The results must be what signing the const seed gives.
template <class Crypto, class Prepare, class Sign>
void sign_in_place(benchmark::State& state, const Prepare& prepare, const Sign& sign) {
  const Crypto crypto{};
  const auto expected = checked(sign(prepare(), crypto), "first signature");
  constexpr std::size_t batch = 256;
  std::vector<objproc::http::request> fresh;
  std::vector<objproc::result<objproc::http::request>> signed_requests;
  fresh.reserve(batch);
  signed_requests.reserve(batch);
  const auto check = [&] {
    for (const auto& r : signed_requests)
      if (*r != expected) die("signing in place differs from signing a copy");
  };
  const auto refill = [&] {
    check();
    signed_requests.clear();
    fresh.clear();
    for (std::size_t i = 0; i < batch; ++i) fresh.push_back(prepare());
  };
  refill();
  std::size_t next = 0;
  alloc_meter meter;
  for (auto _ : state) {
    if (next == batch) {
      state.PauseTiming();
      meter.pause();
      refill();
      meter.resume();
      state.ResumeTiming();
      next = 0;
    }
    signed_requests.emplace_back(
        returned_by{[&] { return sign(std::move(fresh[next++]), crypto); }});
    if (!signed_requests.back()) die("sign in place");
  }
  meter.report(state);
  check();
  state.SetItemsProcessed(state.iterations());
}

template <class Crypto>
void oss_v4_sign_cached_in_place(benchmark::State& state) {
  oss::v4_key_cache cache;
  sign_in_place<Crypto>(state, oss_prepare_seed,
                        [&](objproc::http::request&& r, const Crypto& crypto) {
                          return oss::sign(std::move(r), oss_keys, seed_time, crypto,
                                           oss::v4_signer{.cache = &cache});
                        });
}

template <class Crypto>
void oss_v1_sign_in_place(benchmark::State& state) {
  sign_in_place<Crypto>(
      state, oss_prepare_seed, [](objproc::http::request&& r, const Crypto& crypto) {
        return oss::sign(std::move(r), oss_keys, seed_time, crypto, oss::v1_signer{});
      });
}

template <class Crypto>
void cos_sign_in_place(benchmark::State& state) {
  sign_in_place<Crypto>(state, cos_prepare_seed,
                        [](objproc::http::request&& r, const Crypto& crypto) {
                          return ci::sign(std::move(r), cos_keys, seed_time, crypto,
                                          ci::signer{.lifetime = cos_expires});
                        });
}

template <class Crypto>
void oss_v1_sign(benchmark::State& state) {
  const Crypto crypto{};
  const auto& prepared = oss_seed();
  const alloc_meter meter;
  for (auto _ : state) {
    auto signed_request = oss::sign(prepared, oss_keys, seed_time, crypto, oss::v1_signer{});
    if (!signed_request) die("oss::sign v1");
    benchmark::DoNotOptimize(signed_request);
  }
  meter.report(state);
}

template <class Crypto>
void oss_v1_sign_floor(benchmark::State& state) {
  const Crypto crypto{};
  const auto& t = oss_v1_header_text();
  for (auto _ : state) {
    objproc::sha1_digest mac{};
    if (!crypto.hmac_sha1(objproc::as_bytes(oss_keys.access_key_secret),
                          objproc::as_bytes(t.string_to_sign), mac))
      die("hmac");
    benchmark::DoNotOptimize(mac);
  }
}

template <class Crypto>
void oss_presign_v4(benchmark::State& state) {
  const Crypto crypto{};
  const auto& op = oss_presign_seed();
  const alloc_meter meter;
  for (auto _ : state) {
    auto url = oss::presign(op, hangzhou(), oss_keys, seed_time, crypto);
    if (!url) die("oss::presign");
    benchmark::DoNotOptimize(url);
  }
  meter.report(state);
}

template <class Crypto>
void oss_presign_v4_floor(benchmark::State& state) {
  v4_floor<Crypto>(state, oss_v4_query_text(), true);
}

// The presigned URL written into a caller's buffer: no heap (target 0 allocations).
template <class Crypto>
void oss_presign_to_v4(benchmark::State& state) {
  const Crypto crypto{};
  const auto& op = oss_presign_seed();
  const auto request = checked(op.prepare(hangzhou()), "prepare");
  std::array<char, 1024> url{};
  const alloc_meter meter;
  for (auto _ : state) {
    auto n = oss::v4_signer{}.presign_to(url, request, oss_keys, seed_time, op.expires, crypto);
    if (!n) die("oss::presign_to");
    benchmark::DoNotOptimize(url.data());
    benchmark::DoNotOptimize(n);
  }
  meter.report(state);
}

template <class Crypto>
void oss_presign_to_v4_floor(benchmark::State& state) {
  v4_floor<Crypto>(state, oss_v4_query_text(), true);
}

template <class Crypto>
void oss_presign_to_v4_cached(benchmark::State& state) {
  const Crypto crypto{};
  const auto& op = oss_presign_seed();
  const auto request = checked(op.prepare(hangzhou()), "prepare");
  oss::v4_key_cache cache;
  const oss::v4_signer signer{.cache = &cache};
  std::array<char, 1024> url{};
  const alloc_meter meter;
  for (auto _ : state) {
    auto n = signer.presign_to(url, request, oss_keys, seed_time, op.expires, crypto);
    if (!n) die("oss::presign_to with a cache");
    benchmark::DoNotOptimize(url.data());
    benchmark::DoNotOptimize(n);
  }
  meter.report(state);
}

template <class Crypto>
void oss_presign_to_v4_cached_floor(benchmark::State& state) {
  v4_floor<Crypto>(state, oss_v4_query_text(), false);
}

template <class Crypto>
void cos_sign(benchmark::State& state) {
  const Crypto crypto{};
  const auto& prepared = cos_seed();
  const alloc_meter meter;
  for (auto _ : state) {
    auto signed_request =
        ci::sign(prepared, cos_keys, seed_time, crypto, ci::signer{.lifetime = cos_expires});
    if (!signed_request) die("cos::sign");
    benchmark::DoNotOptimize(signed_request);
  }
  meter.report(state);
}

template <class Crypto>
void cos_sign_floor(benchmark::State& state) {
  cos_floor<Crypto>(state, cos_header_text());
}

template <class Crypto>
void cos_presign(benchmark::State& state) {
  const Crypto crypto{};
  const auto& op = cos_presign_seed();
  const alloc_meter meter;
  for (auto _ : state) {
    auto url = ci::presign(op, guangzhou(), cos_keys, seed_time, crypto);
    if (!url) die("cos::presign");
    benchmark::DoNotOptimize(url);
  }
  meter.report(state);
}

template <class Crypto>
void cos_presign_floor(benchmark::State& state) {
  cos_floor<Crypto>(state, cos_query_text());
}

// The presigned URL written into a caller's buffer: no heap (target 0 allocations).
template <class Crypto>
void cos_presign_to(benchmark::State& state) {
  const Crypto crypto{};
  const auto& op = cos_presign_seed();
  const auto request = checked(op.prepare(guangzhou()), "prepare");
  std::array<char, 1024> url{};
  const alloc_meter meter;
  for (auto _ : state) {
    auto n = ci::signer{}.presign_to(url, request, cos_keys, seed_time, op.expires, crypto);
    if (!n) die("cos::presign_to");
    benchmark::DoNotOptimize(url.data());
    benchmark::DoNotOptimize(n);
  }
  meter.report(state);
}

template <class Crypto>
void cos_presign_to_floor(benchmark::State& state) {
  cos_floor<Crypto>(state, cos_query_text());
}

// Registers every signing benchmark and its floor for one provider.
template <class Crypto>
void register_provider(const char* provider) {
  const auto add = [provider](const char* name, void (*fn)(benchmark::State&)) {
    return benchmark::RegisterBenchmark((std::string(name) + "/" + provider).c_str(), fn);
  };
  add("oss_v4_sign", oss_v4_sign<Crypto>);
  add("oss_v4_sign_floor", oss_v4_sign_floor<Crypto>);
  add("oss_v4_sign_cached", oss_v4_sign_cached<Crypto>);
  add("oss_v4_sign_cached_floor", oss_v4_sign_cached_floor<Crypto>);
  add("oss_v4_cache_hit", oss_v4_cache_hit<Crypto>);
  add("oss_v4_sign_cached_in_place", oss_v4_sign_cached_in_place<Crypto>);
  add("oss_v1_sign", oss_v1_sign<Crypto>);
  add("oss_v1_sign_in_place", oss_v1_sign_in_place<Crypto>);
  add("oss_v1_sign_floor", oss_v1_sign_floor<Crypto>);
  add("oss_presign_v4", oss_presign_v4<Crypto>);
  add("oss_presign_v4_floor", oss_presign_v4_floor<Crypto>);
  add("oss_presign_to_v4", oss_presign_to_v4<Crypto>);
  add("oss_presign_to_v4_floor", oss_presign_to_v4_floor<Crypto>);
  add("oss_presign_to_v4_cached", oss_presign_to_v4_cached<Crypto>);
  add("oss_presign_to_v4_cached_floor", oss_presign_to_v4_cached_floor<Crypto>);
  add("cos_sign", cos_sign<Crypto>);
  add("cos_sign_floor", cos_sign_floor<Crypto>);
  add("cos_sign_in_place", cos_sign_in_place<Crypto>);
  add("cos_presign", cos_presign<Crypto>);
  add("cos_presign_floor", cos_presign_floor<Crypto>);
  add("cos_presign_to", cos_presign_to<Crypto>);
  add("cos_presign_to_floor", cos_presign_to_floor<Crypto>);
  // Shared credentials and request, one signer and key cache per thread: throughput should
  // double on two cores (no locks, nothing written that another thread reads).
  add("threads_oss_v4_sign_cached", oss_v4_sign_cached<Crypto>)
      ->Threads(1)
      ->Threads(2)
      ->UseRealTime();
}

[[maybe_unused]] const bool registered = [] {
  register_provider<objproc::crypto::portable>("portable");
#if OBJPROC_BENCH_OPENSSL
  register_provider<objproc::openssl::crypto>("openssl");
#endif
  return true;
}();

}  // namespace
